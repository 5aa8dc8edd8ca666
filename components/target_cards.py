"""The action page's pieces: a card per target, and the selected target's trend, districts and wording.

Cards show the target, the latest figure as of the chosen year, the status (icon and word; colour
only on the card's edge) and a sparkline. Each card's button (key ``card_<indicator_id>``) selects
that target and records it in the URL (``?indicator=ID``), so a tap is enough and a link reopens it.
"""
from __future__ import annotations

import functools
import math
import re
from typing import Any, Mapping

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from components import charts, fmt, status_ui
from components.i18n import pick, t
from tracker import statuses

INDICATOR_PAGE = "pages/indicator.py"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
_CJK = re.compile(r"[\u3400-\u9fff]")


# ---- pure helpers -------------------------------------------------------------------------------

def md(text: Any) -> str:
    """Catalogue text made inert for st.markdown: markdown's special characters are escaped."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


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


def shown_area_name(targets: pd.DataFrame, asked: str, names: Mapping[str, str]) -> str:
    """The area the counts describe: the one asked for when any card shows it, else the areas shown
    instead (a district with no figures of its own for this action)."""
    shown = list(dict.fromkeys(targets["area_code"]))
    if asked in shown or not shown:
        return names.get(asked, asked)
    return " / ".join(names.get(code, code) for code in shown)


def status_counts(targets: pd.DataFrame) -> dict[str, int]:
    """How many targets hold each status, worst first, statuses with none left out."""
    counts = targets["status"].value_counts()
    return {code: int(counts[code]) for code in statuses.ORDER if code in counts}


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
    return {"indicator": indicator_id, **({"lang": lang} if lang != "zh" else {})}


# ---- on screen ----------------------------------------------------------------------------------

_CHART_FIELDS = ("indicator_id", "comparator", "target_value", "target_high", "target_year", "baseline_year",
                 "direction", "measure", "unit_zh", "unit_en")
_BUILDERS = {"series": charts.series_chart, "sparkline": charts.sparkline, "district_bar": charts.district_bar}


@functools.lru_cache(maxsize=2048)
def _spec(kind: str, columns: tuple, rows: tuple, fields: tuple, args: tuple, kwargs: tuple) -> dict:
    """A chart's Vega-Lite spec, built once per input and shared by every session: altair's build
    and validation cost far more than drawing, and the inputs repeat on every rerun. A pure function
    of its arguments (the data itself is the key); the datasets are kept as Arrow bytes, the form
    Streamlit sends them in. Callers must not change the dict (Streamlit copies it before use)."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    # Schema validation is left to the builders' tests (tests/test_charts.py): it costs more than the build.
    spec = _BUILDERS[kind](frame, dict(fields), *args, **dict(kwargs)).to_dict(validate=False)
    spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(values))
                        for name, values in spec.get("datasets", {}).items()}
    return spec


def _key(values) -> tuple:
    """Values usable as a cache key: NaN (never equal to itself) becomes None."""
    return tuple(None if isinstance(v, float) and math.isnan(v) else v for v in values)


def show_chart(kind: str, frame: pd.DataFrame, row: Mapping[str, Any], *args: Any, container=None,
               usermeta: dict | None = None, key: str | None = None, height: int | None = None, **kwargs: Any) -> None:
    """Draw ``charts.<kind>(frame, row, *args, **kwargs)`` through the spec cache."""
    fields = tuple(zip(_CHART_FIELDS, _key(row.get(f) for f in _CHART_FIELDS)))
    rows = tuple(_key(r) for r in frame.itertuples(index=False, name=None))
    spec = _spec(kind, tuple(frame.columns), rows, fields, _key(args), tuple(sorted(kwargs.items())))
    (container or st).vega_lite_chart(spec={**spec, "usermeta": usermeta or {}}, width="stretch", key=key,
                                      **({"height": height} if height else {}))


def badge(code: str, lang: str, container=None, suffix: str = "") -> None:
    """The status as a coloured badge, icon and word in its text (st.badge's ``icon`` takes only emoji
    or material icons, so status_ui.badge fails on '▲'; the colours are status_ui's)."""
    (container or st).badge(statuses.badge(code, lang) + suffix, color=status_ui._BADGE_COLOR.get(code, "gray"))


def _select(indicator_id: str) -> None:
    st.query_params["indicator"] = indicator_id


def status_summary(targets: pd.DataFrame, year: int | None, area_name: str, lang: str) -> None:
    """'9 targets, as of 2025:' and one badge per status with its count, worst first."""
    if year is None:
        st.caption(t("action.counts_nodata", lang, n=len(targets)))
    else:
        st.caption(t("action.counts", lang, n=len(targets), year=year, area=area_name))
    with st.container(horizontal=True, gap="small", key="action-status-counts"):
        for code, count in status_counts(targets).items():
            badge(code, lang, suffix=f" {count}")


def _sparkline(box, points: pd.DataFrame | None, row: Mapping[str, Any]) -> None:
    if points is None or is_qualitative(row) or points["plot_value"].count() < 2:
        return
    show_chart("sparkline", points[["year", "plot_value"]], row, row["status"], container=box, height=56,
               usermeta={"chart": "sparkline", "indicator_id": row["indicator_id"]})


def card(row: Mapping[str, Any], points: pd.DataFrame | None, lang: str, *, selected: bool) -> None:
    iid, code = row["indicator_id"], row["status"]
    box = st.container(border=True, key=f"target-{iid}-is-{code}-")  # the theme colours the edge
    box.markdown(f"**{md(pick(row, 'name', lang))}**")
    box.caption(t("action.card.target", lang, target=fmt.target(row, lang), year=int(row["target_year"])))
    badge(code, lang, container=box)
    box.markdown(md(latest_text(row, lang)))
    _sparkline(box, points, row)
    if bool(row.get("is_city_only")):
        box.caption(t("action.card.region_only" if row.get("scope") == "region" else "action.card.city_only", lang))
    box.button(t("action.card.shown" if selected else "action.card.show", lang), key=f"card_{iid}",
               type="primary" if selected else "secondary", width="stretch",
               icon=":material/check:" if selected else ":material/show_chart:", on_click=_select, args=(iid,))


def cards(targets: pd.DataFrame, series: pd.DataFrame, lang: str, selected: str | None) -> None:
    """Every target of the action as a card, in catalogue order, in a grid that fits the screen."""
    by_target = series_by_target(series)
    with st.container(key="action-grid-cards"):
        for row in targets.to_dict("records"):
            card(row, by_target.get((row["indicator_id"], row["area_code"])), lang,
                 selected=row["indicator_id"] == selected)


def _facts(row: Mapping[str, Any], lang: str) -> None:
    lines = []
    if finite(row.get("progress_pct")) is not None and finite(row.get("time_pct")) is not None:
        lines.append(t("action.detail.progress", lang, p=pct(row["progress_pct"]), t=pct(row["time_pct"])))
    projected, year = finite(row.get("projected_value")), finite(row.get("status_year"))
    if projected is not None and year is not None and int(year) < int(row["target_year"]):
        lines.append(t("action.detail.projected", lang, year=int(row["target_year"]),
                       v=fmt.with_unit(projected, row, lang)))
    if pace := pace_text(row, lang):
        lines.append(pace)
    for line in lines:
        st.markdown(md(line))


def wording(row: Mapping[str, Any], lang: str) -> None:
    """The plan's own words (kept in Chinese) and the catalogue's note in the reader's language."""
    st.caption(t("action.detail.quote", lang, quote=md(row["source_quote"])))
    if note := note_text(row.get("note"), lang):
        st.caption(t("action.detail.note", lang, note=md(note)))


def trend(row: Mapping[str, Any], points: pd.DataFrame | None, lang: str, *, key: str) -> None:
    """The series chart (or the milestones of a qualitative target) with its reading notes."""
    if points is None or points.empty:
        st.info(t("action.detail.no_series", lang), icon=":material/info:")
        return
    show_chart("series", points[["year", "plot_value", "milestone", "status"]], row, lang,
               projected=finite(row.get("projected_value")), key=key,
               usermeta={"chart": "series", "indicator_id": row["indicator_id"]})
    if is_qualitative(row):
        with st.expander(t("action.milestones.title", lang), expanded=False):
            st.dataframe(milestone_table(points, lang), hide_index=True, width="stretch")
        return
    notes = [t("trend.caption", lang)]
    if row.get("measure") == "count_new":
        notes.append(t("trend.count_note", lang, base=int(row["baseline_year"])))
    elif row.get("measure") == "growth_rate":
        notes.append(t("trend.growth_note", lang))
    st.caption(" ".join(notes))


def breakdown(row: Mapping[str, Any], districts: pd.DataFrame, year: int | None, lang: str, *,
              key: str) -> None:
    """Districts as a sorted bar chart and a table, when the target is assessed district by district."""
    from components.downloads import table_downloads

    if districts.empty or not (districts["status"] != "no_data").any() or is_qualitative(row):
        return
    st.subheader(t("action.breakdown.title", lang))
    shown_year = year if year is not None else int(districts["year"].max())
    st.caption(t("action.breakdown.caption", lang, year=shown_year))
    show_chart("district_bar", districts[["area_name_zh", "area_name_en", "value", "status"]], row, lang,
               usermeta={"chart": "district_bar", "indicator_id": row["indicator_id"]})
    table = district_table(districts, row, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, f"{row['indicator_id']}-districts-{shown_year}", lang, key)


def headline(row: Mapping[str, Any], area_name: str, lang: str) -> None:
    """Status, area and target on one line; the latest figure; progress, projection and pace."""
    with st.container(horizontal=True, gap="small"):
        badge(row["status"], lang)
        st.caption(t("action.detail.area", lang, area=area_name) + " · "
                   + t("action.card.target", lang, target=fmt.target(row, lang), year=int(row["target_year"])))
    st.markdown(md(latest_text(row, lang)))
    _facts(row, lang)
    if bool(row.get("is_city_only")):
        st.caption(t("action.card.region_only" if row.get("scope") == "region" else "action.card.city_only", lang))


def detail(row: Mapping[str, Any], points: pd.DataFrame | None, districts: pd.DataFrame,
           area_name: str, year: int | None, lang: str) -> None:
    """The selected target: name, status, key figures, trend, districts, the plan's wording, a link."""
    with st.container(border=True, key=f"target-detail-is-{row['status']}-"):
        st.subheader(md(pick(row, "name", lang)), anchor=False)
        headline(row, area_name, lang)
        trend(row, points, lang, key="action_series_chart")
        wording(row, lang)
        breakdown(row, districts, year, lang, key="action_districts")
        st.page_link(INDICATOR_PAGE, label=t("action.detail.to_indicator", lang), icon=":material/table_chart:",
                     query_params=link_params(row["indicator_id"], lang))
