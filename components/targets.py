"""The action page's pieces: a card per target, and the selected target's trend, districts and wording.

Cards show the target, the latest figure as of the chosen year, the status (icon and word; colour
only on the card's edge) and a sparkline. Each card's button (key ``card_<indicator_id>``) selects
that target and records it in the URL (``?indicator=ID``), so a tap is enough and a link reopens it.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import streamlit as st

from components import charts, data, fmt, status_ui, url_state
from components.i18n import pick, t
from components.downloads import table_downloads
from components.safe import md, t_md
from tracker import statuses

INDICATOR_PAGE = "pages/indicator.py"
_CJK = re.compile(r"[\u3400-\u9fff]")


# ---- pure helpers -------------------------------------------------------------------------------



def finite(x: Any) -> float | None:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def note_text(note: Any, lang: str) -> str:
    """The catalogue's notes read 'Chinese / English': the half for ``lang`` ('' when there is none)."""
    if note is None or (isinstance(note, float) and math.isnan(note)) or not str(note).strip():
        return ""
    zh, sep, en = str(note).partition(" / ")
    if lang == "en":
        return en.strip() if sep else ("" if _CJK.search(zh) else zh.strip())
    return zh.strip()


def pct(x: Any) -> str:
    value = finite(x)
    return "—" if value is None else f"{fmt.number(value, 0)}%"


def is_qualitative(row: Mapping[str, Any]) -> bool:
    return row.get("comparator") == "qualitative" or row.get("measure") == "qualitative"


def latest_text(row: Mapping[str, Any], lang: str) -> str:
    """The card's 'latest' line, as of the status year: a level, a running total or a mean growth."""
    year = finite(row.get("status_year"))
    if year is None:
        return t("action.card.latest_none", lang)
    if is_qualitative(row):
        return t("action.card.latest_milestone", lang, year=int(year), stage=statuses.label(row["status"], lang))
    value = finite(row.get("value"))
    if value is None:
        return t("action.card.latest_none", lang)
    shown = fmt.with_unit(value, row, lang)
    base = int(row["baseline_year"])
    if row.get("measure") == "count_new":
        return t("action.card.latest_total", lang, base=base + 1, year=int(year), value=shown)
    if row.get("measure") == "growth_rate":
        return t("action.card.latest_growth", lang, base=base + 1, year=int(year), value=shown)
    return t("action.card.latest", lang, year=int(year), value=shown)


def series_by_target(series: pd.DataFrame) -> dict[tuple[str, str], pd.DataFrame]:
    """action_series rows split by (indicator_id, area_code)."""
    return {key: frame for key, frame in series.groupby(["indicator_id", "area_code"], sort=False)}


def row_for(targets: pd.DataFrame, indicator_id: str) -> dict[str, Any]:
    """The action_targets row of one target, as a plain dict."""
    return targets.loc[targets["indicator_id"] == indicator_id].iloc[0].to_dict()


def points_for(series: pd.DataFrame, row: Mapping[str, Any]) -> pd.DataFrame | None:
    """The series rows of a target in the area its card shows (None when there are none)."""
    points = series[(series["indicator_id"] == row["indicator_id"]) & (series["area_code"] == row["area_code"])]
    return points.sort_values("year") if len(points) else None


def first_in_source(actions: pd.DataFrame) -> int:
    """The default action: the first one the source text covers (actions 1–3 are not in it)."""
    covered = actions.loc[actions["in_source"].astype(bool), "action_no"]
    return int(covered.min() if len(covered) else actions["action_no"].min())


def _column(rows: pd.DataFrame | Any, name: str) -> list:
    """One column of a frame or of a sequence of row dicts."""
    return rows[name].tolist() if isinstance(rows, pd.DataFrame) else [r[name] for r in rows]


def shown_area_name(targets: pd.DataFrame | Any, asked: str, names: Mapping[str, str]) -> str:
    """The area the counts describe: the one asked for when any card shows it, else the areas shown
    instead (a district with no figures of its own for this action). ``targets``: frame or rows."""
    shown = list(dict.fromkeys(_column(targets, "area_code")))
    if asked in shown or not shown:
        return names.get(asked, asked)
    return " / ".join(names.get(code, code) for code in shown)


def status_counts(targets: pd.DataFrame | Any) -> dict[str, int]:
    """How many targets hold each status, worst first, statuses with none left out (frame or rows)."""
    counts = Counter(_column(targets, "status"))
    return {code: counts[code] for code in statuses.ORDER if counts[code]}


@dataclass(frozen=True)
class ActionMenu:
    by_no: dict[int, dict[str, Any]]   # action_no → its row of the actions query
    labels: dict[int, str]             # the picker's option labels
    headings: dict[int, str]           # the page title for each action
    summaries: dict[int, str]          # each action's summary, escaped ('' when none)
    default: int                       # the first action the source covers


@data.per_snapshot
def action_menu(plan_id: str, lang: str) -> ActionMenu:
    """The actions of a plan as the picker and the title show them, once per snapshot."""
    actions = data.q("actions", plan_id=plan_id)
    by_no = {int(a["action_no"]): a for a in data.rows("actions", plan_id=plan_id)}
    return ActionMenu(
        by_no=by_no,
        labels={no: t("action.option", lang, no=no, name=pick(a, "name", lang)) for no, a in by_no.items()},
        headings={no: t_md("action.heading", lang, no=no, name=pick(a, "name", lang)) for no, a in by_no.items()},
        summaries={no: md(pick(a, "summary", lang)) if pick(a, "summary", lang) else "" for no, a in by_no.items()},
        default=first_in_source(actions))


def pace_text(row: Mapping[str, Any], lang: str) -> str:
    achieved, needed = finite(row.get("achieved_annual_change")), finite(row.get("required_annual_change"))
    if achieved is None or needed is None or row.get("status") == "achieved":
        return ""
    if row.get("method") == "cagr" or row.get("measure") == "growth_rate":
        return t("action.detail.pace_pct", lang, a=f"{fmt.number(achieved, 1)}%", r=f"{fmt.number(needed, 1)}%")
    return t("action.detail.pace", lang, a=fmt.with_unit(achieved, row, lang), r=fmt.with_unit(needed, row, lang))


def district_table(districts: pd.DataFrame, row: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """One row per district with a value: name, value with unit, status (icon and word), progress."""
    shown = districts[pd.notna(districts["value"])]
    return pd.DataFrame({
        t("action.col.area", lang): [pick(r, "area_name", lang) for r in shown.to_dict("records")],
        t("action.col.value", lang): [fmt.with_unit(v, row, lang) for v in shown["value"]],
        t("action.col.status", lang): [statuses.badge(c, lang) for c in shown["status"]],
        t("action.col.progress", lang): [pct(v) for v in shown["progress_pct"]],
        t("action.col.time", lang): [pct(v) for v in shown["time_pct"]],
    })


def milestone_table(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    codes = charts.milestone_codes(points)
    return pd.DataFrame({
        t("col.year", lang): points["year"].astype(int).tolist(),
        t("action.col.stage", lang): [statuses.badge(c, lang) if isinstance(c, str) else "—" for c in codes],
    })


def link_params(indicator_id: str, lang: str) -> dict[str, str]:
    return url_state.carried(lang, indicator=indicator_id)


# ---- on screen ----------------------------------------------------------------------------------

_CHART_FIELDS = ("indicator_id", "comparator", "target_value", "target_high", "target_year", "baseline_year",
                 "direction", "measure", "unit_zh", "unit_en")
_BUILDERS = {"series": charts.series_chart, "district_bar": charts.district_bar}


@functools.lru_cache(maxsize=2048)
def _spec(kind: str, columns: tuple, rows: tuple, fields: tuple, args: tuple, kwargs: tuple) -> dict:
    """A chart's Vega-Lite spec, built once per input and shared by every session. A pure function of
    its arguments (the data itself is the key). Callers must not change the dict (Streamlit copies
    it before use)."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    return _BUILDERS[kind](frame, dict(fields), *args, **dict(kwargs))


def _key(values) -> tuple:
    """Values usable as a cache key: NaN (never equal to itself) becomes None."""
    return tuple(None if isinstance(v, float) and math.isnan(v) else v for v in values)


def chart_spec(kind: str, frame: pd.DataFrame, row: Mapping[str, Any], *args: Any, usermeta: dict | None = None,
               **kwargs: Any) -> dict:
    """``charts.<kind>(frame, row, *args, **kwargs)`` as a spec through the spec cache, with ``usermeta``."""
    fields = tuple(zip(_CHART_FIELDS, _key(row.get(f) for f in _CHART_FIELDS)))
    rows = tuple(_key(r) for r in frame.itertuples(index=False, name=None))
    spec = _spec(kind, tuple(frame.columns), rows, fields, _key(args), tuple(sorted(kwargs.items())))
    return {**spec, "usermeta": usermeta or {}}


def show_chart(kind: str, frame: pd.DataFrame, row: Mapping[str, Any], *args: Any, container=None,
               usermeta: dict | None = None, key: str | None = None, height: int | None = None, **kwargs: Any) -> None:
    """Draw ``charts.<kind>(frame, row, *args, **kwargs)`` through the spec cache."""
    spec = chart_spec(kind, frame, row, *args, usermeta=usermeta, **kwargs)
    (container or st).vega_lite_chart(spec=spec, width="stretch", key=key, **({"height": height} if height else {}))


def badge(code: str, lang: str, container=None, suffix: str = "") -> None:
    """The status as a coloured badge, icon and word in its text (st.badge's ``icon`` takes only emoji
    or material icons, so status_ui.badge fails on '▲'; the colours are status_ui's)."""
    (container or st).badge(statuses.badge(code, lang) + suffix, color=status_ui._BADGE_COLOR.get(code, "gray"))


def _select(indicator_id: str) -> None:
    st.query_params["indicator"] = indicator_id


def status_summary(targets: pd.DataFrame | list, year: int | None, area_name: str, lang: str) -> None:
    """'9 targets, as of 2025:' and one badge per status with its count, worst first (one Markdown)."""
    n = len(targets)
    if year is None:
        st.caption(t("action.counts_nodata", lang, n=n))
    else:
        st.caption(t_md("action.counts", lang, n=n, year=year, area=area_name))
    counts = status_counts(targets)
    if counts:
        st.markdown(" ".join(status_ui.badge_md(code, lang, suffix=f" {count}") for code, count in counts.items()))


# ---- the cards: computed once per snapshot, drawn with four or five elements each -------------------

@dataclass(frozen=True)
class Card:
    """What one card draws: all of it text or a ready chart spec, shared by every session."""
    indicator_id: str
    key: str                 # the container's key: the theme colours its edge by status
    body: str                # name, target, status badge and latest figure as one Markdown
    spec: dict | None        # the sparkline (None: too few points, or a qualitative target)
    note: str | None         # city-only / region-only caption


def card_body(row: Mapping[str, Any], lang: str) -> str:
    """The card's text in one Markdown: the name in bold, the target in grey, the status badge (icon
    and word), the latest figure. Catalogue text is escaped (shown as typed, never as markup)."""
    target = t("action.card.target", lang, target=fmt.target(row, lang), year=int(row["target_year"]))
    return "  \n".join((f"**{md(pick(row, 'name', lang))}**", f":small[:gray[{md(target)}]]",
                         status_ui.badge_md(row["status"], lang), md(latest_text(row, lang))))


def card_note(row: Mapping[str, Any], lang: str) -> str | None:
    if not bool(row.get("is_city_only")):
        return None
    return t("action.card.region_only" if row.get("scope") == "region" else "action.card.city_only", lang)


def sparkline_spec(row: Mapping[str, Any], pairs: list[tuple[Any, Any]] | None) -> dict | None:
    """The card's sparkline spec with its ``usermeta``, or None when there is nothing to draw."""
    if not pairs or is_qualitative(row) or sum(finite(v) is not None for _, v in pairs) < 2:
        return None
    spec = charts.sparkline(pairs, row, row["status"])
    spec["usermeta"] = {"chart": "sparkline", "indicator_id": row["indicator_id"]}
    return spec


def series_pairs(series_rows: Any) -> dict[tuple[str, str], list[tuple[Any, Any]]]:
    """action_series rows as (year, plot_value) pairs per (indicator_id, area_code), by year."""
    out: dict[tuple[str, str], list[tuple[Any, Any]]] = {}
    for r in sorted(series_rows, key=lambda r: r["year"]):
        out.setdefault((r["indicator_id"], r["area_code"]), []).append((r["year"], r["plot_value"]))
    return out


def build_cards(targets: Any, series_rows: Any, lang: str) -> tuple[Card, ...]:
    """Every card of an action from action_targets and action_series rows (a pure function)."""
    pairs = series_pairs(series_rows)
    return tuple(Card(r["indicator_id"], f"target-{r['indicator_id']}-is-{r['status']}-", card_body(r, lang),
                      sparkline_spec(r, pairs.get((r["indicator_id"], r["area_code"]))), card_note(r, lang))
                 for r in targets)


@data.per_snapshot
def action_cards(plan_id: str, action_no: int, year: int | None, area_code: str | None,
                 lang: str) -> tuple[Card, ...]:
    """The cards of one action as the page's filters ask, once per snapshot."""
    params = dict(plan_id=plan_id, action_no=action_no, year=year, area_code=area_code)
    return build_cards(data.rows("action_targets", **params), data.rows("action_series", **params), lang)


def cards(views: tuple[Card, ...], lang: str, selected: str | None) -> None:
    """Every target of the action as a card, in catalogue order, in a grid that fits the screen.

    Each card's button (key ``card_<indicator_id>``) selects its target and records it in the URL."""
    show, shown = t("action.card.show", lang), t("action.card.shown", lang)
    with st.container(key="action-grid-cards"):
        for card in views:
            box = st.container(border=True, key=card.key)
            box.markdown(card.body)
            if card.spec is not None:
                box.vega_lite_chart(spec=card.spec, width="stretch", height=56)
            if card.note:
                box.caption(card.note)
            on = card.indicator_id == selected
            box.button(shown if on else show, key=f"card_{card.indicator_id}", type="primary" if on else "secondary",
                       width="stretch", icon=":material/check:" if on else ":material/show_chart:",
                       on_click=_select, args=(card.indicator_id,))


def fact_lines(row: Mapping[str, Any], lang: str) -> list[str]:
    """Progress against time elapsed, the projection, the pace: the lines under the latest figure."""
    lines = []
    if finite(row.get("progress_pct")) is not None and finite(row.get("time_pct")) is not None:
        lines.append(t("action.detail.progress", lang, p=pct(row["progress_pct"]), t=pct(row["time_pct"])))
    projected, year = finite(row.get("projected_value")), finite(row.get("status_year"))
    if projected is not None and year is not None and int(year) < int(row["target_year"]):
        lines.append(t("action.detail.projected", lang, year=int(row["target_year"]),
                       v=fmt.with_unit(projected, row, lang)))
    if pace := pace_text(row, lang):
        lines.append(pace)
    return lines


def figures_md(row: Mapping[str, Any], lang: str) -> str:
    """The latest figure and the fact lines as one Markdown, a paragraph each (escaped)."""
    return "\n\n".join(md(line) for line in [latest_text(row, lang), *fact_lines(row, lang)])


def head_caption(row: Mapping[str, Any], area_name: str, lang: str) -> str:
    return (t_md("action.detail.area", lang, area=area_name) + " · "
            + t_md("action.card.target", lang, target=fmt.target(row, lang), year=int(row["target_year"])))


def wording_lines(row: Mapping[str, Any], lang: str) -> list[str]:
    """The plan's own words (kept in Chinese) and the catalogue's note in the reader's language."""
    lines = [t("action.detail.quote", lang, quote=md(row["source_quote"]))]
    if note := note_text(row.get("note"), lang):
        lines.append(t("action.detail.note", lang, note=md(note)))
    return lines


def wording(row: Mapping[str, Any], lang: str) -> None:
    """The plan's own words (kept in Chinese) and the catalogue's note in the reader's language."""
    for line in wording_lines(row, lang):
        st.caption(line)


def trend_caption(row: Mapping[str, Any], lang: str) -> str:
    notes = [t("trend.caption", lang)]
    if row.get("measure") == "count_new":
        notes.append(t("trend.count_note", lang, base=int(row["baseline_year"])))
    elif row.get("measure") == "growth_rate":
        notes.append(t("trend.growth_note", lang))
    return " ".join(notes)


def series_spec(row: Mapping[str, Any], points: pd.DataFrame, lang: str) -> dict:
    """The selected target's series chart (with its usermeta), through the spec cache."""
    return chart_spec("series", points[["year", "plot_value", "milestone", "status"]], row, lang,
                      projected=finite(row.get("projected_value")),
                      usermeta={"chart": "series", "indicator_id": row["indicator_id"]})


def trend(row: Mapping[str, Any], points: pd.DataFrame | None, lang: str, *, key: str) -> None:
    """The series chart (or the milestones of a qualitative target) with its reading notes."""
    if points is None or points.empty:
        st.info(t("action.detail.no_series", lang), icon=":material/info:")
        return
    st.vega_lite_chart(spec=series_spec(row, points, lang), width="stretch", key=key)
    if is_qualitative(row):
        with st.expander(t("action.milestones.title", lang), expanded=False):
            table = milestone_table(points, lang)
            st.dataframe(table, hide_index=True, width="stretch")
            table_downloads(table, f"{row['indicator_id']}-milestones", lang, f"{key}_milestones")
        return
    st.caption(trend_caption(row, lang))


def has_breakdown(row: Mapping[str, Any], districts: pd.DataFrame) -> bool:
    return not (districts.empty or not (districts["status"] != "no_data").any() or is_qualitative(row))


def breakdown_parts(row: Mapping[str, Any], districts: pd.DataFrame, year: int | None,
                    lang: str) -> tuple[str, dict, pd.DataFrame, str]:
    """(caption, bar chart spec, table, download file name) of the district breakdown."""
    shown_year = year if year is not None else int(districts["year"].max())
    spec = chart_spec("district_bar", districts[["area_name_zh", "area_name_en", "value", "status"]], row, lang,
                      usermeta={"chart": "district_bar", "indicator_id": row["indicator_id"]})
    return (t("action.breakdown.caption", lang, year=shown_year), spec, district_table(districts, row, lang),
            f"{row['indicator_id']}-districts-{shown_year}")


def _draw_breakdown(parts: tuple[str, dict, pd.DataFrame, str], lang: str, key: str) -> None:
    caption, spec, table, file_name = parts
    st.subheader(t("action.breakdown.title", lang))
    st.caption(caption)
    st.vega_lite_chart(spec=spec, width="stretch")
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, file_name, lang, key)


def breakdown(row: Mapping[str, Any], districts: pd.DataFrame, year: int | None, lang: str, *,
              key: str) -> None:
    """Districts as a sorted bar chart and a table, when the target is assessed district by district."""
    if has_breakdown(row, districts):
        _draw_breakdown(breakdown_parts(row, districts, year, lang), lang, key)


def headline(row: Mapping[str, Any], area_name: str, lang: str) -> None:
    """Status, area and target on one line; the latest figure; progress, projection and pace."""
    with st.container(horizontal=True, gap="small"):
        badge(row["status"], lang)
        st.caption(head_caption(row, area_name, lang))
    st.markdown(figures_md(row, lang))
    if note := card_note(row, lang):
        st.caption(note)


# ---- the selected target on the action page: prepared once per snapshot ---------------------------

@dataclass(frozen=True)
class Detail:
    indicator_id: str
    status: str
    title: str
    head: str                        # area · target
    figures: str                     # latest figure, progress, projection, pace (Markdown)
    note: str | None                 # city-only / region-only
    series: dict | None              # chart spec; None when the area has no figures
    milestones: pd.DataFrame | None  # qualitative targets: the stages year by year
    trend_note: str | None
    wording: tuple[str, ...]
    breakdown: tuple[str, dict, pd.DataFrame, str] | None


def build_detail(row: Mapping[str, Any], points: pd.DataFrame | None, districts: pd.DataFrame, area_name: str,
                 year: int | None, lang: str) -> Detail:
    """Everything the selected target's panel shows, from its rows (a pure function)."""
    has_points = points is not None and not points.empty
    qualitative = is_qualitative(row)
    return Detail(
        indicator_id=row["indicator_id"], status=row["status"], title=md(pick(row, "name", lang)),
        head=head_caption(row, area_name, lang), figures=figures_md(row, lang), note=card_note(row, lang),
        series=series_spec(row, points, lang) if has_points else None,
        milestones=milestone_table(points, lang) if has_points and qualitative else None,
        trend_note=trend_caption(row, lang) if has_points and not qualitative else None,
        wording=tuple(wording_lines(row, lang)),
        breakdown=breakdown_parts(row, districts, year, lang) if has_breakdown(row, districts) else None,
    )


@data.per_snapshot
def action_detail(plan_id: str, action_no: int, year: int | None, area_code: str | None, indicator_id: str,
                  lang: str) -> Detail:
    """The panel of one target of one action, as the page's filters ask, once per snapshot."""
    from components import filters

    params = dict(plan_id=plan_id, action_no=action_no, year=year, area_code=area_code)
    row = next(r for r in data.rows("action_targets", **params) if r["indicator_id"] == indicator_id)
    points = points_for(data.q("action_series", **params), row)
    districts = data.q("indicator_districts", indicator_id=indicator_id, year=year)
    area_name = filters.area_names(lang).get(row["area_code"], row["area_code"])
    return build_detail(row, points, districts, area_name, year, lang)


def detail(view: Detail, lang: str) -> None:
    """The selected target: name, status, key figures, trend, districts, the plan's wording, a link."""
    with st.container(border=True, key=f"target-detail-is-{view.status}-"):
        st.subheader(view.title, anchor=False)
        with st.container(horizontal=True, gap="small"):
            badge(view.status, lang)
            st.caption(view.head)
        st.markdown(view.figures)
        if view.note:
            st.caption(view.note)
        if view.series is None:
            st.info(t("action.detail.no_series", lang), icon=":material/info:")
        else:
            st.vega_lite_chart(spec=view.series, width="stretch", key="action_series_chart")
            if view.milestones is not None:
                with st.expander(t("action.milestones.title", lang), expanded=False):
                    st.dataframe(view.milestones, hide_index=True, width="stretch")
                    table_downloads(view.milestones, f"{view.indicator_id}-milestones", lang, "action_milestones")
            elif view.trend_note:
                st.caption(view.trend_note)
        for line in view.wording:
            st.caption(line)
        if view.breakdown is not None:
            _draw_breakdown(view.breakdown, lang, "action_districts")
        st.page_link(INDICATOR_PAGE, label=t("action.detail.to_indicator", lang), icon=":material/table_chart:",
                     query_params=link_params(view.indicator_id, lang))
