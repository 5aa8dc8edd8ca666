"""A target's charts, authored with altair on the chart kit (components/charts.py): its series with
the expected path, the projection and the target; a card's sparkline; the district breakdown; the
milestones of a qualitative target. Pure: frames and catalogue rows in, a Vega-Lite dict out.

altair takes some milliseconds per chart, so callers build each chart once: the series and district
charts once per snapshot and input (components.targets), and the sparkline, drawn a dozen times a
page, from one altair chart per shape (status colour, target line or not) with each card's rows put
into a copy of it.
"""
from __future__ import annotations

import functools
from typing import Any, Mapping

import altair as alt
import pandas as pd

from components import fmt, provenance, theme
from components.charts import (
    DASHES,
    FONT,
    GUIDE,
    INK,
    LABEL_FONT,
    TARGET,
    VIEW,
    Rows,
    _layered,
    _num,
    _year_axis,
    listed,
    short_value,
    unit_title,
)
from components.i18n import pick, t
from tracker import statuses
from tracker.db import records


def series_text(layers: Mapping[str, pd.DataFrame], row: Mapping[str, Any], lang: str) -> str:
    """The series chart read aloud: the indicator, each year's value, the target."""
    points = listed([t("a11y.point", lang, year=int(y), value=label)
                     for y, label in zip(layers["actual"]["year"], layers["actual"]["label"])], lang)
    name = pick(row, "name", lang)
    if _num(row.get("target_value")) is None:
        return t("a11y.series_no_target", lang, name=name, points=points)
    goal = t("a11y.target", lang, target=fmt.target(row, lang))
    return t("a11y.series", lang, name=name, points=points, target=goal)


def series_layers(points: pd.DataFrame, row: Mapping[str, Any], lang: str,
                  projected: float | None = None) -> dict[str, pd.DataFrame]:
    """The frames behind each layer of the series chart (empty frames for layers that do not apply).

    ``points`` has ``year`` and ``plot_value`` (the quantity compared with the target: the value, the
    running sum of new additions for count_new, the yearly growth for growth_rate). ``projected`` is
    the status table's projected_value for the last year shown.
    """
    kept = ["year", "plot_value"] + [c for c in ("batch_kind", "source", "note") if c in points]
    pts = points.loc[pd.notna(points["plot_value"]), kept].copy()
    pts["year"] = pts["year"].astype(int)
    pts = pts.sort_values("year")
    pts["label"] = [short_value(v, row) for v in pts["plot_value"]]
    if "batch_kind" in pts:     # each point's kind (word and marker), source and note for the tooltip
        pts["kind"] = [provenance.kind_word(k, lang) for k in pts["batch_kind"]]
        for name, values in provenance.columns(pts, lang).items():
            pts[{t("prov.col.source", lang): "source_text", t("prov.col.note", lang): "note_text"}.get(name, "_")] \
                = values
        pts = pts.drop(columns=[c for c in ("_", "batch_kind", "source", "note") if c in pts])
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
    return alt.StrokeDash("line", type="nominal",
                          scale=alt.Scale(domain=names, range=[DASHES[k] for k in DASHES if k in shown]),
                          legend=alt.Legend(labelFontSize=FONT, orient="bottom", symbolSize=400, symbolStrokeColor=INK,
                                            symbolStrokeWidth=2, symbolType="stroke", title=None))


def _lined(frame: pd.DataFrame, name: str, lang: str) -> pd.DataFrame:
    return frame.assign(line=t(f"trend.{name}", lang))


def _text(field: str) -> alt.Text:
    return alt.Text(field, type="nominal")


def _layer(data: Rows, rows: pd.DataFrame | list[dict], name: str) -> alt.Chart:
    """A layer named ``name`` (tests and readers of the spec find layers by name) with its own rows."""
    return alt.Chart(data(rows, name), name=name)


def series_chart(points: pd.DataFrame, row: Mapping[str, Any], lang: str, *,
                 projected: float | None = None, height: int = 320) -> dict:
    """The target's series: observed values labelled on the points, baseline, target line, the
    expected path (straight from the baseline to the target over the plan period) and the
    projection to the target year. Layers are named for tests and readers of the spec.

    Authored with altair and returned as its Vega-Lite dict; callers cache it per input
    (components.targets), since altair takes tens of milliseconds to build it."""
    data = Rows()
    if row.get("measure") == "qualitative" or row.get("comparator") == "qualitative":
        return milestone_chart(points, lang, height=min(height, 220))
    layers = series_layers(points, row, lang, projected)
    years = [int(row["baseline_year"]), int(row["target_year"])] + layers["actual"]["year"].tolist()
    x = _year_axis(years)
    y = alt.Y("plot_value", type="quantitative", title=unit_title(row, lang) or None,
              scale=alt.Scale(nice=True, zero=row.get("measure") == "count_new"),
              axis=alt.Axis(labelFontSize=FONT, tickCount=5, titleFontSize=FONT))
    y_rule = alt.Y("y", type="quantitative")
    tip = [alt.Tooltip("year", type="quantitative", format="d", title=t("col.year", lang)),
           alt.Tooltip("label", type="nominal", title=t("trend.value", lang))]
    shown = ["actual"] + [k for k in ("expected", "projection", "target") if len(layers[k])]
    dash = _dash(lang, shown)
    parts: list[alt.Chart] = []
    if len(layers["expected"]):
        parts.append(_layer(data, _lined(layers["expected"], "expected", lang), "expected")
                     .mark_line(color=GUIDE, strokeWidth=2).encode(strokeDash=dash, x=x, y=y))
    if len(layers["target"]):
        target = records(_lined(layers["target"], "target", lang))
        parts.append(_layer(data, target, "target").mark_rule(color=TARGET, strokeWidth=2).encode(strokeDash=dash, y=y_rule))
        parts.append(_layer(data, target, "target_label")
                     .mark_text(align="left", color=TARGET, dy=-9, fontSize=LABEL_FONT, fontWeight="bold")
                     .encode(text=_text("label"), x=x, y=y_rule))
    if len(layers["projection"]):
        proj = records(_lined(layers["projection"], "projection", lang))
        end = "(datum.label !== '')"      # the point and the words at the target year only
        parts.append(_layer(data, proj, "projection").mark_line(color=INK, strokeWidth=2).encode(strokeDash=dash, x=x, y=y))
        parts.append(_layer(data, proj, "projection_point").transform_filter(end)
                     .mark_point(color=INK, filled=False, size=70, strokeWidth=2).encode(x=x, y=y))
        parts.append(_layer(data, proj, "projection_label").transform_filter(end)
                     .mark_text(align="right", color=INK, dx=-4, dy=-14, fontSize=LABEL_FONT)
                     .encode(text=_text("label"), x=x, y=y))
    actual = records(_lined(layers["actual"], "actual", lang))
    parts.append(_layer(data, actual, "actual").mark_line(color=INK, strokeWidth=3).encode(strokeDash=dash, x=x, y=y))
    marked = "kind" in layers["actual"]
    points_layer = _layer(data, actual, "actual_points").mark_point(color=INK, filled=True, size=110 if marked else 60)
    if marked:   # demo and imported points: a marker and a word each, not colour alone
        kinds = [provenance.kind_word("observations", lang), provenance.kind_word("demo", lang)]
        tip += [alt.Tooltip("kind", type="nominal", title=t("prov.col.kind", lang)),
                alt.Tooltip("source_text", type="nominal", title=t("prov.col.source", lang)),
                alt.Tooltip("note_text", type="nominal", title=t("prov.col.note", lang))]
        points_layer = points_layer.encode(shape=alt.Shape(
            "kind", type="nominal", scale=alt.Scale(domain=kinds, range=["circle", "diamond"]),
            legend=alt.Legend(labelFontSize=FONT, orient="bottom", title=None, symbolFillColor=INK)))
    parts.append(points_layer.encode(tooltip=tip, x=x, y=y))
    # the base year's value is written by the baseline's own label
    labelled = layers["actual"][layers["actual"]["year"] != int(row["baseline_year"])] if len(layers["baseline"]) \
        else layers["actual"]
    parts.append(_layer(data, labelled, "labels").mark_text(color=INK, dy=-14, fontSize=LABEL_FONT)
                 .encode(text=_text("label"), x=x, y=y))
    if len(layers["baseline"]):
        base = records(layers["baseline"])
        parts.append(_layer(data, base, "baseline")
                     .mark_point(color=INK, filled=False, shape="diamond", size=140, strokeWidth=2).encode(x=x, y=y))
        parts.append(_layer(data, base, "baseline_label")
                     .mark_text(align="left", color=INK, dx=-4, dy=-16, fontSize=LABEL_FONT)
                     .encode(text=_text("label"), x=x, y=y))
    return data.spec(_layered(parts, height, series_text(layers, row, lang)))


@functools.lru_cache(maxsize=64)
def _sparkline_shape(color: str, with_target: bool, height: int) -> dict:
    """The sparkline's spec for one status colour, with or without the target line, its layers'
    rows left empty: made once per shape with altair; ``sparkline`` fills in each card's rows."""
    x = alt.X("year", type="quantitative", axis=None, scale=alt.Scale(nice=False))
    y = alt.Y("plot_value", type="quantitative", axis=None, scale=alt.Scale(zero=False))
    empty = Rows()     # no rows: ``sparkline`` puts each card's into a copy
    parts = [_layer(empty, [], "sparkline").mark_line(color=INK, strokeWidth=2).encode(x=x, y=y),
             _layer(empty, [], "latest").mark_point(color=color, filled=True, size=70).encode(x=x, y=y)]
    if with_target:
        parts.insert(0, _layer(empty, [], "target").mark_rule(color=GUIDE, strokeDash=[4, 3]).encode(y=y))
    chart = alt.layer(*parts, height=height, width="container",
                      config=alt.Config(view=alt.ViewConfig(**VIEW), padding={"left": 4, "right": 8, "top": 6, "bottom": 6}))
    return empty.spec(chart)


def sparkline(points: pd.DataFrame | list, row: Mapping[str, Any], status: str = "no_data",
              height: int = 56, lang: str = "zh") -> dict:
    """A card's small trend: the plotted quantity, the last point in its status colour, the target.

    A page draws a dozen or more of these and altair takes about 10 ms to build each, so the chart
    is built once per shape (``_sparkline_shape``) and each card gets a copy with its own rows in
    the layers. ``points`` is a frame with ``year`` and ``plot_value``, or (year, plot_value) pairs.
    """
    pairs = (zip(points["year"], points["plot_value"]) if isinstance(points, pd.DataFrame) else points)
    values = [{"year": float(year), "plot_value": float(value)} for year, value in pairs
              if _num(value) is not None]
    target_value = _num(row.get("target_value"))
    with_target = target_value is not None and row.get("measure") != "qualitative"
    rows = {"sparkline": values, "latest": values[-1:],
            "target": [{"plot_value": target_value}] if with_target else []}
    shape = _sparkline_shape(theme.status_graphic(status), with_target, height)
    text = t("a11y.sparkline", lang, name=pick(row, "name", lang), points=listed(
        [t("a11y.point", lang, year=int(v["year"]), value=short_value(v["plot_value"], row)) for v in values], lang))
    # a new top level and new layer dicts; the marks and encodings are the shared shape's (read-only)
    return {**shape, "description": text,
            "layer": [{**layer, "data": {**layer["data"], "values": rows[layer["name"]]}} for layer in shape["layer"]]}


def district_bar(frame: pd.DataFrame, row: Mapping[str, Any], lang: str) -> dict:
    """Districts as bars, best first, coloured by status (the legend gives icon and word), the value
    written at each bar's end and the target as a vertical line.

    ``frame`` has area_name_zh/en, value and status (codes); districts without a value are left out.
    """
    layers = Rows()
    data = frame.loc[pd.notna(frame["value"])].copy()
    data["area"] = [pick(r, "area_name", lang) for r in data.to_dict("records")]
    data["status_text"] = [statuses.badge(code, lang) for code in data["status"]]
    data["label"] = [f"{short_value(v, row)} {statuses.icon(code)}" for v, code in zip(data["value"], data["status"])]
    data = data[["area", "value", "status_text", "label"]]
    codes = [c for c in statuses.ORDER if c in set(frame.loc[data.index, "status"])]
    # An explicit order: a layered chart drops "sort by x" when it unions the layers' domains.
    order = data.sort_values("value", ascending=row.get("direction", "up") != "up", kind="stable")["area"].tolist()
    y = alt.Y("area", type="nominal", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT, labelLimit=200))
    x = alt.X("value", type="quantitative", title=unit_title(row, lang) or None,
              axis=alt.Axis(labelFontSize=FONT, tickCount=5, titleFontSize=FONT))
    colour = alt.Color("status_text", type="nominal",
                       scale=alt.Scale(domain=[statuses.badge(c, lang) for c in codes],
                                       range=[theme.status_graphic(c) for c in codes]),
                       legend=alt.Legend(columns=3, labelFontSize=FONT, orient="bottom", title=None))
    tip = [alt.Tooltip("area", type="nominal", title=t("filter.district", lang)),
           alt.Tooltip("label", type="nominal", title=t("trend.value", lang)),
           alt.Tooltip("status_text", type="nominal", title=t("action.breakdown.status", lang))]
    bars = records(data)
    parts = [
        _layer(layers, bars, "bars").mark_bar(height=alt.RelativeBandSize(0.7)).encode(color=colour, tooltip=tip, x=x, y=y),
        _layer(layers, bars, "labels").mark_text(align="left", color=INK, dx=4, fontSize=LABEL_FONT)
        .encode(text=_text("label"), x=x, y=y),
    ]
    target_value = _num(row.get("target_value"))
    if target_value is not None:
        parts.append(_layer(layers, [{"value": target_value}], "target")
                     .mark_rule(color=TARGET, strokeDash=DASHES["target"], strokeWidth=2)
                     .encode(x=alt.X("value", type="quantitative")))
    ranked = data.set_index("area").loc[order]
    text = t("a11y.districts", lang, name=pick(row, "name", lang), rows=listed(
        [t("a11y.district_row", lang, area=area, value=short_value(r["value"], row), status=r["status_text"])
         for area, r in ranked.iterrows()], lang),
        target=t("a11y.target", lang, target=fmt.target(row, lang)) if target_value is not None else "")
    return layers.spec(_layered(parts, max(160, 34 * len(data)), text.strip()))


MILESTONE_CODES = ("milestone_not_started", "milestone_in_progress", "milestone_done")


def milestone_codes(points: pd.DataFrame) -> list[str | None]:
    """Each row's milestone status code: from the entered milestone, else from the status column."""
    entered = points["milestone"] if "milestone" in points else pd.Series([None] * len(points), index=points.index)
    fallback = points["status"] if "status" in points else pd.Series([None] * len(points), index=points.index)
    return [statuses.MILESTONE_STATUS.get(m) if isinstance(m, str) else s for m, s in zip(entered, fallback)]


def milestone_chart(points: pd.DataFrame, lang: str, height: int = 200) -> dict:
    """A qualitative target year by year: one mark per year at its stage, with the stage's icon."""
    layers = Rows()
    data = points[["year"]].copy()
    data["status"] = milestone_codes(points)
    data = data[data["status"].isin(MILESTONE_CODES)]
    data["year"] = data["year"].astype(int)
    data["stage"] = [statuses.label(c, lang) for c in data["status"]]
    data["icon"] = [statuses.icon(c) for c in data["status"]]
    stages = [statuses.label(c, lang) for c in MILESTONE_CODES]
    x = alt.X("year", type="ordinal", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=FONT))
    y = alt.Y("stage", type="nominal", title=None, sort=list(reversed(stages)),
              scale=alt.Scale(domain=list(reversed(stages))), axis=alt.Axis(labelFontSize=FONT))
    colour = alt.Color("stage", type="nominal", legend=None,
                       scale=alt.Scale(domain=stages, range=[theme.status_graphic(c) for c in MILESTONE_CODES]))
    tip = [alt.Tooltip("year", type="ordinal", title=t("col.year", lang)),
           alt.Tooltip("stage", type="nominal", title=t("action.breakdown.status", lang))]
    rows = records(data)
    text = t("a11y.milestones", lang, points=listed(
        [t("a11y.point", lang, year=r["year"], value=f"{r['icon']} {r['stage']}") for r in rows], lang))
    return layers.spec(_layered([
        _layer(layers, rows, "milestones").mark_point(filled=True, opacity=0.9, size=420).encode(color=colour, tooltip=tip,
                                                                                         x=x, y=y),
        _layer(layers, rows, "labels").mark_text(color=INK, dy=-22, fontSize=FONT).encode(text=_text("icon"), x=x, y=y),
    ], height, text))
