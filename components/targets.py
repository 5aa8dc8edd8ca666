"""One target's figures, as the action and indicator screens both show them: the latest value and
what it means, the trend chart with its notes, the district breakdown, the plan's wording, and the
chart specs behind them (built once per snapshot). Screen-specific layouts live in
components/screens/action.py and indicator.py.
"""
from __future__ import annotations

import math
import re
from typing import Any, Mapping

import pandas as pd
import streamlit as st

from components import data, fmt, freshness, provenance, status_ui, target_charts, url_state
from components.downloads import table_downloads
from components.i18n import pick, t
from components.safe import md, t_md
from tracker import commentary, statuses

INDICATOR_PAGE = "pages/indicator.py"
_CJK = re.compile(r"[\u3400-\u9fff]")
finite, pct = fmt.finite, fmt.pct


# ---- pure helpers -------------------------------------------------------------------------------


def note_text(note: Any, lang: str) -> str:
    """The catalogue's notes read 'Chinese / English': the half for ``lang`` ('' when there is none)."""
    if note is None or (isinstance(note, float) and math.isnan(note)) or not str(note).strip():
        return ""
    zh, sep, en = str(note).partition(" / ")
    if lang == "en":
        return en.strip() if sep else ("" if _CJK.search(zh) else zh.strip())
    return zh.strip()


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


def row_for(targets: pd.DataFrame, indicator_id: str) -> dict[str, Any]:
    """The action_targets row of one target, as a plain dict."""
    return targets.loc[targets["indicator_id"] == indicator_id].iloc[0].to_dict()


def points_for(series: pd.DataFrame, row: Mapping[str, Any]) -> pd.DataFrame | None:
    """The series rows of a target in the area its card shows (None when there are none)."""
    points = series[(series["indicator_id"] == row["indicator_id"]) & (series["area_code"] == row["area_code"])]
    return points.sort_values("year") if len(points) else None


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
    table = pd.DataFrame({
        t("action.col.area", lang): [pick(r, "area_name", lang) for r in shown.to_dict("records")],
        t("action.col.value", lang): [fmt.with_unit(v, row, lang) for v in shown["value"]],
        t("action.col.status", lang): [statuses.badge(c, lang) for c in shown["status"]],
        t("action.col.progress", lang): [pct(v) for v in shown["progress_pct"]],
    })
    if shown["time_pct"].notna().any():     # no time-elapsed column in the target year
        table[t("action.col.time", lang)] = [pct(v) for v in shown["time_pct"]]
    if "batch_kind" in shown:     # each figure's kind (demo or imported), source and note
        for name, values in provenance.columns(shown, lang).items():
            table[name] = values
    return table


def milestone_table(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    codes = target_charts.milestone_codes(points)
    return pd.DataFrame({
        t("col.year", lang): points["year"].astype(int).tolist(),
        t("action.col.stage", lang): [statuses.badge(c, lang) if isinstance(c, str) else "—" for c in codes],
    })


def link_params(indicator_id: str, lang: str) -> dict[str, str]:
    return url_state.carried(lang, indicator=indicator_id)


# ---- on screen ----------------------------------------------------------------------------------

_CHART_FIELDS = ("indicator_id", "comparator", "target_value", "target_high", "target_year", "baseline_year",
                 "direction", "measure", "unit_zh", "unit_en")
_BUILDERS = {"series": target_charts.series_chart, "district_bar": target_charts.district_bar}


@data.per_snapshot
def _spec(kind: str, columns: tuple, rows: tuple, fields: tuple, args: tuple, kwargs: tuple) -> dict:
    """A chart's Vega-Lite spec, built once per snapshot and input and shared by every session (the
    data itself is part of the key). Callers must not change the dict (Streamlit copies it before use)."""
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



# ---- the cards: computed once per snapshot, drawn with four or five elements each -------------------


def fact_lines(row: Mapping[str, Any], lang: str) -> list[str]:
    """Progress against time elapsed, the projection, the pace: the lines under the latest figure."""
    lines = []
    if finite(row.get("progress_pct")) is not None and finite(row.get("time_pct")) is not None:
        lines.append(t("action.detail.progress", lang, p=pct(row["progress_pct"]), t=pct(row["time_pct"])))
    elif finite(row.get("progress_pct")) is not None:   # the target year: progress only, no pace
        lines.append(t("action.detail.progress_final", lang, p=pct(row["progress_pct"])))
    projected, year = finite(row.get("projected_value")), finite(row.get("status_year"))
    if projected is not None and year is not None and int(year) < int(row["target_year"]):
        lines.append(t("action.detail.projected", lang, year=int(row["target_year"]),
                       v=fmt.with_unit(projected, row, lang)))
    if pace := pace_text(row, lang):
        lines.append(pace)
    return lines


def figures_md(row: Mapping[str, Any], lang: str) -> str:
    """The latest figure and the fact lines as one Markdown, a paragraph each (escaped)."""
    fresh = freshness.text(row, lang)
    return "\n\n".join(md(line) for line in [latest_text(row, lang), *fact_lines(row, lang), *([fresh] if fresh else [])])


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
    kept = ["year", "plot_value", "milestone", "status"] + [c for c in ("batch_kind", "source", "note") if c in points]
    return chart_spec("series", points[kept], row, lang,
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


def draw_breakdown(parts: tuple[str, dict, pd.DataFrame, str], lang: str, key: str, level: int = 3) -> None:
    """The breakdown under a heading of ``level``: 3 inside a target's card, 2 as a section of a page."""
    caption, spec, table, file_name = parts
    (st.header if level == 2 else st.subheader)(t("action.breakdown.title", lang))
    st.caption(caption)
    st.vega_lite_chart(spec=spec, width="stretch")
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, file_name, lang, key)


def breakdown(row: Mapping[str, Any], districts: pd.DataFrame, year: int | None, lang: str, *,
              key: str) -> None:
    """Districts as a sorted bar chart and a table, when the target is assessed district by district."""
    if has_breakdown(row, districts):
        draw_breakdown(breakdown_parts(row, districts, year, lang), lang, key, level=2)


def lead_unit_md(row: Mapping[str, Any], lang: str) -> str:
    """The lead unit (``target.lead_unit``) in small grey, the catalogue's words escaped (未指定 / Not assigned when none)."""
    return f":small[:gray[{md(t('target.lead_unit', lang, unit=commentary.lead_unit(row, lang)))}]]"


CARD_CAUSE_CHARS = 60      # a card shows the cause's start; the panel and the indicator page the whole


def cause_line_md(note: Mapping[str, Any] | None, lang: str) -> str:
    """The start of a note's cause for a card (or its measures when no cause was given); '' without one."""
    text = " ".join((commentary.in_lang(note, "cause", lang) or commentary.in_lang(note, "measures", lang)).split()) \
        if note else ""
    if not text:
        return ""
    short = text if len(text) <= CARD_CAUSE_CHARS else text[:CARD_CAUSE_CHARS].rstrip() + "…"
    return f":small[{md(t('target.cause_short', lang, text=short))}]"


def notes_md(note: Mapping[str, Any] | None, area_name: str, lang: str) -> str:
    """A note's cause and measures in full: a bold heading each (area and year), then the text as written,
    a line per line the office wrote, every line escaped (plain text in a Markdown sink); '' without one."""
    if not note:
        return ""
    lines = []
    for field in ("cause", "measures"):
        text = commentary.in_lang(note, field, lang)
        if text:
            lines.append(f"**{md(t(f'target.{field}', lang, area=area_name, year=int(note['year'])))}**")
            lines += [md(part.strip()) for part in text.splitlines() if part.strip()]
    return "  \n".join(lines)


def card_note(row: Mapping[str, Any], lang: str) -> str | None:
    if not bool(row.get("is_city_only")):
        return None
    return t("action.card.region_only" if row.get("scope") == "region" else "action.card.city_only", lang)


def provenance_md(row: Mapping[str, Any], points: pd.DataFrame | None, lang: str) -> str:
    """The status figure's source and note (or that it is demo), and whether the series behind the
    status mixes demo and imported figures: one Markdown, a line each (outside text escaped)."""
    rows = [] if points is None or "batch_kind" not in points else points.to_dict("records")
    return "  \n".join(provenance.small(provenance.status_lines(rows, row.get("status_year"), lang)))


def headline(row: Mapping[str, Any], area_name: str, lang: str) -> None:
    """Status, area and target on one line; the latest figure; progress, projection and pace."""
    with st.container(horizontal=True, gap="small"):
        status_ui.badge(row["status"], lang)
        st.caption(head_caption(row, area_name, lang))
    st.markdown(figures_md(row, lang))
    if note := card_note(row, lang):
        st.caption(note)


# ---- the selected target on the action page: prepared once per snapshot ---------------------------
