"""Drawing on a slide with python-pptx, in the deck's typeface: text boxes, native tables and native
bar charts, and the a:ea fix that makes Chinese text use 微软雅黑 (tracker/brief/deck.py lays the
slides out with these)."""
from __future__ import annotations

from typing import Sequence

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from tracker.brief.fonts import DECK_FONT
from tracker.cells import safe_text

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK, MUTED, LINE = RGBColor(0x1F, 0x23, 0x2B), RGBColor(0x5A, 0x60, 0x6B), RGBColor(0xD0, 0xD4, 0xDA)
DEMO_FILL = RGBColor(0xFF, 0xF4, 0xCE)
ROW = Inches(0.5)
GRID_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"   # PowerPoint's "No Style, Table Grid": thin lines, no fill


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def ink_on(hex_colour: str) -> RGBColor:
    """Black or white text, whichever reads better on this fill."""
    r, g, b = (int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return RGBColor(0xFF, 0xFF, 0xFF) if 0.299 * r + 0.587 * g + 0.114 * b < 140 else INK


def chunks(items: Sequence, size: int) -> list[Sequence]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


# ---- text ---------------------------------------------------------------------------------------

def east_asian(element) -> None:
    """Give every run and paragraph default in ``element`` the deck's typeface as a:latin and a:ea
    (python-pptx's ``font.name`` sets a:latin only; a:ea is what Chinese text is drawn in)."""
    for props in element.iter(f"{A}rPr", f"{A}defRPr", f"{A}endParaRPr"):
        latin = props.find(f"{A}latin")
        if latin is None:
            continue
        ea = props.find(f"{A}ea")
        if ea is None:
            ea = etree.Element(f"{A}ea")
            latin.addnext(ea)
        ea.set("typeface", latin.get("typeface"))


def write(frame, lines: Sequence[str] | str, size: int = 18, *, bold: bool = False, color: RGBColor = INK,
          align=PP_ALIGN.LEFT, space: int = 4) -> None:
    """Replace a text frame's text with ``lines``, one paragraph each, in the deck's typeface."""
    if isinstance(lines, str):
        lines = [lines]
    frame.word_wrap = True
    frame.clear()
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        if space:                        # (0, a table cell's, is the default: not written, it is slow)
            paragraph.space_after = Pt(space)
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.name = Pt(size), DECK_FONT
        if bold:
            run.font.bold = True
        if color is not INK:             # the theme's text colour otherwise
            run.font.color.rgb = color


def box(slide, left, top, width, height, lines, size: int = 18, **kw):
    shape = slide.shapes.add_textbox(left, top, width, height)
    shape.text_frame.margin_left = shape.text_frame.margin_right = Inches(0.05)
    write(shape.text_frame, lines, size, **kw)
    return shape


def table(slide, rows: Sequence[Sequence[str]], left, top, width, widths: Sequence[float], *,
          size: int = 14, row_height=ROW, fills: Sequence[Sequence[str | None]] | None = None):
    """A native table: a header row, then ``rows``; ``widths`` are shares of ``width``."""
    shape = slide.shapes.add_table(len(rows), len(widths), left, top, width, row_height * len(rows))
    style = shape.element.find(f".//{A}tableStyleId")
    if style is not None:
        style.text = GRID_STYLE
    table = shape.table
    table.horz_banding = False
    total = sum(widths)
    for j, share in enumerate(widths):
        table.columns[j].width = Emu(int(width * share / total))
    for i, values in enumerate(rows):
        table.rows[i].height = row_height
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.06)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            fill = fills[i][j] if fills is not None and fills[i][j] else None
            colour = INK
            if i == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor(0x26, 0x27, 0x30)
                colour = RGBColor(0xFF, 0xFF, 0xFF)
            elif fill:
                cell.fill.solid()
                cell.fill.fore_color.rgb = rgb(fill)
                colour = ink_on(fill)
            write(cell.text_frame, str(value), size, bold=i == 0, color=colour, space=0)
    return shape


def axis_range(values: Sequence[float]) -> tuple[float, float, float]:
    """The value axis (low, high, step): from 0, or from the data's own minimum (rounded out to a
    step) when a value is negative, to a little past the largest value so an outside label fits."""
    import math

    values = [float(v) for v in values] or [0.0]
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    span = (high - low) or 1.0
    step = 10 ** math.floor(math.log10(span)) / (2 if span / 10 ** math.floor(math.log10(span)) < 3 else 1)
    pad = span * 0.12
    low = 0.0 if low == 0 else math.floor((low - pad) / step) * step
    high = math.ceil((high + pad) / step) * step if high > 0 else 0.0 + step
    while (high - low) / step > 8:              # at most eight steps: labels that stay level
        step *= 2
    return low, high, step


def bar_chart(slide, categories: Sequence[str], values: Sequence[float], colours: Sequence[str],
              left, top, width, height, *, title: str, series: str, number_format: str = "0"):
    """A native clustered bar chart, one bar per category, each in its status colour. Its data also
    goes into a workbook inside the deck, whose writer reads a text starting with '=' as a formula:
    the categories and the series name pass the formula rule (tracker/cells.py) first."""
    data = CategoryChartData(number_format=number_format)
    data.categories = [safe_text(c) for c in categories]
    data.add_series(safe_text(series), list(values))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    chart.font.size, chart.font.name = Pt(14), DECK_FONT
    title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size, title_font.bold, title_font.name = Pt(16), True, DECK_FONT
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = False
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = number_format, False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    chart.category_axis.reverse_order = True          # the first category on top
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW   # names at the left edge, never
    #                                                   under a bar that goes below zero
    chart.category_axis.format.line.color.rgb = LINE
    low, high, step = axis_range(values)
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = low, high
    chart.value_axis.major_unit = step
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.tick_labels.number_format = number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    if values and all(float(v).is_integer() for v in values) and max(values) <= 10:
        chart.value_axis.major_unit = 1                 # counts: whole steps
    chart.value_axis.major_gridlines.format.line.color.rgb = LINE
    for point, colour in zip(plot.series[0].points, colours):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colour)
    east_asian(chart.element)
    return frame
