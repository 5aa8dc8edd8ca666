"""What changed since a past import: the "since" picker (?since=YYYY-MM-DDTHH:MM:SS, the moment of a
past write) and the changes grouped as turned worse, turned better and newly reported, each a link to
its target.

The statuses then come from the status log every write appends to (queries/schema/04_status.sql,
queries/changes_since.sql): "since a write" compares the status just before it with the status now,
so that write's changes are among those shown. Shared by the overview and meeting mode.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import streamlit as st

from components import data, fmt, frame, url_state
from components.downloads import table_downloads
from components.i18n import pick, t
from components.safe import md, t_md
from tracker import statuses

PARAM = "since"
GROUPS = ("worse", "better", "new", "gone")
SHOWN = 8            # items listed per group; the download holds them all


@data.per_snapshot
def moments(plan_id: str, lang: str = "zh") -> dict[str, str]:
    """The writes that changed a status of the plan, newest first: their moment (to the second, as
    ?since= takes it) → the picker's label (when, and the file or kind of batch)."""
    found = data.q("change_moments", plan_id=plan_id)
    out: dict[str, str] = {}
    for r in found.to_dict("records"):
        at = pd.Timestamp(r["logged_at"]).floor("s")
        what = r["file_name"] if isinstance(r["file_name"], str) and r["file_name"] else t(f"changes.batch.{r['kind']}", lang)
        out.setdefault(at.strftime("%Y-%m-%dT%H:%M:%S"), t("changes.since_option", lang, when=at.strftime("%Y-%m-%d %H:%M"),
                                                           what=what))
    return out


def since_picker(plan_id: str, lang: str, *, key: str, container=None) -> tuple[str | None, str | None]:
    """The "changes since" picker, kept in ?since=: the moment of a past write (its changes and every
    later one are shown). Returns (the moment or None, bad URL text or None)."""
    found = moments(plan_id, lang)
    options = ["", *found]
    label = {"": t("changes.since_none", lang)} | found
    chosen, bad = url_state.selectbox(t("changes.since", lang), options, param=PARAM, key=key, default="",
                                      format_func=label.get, container=container)
    return (chosen or None), bad


def shown_moment(moment: str) -> str:
    return moment.replace("T", " ")[:16]


@dataclass(frozen=True)
class Item:
    label: str                 # Markdown, outside text escaped
    params: dict[str, str]     # the indicator page's query


@dataclass(frozen=True)
class Changes:
    moment: str                # as in ?since=
    groups: dict[str, tuple[Item, ...]]
    counts: dict[str, int]
    table: pd.DataFrame        # every change, for the download

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def area_rows(found: pd.DataFrame, area_code: str | None) -> pd.DataFrame:
    """A district's own rows, or (the whole city) the city's and the region's."""
    if area_code:
        return found[found["area_code"] == area_code]
    return found[found["area_kind"].isin(["city", "region"])]


def item_label(row: Mapping[str, Any], lang: str) -> str:
    area = pick(row, "area_name", lang) or row["area_code"]
    now = statuses.badge(row["status_now"], lang) if row["status_now"] else "—"
    if row["change"] == "new":
        return t_md("changes.item_new", lang, id=row["indicator_id"], name=pick(row, "name", lang), area=area, now=now)
    before = statuses.badge(row["status_before"], lang) if row["status_before"] else "—"
    return t_md("changes.item", lang, id=row["indicator_id"], name=pick(row, "name", lang), area=area,
                before=before, now=now)


def table(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every change, for reading elsewhere: codes and words in ``lang``."""
    records = found.to_dict("records")

    def word(code: Any) -> str:
        return statuses.label(code, lang) if isinstance(code, str) else ""
    return pd.DataFrame({
        t("changes.col.change", lang): [t(f"changes.kind.{c}", lang) for c in found["change"]],
        "indicator_id": found["indicator_id"],
        t("changes.col.target", lang): [pick(r, "name", lang) for r in records],
        "area_code": found["area_code"],
        t("changes.col.area", lang): [pick(r, "area_name", lang) for r in records],
        t("changes.col.before", lang): found["status_before"].map(word),
        t("changes.col.now", lang): found["status_now"].map(word),
        t("changes.col.value_before", lang): found["value_before"].map(fmt.finite),
        t("changes.col.value_now", lang): found["value_now"].map(fmt.finite),
        t("changes.col.batch", lang): found["batch_id"],
    })


@data.per_snapshot
def changes(plan_id: str, moment: str, year: int | None, area_code: str | None, lang: str) -> Changes:
    since = dt.datetime.fromisoformat(moment) - dt.timedelta(microseconds=1)   # that write included
    found = area_rows(data.q("changes_since", plan_id=plan_id, since=since, year=year), area_code)
    groups: dict[str, tuple[Item, ...]] = {}
    for group in GROUPS:
        part = found[found["change"] == group]
        groups[group] = tuple(
            Item(item_label(r, lang), url_state.carried(lang, indicator=r["indicator_id"],
                                                        district=r["area_code"] if r["area_kind"] == "district" else None))
            for r in part.head(SHOWN).to_dict("records"))
    counts = {g: int((found["change"] == g).sum()) for g in GROUPS}
    return Changes(moment, groups, counts, table(found, lang))


def draw(view: Changes, lang: str, *, key: str, scope: str, links: bool = True) -> None:
    """The changes under one heading, a group per kind of change, each item a link to its target
    (``links`` False: plain lines and no download, for meeting mode, which has no other pages)."""
    st.header(t("changes.title", lang, date=shown_moment(view.moment)), anchor=False)
    if not view.total:
        st.info(t("changes.none", lang, date=shown_moment(view.moment)), icon=":material/history:")
        return
    st.caption(t("changes.lead" if links else "changes.lead_present", lang, scope=md(scope)))
    shown = [g for g in GROUPS if view.counts[g]]
    for column, group in zip(st.columns(len(shown)), shown):
        with column.container(border=True, key=f"{key}-{group}"):
            st.subheader(t(f"changes.{group}", lang, n=view.counts[group]), anchor=False)
            for item in view.groups[group]:
                if links:
                    frame.link("pages/indicator.py", item.label, query_params=item.params)
                else:
                    st.markdown(item.label)
            if view.counts[group] > len(view.groups[group]):
                st.caption(t("changes.more", lang, n=view.counts[group] - len(view.groups[group])))
    if links:
        table_downloads(view.table, f"changes-since-{view.moment[:10]}", lang, key=f"{key}_changes")
