"""What changed since a past import: the "since" picker (?since=YYYY-MM-DDTHH:MM:SS, the moment of a
past write) and the changes grouped as turned worse, turned better and newly reported, each a link to
its target.

The changes themselves are tracker/views/changes.py's, read "inclusive": since a write compares the
status just before it with the status now, so that write's changes are among those shown. This module
only draws them: links, counts and the download. Shared by the overview and meeting mode.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components import data, frame, url_state
from components.downloads import table_downloads
from components.i18n import t
from components.safe import md, t_md
from tracker import statuses, views
from tracker.views.changes import GROUPS

PARAM = "since"
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


def item_label(change: views.Change, lang: str) -> str:
    """'ID name · area: before → now' ('… area: now' for a new one) as Markdown, outside text escaped."""
    if change.group == "new":
        return t_md("changes.item_new", lang, id=change.indicator_id, name=change.name, area=change.area_name,
                    now=change.now_text)
    return t_md("changes.item", lang, id=change.indicator_id, name=change.name, area=change.area_name,
                before=change.before_text, now=change.now_text)


def table(found: views.Changes, lang: str) -> pd.DataFrame:
    """Every change, for reading elsewhere: codes and words in ``lang``, values as numbers."""
    items = found.items

    def word(code: str | None) -> str:
        return statuses.label(code, lang) if code else ""
    return pd.DataFrame({
        t("changes.col.change", lang): [t(f"changes.kind.{c.group}", lang) for c in items],
        "indicator_id": [c.indicator_id for c in items],
        t("changes.col.target", lang): [c.name for c in items],
        "area_code": [c.area_code for c in items],
        t("changes.col.area", lang): [c.area_name for c in items],
        t("changes.col.before", lang): [word(c.status_before) for c in items],
        t("changes.col.now", lang): [word(c.status_now) for c in items],
        t("changes.col.value_before", lang): [c.value_before for c in items],
        t("changes.col.value_now", lang): [c.value_now for c in items],
        t("changes.col.batch", lang): [c.batch_id for c in items],
    })


@data.per_snapshot
def changes(plan_id: str, moment: str, year: int | None, area_code: str | None, lang: str) -> Changes:
    """The changes since the write at ``moment`` (that write included) for the area shown."""
    found = views.changes_since(plan_id, dt.datetime.fromisoformat(moment), year, area_code, lang, inclusive=True,
                                run=data.q)
    groups = {group: tuple(Item(item_label(c, lang), url_state.carried(lang, indicator=c.indicator_id,
                                                                        district=c.district))
                           for c in found.group(group)[:SHOWN])
              for group in GROUPS}
    return Changes(moment, groups, found.counts, table(found, lang))


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
