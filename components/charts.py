"""Pure altair builders: a target's series chart, a card's sparkline, the district breakdown, and the
milestones of a qualitative target. Each takes frames and catalogue rows and returns an alt.Chart;
nothing here reads Streamlit or the database, so every chart is unit-testable from its spec.

Status colours come only from tracker.statuses; the lines themselves are neutral and told apart by
dash pattern and by text drawn on the chart (values on the points, names at the line ends), so a
tablet user reads them by looking, not by hovering.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

import altair as alt
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


def _num(x: Any) -> float | None:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def short_value(value: Any, row: Mapping[str, Any]) -> str:
    """A point label: the number, with '%' when the unit is a percentage (the axis names the unit)."""
    text = fmt.number(value)
    return f"{text}%" if text != "—" and pick(row, "unit", "zh") == "%" else text


def unit_title(row: Mapping[str, Any], lang: str) -> str:
    unit = pick(row, "unit", lang)
    if row.get("measure") == "growth_rate":
        return t("trend.axis_growth", lang, unit=unit or "%")
    return t("trend.axis_unit", lang, unit=unit) if unit else ""


def _year_axis(years: list[int]) -> alt.X:
    lo, hi = min(years), max(years)
    return alt.X("year:Q", title=None, scale=alt.Scale(domain=[lo, hi], nice=False),
                 axis=alt.Axis(format="d", values=list(range(lo, hi + 1)), labelFontSize=FONT, grid=False))


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


def _dash(lang: str, shown: list[str]) -> alt.StrokeDash:
    """Line style by the ``line`` column, one shared legend listing the lines drawn."""
    names = [t(f"trend.{k}", lang) for k in DASHES if k in shown]
    return alt.StrokeDash("line:N", scale=alt.Scale(domain=names, range=[DASHES[k] for k in DASHES if k in shown]),
                          legend=alt.Legend(title=None, orient="bottom", labelFontSize=FONT, symbolType="stroke",
                                            symbolSize=400, symbolStrokeColor=INK, symbolStrokeWidth=2))


def _lined(frame: pd.DataFrame, name: str, lang: str) -> pd.DataFrame:
    return frame.assign(line=t(f"trend.{name}", lang))


def series_chart(points: pd.DataFrame, row: Mapping[str, Any], lang: str, *,
                 projected: float | None = None, height: int = 320) -> alt.LayerChart:
    """The target's series: observed values labelled on the points, baseline, target line, the
    expected path (straight from the baseline to the target over the plan period) and the
    projection to the target year. Layers are named for tests and readers of the spec."""
    if row.get("measure") == "qualitative" or row.get("comparator") == "qualitative":
        return milestone_chart(points, lang, height=min(height, 220))
    layers = series_layers(points, row, lang, projected)
    years = [int(row["baseline_year"]), int(row["target_year"])] + layers["actual"]["year"].tolist()
    x = _year_axis(years)
    y = alt.Y("plot_value:Q", title=unit_title(row, lang) or None,
              scale=alt.Scale(zero=row.get("measure") == "count_new", nice=True),
              axis=alt.Axis(labelFontSize=FONT, titleFontSize=FONT, tickCount=5))
    tip = [alt.Tooltip("year:Q", title=t("col.year", lang), format="d"),
           alt.Tooltip("label:N", title=t("trend.value", lang))]
    shown = ["actual"] + [k for k in ("expected", "projection", "target") if len(layers[k])]
    dash = _dash(lang, shown)
    parts: list[alt.Chart] = []
    if len(layers["expected"]):
        parts.append(alt.Chart(_lined(layers["expected"], "expected", lang), name="expected")
                     .mark_line(color=GUIDE, strokeWidth=2).encode(x=x, y=y, strokeDash=dash))
    if len(layers["target"]):
        target = alt.Chart(_lined(layers["target"], "target", lang))
        parts.append(target.mark_rule(color=TARGET, strokeWidth=2)
                     .encode(y=alt.Y("y:Q"), strokeDash=dash).properties(name="target"))
        parts.append(target.mark_text(align="left", dy=-9, fontSize=LABEL_FONT, fontWeight="bold", color=TARGET)
                     .encode(x=x, y=alt.Y("y:Q"), text="label:N").properties(name="target_label"))
    if len(layers["projection"]):
        proj = alt.Chart(_lined(layers["projection"], "projection", lang))
        parts.append(proj.mark_line(color=INK, strokeWidth=2).encode(x=x, y=y, strokeDash=dash)
                     .properties(name="projection"))
        end = proj.transform_filter(alt.datum.label != "")
        parts.append(end.mark_point(color=INK, size=70, filled=False, strokeWidth=2).encode(x=x, y=y)
                     .properties(name="projection_point"))
        parts.append(end.mark_text(align="right", dx=-4, dy=-14, fontSize=LABEL_FONT, color=INK)
                     .encode(x=x, y=y, text="label:N").properties(name="projection_label"))
    actual = alt.Chart(_lined(layers["actual"], "actual", lang))
    parts.append(actual.mark_line(color=INK, strokeWidth=3).encode(x=x, y=y, strokeDash=dash)
                 .properties(name="actual"))
    parts.append(actual.mark_point(color=INK, size=60, filled=True).encode(x=x, y=y, tooltip=tip)
                 .properties(name="actual_points"))
    # the base year's value is written by the baseline's own label
    labelled = layers["actual"][layers["actual"]["year"] != int(row["baseline_year"])] if len(layers["baseline"]) \
        else layers["actual"]
    parts.append(alt.Chart(labelled).mark_text(dy=-14, fontSize=LABEL_FONT, color=INK)
                 .encode(x=x, y=y, text="label:N").properties(name="labels"))
    if len(layers["baseline"]):
        base = alt.Chart(layers["baseline"])
        parts.append(base.mark_point(color=INK, size=140, filled=False, strokeWidth=2, shape="diamond")
                     .encode(x=x, y=y).properties(name="baseline"))
        parts.append(base.mark_text(align="left", dx=-4, dy=-16, fontSize=LABEL_FONT, color=INK)
                     .encode(x=x, y=y, text="label:N").properties(name="baseline_label"))
    return alt.layer(*parts).properties(height=height, width="container").configure_view(stroke=None)


def sparkline(points: pd.DataFrame, row: Mapping[str, Any], status: str = "no_data",
              height: int = 56) -> alt.LayerChart:
    """A card's small trend: the plotted quantity, the last point in its status colour, the target."""
    pts = points.loc[pd.notna(points["plot_value"]), ["year", "plot_value"]].astype(float)
    target_value = _num(row.get("target_value"))
    x = alt.X("year:Q", axis=None, scale=alt.Scale(nice=False))
    y = alt.Y("plot_value:Q", axis=None, scale=alt.Scale(zero=False))
    parts = [alt.Chart(pts, name="sparkline").mark_line(color=INK, strokeWidth=2).encode(x=x, y=y),
             alt.Chart(pts.tail(1), name="latest").mark_point(filled=True, size=70, color=statuses.color(status))
             .encode(x=x, y=y)]
    if target_value is not None and row.get("measure") != "qualitative":
        parts.insert(0, alt.Chart(pd.DataFrame({"plot_value": [target_value]}), name="target")
                     .mark_rule(color=GUIDE, strokeDash=[4, 3]).encode(y=y))
    return (alt.layer(*parts).properties(height=height, width="container")
            .configure_view(stroke=None).configure(padding={"left": 4, "right": 8, "top": 6, "bottom": 6}))


def district_bar(frame: pd.DataFrame, row: Mapping[str, Any], lang: str) -> alt.LayerChart:
    """Districts as bars, best first, coloured by status (the legend gives icon and word), the value
    written at each bar's end and the target as a vertical line.

    ``frame`` has area_name_zh/en, value and status (codes); districts without a value are left out.
    """
    data = frame.loc[pd.notna(frame["value"])].copy()
    data["area"] = [pick(r, "area_name", lang) for r in data.to_dict("records")]
    data["status_text"] = [statuses.badge(code, lang) for code in data["status"]]
    data["label"] = [f"{short_value(v, row)} {statuses.icon(code)}" for v, code in zip(data["value"], data["status"])]
    data = data[["area", "value", "status_text", "label"]]
    codes = [c for c in statuses.ORDER if c in set(frame.loc[data.index, "status"])]
    domain = [statuses.badge(c, lang) for c in codes]
    colours = [statuses.color(c) for c in codes]
    # An explicit order: a layered chart drops "sort by x" when it unions the layers' domains.
    order = data.sort_values("value", ascending=row.get("direction", "up") != "up", kind="stable")["area"].tolist()
    y = alt.Y("area:N", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT, labelLimit=200))
    x = alt.X("value:Q", title=unit_title(row, lang) or None,
              axis=alt.Axis(labelFontSize=FONT, titleFontSize=FONT, tickCount=5))
    bars = alt.Chart(data, name="bars").mark_bar(height={"band": 0.7}).encode(
        x=x, y=y,
        color=alt.Color("status_text:N", scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(title=None, orient="bottom", labelFontSize=FONT, columns=3)),
        tooltip=[alt.Tooltip("area:N", title=t("filter.district", lang)),
                 alt.Tooltip("label:N", title=t("trend.value", lang)),
                 alt.Tooltip("status_text:N", title=t("action.breakdown.status", lang))],
    )
    labels = alt.Chart(data, name="labels").mark_text(align="left", dx=4, fontSize=LABEL_FONT, color=INK).encode(
        x=x, y=y, text="label:N")
    parts = [bars, labels]
    target_value = _num(row.get("target_value"))
    if target_value is not None:
        parts.append(alt.Chart(pd.DataFrame({"value": [target_value]}), name="target")
                     .mark_rule(color=TARGET, strokeWidth=2, strokeDash=DASHES["target"]).encode(x="value:Q"))
    height = max(160, 34 * len(data))
    return alt.layer(*parts).properties(height=height, width="container").configure_view(stroke=None)


MILESTONE_CODES = ("milestone_not_started", "milestone_in_progress", "milestone_done")


def milestone_codes(points: pd.DataFrame) -> list[str | None]:
    """Each row's milestone status code: from the entered milestone, else from the status column."""
    entered = points["milestone"] if "milestone" in points else pd.Series([None] * len(points), index=points.index)
    fallback = points["status"] if "status" in points else pd.Series([None] * len(points), index=points.index)
    return [statuses.MILESTONE_STATUS.get(m) if isinstance(m, str) else s for m, s in zip(entered, fallback)]


def milestone_chart(points: pd.DataFrame, lang: str, height: int = 200) -> alt.LayerChart:
    """A qualitative target year by year: one mark per year at its stage, with the stage's icon."""
    data = points[["year"]].copy()
    data["status"] = milestone_codes(points)
    data = data[data["status"].isin(MILESTONE_CODES)]
    data["year"] = data["year"].astype(int)
    data["stage"] = [statuses.label(c, lang) for c in data["status"]]
    data["icon"] = [statuses.icon(c) for c in data["status"]]
    stages = [statuses.label(c, lang) for c in MILESTONE_CODES]
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=FONT))
    y = alt.Y("stage:N", title=None, sort=list(reversed(stages)), scale=alt.Scale(domain=list(reversed(stages))),
              axis=alt.Axis(labelFontSize=FONT))
    colour = alt.Color("stage:N", scale=alt.Scale(domain=stages, range=[statuses.color(c) for c in MILESTONE_CODES]),
                       legend=None)
    marks = alt.Chart(data, name="milestones").mark_point(filled=True, size=420, opacity=0.9).encode(
        x=x, y=y, color=colour, tooltip=[alt.Tooltip("year:O", title=t("col.year", lang)),
                                        alt.Tooltip("stage:N", title=t("action.breakdown.status", lang))])
    labels = alt.Chart(data, name="labels").mark_text(fontSize=FONT, color=INK, dy=-22).encode(
        x=x, y=y, text="icon:N")
    return alt.layer(marks, labels).properties(height=height, width="container").configure_view(stroke=None)
