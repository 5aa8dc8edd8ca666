"""The district page's pieces: picker, headline, status counts, strongest and weakest targets, the
scorecard, the shares of city totals, and the note on city-only targets.

The pure helpers (``Scorecard.from_frame``, ``status_counts``, ``best_and_worst``, ``scorecard_table``,
``shares_table``, ``export_table``) start from the frame of queries/district_scorecard.sql, turned into
plain rows once per run, and return plain values or display frames, so tests can check them without a
page. Status is always a word and an
icon; its colour is a third cue on a container's border (components/theme.py).
"""
from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import data, fmt, freshness, provenance, townships, url_state
from components.downloads import table_downloads
from components.frame import link
from components.i18n import pick, t
from components.safe import md, t_md
from components.theme import status_key
from tracker import judgement, statuses

OVERVIEW_PAGE = "pages/overview.py"
INDICATOR_PAGE = "pages/indicator.py"
MAP_PAGE = "pages/map.py"


# ---- pure helpers -------------------------------------------------------------------------------

_num, pct = fmt.finite, fmt.pct


Row = dict[str, Any]


def records(frame: pd.DataFrame) -> list[Row]:
    """Plain dicts, missing values as None (one conversion per run: row access on frames is slow)."""
    columns = list(frame.columns)
    return [{c: None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
             for c, v in zip(columns, row)} for row in frame.to_numpy(dtype=object)]


def plan_years(plan: Mapping[str, Any]) -> list[int]:
    """The plan's years from its first to the latest with data (none when there is no data)."""
    last = _num(plan.get("last_year"))
    return [] if last is None else list(range(int(plan["start_year"]), int(last) + 1))


def district_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """area_code → name for the districts, in the areas query's order."""
    return {row["area_code"]: pick(row, "name", lang) for row in records(areas) if row["kind"] == "district"}


@dataclass
class Scorecard:
    judged: list[Row]   # assessed in each district, worst first: status order, lowest score, action
    split: list[Row]    # city totals split by district (not judged per district), by action and id

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "Scorecard":
        rows = records(frame)
        judged = sorted((r for r in rows if r["is_judged"]), key=lambda r: (
            statuses.order(r["status"]), r["score"] is None, r["score"] or 0.0, r["action_no"], r["indicator_id"]))
        split = sorted((r for r in rows if not r["is_judged"]), key=lambda r: (r["action_no"], r["indicator_id"]))
        return cls(judged, split)


def status_counts(card: Scorecard) -> dict[str, int]:
    """Assessed targets per status, worst first, statuses with none left out."""
    counts = Counter(r["status"] for r in card.judged)
    return {code: counts[code] for code in statuses.ORDER if counts[code]}


def best_and_worst(card: Scorecard, n: int = 3) -> tuple[list[Row], list[Row]]:
    """The ``n`` strongest and ``n`` weakest scored targets: by score, then by the district's rank.

    With fewer than 2n scored targets the two lists split them, so none appears in both.
    """
    scored = [r for r in card.judged if r["score"] is not None]
    rank = lambda r: r["rank_in_districts"] if r["rank_in_districts"] is not None else math.inf  # noqa: E731
    best = sorted(scored, key=lambda r: (-r["score"], rank(r), r["indicator_id"]))
    worst = sorted(scored, key=lambda r: (r["score"], -rank(r), r["indicator_id"]))
    k = min(n, (len(scored) + 1) // 2)
    best = best[:k]
    taken = {r["indicator_id"] for r in best}
    worst = [r for r in worst if r["indicator_id"] not in taken][:min(n, len(scored) - k)]
    return best, worst


def rank_text(row: Mapping[str, Any], lang: str) -> str:
    rank, count = _num(row.get("rank_in_districts")), _num(row.get("count_ranked"))
    if rank is None or not count:
        return "—"
    return t("district.rank_of", lang, rank=int(rank), n=int(count))


def scorecard_table(card: Scorecard, lang: str) -> pd.DataFrame:
    """One display row per assessed target, worst first."""
    c = lambda key: t(f"district.col.{key}", lang)  # noqa: E731
    rows = [{
        c("status"): statuses.badge(row["status"], lang),
        c("indicator"): pick(row, "name", lang),
        c("value"): fmt.with_unit(row.get("value"), row, lang),
        c("target"): fmt.target(row, lang),
        c("progress"): pct(row.get("progress_pct")),
        c("elapsed"): pct(row.get("time_pct")),
        c("rank"): rank_text(row, lang),
        c("city"): fmt.with_unit(row.get("city_value"), row, lang),
        c("action"): int(row["action_no"]),
        c("id"): row["indicator_id"],
        c("updated"): freshness.updated_on(row) or "—",
    } for row in card.judged]
    return with_provenance(_without_elapsed(pd.DataFrame(rows), card, lang), card.judged, lang)


def _without_elapsed(table: pd.DataFrame, card: Scorecard, lang: str) -> pd.DataFrame:
    """No 序时进度 column in the target year (tracker/judgement.py), where no row has one."""
    if any(_num(row.get("time_pct")) is not None for row in card.judged):
        return table
    return table.drop(columns=[t("district.col.elapsed", lang)], errors="ignore")


def with_provenance(table: pd.DataFrame, rows: list[Row], lang: str) -> pd.DataFrame:
    """The table with each figure's kind (demo or imported), source and note (口径说明) beside it."""
    if not rows or "batch_kind" not in rows[0]:
        return table
    figures = pd.DataFrame(rows).rename(columns={"value_year": "year"})
    for name, values in provenance.columns(figures, lang).items():
        table[name] = values
    return table


def shares_table(card: Scorecard, lang: str) -> pd.DataFrame:
    """One display row per city total split by district: the district's figure and share."""
    c = lambda key: t(f"district.col.{key}", lang)  # noqa: E731
    rows = [{
        c("indicator"): pick(row, "name", lang),
        c("share"): pct(row.get("share_of_city_pct")),
        c("value"): fmt.with_unit(row.get("value"), row, lang),
        c("rank"): rank_text(row, lang),
        c("city"): fmt.with_unit(row.get("city_value"), row, lang),
        c("action"): int(row["action_no"]),
        c("id"): row["indicator_id"],
    } for row in card.split]
    return with_provenance(pd.DataFrame(rows), card.split, lang)


def export_table(card: Scorecard, district: str, year: int, lang: str) -> pd.DataFrame:
    """The whole scorecard for download: labels in ``lang``, numbers as numbers, units beside them."""
    c = lambda key: t(f"district.col.{key}", lang)  # noqa: E731
    rows = []
    for row in card.judged + card.split:
        is_judged = bool(row["is_judged"])
        rows.append({
            t("filter.district", lang): district,
            t("year.label", lang): year,
            c("id"): row["indicator_id"],
            c("action"): int(row["action_no"]),
            c("indicator"): pick(row, "name", lang),
            c("kind"): t("district.kind.judged" if is_judged else "district.kind.split", lang),
            c("status"): statuses.label(row["status"], lang) if is_judged else "",
            c("value"): _num(row.get("value")),
            t("col.unit", lang): fmt.unit(row, lang),
            c("target"): fmt.target(row, lang),
            c("progress"): _num(row.get("progress_pct")),
            c("elapsed"): _num(row.get("time_pct")),
            c("score"): _num(row.get("score")),
            c("rank"): _num(row.get("rank_in_districts")),
            c("city"): _num(row.get("city_value")),
            c("share"): _num(row.get("share_of_city_pct")),
            c("year"): _num(row.get("value_year")),
        })
    return with_provenance(_without_elapsed(pd.DataFrame(rows), card, lang), card.judged + card.split, lang)


# ---- widgets ------------------------------------------------------------------------------------

def picker(names: dict[str, str], lang: str, *, key: str = "district_pick", container=None):
    """One district (``?district=CODE``), the first by default. Returns (area_code, bad URL value)."""
    codes = list(names)
    return url_state.selectbox(t("district.picker", lang), codes, param="district", key=key,
                               default=codes[0], format_func=names.get, container=container)


def report_bad(lang: str, bad: str | None, city: str | None, shown: str) -> None:
    """The city's code is not a district: say so and point to the overview; anything else is unknown."""
    if bad is None:
        return
    if bad.strip() == city:
        st.info(t_md("district.is_city", lang, code=city, name=shown), icon=":material/location_city:")
        link(OVERVIEW_PAGE, t("back.overview", lang), icon=":material/arrow_back:",
             query_params=url_state.carried(lang))
        st.divider()
    else:
        url_state.report(lang, [("district", bad)])


# ---- what the page draws, prepared once per snapshot ------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One of the strongest or weakest targets."""
    key: str
    status: str          # the status as bold Markdown (icon and word)
    indicator_id: str
    label: str           # id · name: the link's text (Markdown, escaped)
    caption: str         # value, target, rank


@dataclass(frozen=True)
class Coverage:
    """A township-scoped target's coverage in the district: "x of y townships" and which are not."""
    key: str
    indicator_id: str
    label: str                 # id · name (Markdown, escaped)
    year: int                  # the year of the township rows shown (the latest up to the page's year)
    lines: tuple[str, ...]     # "x of y townships covered", then the uncovered names (escaped Markdown)


@dataclass(frozen=True)
class View:
    counts: dict[str, int]
    metrics: tuple[tuple[str, str, str | None], ...]   # (label, value, help) of the headline
    best: tuple[Item, ...]
    worst: tuple[Item, ...]
    scorecard: pa.Table | None          # None: no target scored in this district
    export: pd.DataFrame                # every row, for the downloads
    shares: pa.Table | None
    city_only: tuple[str, str, pa.Table] | None    # (note, expander label, table)
    coverage: tuple[Coverage, ...] = ()            # township-scoped targets with township rows


def lead(plan: Mapping[str, Any], name: str, year: int, lang: str) -> str:
    """The sentence under the title: completion in the target year, status and pace before it."""
    key = "district.lead_final" if judgement.is_final(year, plan["target_year"]) else "district.lead"
    return t_md(key, lang, name=name, year=year)


def headline_metrics(standing: Mapping[str, Any] | None, counts: dict[str, int],
                     lang: str) -> tuple[tuple[str, str, str | None], ...]:
    """Rank, mean score, how many targets are fine and how many need attention."""
    total = sum(counts.values())
    good = sum(n for code, n in counts.items() if code in statuses.GOOD)
    off = sum(n for code, n in counts.items() if statuses.is_off_track(code))
    rank = _num((standing or {}).get("rank_by_score"))
    score = _num((standing or {}).get("mean_score"))
    final = "_final" if any(code in statuses.VERDICTS and code != "no_data" for code in counts) else ""
    return (
        (t("district.rank", lang), "—" if rank is None else t(
            "district.rank_value", lang, rank=int(rank), n=int(standing["count_ranked"])), t("district.rank_help", lang)),
        (t("district.score", lang), "—" if score is None else fmt.number(score, 1), None),
        (t(f"district.good{final}", lang), t("district.of_targets", lang, n=good, total=total), None),
        (t(f"district.off{final}", lang), t("district.of_targets", lang, n=off, total=total), None),
    )


def item(row: Mapping[str, Any], lang: str, key: str) -> Item:
    code = row["status"]
    return Item(f"{key}{status_key(code)}", f"**{statuses.badge(code, lang)}**", row["indicator_id"],
                md(f"{row['indicator_id']} · {pick(row, 'name', lang)}"),
                t_md("district.item", lang, value=fmt.with_unit(row.get("value"), row, lang),
                  target=fmt.target(row, lang), rank=rank_text(row, lang)))


def city_only_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame([{
        t("district.col.id", lang): row["indicator_id"],
        t("district.col.indicator", lang): pick(row, "name", lang),
        t("district.col.scope", lang): t(f"scope.{row['scope']}", lang),
        t("district.col.action", lang): int(row["action_no"]),
    } for row in records(frame)])


def build(card: Scorecard, standing: Mapping[str, Any] | None, city_only_frame: pd.DataFrame, name: str,
          year: int, lang: str) -> View:
    """Everything the page draws for one district and year (a pure function)."""
    counts = status_counts(card)
    best, worst = best_and_worst(card)
    table, split = scorecard_table(card, lang), shares_table(card, lang)
    only = None
    if not city_only_frame.empty:
        n = len(city_only_frame)
        only = (t("district.city_only", lang, n=n), t("district.city_only_list", lang, n=n),
                data.arrow(city_only_table(city_only_frame, lang)))
    return View(counts=counts, metrics=headline_metrics(standing, counts, lang),
                best=tuple(item(r, lang, f"district-best-{i}") for i, r in enumerate(best)),
                worst=tuple(item(r, lang, f"district-worst-{i}") for i, r in enumerate(worst)),
                scorecard=None if table.empty else data.arrow(table), export=export_table(card, name, year, lang),
                shares=None if split.empty else data.arrow(split), city_only=only)


@data.per_snapshot
def view(plan_id: str, district: str, year: int, name: str, lang: str) -> View:
    """The page for one district and year, once per snapshot."""
    card = Scorecard.from_frame(data.q("district_scorecard", plan_id=plan_id, district=district, year=year))
    standing = (data.rows("district_standing", plan_id=plan_id, year=year, district=district) or [None])[0]
    built = build(card, standing, data.q("district_city_only", plan_id=plan_id), name, year, lang)
    return dataclasses.replace(built, coverage=coverage_items(card, district, year, lang))


def coverage_items(card: Scorecard, district: str, year: int, lang: str) -> tuple[Coverage, ...]:
    """Each township-scoped target of the scorecard with township rows for the district up to
    ``year``, in catalogue order: its "x of y townships" and the townships not yet covered."""
    figures = townships.totals(district, year)
    out = []
    for row in sorted(card.judged, key=lambda r: (r["action_no"], r["indicator_id"])):
        found = figures.get(row["indicator_id"])
        if row.get("scope") != "township_share" or found is None:
            continue
        lines = townships.summary_md(row["indicator_id"], district, year, lang)
        if lines:
            out.append(Coverage(f"district-townships-{row['indicator_id']}", row["indicator_id"],
                                md(f"{row['indicator_id']} · {pick(row, 'name', lang)}"), int(found["year"]), lines))
    return tuple(out)


@data.per_snapshot
def names_for(lang: str) -> dict[str, str]:
    """area_code → name for the districts, in the areas query's order (shared: do not change)."""
    return district_names(data.q("areas"), lang)


# ---- sections -----------------------------------------------------------------------------------

def headline(v: View) -> None:
    with st.container(horizontal=True, key="district-headline", gap="small"):
        for label, value, help_text in v.metrics:
            st.metric(label, value, help=help_text, border=True)


def counts_row(v: View, lang: str) -> None:
    st.markdown(f"**{t('district.counts', lang, n=sum(v.counts.values()))}**")
    with st.container(horizontal=True, key="district-counts", gap="small"):
        for code, n in v.counts.items():
            with st.container(border=True, key=f"district-count{status_key(code)}", width=150):
                st.metric(statuses.badge(code, lang), n)


def _item(it: Item, links: Mapping[str, str]) -> None:
    with st.container(border=True, key=it.key):
        st.markdown(it.status)
        if not link(INDICATOR_PAGE, it.label, query_params={"indicator": it.indicator_id, **links}):
            st.markdown(it.label)
        st.caption(it.caption)


def best_worst(v: View, lang: str, links: Mapping[str, str]) -> None:
    if not v.best and not v.worst:
        st.caption(t("district.none_scored", lang))
        return
    with st.container(horizontal=True, key="district-bestworst-grid-", gap="medium"):
        for title, items, name in (("district.best", v.best, "best"), ("district.worst", v.worst, "worst")):
            with st.container(key=f"district-{name}"):
                st.header(t(title, lang), help=t("district.best_help", lang))
                for it in items:
                    _item(it, links)


def text_px(text: str, size_px: float = 14) -> float:
    """About how wide ``text`` is drawn in a table cell: CJK glyphs 1 em, others about 0.55 em."""
    return sum(size_px if ord(ch) >= 0x2E80 else 0.55 * size_px for ch in str(text))


def fitted_columns(table, keep: str, cap_px: int = 360) -> dict:
    """Column widths that show every cell whole ("≥ 14,000元/年", not "≥ 14,000 yu"), each column
    as wide as its widest cell or heading (up to ``cap_px``); ``keep`` (the names) stays large."""
    out = {}
    for name in table.column_names:
        if name == keep:
            out[name] = st.column_config.Column(width="large")
            continue
        cells = [name, *(v for v in table.column(name).to_pylist() if v is not None)]
        out[name] = st.column_config.Column(width=int(min(cap_px, max(text_px(c) for c in cells) + 28)))
    return out


def scorecard(v: View, lang: str) -> None:
    st.header(t("district.scorecard", lang), help=t("district.scorecard_help", lang))
    if v.scorecard is None:
        st.caption(t("district.none_scored", lang))
        return
    st.dataframe(v.scorecard, hide_index=True, width="stretch", height="content", key="district_scorecard",
                 column_config=fitted_columns(v.scorecard, t("district.col.indicator", lang)))


def coverage(v: View, district: str, lang: str, links: Mapping[str, str]) -> None:
    """Township coverage targets: "x of y townships covered" and the townships not yet covered,
    with a way to the map screen for the district."""
    if not v.coverage:
        return
    st.header(t("townships.section", lang), anchor=False, help=t("townships.section_help", lang))
    for c in v.coverage:
        with st.container(border=True, key=c.key):
            st.markdown(f"**{c.label}** · {t('townships.as_of', lang, year=c.year)}")
            st.markdown(c.lines[0])
            for line in c.lines[1:]:
                st.caption(line)
            link(MAP_PAGE, t("townships.on_map", lang), icon=":material/map:",
                 query_params={**links, "indicator": c.indicator_id, "district": district, "year": str(c.year)})


def shares(v: View, name: str, lang: str) -> None:
    if v.shares is None:
        return
    st.header(t("district.shares", lang))
    st.caption(t("district.shares_help", lang, name=name))
    st.dataframe(v.shares, hide_index=True, width="stretch", key="district_shares",
                 column_config={t("district.col.indicator", lang): st.column_config.TextColumn(width="large")})


def city_only(v: View, lang: str) -> None:
    """Say plainly that these targets have no district figures, and list them on request."""
    if v.city_only is None:
        return
    note, label, table = v.city_only
    st.info(note, icon=":material/info:")
    with st.expander(label):
        st.dataframe(table, hide_index=True, width="stretch")
        table_downloads(table.to_pandas, t("overview.city_only_file", lang), lang, "district_city_only")
