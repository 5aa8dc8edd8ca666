"""The compare screen's pieces: the district × target status heatmap, district rankings and the
disparity lens, as pure altair builders over frames shaped here; plus a multiselect kept in the URL.

Status colours, words and icons come only from tracker.statuses; every cell carries the icon, so
colour is never the only cue.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import altair as alt
import pandas as pd
import streamlit as st

from components import fmt, maps
from components.i18n import pick, t
from tracker import statuses

FONT = 14
CELL = 30          # heatmap row height, px
NARROWING, WIDENING = "#0072B2", "#D55E00"  # Okabe–Ito blue and vermilion, with words beside them


def _num(x: Any) -> float | None:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def ink_on(color: str) -> str:
    """Black or white text, whichever reads better on ``color`` (WCAG relative luminance)."""
    rgb = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#111111" if luminance > 0.2 else "#ffffff"


# --- URL lists -----------------------------------------------------------------------------------
def parse_list(raw: str | None, allowed: Sequence, cast: Callable = str) -> tuple[list, list[str]]:
    """'12,16,x' → ([12, 16], ['x']): the allowed values in the URL's comma list, and the rest."""
    good, bad = [], []
    for token in (raw or "").split(","):
        token = token.strip()
        if not token:
            continue
        try:
            value = cast(token)
        except (TypeError, ValueError):
            bad.append(token)
            continue
        if value not in allowed:
            bad.append(token)
        elif value not in good:
            good.append(value)
    return good, bad


def url_multiselect(label: str, options: list, *, param: str, key: str, cast: Callable = str,
                    format_func=str, container=None, **kwargs) -> tuple[list, str | None]:
    """A multiselect whose choice lives in the URL as a comma list (``?param=a,b``); none = all.
    Returns (chosen values, the URL's unknown entries joined, or None)."""
    raw = st.query_params.get(param)
    value, bad = parse_list(raw, options, cast)
    if key not in st.session_state or (raw is not None and st.session_state[key] != value and not bad):
        st.session_state[key] = value

    def sync() -> None:
        chosen = st.session_state[key]
        if chosen:
            st.query_params[param] = ",".join(str(v) for v in chosen)
        else:
            st.query_params.pop(param, None)

    chosen = (container or st).multiselect(label, options, key=key, format_func=format_func,
                                           on_change=sync, **kwargs)
    return chosen, (",".join(bad) if bad else None)


# --- heatmap -------------------------------------------------------------------------------------
def target_label(row: Mapping[str, Any], lang: str) -> str:
    return f"{row['indicator_id']} {pick(row, 'name', lang)}"


@st.cache_data(show_spinner=False, max_entries=64)
def cells(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """compare_heatmap rows with what each cell shows: the target's label, the district's name, the
    status icon and word, its colour and a readable text colour on it."""
    out = frame.copy()
    out["target"] = [target_label(r, lang) for r in frame.to_dict("records")]
    out["district"] = [pick(r, "area_name", lang) for r in frame.to_dict("records")]
    out["icon"] = out["status"].map(statuses.icon)
    out["status_text"] = out["status"].map(lambda c: statuses.badge(c, lang))
    out["color"] = out["status"].map(statuses.color)
    out["ink"] = out["color"].map(ink_on)
    out["value_text"] = [fmt.with_unit(r["value"], r, lang) for r in frame.to_dict("records")]
    return out


def heatmap_chart(view: pd.DataFrame, lang: str) -> alt.Chart:
    """Districts across, targets down; each cell coloured by status and marked with its icon."""
    targets = list(dict.fromkeys(view["target"]))
    districts = list(dict.fromkeys(view.sort_values("area_code")["district"]))
    x = alt.X("district:N", sort=districts, title=None,
              axis=alt.Axis(orient="top", labelAngle=-45, labelOverlap=False, labelFontSize=FONT, labelLimit=0))
    y = alt.Y("target:N", sort=targets, title=None, axis=alt.Axis(labelLimit=230, labelFontSize=FONT, labelOverlap=False))
    tooltip = [alt.Tooltip("target:N", title=t("compare.col.indicator", lang)),
               alt.Tooltip("district:N", title=t("compare.col.district", lang)),
               alt.Tooltip("status_text:N", title=t("compare.col.status", lang)),
               alt.Tooltip("value_text:N", title=t("compare.col.value", lang))]
    base = alt.Chart(view).encode(x=x, y=y, tooltip=tooltip)
    rect = base.mark_rect(stroke="#ffffff", strokeWidth=1.5).encode(color=alt.Color("color:N", scale=None))
    text = base.mark_text(fontSize=FONT, fontWeight="bold").encode(
        text="icon:N", color=alt.Color("ink:N", scale=None))
    return (rect + text).properties(height=alt.Step(CELL), width="container")


def status_legend(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per status present, worst first: its colour and 'icon word (count)'."""
    counts = view["status"].value_counts()
    codes = [c for c in statuses.ORDER if c in counts.index]
    return pd.DataFrame({"order": range(len(codes)), "color": [statuses.color(c) for c in codes],
                         "label": [f"{statuses.badge(c, lang)} ({int(counts[c])})" for c in codes]})


def swatch_legend(rows: pd.DataFrame, title: str) -> alt.Chart:
    """A legend of colour swatches and words (``order``, ``color``, ``label``), one per row.
    Draw it with theme=None: Streamlit's chart theme squeezes the rows together."""
    n = max(len(rows), 1)
    base = alt.Chart(rows, title=alt.Title(title, anchor="start", fontSize=15))
    y = alt.Y("order:Q", axis=None, scale=alt.Scale(domain=[-0.5, n - 0.5], reverse=True, nice=False))
    swatch = base.mark_square(size=300, stroke="#555555", strokeWidth=0.5, opacity=1).encode(
        y=y, x=alt.value(10), color=alt.Color("color:N", scale=None))
    words = base.mark_text(align="left", baseline="middle", fontSize=15, color="#262730").encode(
        y=y, x=alt.value(28), text="label:N")
    return (swatch + words).properties(height=34 * n + 24, width="container").configure_view(stroke=None) \
        .configure(font="Source Sans, Source Sans Pro, Noto Sans CJK SC, sans-serif")


@st.cache_data(show_spinner=False, max_entries=64)
def table(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The heatmap's data as a tidy table: one row per target and district, labelled in ``lang``."""
    records = view.to_dict("records")
    return pd.DataFrame({
        t("compare.col.indicator_id", lang): view["indicator_id"],
        t("compare.col.indicator", lang): [pick(r, "name", lang) for r in records],
        t("compare.col.area_code", lang): view["area_code"],
        t("compare.col.district", lang): view["district"],
        t("compare.col.year", lang): view["year"].astype("Int64"),
        t("compare.col.value", lang): view["value"],
        t("compare.col.unit", lang): [pick(r, "unit", lang) for r in records],
        t("compare.col.target", lang): [fmt.target(r, lang) for r in records],
        t("compare.col.status", lang): view["status_text"],
        t("compare.col.progress", lang): view["progress_pct"].round(1),
        t("compare.col.time", lang): view["time_pct"].round(1),
    }).reset_index(drop=True)


# --- rankings ------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def ranking(values: pd.DataFrame, target: Mapping[str, Any], lang: str, districts: Sequence[str] = ()) -> pd.DataFrame:
    """map_district_values' districts with a value, best first by the target's direction."""
    rows = values[(values["kind"] == "district") & values["value"].notna()]
    if districts:
        rows = rows[rows["area_code"].isin(districts)]
    rows = rows.sort_values(["rank_in_city", "area_code"])
    return pd.DataFrame({
        "district": [pick(r, "name", lang) for r in rows.to_dict("records")],
        "value": rows["value"].astype(float),
        "label": [f"{statuses.icon(s)} {fmt.with_unit(v, target, lang)}" for s, v in zip(rows["status"], rows["value"])],
        "color": rows["status"].map(statuses.color),
        "status_text": rows["status"].map(lambda c: statuses.badge(c, lang)),
    }).reset_index(drop=True)


def ranking_chart(rows: pd.DataFrame, target: Mapping[str, Any], lang: str) -> alt.Chart:
    """District bars, best on top, coloured by status, the value and icon at each bar's end, the
    target as a dashed line."""
    order = rows["district"].tolist()
    goal = _num(target.get("target_value"))
    top = max([v for v in rows["value"].tolist() + [goal or 0] if v is not None] + [0]) * 1.25 or 1
    y = alt.Y("district:N", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT))
    x = alt.X("value:Q", title=pick(target, "unit", lang) or None, scale=alt.Scale(domain=[0, top]),
              axis=alt.Axis(labelFontSize=FONT, titleFontSize=FONT))
    base = alt.Chart(rows).encode(y=y, tooltip=[alt.Tooltip("district:N"), alt.Tooltip("status_text:N"),
                                                 alt.Tooltip("label:N")])
    bars = base.mark_bar(height=20).encode(x=x, color=alt.Color("color:N", scale=None))
    text = base.mark_text(align="left", dx=4, fontSize=FONT, color="#262730").encode(x=x, text="label:N")
    layers = [bars, text]
    if goal is not None and target.get("comparator") in (">=", "<=", "range"):
        rule = pd.DataFrame({"goal": [goal], "text": [t("compare.target_line", lang, v=fmt.with_unit(goal, target, lang))]})
        line = alt.Chart(rule).mark_rule(strokeDash=[6, 4], color="#111827", strokeWidth=2).encode(x="goal:Q")
        note = alt.Chart(rule).mark_text(align="left", dx=4, dy=-6, fontSize=FONT, color="#111827").encode(
            x="goal:Q", y=alt.value(0), text="text:N")
        layers += [line, note]
    return alt.layer(*layers).properties(height=alt.Step(32), width="container")


# --- disparity -----------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def disparity_summary(per_year: pd.DataFrame, targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target shown (those queries/disparity.sql measures, less yes/no targets): first and latest CV and
    best/worst ratio, whether the spread is narrowing, and the plain sentence that says so."""
    keep = per_year[per_year["indicator_id"].isin(targets["indicator_id"])]
    rows = []
    for target in targets.drop_duplicates("indicator_id").to_dict("records"):
        if maps.mode(target) == "binary":  # every district has it or not: a spread says nothing
            continue
        series = keep[(keep["indicator_id"] == target["indicator_id"]) & keep["cv"].notna()].sort_values("year")
        if series.empty:
            continue
        first, last = series.iloc[0], series.iloc[-1]
        narrowing = None if first["year"] == last["year"] else bool(last["cv"] < first["cv"])
        trend = "unchanged" if narrowing is None or first["cv"] == last["cv"] else (
            "narrowing" if narrowing else "widening")
        rows.append({"indicator_id": target["indicator_id"], "target": target_label(target, lang),
                     "first_year": int(first["year"]), "first_cv": float(first["cv"]),
                     "latest_year": int(last["year"]), "latest_cv": float(last["cv"]),
                     "first_ratio": _num(first["best_worst_ratio"]), "latest_ratio": _num(last["best_worst_ratio"]),
                     "trend": trend, "trend_text": t(f"compare.{trend}", lang)})
    out = pd.DataFrame(rows, columns=["indicator_id", "target", "first_year", "first_cv", "latest_year",
                                      "latest_cv", "first_ratio", "latest_ratio", "trend", "trend_text"])
    out["sentence"] = [disparity_sentence(r, lang) for r in out.to_dict("records")]
    return out


def disparity_sentence(row: Mapping[str, Any], lang: str) -> str:
    """'Spread narrowing: CV 0.21 → 0.12 (2020 → 2025); best/worst ratio 1.8 → 1.4'."""
    if row["first_year"] == row["latest_year"]:
        return t("compare.sentence_single", lang, year=row["latest_year"], cv=f"{row['latest_cv']:.2f}")
    text = t("compare.sentence", lang, trend=row["trend_text"], first=f"{row['first_cv']:.2f}",
             latest=f"{row['latest_cv']:.2f}", y0=row["first_year"], y1=row["latest_year"])
    if _num(row.get("first_ratio")) is not None and _num(row.get("latest_ratio")) is not None:
        text += t("compare.sentence_ratio", lang, first=f"{row['first_ratio']:.2f}", latest=f"{row['latest_ratio']:.2f}")
    return text


def sentences(summary: pd.DataFrame) -> list[str]:
    """One markdown line per target: its label in bold, then the plain sentence."""
    return [f"- **{r['target']}** — {r['sentence']}" for r in summary.to_dict("records")]


def has_target(frame: pd.DataFrame, indicator_id: str | None) -> bool:
    return indicator_id is not None and bool((frame["indicator_id"] == indicator_id).any())


def disparity_chart(summary: pd.DataFrame, lang: str) -> alt.Chart:
    """A dumbbell per target: CV in the first year (hollow) and the latest (filled), joined by a line
    coloured for narrowing or widening, with the trend word at the end."""
    colors = alt.Color("trend_text:N", title=None, legend=alt.Legend(orient="top", labelFontSize=FONT),
                       scale=alt.Scale(domain=[t("compare.narrowing", lang), t("compare.widening", lang),
                                               t("compare.unchanged", lang)],
                                       range=[NARROWING, WIDENING, "#6b7280"]))
    y = alt.Y("target:N", sort=summary["target"].tolist(), title=None,
              axis=alt.Axis(labelLimit=230, labelFontSize=FONT, labelOverlap=False))
    x_title = t("compare.cv_axis", lang)
    base = alt.Chart(summary).encode(y=y)
    line = base.mark_rule(strokeWidth=3).encode(x=alt.X("first_cv:Q", title=x_title, axis=alt.Axis(labelFontSize=FONT)),
                                               x2="latest_cv:Q", color=colors)
    start = base.mark_point(size=90, filled=False, strokeWidth=2).encode(x="first_cv:Q", color=colors)
    end = base.mark_circle(size=110, opacity=1).encode(x="latest_cv:Q", color=colors, tooltip=["sentence:N"])
    return alt.layer(line, start, end).properties(height=alt.Step(CELL), width="container")


def cv_trend_chart(per_year: pd.DataFrame, indicator_id: str, title: str) -> alt.Chart:
    """The coefficient of variation of one target's district values, year by year, labelled."""
    rows = per_year[(per_year["indicator_id"] == indicator_id) & per_year["cv"].notna()][["year", "cv"]]
    rows = rows.assign(label=rows["cv"].map(lambda v: f"{v:.2f}"))
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=FONT))
    y = alt.Y("cv:Q", title=None, scale=alt.Scale(zero=True), axis=alt.Axis(labelFontSize=FONT))
    base = alt.Chart(rows, title=alt.Title(title, anchor="start", fontSize=15)).encode(x=x, y=y)
    return (base.mark_line(point=True, color="#1f2937") + base.mark_text(dy=-10, fontSize=FONT).encode(text="label:N")) \
        .properties(height=200, width="container")


# --- filter options --------------------------------------------------------------------------------
def action_choices(actions: pd.DataFrame, frame: pd.DataFrame, lang: str) -> dict[int, str]:
    """action_no → 'Action 12: …' for the actions that have targets with district figures."""
    present = set(frame["action_no"].astype(int))
    return {int(r["action_no"]): t("compare.action_option", lang, no=int(r["action_no"]), name=pick(r, "name", lang))
            for r in actions.to_dict("records") if int(r["action_no"]) in present}


def district_choices(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """area_code → district name, in code order."""
    rows = frame.drop_duplicates("area_code").sort_values("area_code").to_dict("records")
    return {r["area_code"]: pick(r, "area_name", lang) for r in rows}


def target_choices(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """indicator_id → 'A12-06 …' for the targets in the heatmap, in its order."""
    return {r["indicator_id"]: target_label(r, lang) for r in frame.drop_duplicates("indicator_id").to_dict("records")}


def off_track_count(view: pd.DataFrame) -> tuple[int, int]:
    """(cells needing attention, cells) in the heatmap."""
    return int(view["status"].map(statuses.is_off_track).sum()), len(view)


# --- cached specs --------------------------------------------------------------------------------
_BUILDERS = {"heatmap": heatmap_chart, "legend": swatch_legend, "ranking": ranking_chart,
             "disparity": disparity_chart, "cv_trend": cv_trend_chart}


@st.cache_data(show_spinner=False, max_entries=256)
def spec(name: str, *args: Any) -> dict:
    """The vega-lite spec of builder ``name`` for these inputs, for st.vega_lite_chart. Cached: building
    and validating an altair chart costs far more than hashing the small frames it is built from."""
    return _BUILDERS[name](*args).to_dict()
