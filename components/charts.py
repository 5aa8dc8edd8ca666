"""The chart kit, with altair: the rows kept inside each layer (``Rows``), one layered chart as wide
as its container (``layered``), text alternatives (``describe``, ``listed``), the swatch legend and
the hand-over to Streamlit (``for_streamlit``). A target's own charts (series, sparkline, district
bars, milestones) are in components/target_charts.py. Each builder takes frames and catalogue rows
and returns its Vega-Lite spec (``to_dict()``) as a plain dict; nothing here reads Streamlit or the
database, so every chart is unit-testable from its spec, and the schema check (altair's, in
tests/test_charts.py) runs in the tests rather than on every build.

Every layer keeps its rows in the layer itself (``data.values``, a named inline source, which altair
leaves in place instead of moving it to top-level ``datasets``): Streamlit converts top-level data to
Arrow on every draw, whereas rows inside a layer are sent as they are. The rows are put into the
finished dict (``Rows``) rather than carried through altair's copies.

altair takes some milliseconds per chart (its objects are copied and checked as they are made),
so callers build each chart once: the series and district charts once per snapshot and input
(components.targets), and the sparkline, drawn a dozen times a page, from one altair chart
per shape (status colour, target line or not) with each card's rows put into a copy of it.

Status colours come only from tracker.statuses, deepened where they are drawn on white to the 3:1
that graphics need (components.theme.status_graphic); the lines themselves are neutral and told apart
by dash pattern and by text drawn on the chart (values on the points, names at the line ends), so a
tablet user reads them by looking, not by hovering.

Every chart carries a text alternative in the reader's language, written from its own figures
(Vega-Lite's top-level ``description``, which Vega puts on the chart as its ``aria-label``): a
screen reader hears the values, the target and the statuses the chart draws.
"""
from __future__ import annotations

from typing import Any, Mapping

import altair as alt
import pandas as pd
import pyarrow as pa

from components import fmt, theme
from components.i18n import pick, t
from tracker.db import records

INK = "#1f2937"        # the observed series and its projection
GUIDE = "#6b7280"      # the expected path
TARGET = "#111827"     # the target line
FONT = 14              # axis and label text: readable on a tablet and a projector
LABEL_FONT = 13
DASHES = {"actual": [1, 0], "expected": [5, 5], "projection": [2, 3], "target": [14, 4]}
SCHEMA_URL = alt.SCHEMA_URL     # the Vega-Lite version of every spec here (and of Streamlit's charts)
VIEW = {"continuousWidth": 300, "continuousHeight": 300}   # altair's default view, written out


_num = fmt.finite


class _Placeholder(alt.InlineData):
    """Inline data that altair does not check against the schema as it is made (its debug mode
    checks every object at construction); the tests check every spec instead."""
    _class_is_valid_at_instantiation = False


class Rows:
    """The rows of one chart's layers, kept out of the altair objects while the chart is built.

    altair copies a chart at every step (``mark_*``, ``encode``, ``layer``, ``configure``) and walks
    every value in ``to_dict``: with the rows inside, a heatmap's 660 cells cost about 150 ms; kept
    aside and put into the finished dict, under 1 ms. ``rows(frame, name)`` gives the chart a named,
    empty inline data source; ``rows.spec(chart)`` returns the Vega-Lite dict with the rows in place.
    Named inline data also stays where it is given: altair moves unnamed inline rows to top-level
    ``datasets``, which Streamlit turns into Arrow on every draw. Vega-Lite reads inline rows by
    value, so the name is only a label.
    """

    def __init__(self) -> None:
        self.by_name: dict[str, list[dict]] = {}

    def __call__(self, rows: pd.DataFrame | list[dict], name: str) -> alt.InlineData:
        self.by_name[name] = records(rows) if isinstance(rows, pd.DataFrame) else list(rows)
        return _Placeholder(values=[], name=name)

    def spec(self, chart: alt.TopLevelMixin) -> dict:
        """The chart's Vega-Lite dict with the rows filled in. Not validated here (the tests validate
        every builder's output against the schema): that would add milliseconds to each build."""
        out = chart.to_dict(validate=False)
        self._fill(out)
        return out

    def _fill(self, node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                self._fill(item)
        elif isinstance(node, dict):
            for value in node.values():
                self._fill(value)
            if node.get("values") == [] and node.get("name") in self.by_name:
                node["values"] = self.by_name[node["name"]]


def short_value(value: Any, row: Mapping[str, Any]) -> str:
    """A point label: the number, with '%' when the unit is a percentage (the axis names the unit)."""
    text = fmt.number(value)
    return f"{text}%" if text != "—" and pick(row, "unit", "zh") == "%" else text


def unit_title(row: Mapping[str, Any], lang: str) -> str:
    unit = fmt.unit(row, lang)
    if row.get("measure") == "growth_rate":
        return t("trend.axis_growth", lang, unit=unit or "%")
    return t("trend.axis_unit", lang, unit=unit) if unit else ""


def _year_axis(years: list[int]) -> alt.X:
    lo, hi = min(years), max(years)
    return alt.X("year", type="quantitative", title=None, scale=alt.Scale(domain=[lo, hi], nice=False),
                 axis=alt.Axis(format="d", grid=False, labelFontSize=FONT, values=list(range(lo, hi + 1))))


def layered(parts: list[alt.Chart], height: Any, *, view: dict | None = None, font: str | None = None,
            description: str | None = None, **top: Any) -> alt.LayerChart:
    """The layers as one chart as wide as its container (``top``: shared data, transforms), with
    ``description`` as its text alternative. Made in one step rather than with
    ``.properties().configure_view()``: each chained call copies the whole chart, about 5 ms a chart."""
    # axis and legend words at 4.5:1 (Streamlit's chart theme draws them in a light grey)
    config = alt.Config(view=alt.ViewConfig(**VIEW, **(view or {})), **({"font": font} if font else {}),
                        axis=alt.AxisConfig(labelColor=theme.MUTED, titleColor=theme.MUTED),
                        legend=alt.LegendConfig(labelColor=theme.MUTED, titleColor=theme.MUTED))
    if description:
        top["description"] = description
    return alt.layer(*parts, height=height, width="container", config=config, **top)


def _layered(parts: list[alt.Chart], height: int, description: str | None = None) -> alt.LayerChart:
    """The target charts have no frame around the plot."""
    return layered(parts, height, view={"stroke": None}, description=description)


def listed(items: list[str], lang: str) -> str:
    """Items of a text alternative joined in ``lang`` ('no values yet' when there are none)."""
    return t("a11y.list_sep", lang).join(items) if items else t("a11y.no_values", lang)


def describe(spec: dict, text: str) -> dict:
    """``spec`` with ``text`` as its text alternative (Vega's aria-label on the drawn chart)."""
    spec["description"] = text
    return spec


# ---- legends and the hand-over to Streamlit ---------------------------------------------------

LEGEND_FONT = "Source Sans, Source Sans Pro, Noto Sans CJK SC, sans-serif"

def heading(title: str) -> alt.TitleParams:
    return alt.TitleParams(title, anchor="start", fontSize=15)

def swatch_legend(rows: pd.DataFrame, title: str, lang: str = "zh") -> dict:
    """A legend of colour swatches and words (``order``, ``color``, ``label``), one per row.
    Draw it with theme=None: Streamlit's chart theme squeezes the rows together. Its text alternative
    is its title and words, in ``lang``."""
    data = Rows()
    n = max(len(rows), 1)
    y = alt.Y("order", type="quantitative", axis=None,
              scale=alt.Scale(domain=[-0.5, n - 0.5], nice=False, reverse=True))
    swatch = alt.Chart(title=heading(title)).mark_square(opacity=1, size=300, stroke="#555555", strokeWidth=0.5) \
        .encode(color=alt.Color("color", type="nominal", scale=None), x=alt.value(10), y=y)
    words = alt.Chart(title=heading(title)).mark_text(align="left", baseline="middle", color="#262730", fontSize=15) \
        .encode(text=alt.Text("label", type="nominal"), x=alt.value(28), y=y)
    text = t("a11y.legend", lang, title=title, rows=listed([str(v) for v in rows["label"]], lang))
    return data.spec(layered([swatch, words], 34 * n + 24, font=LEGEND_FONT, description=text,
                             data=data(rows[["order", "color", "label"]], "legend")))


def for_streamlit(out: dict) -> dict:
    """A finished spec for st.vega_lite_chart: the rows every layer shares (the top-level
    ``data.values``) handed over as an Arrow table. Streamlit moves top-level rows out of the spec and
    sends them as Arrow on every draw; from a table that costs about 0.02 ms where a list of rows costs
    1–10 ms (a heatmap has hundreds of cells), so a cached spec costs next to nothing to draw again."""
    data = out.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list):
        out["data"] = {"values": pa.Table.from_pylist(data["values"])}
    return out
