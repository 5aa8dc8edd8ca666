"""The report's page and its drawing parts with fpdf2: Noto Sans CJK registered and embedded, the
running head (with the demo notice while figures are demo) and the page numbers, text blocks,
headings, status pills, tables and the small line chart. tracker/brief/report.py writes the sections
with these."""
from __future__ import annotations

from typing import Sequence

from fpdf import FPDF, FontFace

from tracker import statuses
from tracker.brief import fonts
from tracker.brief.content import Brief, BriefError, Target
from tracker.brief.words import status, w
from tracker.text import number

FONT = "noto"
INK, MUTED, RULE = (31, 35, 43), (90, 96, 107), (208, 212, 218)
DEMO_FILL, ACCENT = (255, 244, 206), (0, 114, 178)
LEFT = RIGHT = 16.0
TOP, BOTTOM = 20.0, 18.0


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def ink_on(hex_colour: str) -> tuple[int, int, int]:
    r, g, b = rgb(hex_colour)
    return (255, 255, 255) if 0.299 * r + 0.587 * g + 0.114 * b < 140 else INK


class Page(FPDF):
    """An A4 page of the brief's report, in the brief's language."""

    def __init__(self, brief: Brief):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.b, self.brief_lang = brief, brief.lang
        try:
            regular, _ = fonts.cjk()
        except fonts.FontMissing as exc:
            raise BriefError(w("error.font", self.brief_lang)) from exc
        self.add_font(FONT, "", str(regular), collection_font_number=fonts.SC_INDEX)
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_title(f"{brief.plan_name} · {self.subtitle}")
        self.set_lang("en" if self.brief_lang == "en" else "zh-CN")
        self.set_creator("tracker brief")
        self.set_text_color(*INK)
        self.wrap = "WORD" if self.brief_lang == "en" else "CHAR"
        self.running: str | None = None         # the title of the table being drawn, repeated on a new page

    @property
    def subtitle(self) -> str:
        return w("title.final" if self.b.is_final else "title.interim", self.brief_lang, year=self.b.year)

    @property
    def usable(self) -> float:
        return self.w - LEFT - RIGHT

    # -- every page -------------------------------------------------------------------------------
    def header(self) -> None:
        if self.b.is_demo:
            self.set_xy(0, 0)
            self.set_fill_color(*DEMO_FILL)
            self.set_font(FONT, "", 8.5)
            self.set_text_color(*INK)
            self.cell(self.w, 8, w("demo.short", self.brief_lang), align="C", fill=True)
        if self.page_no() > 1:
            self.set_xy(LEFT, 9.5)
            self.set_font(FONT, "", 7.5)
            self.set_text_color(*MUTED)
            tail = f"  ·  {self.subtitle}  ·  {self.b.area_name}"
            name = self.b.plan_name
            while name and self.get_string_width(name + tail) > self.usable:
                name = name[:-2] + "…"          # shorten the plan's name to keep the line on the page
            self.cell(self.usable, 5, name + tail, align="L")
        self.set_text_color(*INK)
        self.set_xy(LEFT, TOP)
        if self.running:                        # a table split across pages: its title again, then its header
            self.set_font(FONT, "", 9.5)
            self.set_text_color(*MUTED)
            self.cell(self.usable, 6, w("sec.continued", self.brief_lang, title=self.running), new_x="LMARGIN",
                      new_y="NEXT")
            self.set_text_color(*INK)
            self.ln(1)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, w("report.page", self.brief_lang, k=self.page_no(), n="{nb}"), align="C")
        self.set_text_color(*INK)

    # -- text -------------------------------------------------------------------------------------
    def text_block(self, text: str, size: float = 10, *, color=INK, height: float | None = None,
                   width: float = 0) -> None:
        self.set_font(FONT, "", size)
        self.set_text_color(*color)
        self.multi_cell(width, height or size * 0.5, text, wrapmode=self.wrap, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)

    def room(self) -> float:
        """Millimetres left above the bottom margin."""
        return self.h - BOTTOM - self.get_y()

    def keep(self, need: float) -> None:
        """A new page unless ``need`` mm are left: a heading never stands alone at a page's foot."""
        if self.room() < need:
            self.add_page(same=True)

    def subhead(self, text: str, need: float = 30) -> None:
        """A small heading kept with at least ``need`` mm of what follows it."""
        self.keep(need)
        self.text_block(text, 11, height=6)
        self.ln(0.5)

    def heading(self, text: str, level: int = 0, *, landscape: bool = False) -> None:
        size = (17, 13, 11)[level]
        if level == 0:
            orientation = "L" if landscape else "P"
            fresh = self.get_y() <= TOP + 0.01 and getattr(self.cur_orientation, "value", None) == orientation
            if not fresh:                         # (the page after the contents is already a new one)
                self.add_page(orientation=orientation)
        else:
            self.keep(40)
        self.start_section(text, level=min(level, 1))
        self.ln(1 if level else 0)
        self.text_block(text, size, color=ACCENT if level == 0 else INK, height=size * 0.55)
        if level == 0:
            self.set_draw_color(*ACCENT)
            self.set_line_width(0.5)
            self.line(LEFT, self.get_y() + 1, self.w - RIGHT, self.get_y() + 1)
            self.ln(4)
        else:
            self.ln(1)

    def pill(self, code: str, x: float, y: float, width: float, size: float = 9) -> None:
        """The status as its icon and word on its colour."""
        colour = statuses.color(code)
        self.set_xy(x, y)
        self.set_fill_color(*rgb(colour))
        self.set_text_color(*ink_on(colour))
        self.set_font(FONT, "", size)
        self.cell(width, size * 0.55, status(code, self.brief_lang), align="C", fill=True)
        self.set_text_color(*INK)

    def grid(self, rows: Sequence[Sequence[str]], widths: Sequence[float], *, size: float = 8.5,
             fills: Sequence[Sequence[str | None]] | None = None, align: Sequence[str] | None = None,
             line_height: float | None = None, title: str | None = None) -> None:
        """A table (first row the heading, repeated on a new page with ``title`` above it, "续");
        ``fills`` colours cells by status."""
        self.keep(size * 0.55 * 3 + 6)          # the header and a row at least on this page
        self.running = title
        self.set_font(FONT, "", size)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.set_fill_color(255, 255, 255)
        heading = FontFace(color=(255, 255, 255), fill_color=(38, 39, 48))
        with self.table(col_widths=tuple(widths), width=sum(widths), align="LEFT", headings_style=heading,
                        line_height=line_height or size * 0.55, text_align=tuple(align or ["LEFT"] * len(widths)),
                        padding=(0.8, 1.2), wrapmode=self.wrap, borders_layout="HORIZONTAL_LINES",
                        cell_fill_mode="NONE") as table:
            for i, values in enumerate(rows):
                row = table.row()
                for j, value in enumerate(values):
                    fill = fills[i][j] if fills is not None and i and fills[i][j] else None
                    style = FontFace(color=ink_on(fill), fill_color=rgb(fill)) if fill else None
                    row.cell(fitted(str(value), widths[j], size), style=style)
        self.running = None
        self.ln(2)

    # -- charts -----------------------------------------------------------------------------------
    def line_chart(self, t: Target, x: float, y: float, width: float, height: float) -> None:
        """The series of the area shown (the compared quantity) with the target as a dashed line."""
        points = list(t.series)
        values = [v for _, v in points] + ([t.target_value] if t.target_value is not None else [])
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.rect(x, y, width, height)
        if len(points) < 1 or not values:
            return
        lo, hi = min(values), max(values)
        pad = (hi - lo) * 0.12 or abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
        years = [yr for yr, _ in points]
        y0, y1 = min(years), max(max(years), t.target_year or max(years))
        left, right, top, bottom = x + 12, x + width - 4, y + 4, y + height - 7

        def px(year: float) -> float:
            return left + (right - left) * ((year - y0) / (y1 - y0) if y1 > y0 else 0.5)

        def py(value: float) -> float:
            return bottom - (bottom - top) * (value - lo) / (hi - lo)

        self.set_font(FONT, "", 6.5)
        self.set_text_color(*MUTED)
        for value in (lo + pad, hi - pad):
            self.set_xy(x + 0.5, py(value) - 1.5)
            self.cell(11, 3, _short(value), align="R")
        for year in range(y0, y1 + 1):
            self.set_xy(px(year) - 5, bottom + 1)
            self.cell(10, 3, str(year), align="C")
        self.set_text_color(*INK)
        if t.target_value is not None:
            self.set_draw_color(*rgb("#D55E00"))
            self.set_line_width(0.35)
            with self.local_context(dash_pattern=dict(dash=1.2, gap=1.0)):
                self.line(left, py(t.target_value), right, py(t.target_value))
            self.set_font(FONT, "", 6.5)
            self.set_text_color(*rgb("#D55E00"))
            self.set_xy(right - 24, py(t.target_value) - 3.4)
            self.cell(24, 3, f"{w('report.chart_target', self.brief_lang)} {t.target_text}", align="R")
            self.set_text_color(*INK)
        colour = rgb(statuses.color(t.status))
        self.set_draw_color(*colour)
        self.set_fill_color(*colour)
        self.set_line_width(0.6)
        if len(points) > 1:
            self.polyline([(px(yr), py(v)) for yr, v in points])
        for yr, v in points:
            self.circle(px(yr), py(v), 0.9, style="F")

CELL_LINES = 24      # a table cell's text is cut to about this many lines, so every row fits on a page


def fitted(text: str, width: float, size: float) -> str:
    """A table cell's text, cut (with "…") to about ``CELL_LINES`` lines of a column ``width`` mm wide
    at ``size`` pt: fpdf2 cannot break one table row across pages, and a stored name or quote may be
    long. (Paragraphs, ``text_block``, wrap onto as many pages as they need.) Counted as if every
    character were as wide as a Chinese one, so Latin text is cut later than it would need to be."""
    per_line = max(4, int(width / (size * 0.3528)))
    limit = per_line * CELL_LINES
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _short(value: float) -> str:
    """An axis label: whole numbers from 100 up."""
    return number(value, 0 if abs(value) >= 100 else None)
