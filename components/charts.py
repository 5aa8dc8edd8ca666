"""Pure chart builders: a target's series chart, a card's sparkline, the district breakdown, and the
milestones of a qualitative target. Each takes frames and catalogue rows and returns a Vega-Lite
spec as a plain dict, each layer carrying its rows inline (``data.values``); nothing here reads
Streamlit or the database, so every chart is unit-testable from its spec, and the schema check
(altair's, in tests/test_charts.py) runs in the tests rather than on every build.

The dicts replace altair charts that took 20–300 ms each to build (a sparkline about 20 ms, the
series chart 75 ms and 300 ms for the first one in a process) against about a millisecond here.

Status colours come only from tracker.statuses; the lines themselves are neutral and told apart by
dash pattern and by text drawn on the chart (values on the points, names at the line ends), so a
tablet user reads them by looking, not by hovering.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd

from components import fmt
from components.i18n import pick, t
from tracker import statuses

INK = "#1f2937"        # the observed series and its projection
GUIDE = "#6b7280"      # the expected path
TARGET = "#111827"     # the target line
FONT = 14              # axis and label text: readable on a tablet and a projector
LABEL_FONT = 13
DASHES = {"actual": [1, 0], "expected": [5, 5], "projection": [2, 3], "target": [14, 4]}
# The Vega-Lite version altair (and so Streamlit's other charts) writes: tests keep it in step with
# altair's, so that this module need not import altair (about half a second on a fresh server).
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"


_num = fmt.finite


def short_value(value: Any, row: Mapping[str, Any]) -> str:
    """A point label: the number, with '%' when the unit is a percentage (the axis names the unit)."""
    text = fmt.number(value)
    return f"{text}%" if text != "—" and pick(row, "unit", "zh") == "%" else text


def unit_title(row: Mapping[str, Any], lang: str) -> str:
    unit = pick(row, "unit", lang)
    if row.get("measure") == "growth_rate":
        return t("trend.axis_growth", lang, unit=unit or "%")
    return t("trend.axis_unit", lang, unit=unit) if unit else ""


def _year_axis(years: list[int]) -> dict:
    lo, hi = min(years), max(years)
    return {"axis": {"format": "d", "grid": False, "labelFontSize": FONT, "values": list(range(lo, hi + 1))},
            "field": "year", "scale": {"domain": [lo, hi], "nice": False}, "title": None, "type": "quantitative"}


def _values(frame: pd.DataFrame) -> dict:
    """A layer's inline data: plain rows of JSON-ready Python values (NaN as null), in the spec itself."""
    return {"values": [{k: None if isinstance(v, float) and math.isnan(v) else v for k, v in r.items()}
                       for r in frame.to_dict("records")]}


def _spec(layers: list[dict], height: int, **top: Any) -> dict:
    return {"config": {"view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None}},
            "layer": layers, "height": height, "width": "container", "$schema": SCHEMA_URL, **top}


def series_layers(points: pd.DataFrame, row: Mapping[str, Any], lang: str,
                  projected: float | None = None) -> dict[str, pd.DataFrame]:
    """The frames behind each layer of the series chart (empty frames for layers that do not apply).

    ``points`` has ``year`` and ``plot_value`` (the quantity compared with the target: the value, the
    running sum of new additions for count_new, the yearly growth for growth_rate). ``projected`` is
    the status table's projected_value for the last year shown.
    """
    pts = points.loc[pd.notna(points["plot_value"]), ["year", "plot_value"]].copy()
    pts["year"] = pts["year"].astype(int)
    pts = pts.sort_values("year")
    pts["label"] = [short_value(v, row) for v in pts["plot_value"]]
    base_year, target_year = int(row["baseline_year"]), int(row["target_year"])
    target_value, target_high = _num(row.get("target_value")), _num(row.get("target_high"))
    growth = row.get("measure") == "growth_rate"

    base = pts[pts["year"] == base_year]
    if row.get("measure") == "count_new" and base.empty:
        base = pd.DataFrame({"year": [base_year], "plot_value": [0.0]})
    baseline = base.assign(label=[t("trend.baseline_label", lang, v=short_value(v, row))
                                  for v in base["plot_value"]])

    targets = []
    for value, key in ((target_value, "trend.target_label"), (target_high, "trend.target_high_label")):
        if value is not None:
            targets.append({"y": value, "year": base_year, "label": t(key, lang, v=short_value(value, row),
                                                                     cmp=fmt.target(row, lang))})
    target = pd.DataFrame(targets, columns=["y", "year", "label"])

    expected = pd.DataFrame(columns=["year", "plot_value"])
    goal = target_high if (row.get("comparator") == "range" and row.get("direction") == "down") else target_value
    if not growth and goal is not None and len(baseline) and target_year > base_year:
        expected = pd.DataFrame({"year": [base_year, target_year],
                                 "plot_value": [float(baseline["plot_value"].iloc[0]), goal]})

    projection = pd.DataFrame(columns=["year", "plot_value", "label"])
    if projected is not None and len(pts) and int(pts["year"].iloc[-1]) < target_year:
        last = pts.iloc[-1]
        projection = pd.DataFrame({
            "year": [int(last["year"]), target_year],
            "plot_value": [float(last["plot_value"]), float(projected)],
            "label": ["", t("trend.projection_label", lang, v=short_value(projected, row))],
        })
    return {"actual": pts, "baseline": baseline, "target": target, "expected": expected,
            "projection": projection}


def _dash(lang: str, shown: list[str]) -> dict:
    """Line style by the ``line`` column, one shared legend listing the lines drawn."""
    names = [t(f"trend.{k}", lang) for k in DASHES if k in shown]
    return {"field": "line", "type": "nominal",
            "scale": {"domain": names, "range": [DASHES[k] for k in DASHES if k in shown]},
            "legend": {"labelFontSize": FONT, "orient": "bottom", "symbolSize": 400, "symbolStrokeColor": INK,
                       "symbolStrokeWidth": 2, "symbolType": "stroke", "title": None}}


def _lined(frame: pd.DataFrame, name: str, lang: str) -> pd.DataFrame:
    return frame.assign(line=t(f"trend.{name}", lang))


def _text(field: str) -> dict:
    return {"field": field, "type": "nominal"}


def series_chart(points: pd.DataFrame, row: Mapping[str, Any], lang: str, *,
                 projected: float | None = None, height: int = 320) -> dict:
    """The target's series: observed values labelled on the points, baseline, target line, the
    expected path (straight from the baseline to the target over the plan period) and the
    projection to the target year. Layers are named for tests and readers of the spec.

    A Vega-Lite spec as a plain dict, each layer with its rows inline: altair took 75–300 ms to
    build this chart; the dict takes about a millisecond and Streamlit converts nothing per draw."""
    if row.get("measure") == "qualitative" or row.get("comparator") == "qualitative":
        return milestone_chart(points, lang, height=min(height, 220))
    layers = series_layers(points, row, lang, projected)
    years = [int(row["baseline_year"]), int(row["target_year"])] + layers["actual"]["year"].tolist()
    x = _year_axis(years)
    y = {"axis": {"labelFontSize": FONT, "tickCount": 5, "titleFontSize": FONT}, "field": "plot_value",
         "scale": {"nice": True, "zero": row.get("measure") == "count_new"},
         "title": unit_title(row, lang) or None, "type": "quantitative"}
    y_rule = {"field": "y", "type": "quantitative"}
    tip = [{"field": "year", "format": "d", "title": t("col.year", lang), "type": "quantitative"},
           {"field": "label", "title": t("trend.value", lang), "type": "nominal"}]
    shown = ["actual"] + [k for k in ("expected", "projection", "target") if len(layers[k])]
    dash = _dash(lang, shown)
    parts: list[dict] = []
    if len(layers["expected"]):
        parts.append({"data": _values(_lined(layers["expected"], "expected", lang)), "name": "expected",
                      "mark": {"type": "line", "color": GUIDE, "strokeWidth": 2},
                      "encoding": {"strokeDash": dash, "x": x, "y": y}})
    if len(layers["target"]):
        target = _values(_lined(layers["target"], "target", lang))
        parts.append({"data": target, "name": "target", "mark": {"type": "rule", "color": TARGET, "strokeWidth": 2},
                      "encoding": {"strokeDash": dash, "y": y_rule}})
        parts.append({"data": target, "name": "target_label",
                      "mark": {"type": "text", "align": "left", "color": TARGET, "dy": -9, "fontSize": LABEL_FONT,
                               "fontWeight": "bold"},
                      "encoding": {"text": _text("label"), "x": x, "y": y_rule}})
    if len(layers["projection"]):
        proj = _values(_lined(layers["projection"], "projection", lang))
        end = [{"filter": "(datum.label !== '')"}]
        parts.append({"data": proj, "name": "projection", "mark": {"type": "line", "color": INK, "strokeWidth": 2},
                      "encoding": {"strokeDash": dash, "x": x, "y": y}})
        parts.append({"data": proj, "name": "projection_point", "transform": end,
                      "mark": {"type": "point", "color": INK, "filled": False, "size": 70, "strokeWidth": 2},
                      "encoding": {"x": x, "y": y}})
        parts.append({"data": proj, "name": "projection_label", "transform": end,
                      "mark": {"type": "text", "align": "right", "color": INK, "dx": -4, "dy": -14,
                               "fontSize": LABEL_FONT},
                      "encoding": {"text": _text("label"), "x": x, "y": y}})
    actual = _values(_lined(layers["actual"], "actual", lang))
    parts.append({"data": actual, "name": "actual", "mark": {"type": "line", "color": INK, "strokeWidth": 3},
                  "encoding": {"strokeDash": dash, "x": x, "y": y}})
    parts.append({"data": actual, "name": "actual_points",
                  "mark": {"type": "point", "color": INK, "filled": True, "size": 60},
                  "encoding": {"tooltip": tip, "x": x, "y": y}})
    # the base year's value is written by the baseline's own label
    labelled = layers["actual"][layers["actual"]["year"] != int(row["baseline_year"])] if len(layers["baseline"]) \
        else layers["actual"]
    parts.append({"data": _values(labelled), "name": "labels",
                  "mark": {"type": "text", "color": INK, "dy": -14, "fontSize": LABEL_FONT},
                  "encoding": {"text": _text("label"), "x": x, "y": y}})
    if len(layers["baseline"]):
        base = _values(layers["baseline"])
        parts.append({"data": base, "name": "baseline",
                      "mark": {"type": "point", "color": INK, "filled": False, "shape": "diamond", "size": 140,
                               "strokeWidth": 2},
                      "encoding": {"x": x, "y": y}})
        parts.append({"data": base, "name": "baseline_label",
                      "mark": {"type": "text", "align": "left", "color": INK, "dx": -4, "dy": -16,
                               "fontSize": LABEL_FONT},
                      "encoding": {"text": _text("label"), "x": x, "y": y}})
    return _spec(parts, height)


def sparkline(points: pd.DataFrame | list, row: Mapping[str, Any], status: str = "no_data",
              height: int = 56) -> dict:
    """A card's small trend: the plotted quantity, the last point in its status colour, the target.

    Returned as a Vega-Lite spec (a plain dict) rather than an altair chart: a page draws a dozen
    or more of these, and altair takes about 20 ms to build each one against well under 0.1 ms for
    the dict. The data sit in each layer (``data.values``), so nothing is converted per draw.
    ``points`` is a frame with ``year`` and ``plot_value``, or (year, plot_value) pairs.
    """
    pairs = (zip(points["year"], points["plot_value"]) if isinstance(points, pd.DataFrame) else points)
    values = [{"year": float(year), "plot_value": float(value)} for year, value in pairs
              if _num(value) is not None]
    x = {"axis": None, "field": "year", "scale": {"nice": False}, "type": "quantitative"}
    y = {"axis": None, "field": "plot_value", "scale": {"zero": False}, "type": "quantitative"}
    layers: list[dict] = [
        {"data": {"values": values}, "mark": {"type": "line", "color": INK, "strokeWidth": 2},
         "encoding": {"x": x, "y": y}, "name": "sparkline"},
        {"data": {"values": values[-1:]}, "mark": {"type": "point", "color": statuses.color(status),
                                                    "filled": True, "size": 70},
         "encoding": {"x": x, "y": y}, "name": "latest"},
    ]
    target_value = _num(row.get("target_value"))
    if target_value is not None and row.get("measure") != "qualitative":
        layers.insert(0, {"data": {"values": [{"plot_value": target_value}]},
                          "mark": {"type": "rule", "color": GUIDE, "strokeDash": [4, 3]},
                          "encoding": {"y": y}, "name": "target"})
    return {"$schema": SCHEMA_URL,
            "config": {"view": {"continuousWidth": 300, "continuousHeight": 300},
                       "padding": {"left": 4, "right": 8, "top": 6, "bottom": 6}},
            "layer": layers, "height": height, "width": "container"}


def district_bar(frame: pd.DataFrame, row: Mapping[str, Any], lang: str) -> dict:
    """Districts as bars, best first, coloured by status (the legend gives icon and word), the value
    written at each bar's end and the target as a vertical line (a Vega-Lite dict, like the series).

    ``frame`` has area_name_zh/en, value and status (codes); districts without a value are left out.
    """
    data = frame.loc[pd.notna(frame["value"])].copy()
    data["area"] = [pick(r, "area_name", lang) for r in data.to_dict("records")]
    data["status_text"] = [statuses.badge(code, lang) for code in data["status"]]
    data["label"] = [f"{short_value(v, row)} {statuses.icon(code)}" for v, code in zip(data["value"], data["status"])]
    data = data[["area", "value", "status_text", "label"]]
    codes = [c for c in statuses.ORDER if c in set(frame.loc[data.index, "status"])]
    # An explicit order: a layered chart drops "sort by x" when it unions the layers' domains.
    order = data.sort_values("value", ascending=row.get("direction", "up") != "up", kind="stable")["area"].tolist()
    y = {"axis": {"labelFontSize": FONT, "labelLimit": 200}, "field": "area", "sort": order, "title": None,
         "type": "nominal"}
    x = {"axis": {"labelFontSize": FONT, "tickCount": 5, "titleFontSize": FONT}, "field": "value",
         "title": unit_title(row, lang) or None, "type": "quantitative"}
    bars = _values(data)
    parts = [
        {"data": bars, "name": "bars", "mark": {"type": "bar", "height": {"band": 0.7}},
         "encoding": {
             "color": {"field": "status_text", "type": "nominal",
                       "scale": {"domain": [statuses.badge(c, lang) for c in codes],
                                 "range": [statuses.color(c) for c in codes]},
                       "legend": {"columns": 3, "labelFontSize": FONT, "orient": "bottom", "title": None}},
             "tooltip": [{"field": "area", "title": t("filter.district", lang), "type": "nominal"},
                         {"field": "label", "title": t("trend.value", lang), "type": "nominal"},
                         {"field": "status_text", "title": t("action.breakdown.status", lang), "type": "nominal"}],
             "x": x, "y": y}},
        {"data": bars, "name": "labels",
         "mark": {"type": "text", "align": "left", "color": INK, "dx": 4, "fontSize": LABEL_FONT},
         "encoding": {"text": _text("label"), "x": x, "y": y}},
    ]
    target_value = _num(row.get("target_value"))
    if target_value is not None:
        parts.append({"data": {"values": [{"value": target_value}]}, "name": "target",
                      "mark": {"type": "rule", "color": TARGET, "strokeDash": DASHES["target"], "strokeWidth": 2},
                      "encoding": {"x": {"field": "value", "type": "quantitative"}}})
    return _spec(parts, max(160, 34 * len(data)))


MILESTONE_CODES = ("milestone_not_started", "milestone_in_progress", "milestone_done")


def milestone_codes(points: pd.DataFrame) -> list[str | None]:
    """Each row's milestone status code: from the entered milestone, else from the status column."""
    entered = points["milestone"] if "milestone" in points else pd.Series([None] * len(points), index=points.index)
    fallback = points["status"] if "status" in points else pd.Series([None] * len(points), index=points.index)
    return [statuses.MILESTONE_STATUS.get(m) if isinstance(m, str) else s for m, s in zip(entered, fallback)]


def milestone_chart(points: pd.DataFrame, lang: str, height: int = 200) -> dict:
    """A qualitative target year by year: one mark per year at its stage, with the stage's icon."""
    data = points[["year"]].copy()
    data["status"] = milestone_codes(points)
    data = data[data["status"].isin(MILESTONE_CODES)]
    data["year"] = data["year"].astype(int)
    data["stage"] = [statuses.label(c, lang) for c in data["status"]]
    data["icon"] = [statuses.icon(c) for c in data["status"]]
    stages = [statuses.label(c, lang) for c in MILESTONE_CODES]
    x = {"axis": {"labelAngle": 0, "labelFontSize": FONT}, "field": "year", "title": None, "type": "ordinal"}
    y = {"axis": {"labelFontSize": FONT}, "field": "stage", "scale": {"domain": list(reversed(stages))},
         "sort": list(reversed(stages)), "title": None, "type": "nominal"}
    colour = {"field": "stage", "legend": None, "type": "nominal",
              "scale": {"domain": stages, "range": [statuses.color(c) for c in MILESTONE_CODES]}}
    rows = _values(data)
    return _spec([
        {"data": rows, "name": "milestones", "mark": {"type": "point", "filled": True, "opacity": 0.9, "size": 420},
         "encoding": {"color": colour, "x": x, "y": y,
                      "tooltip": [{"field": "year", "title": t("col.year", lang), "type": "ordinal"},
                                  {"field": "stage", "title": t("action.breakdown.status", lang), "type": "nominal"}]}},
        {"data": rows, "name": "labels", "mark": {"type": "text", "color": INK, "dy": -22, "fontSize": FONT},
         "encoding": {"text": _text("icon"), "x": x, "y": y}},
    ], height)
