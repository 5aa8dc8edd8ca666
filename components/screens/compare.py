"""The compare screen's pieces: the district × target status heatmap, district rankings and the
disparity lens, as pure altair builders over frames shaped here; plus a multiselect kept in the URL.
Nothing here caches: components.compare_view derives each piece once per snapshot for every session.

Status colours, words and icons come only from tracker.statuses; every cell carries the icon, so
colour is never the only cue.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from components import fmt, maps
from components.i18n import pick, t
from components.safe import md
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


# --- Vega-Lite, written out ---------------------------------------------------------------------
# The charts are plain Vega-Lite dicts (what altair would emit, field for field): building them costs
# microseconds where altair's objects cost tens of milliseconds a chart, and the compare screen
# draws five after every import. tests/test_compare.py checks each against the Vega-Lite schema.
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
VIEW = {"view": {"continuousWidth": 300, "continuousHeight": 300}}
LEGEND_FONT = "Source Sans, Source Sans Pro, Noto Sans CJK SC, sans-serif"


def _field(name: str, kind: str, **extra: Any) -> dict:
    return {"field": name, "type": {"N": "nominal", "Q": "quantitative", "O": "ordinal"}[kind], **extra}


def _chart(layers: list[dict], datasets: dict[str, pd.DataFrame], *, data: str | None = None,
           height: Any, config: dict | None = None) -> dict:
    """A layered top-level spec; ``datasets`` are frames (``spec`` turns them into Arrow)."""
    out: dict[str, Any] = {"config": config or VIEW, "layer": layers}
    if data is not None:
        out["data"] = {"name": data}
    out.update({"height": height, "width": "container", "$schema": SCHEMA, "datasets": datasets})
    return out


# --- heatmap -------------------------------------------------------------------------------------
def target_label(row: Mapping[str, Any], lang: str) -> str:
    return f"{row['indicator_id']} {pick(row, 'name', lang)}"


_TARGET_FIELDS = ("indicator_id", "name_zh", "name_en", "unit_zh", "unit_en", "comparator", "target_value",
                  "target_high", "direction", "measure", "scope", "aggregation")


def _per_target(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """indicator_id → its catalogue fields (the first row of each target), for texts made once a target."""
    fields = [f for f in _TARGET_FIELDS if f in frame.columns]
    return {r["indicator_id"]: r for r in frame.drop_duplicates("indicator_id")[fields].to_dict("records")}


def _lang_column(frame: pd.DataFrame, field: str, lang: str) -> list[str]:
    """A bilingual column in ``lang`` as text, '' when missing (as ``pick``)."""
    values = frame[f"{field}_{'en' if lang == 'en' else 'zh'}"].tolist()
    return ["" if v is None or v != v else str(v) for v in values]


def cells(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """compare_heatmap rows with what each cell shows: the target's label, the district's name, the
    status icon and word, its colour and a readable text colour on it. Texts are made from whole
    columns and once per target or status, not once per cell."""
    out = frame.copy()
    labels = {i: target_label(r, lang) for i, r in _per_target(frame).items()}
    out["target"] = out["indicator_id"].map(labels)
    out["district"] = _lang_column(frame, "area_name", lang)
    codes = out["status"].unique().tolist()
    out["icon"] = out["status"].map({c: statuses.icon(c) for c in codes})
    out["status_text"] = out["status"].map({c: statuses.badge(c, lang) for c in codes})
    out["color"] = out["status"].map({c: statuses.color(c) for c in codes})
    out["ink"] = out["color"].map({c: ink_on(c) for c in out["color"].unique().tolist()})
    units = zip(frame["unit_zh"].tolist(), frame["unit_en"].tolist())
    out["value_text"] = [fmt.with_unit(v, {"unit_zh": zh, "unit_en": en}, lang)
                         for v, (zh, en) in zip(frame["value"].tolist(), units)]
    return out


def heatmap_chart(view: pd.DataFrame, lang: str) -> dict:
    """Districts across, targets down; each cell coloured by status and marked with its icon.

    Each cell carries only its codes and its value's text; the target's label, the district's name
    and the status's icon, word and colours are looked up from three small tables, so a label is
    sent once, not once per district (a heatmap has hundreds of cells)."""
    targets = list(dict.fromkeys(view["target"]))
    districts = list(dict.fromkeys(view.sort_values("area_code")["district"]))
    datasets = {
        "cells": view[["indicator_id", "area_code", "status", "value_text"]].reset_index(drop=True),
        "targets": view[["indicator_id", "target"]].drop_duplicates("indicator_id").reset_index(drop=True),
        "districts": view[["area_code", "district"]].drop_duplicates("area_code").reset_index(drop=True),
        "statuses": view[["status", "icon", "status_text", "color", "ink"]].drop_duplicates("status")
        .reset_index(drop=True),
    }
    lookups = [{"lookup": key, "from": {"data": {"name": name}, "key": key, "fields": fields}}
               for key, name, fields in (("indicator_id", "targets", ["target"]),
                                         ("area_code", "districts", ["district"]),
                                         ("status", "statuses", ["icon", "status_text", "color", "ink"]))]
    x = _field("district", "N", sort=districts, title=None,
               axis={"labelAngle": -45, "labelFontSize": FONT, "labelLimit": 0, "labelOverlap": False, "orient": "top"})
    y = _field("target", "N", sort=targets, title=None,
               axis={"labelFontSize": FONT, "labelLimit": 230, "labelOverlap": False})
    tooltip = [_field("target", "N", title=t("compare.col.indicator", lang)),
               _field("district", "N", title=t("compare.col.district", lang)),
               _field("status_text", "N", title=t("compare.col.status", lang)),
               _field("value_text", "N", title=t("compare.col.value", lang))]
    rect = {"mark": {"type": "rect", "stroke": "#ffffff", "strokeWidth": 1.5},
            "encoding": {"color": _field("color", "N", scale=None), "tooltip": tooltip, "x": x, "y": y},
            "transform": lookups}
    text = {"mark": {"type": "text", "fontSize": FONT, "fontWeight": "bold"},
            "encoding": {"color": _field("ink", "N", scale=None), "text": _field("icon", "N"), "tooltip": tooltip,
                         "x": x, "y": y},
            "transform": lookups}
    return _chart([rect, text], datasets, data="cells", height={"step": CELL})


def status_legend(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per status present, worst first: its colour and 'icon word (count)'."""
    counts = view["status"].value_counts()
    codes = [c for c in statuses.ORDER if c in counts.index]
    return pd.DataFrame({"order": range(len(codes)), "color": [statuses.color(c) for c in codes],
                         "label": [f"{statuses.badge(c, lang)} ({int(counts[c])})" for c in codes]})


def swatch_legend(rows: pd.DataFrame, title: str) -> dict:
    """A legend of colour swatches and words (``order``, ``color``, ``label``), one per row.
    Draw it with theme=None: Streamlit's chart theme squeezes the rows together."""
    n = max(len(rows), 1)
    y = _field("order", "Q", axis=None, scale={"domain": [-0.5, n - 0.5], "nice": False, "reverse": True})
    heading = {"text": title, "anchor": "start", "fontSize": 15}
    swatch = {"mark": {"type": "square", "opacity": 1, "size": 300, "stroke": "#555555", "strokeWidth": 0.5},
              "encoding": {"color": _field("color", "N", scale=None), "x": {"value": 10}, "y": y}, "title": heading}
    words = {"mark": {"type": "text", "align": "left", "baseline": "middle", "color": "#262730", "fontSize": 15},
             "encoding": {"text": _field("label", "N"), "x": {"value": 28}, "y": y}, "title": heading}
    config = {**VIEW, "font": LEGEND_FONT}
    return _chart([swatch, words], {"legend": rows[["order", "color", "label"]].reset_index(drop=True)},
                  data="legend", height=34 * n + 24, config=config)


def table(view: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The heatmap's data as a tidy table: one row per target and district, labelled in ``lang``."""
    goals = {i: fmt.target(r, lang) for i, r in _per_target(view).items()}
    return pd.DataFrame({
        t("compare.col.indicator_id", lang): view["indicator_id"],
        t("compare.col.indicator", lang): _lang_column(view, "name", lang),
        t("compare.col.area_code", lang): view["area_code"],
        t("compare.col.district", lang): view["district"],
        t("compare.col.year", lang): view["year"].astype("Int64"),
        t("compare.col.value", lang): view["value"],
        t("compare.col.unit", lang): _lang_column(view, "unit", lang),
        t("compare.col.target", lang): view["indicator_id"].map(goals),
        t("compare.col.status", lang): view["status_text"],
        t("compare.col.progress", lang): view["progress_pct"].round(1),
        t("compare.col.time", lang): view["time_pct"].round(1),
    }).reset_index(drop=True)


# --- rankings ------------------------------------------------------------------------------------
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


def ranking_chart(rows: pd.DataFrame, target: Mapping[str, Any], lang: str) -> dict:
    """District bars, best on top, coloured by status, the value and icon at each bar's end, the
    target as a dashed line."""
    order = rows["district"].tolist()
    goal = _num(target.get("target_value"))
    top = max([v for v in rows["value"].tolist() + [goal or 0] if v is not None] + [0]) * 1.25 or 1
    y = _field("district", "N", axis={"labelFontSize": FONT}, sort=order, title=None)
    x = _field("value", "Q", axis={"labelFontSize": FONT, "titleFontSize": FONT}, scale={"domain": [0, top]},
               title=pick(target, "unit", lang) or None)
    tooltip = [_field("district", "N"), _field("status_text", "N"), _field("label", "N")]
    bars = {"data": {"name": "districts"}, "mark": {"type": "bar", "height": 20},
            "encoding": {"color": _field("color", "N", scale=None), "tooltip": tooltip, "x": x, "y": y}}
    text = {"data": {"name": "districts"}, "mark": {"type": "text", "align": "left", "color": "#262730", "dx": 4,
                                                    "fontSize": FONT},
            "encoding": {"text": _field("label", "N"), "tooltip": tooltip, "x": x, "y": y}}
    layers = [bars, text]
    datasets = {"districts": rows[["district", "value", "label", "color", "status_text"]].reset_index(drop=True)}
    if goal is not None and target.get("comparator") in (">=", "<=", "range"):
        datasets["goal"] = pd.DataFrame({"goal": [goal], "text": [t("compare.target_line", lang,
                                                                    v=fmt.with_unit(goal, target, lang))]})
        layers += [{"data": {"name": "goal"}, "mark": {"type": "rule", "color": "#111827", "strokeDash": [6, 4],
                                                       "strokeWidth": 2},
                    "encoding": {"x": _field("goal", "Q")}},
                   {"data": {"name": "goal"}, "mark": {"type": "text", "align": "left", "color": "#111827", "dx": 4,
                                                       "dy": -6, "fontSize": FONT},
                    "encoding": {"text": _field("text", "N"), "x": _field("goal", "Q"), "y": {"value": 0}}}]
    return _chart(layers, datasets, height={"step": 32})


# --- disparity -----------------------------------------------------------------------------------
def disparity_summary(per_year: pd.DataFrame, targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target shown (those queries/disparity.sql measures, less yes/no targets): first and latest CV and
    best/worst ratio, whether the spread is narrowing, and the plain sentence that says so."""
    keep = per_year[per_year["indicator_id"].isin(targets["indicator_id"]) & per_year["cv"].notna()]
    keep = keep.sort_values(["indicator_id", "year"], kind="stable")
    firsts = {r["indicator_id"]: r for r in keep.drop_duplicates("indicator_id", keep="first").to_dict("records")}
    lasts = {r["indicator_id"]: r for r in keep.drop_duplicates("indicator_id", keep="last").to_dict("records")}
    rows = []
    for target in _per_target(targets).values():
        if maps.mode(target) == "binary":  # every district has it or not: a spread says nothing
            continue
        first, last = firsts.get(target["indicator_id"]), lasts.get(target["indicator_id"])
        if first is None:
            continue
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
    out["sentence"] = [disparity_sentence(r, lang) for r in rows]
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
    """One Markdown line per target: its label in bold, then the plain sentence (both escaped)."""
    return [f"- **{md(r['target'])}** — {md(r['sentence'])}" for r in summary.to_dict("records")]


def has_target(frame: pd.DataFrame, indicator_id: str | None) -> bool:
    return indicator_id is not None and bool((frame["indicator_id"] == indicator_id).any())


def disparity_chart(summary: pd.DataFrame, lang: str) -> dict:
    """A dumbbell per target: CV in the first year (hollow) and the latest (filled), joined by a line
    coloured for narrowing or widening, with the trend word at the end."""
    colors = _field("trend_text", "N", legend={"labelFontSize": FONT, "orient": "top"}, title=None,
                    scale={"domain": [t("compare.narrowing", lang), t("compare.widening", lang),
                                      t("compare.unchanged", lang)],
                           "range": [NARROWING, WIDENING, "#6b7280"]})
    y = _field("target", "N", axis={"labelFontSize": FONT, "labelLimit": 230, "labelOverlap": False},
               sort=summary["target"].tolist(), title=None)
    line = {"mark": {"type": "rule", "strokeWidth": 3},
            "encoding": {"color": colors, "y": y, "x2": {"field": "latest_cv"},
                         "x": _field("first_cv", "Q", axis={"labelFontSize": FONT}, title=t("compare.cv_axis", lang))}}
    start = {"mark": {"type": "point", "filled": False, "size": 90, "strokeWidth": 2},
             "encoding": {"color": colors, "x": _field("first_cv", "Q"), "y": y}}
    end = {"mark": {"type": "circle", "opacity": 1, "size": 110},
           "encoding": {"color": colors, "tooltip": [_field("sentence", "N")], "x": _field("latest_cv", "Q"), "y": y}}
    rows = summary[["target", "first_cv", "latest_cv", "trend_text", "sentence"]].reset_index(drop=True)
    return _chart([line, start, end], {"spread": rows}, data="spread", height={"step": CELL})


def cv_trend_chart(per_year: pd.DataFrame, indicator_id: str, title: str) -> dict:
    """The coefficient of variation of one target's district values, year by year, labelled."""
    rows = per_year[(per_year["indicator_id"] == indicator_id) & per_year["cv"].notna()][["year", "cv"]]
    rows = rows.assign(label=rows["cv"].map(lambda v: f"{v:.2f}")).reset_index(drop=True)
    x = _field("year", "O", axis={"labelAngle": 0, "labelFontSize": FONT}, title=None)
    y = _field("cv", "Q", axis={"labelFontSize": FONT}, scale={"zero": True}, title=None)
    heading = {"text": title, "anchor": "start", "fontSize": 15}
    line = {"mark": {"type": "line", "color": "#1f2937", "point": True}, "encoding": {"x": x, "y": y},
            "title": heading}
    labels = {"mark": {"type": "text", "dy": -10, "fontSize": FONT},
              "encoding": {"text": _field("label", "N"), "x": x, "y": y}, "title": heading}
    return _chart([line, labels], {"spread": rows}, data="spread", height=200)


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
    return {i: target_label(r, lang) for i, r in _per_target(frame).items()}


def off_track_count(view: pd.DataFrame) -> tuple[int, int]:
    """(cells needing attention, cells) in the heatmap."""
    return int(view["status"].map(statuses.is_off_track).sum()), len(view)


# --- specs ---------------------------------------------------------------------------------------
_BUILDERS = {"heatmap": heatmap_chart, "legend": swatch_legend, "ranking": ranking_chart,
             "disparity": disparity_chart, "cv_trend": cv_trend_chart}


def spec(name: str, *args: Any) -> dict:
    """The Vega-Lite spec of builder ``name`` for these inputs, for st.vega_lite_chart, its datasets
    already in the Arrow form Streamlit sends (so a cached spec costs nothing to draw again)."""
    out = _BUILDERS[name](*args)
    out["datasets"] = {key: dataframe_util.convert_anything_to_arrow_bytes(frame)
                       for key, frame in out["datasets"].items()}
    return out
