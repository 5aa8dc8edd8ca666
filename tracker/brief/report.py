"""The final-assessment report (PDF, A4) with fpdf2: cover, contents, a one-page summary, what changed
since a moment (with --since), a section per action (each target's figures, status, chart and
district table), the district comparison (heatmap, counts per district, coverage maps) and an annex
(method, sources, the plan's wording).

Text is real text in Noto Sans CJK SC, embedded as a subset; every page has its number ("第3页，共40页")
and, while the figures are demo data, the demo notice. fpdf2 was chosen over WeasyPrint and
ReportLab on measured numbers (README, "The meeting pack").
"""
from __future__ import annotations

from typing import Sequence

from fpdf import FPDF, FontFace

from tracker import statuses
from tracker.brief import fonts, maps
from tracker.brief.content import CHANGE_GROUPS, Action, Brief, BriefError, Target, progress_line
from tracker.brief.words import date, moment, pct, plain, status, w

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


class Report(FPDF):
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

    def heading(self, text: str, level: int = 0) -> None:
        size = (17, 13, 11)[level]
        if level == 0:
            self.add_page()
        elif self.get_y() > self.h - BOTTOM - 40:
            self.add_page()
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
             line_height: float | None = None) -> None:
        """A table (first row the heading, repeated on a new page); ``fills`` colours cells by status."""
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
                    row.cell(str(value), style=style)
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

    # -- the parts --------------------------------------------------------------------------------
    def cover(self) -> None:
        b, lang = self.b, self.brief_lang
        self.add_page()
        self.set_y(70)
        self.text_block(b.plan_name, 22, height=11)
        self.ln(6)
        self.text_block(w("title.report" if b.is_final else "title.report_interim", lang), 18, color=ACCENT, height=9)
        self.text_block(self.subtitle, 14, color=ACCENT, height=8)
        self.ln(10)
        for line in (w("title.area", lang, area=b.area_name),
                     w("title.period", lang, start=b.start_year, end=b.target_year, base=b.baseline_year),
                     w("title.made", lang, date=date(b.made, lang))):
            self.text_block(line, 11, color=MUTED, height=6.5)
        if b.is_demo:
            self.ln(12)
            self.set_fill_color(*DEMO_FILL)
            self.set_font(FONT, "", 11)
            self.multi_cell(0, 7, w("demo", lang), fill=True, wrapmode=self.wrap, padding=3, new_x="LMARGIN",
                            new_y="NEXT")

    def contents(self, pdf: "Report", outline) -> None:
        pdf.set_xy(LEFT, TOP)
        pdf.set_font(FONT, "", 17)
        pdf.set_text_color(*ACCENT)
        pdf.cell(self.usable, 9, w("report.contents", self.brief_lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(3)
        for entry in outline:
            size = 10.5 if entry.level == 0 else 9
            pdf.set_font(FONT, "", size)
            indent = 0 if entry.level == 0 else 6
            pdf.set_x(LEFT + indent)
            name = entry.name
            pdf.cell(self.usable - indent - 14, size * 0.6, name, link=pdf.add_link(page=entry.page_number))
            pdf.cell(14, size * 0.6, str(entry.page_number), align="R", new_x="LMARGIN", new_y="NEXT")

    def summary(self) -> None:
        b, lang = self.b, self.brief_lang
        self.heading(w("report.summary", lang))
        lead = w("counts.lead", lang, area=b.area_name, n=b.total, good=b.good, off=b.off) if b.total \
            else w("counts.none", lang, area=b.area_name)
        self.text_block(lead, 11, height=6)
        if b.area_code:
            self.text_block(w("counts.district", lang, n=b.total, c=sum(a.count_city_only for a in b.actions)), 9,
                            color=MUTED)
        self.ln(2)
        shown = [(c, n) for c, n in b.counts.items() if n]
        x, y = LEFT, self.get_y()
        for code, n in shown:                       # one bar, each status its share, its count written on it
            width = self.usable * n / max(b.total, 1)
            self.set_fill_color(*rgb(statuses.color(code)))
            self.rect(x, y, width, 7, style="F")
            if width > 6:
                self.set_xy(x, y)
                self.set_font(FONT, "", 8)
                self.set_text_color(*ink_on(statuses.color(code)))
                self.cell(width, 7, str(n), align="C")
            x += width
        self.set_text_color(*INK)
        self.set_y(y + 9)
        sep = "　" if lang == "zh" else "   "
        self.text_block(sep.join(f"{status(c, lang)} {n}" for c, n in shown), 8.5, color=MUTED)
        self.ln(2)
        self.text_block(w("report.actions_table", lang), 11, height=6)
        rows = [[w("col.action", lang), w("col.status", lang), w("col.count", lang), w("col.off", lang),
                 w("col.progress", lang), w("col.time", lang)]]
        fills: list[list[str | None]] = [[None] * 6]
        for a in b.actions:
            rows.append([w("action.title", lang, no=a.action_no, name=a.name), status(a.status, lang) if a.status else "—",
                         str(a.count_targets), str(a.count_off_track), pct(a.mean_progress_pct), pct(a.mean_time_pct)])
            fills.append([None, statuses.color(a.status) if a.status else None, None, None, None, None])
        self.grid(rows, (78, 32, 16, 16, 16, 16), size=8, fills=fills, align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT",
                                                                               "RIGHT"))
        k = min(len(b.off_track), 8)
        self.text_block(w("report.off_top", lang, k=k, n=len(b.off_track)) if len(b.off_track) > k
                        else w("report.off_all", lang, n=len(b.off_track)), 11, height=6)
        if not b.off_track:
            self.text_block(w("off.none", lang), 9)
            return
        rows = [[w("col.status", lang), w("col.indicator", lang), w("col.latest", lang), w("col.target", lang)]]
        fills = [[None] * 4]
        for t in b.off_track[:k]:
            rows.append([t.status_text, f"{t.indicator_id} {t.name}", _latest(t, lang), t.target_text])
            fills.append([statuses.color(t.status), None, None, None])
        self.grid(rows, (30, 92, 30, 26), size=8, fills=fills)

    def changes(self) -> None:
        """What changed since --since, every row: a table per group, worst group first."""
        b, lang = self.b, self.brief_lang
        when = moment(b.since, lang)
        self.heading(w("changes.title", lang, date=when))
        self.text_block(w("changes.lead", lang, area=b.area_name, year=b.year, date=when), 11, height=6)
        sep = "   " if lang == "en" else "　"
        self.text_block(sep.join(w(f"changes.{g}", lang, n=len(b.changed(g))) for g in CHANGE_GROUPS), 8.5,
                        color=MUTED)
        self.ln(2)
        if not b.changes:
            self.text_block(w("changes.none", lang, date=when), 10)
            return
        for group in CHANGE_GROUPS:
            part = b.changed(group)
            if not part:
                continue
            if self.get_y() > self.h - BOTTOM - 30:
                self.add_page()
            self.text_block(w(f"changes.{group}", lang, n=len(part)), 11, height=6)
            rows = [[w("col.indicator", lang), w("col.area", lang), w("col.before", lang), w("col.value_before", lang),
                     w("col.now", lang), w("col.value_now", lang)]]
            fills: list[list[str | None]] = [[None] * 6]
            for c in part:
                rows.append([f"{c.indicator_id} {c.name}", c.area_name, c.before_text, c.value_before_text,
                             c.now_text, c.value_now_text])
                fills.append([None, None, statuses.color(c.status_before) if c.status_before else None, None,
                              statuses.color(c.status_now) if c.status_now else None, None])
            self.grid(rows, (48, 26, 30, 19, 30, 25), size=8, fills=fills)

    def action(self, a: Action) -> None:
        lang = self.brief_lang
        self.heading(w("action.title", lang, no=a.action_no, name=a.name), 1)
        if a.summary:
            self.text_block(a.summary, 9.5, color=MUTED)
        if a.status is not None:
            y = self.get_y() + 1
            self.pill(a.status, LEFT, y, 34)
            self.set_xy(LEFT + 37, y)
            self.set_font(FONT, "", 9)
            self.cell(0, 5, progress_line(a, lang), new_x="LMARGIN", new_y="NEXT")
            self.ln(2)
        if not a.targets:
            self.text_block(w("action.no_district", lang, n=a.count_city_only), 10)
            return
        for t in a.targets:
            self.target(t)

    def target(self, t: Target) -> None:
        lang = self.brief_lang
        rows = len(t.districts)
        block = 20 + max(38.0, 4.2 * (rows + 1) if rows else 0.0) + 10
        if self.get_y() + block > self.h - BOTTOM:
            self.add_page()
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(LEFT, self.get_y(), self.w - RIGHT, self.get_y())
        self.ln(1.5)
        y = self.get_y()
        self.set_font(FONT, "", 10)
        self.multi_cell(self.usable - 40, 5, f"{t.indicator_id}  {t.name}", wrapmode=self.wrap, new_x="LMARGIN",
                        new_y="NEXT")
        after = self.get_y()
        self.pill(t.status, self.w - RIGHT - 38, y, 38)
        self.set_y(max(after, y + 5.5))
        if t.is_qualitative:
            self.text_block(w("report.milestone", lang), 8.5, color=MUTED)
        else:
            if t.value is not None and t.status_year is not None:
                figures = w("report.figures", lang, year=t.status_year, value=t.value_text, target=t.target_text,
                            target_year=t.target_year, base=t.baseline_text, base_year=t.baseline_year)
            else:
                figures = w("report.figures_none", lang, target=t.target_text, target_year=t.target_year)
            self.text_block(figures, 8.5)
            self.text_block(w("report.progress", lang, p=pct(t.progress_pct), t=pct(t.time_pct), year=t.target_year,
                              proj=t.projected_text) + ("；" if lang == "zh" else "; ")
                            + w("report.area_shown", lang, area=t.area_name), 8.5, color=MUTED)
            self.ln(1)
            top = self.get_y()
            chart_w = 84.0 if t.districts else self.usable
            self.line_chart(t, LEFT, top, chart_w, 38)
            end = top + 38
            if t.districts:
                x = LEFT + chart_w + 6
                self.set_xy(x, top)
                self.set_font(FONT, "", 7.5)
                self.cell(0, 4, w("report.districts", lang, year=self.b.year), new_x="LEFT", new_y="NEXT")
                for cell in t.districts:
                    self.set_x(x)
                    self.set_font(FONT, "", 7.5)
                    self.cell(26, 4.1, cell.name)
                    self.cell(28, 4.1, cell.value_text, align="R")
                    self.set_fill_color(*rgb(statuses.color(cell.status)))
                    self.set_text_color(*ink_on(statuses.color(cell.status)))
                    self.cell(self.w - RIGHT - x - 56, 4.1, status(cell.status, lang), fill=True, align="C",
                              new_x="LEFT", new_y="NEXT")
                    self.set_x(x)
                    self.set_text_color(*INK)
                end = max(end, self.get_y())
            self.set_y(end + 1.5)
        if t.source_quote:
            self.text_block(w("report.quote", lang, quote=t.source_quote), 7.5, color=MUTED)
        self.ln(2)

    def comparison(self) -> None:
        b, lang = self.b, self.brief_lang
        self.heading(w("report.comparison", lang))
        heat = b.heatmap
        self.heading(w("report.heat", lang), 1)
        if not heat.rows:
            self.text_block(w("heat.none", lang), 10)
        else:
            self.text_block(w("heat.lead", lang, year=b.year), 8.5, color=MUTED)
            self.ln(1)
            rows = [[w("col.indicator", lang), *[name for _, name in heat.districts]]]
            fills: list[list[str | None]] = [[None] * (len(heat.districts) + 1)]
            for r in heat.rows:
                rows.append([f"{r.indicator_id} {r.name}", *[statuses.icon(c.status) for c in r.cells]])
                fills.append([None, *[statuses.color(c.status) for c in r.cells]])
            first = self.usable - 11.2 * len(heat.districts)
            self.grid(rows, (first,) + (11.2,) * len(heat.districts), size=7, fills=fills,
                      align=("LEFT",) + ("CENTER",) * len(heat.districts))
            sep = "　" if lang == "zh" else "   "
            self.text_block(f"{w('heat.legend', lang)}: " + sep.join(status(c, lang) for c in statuses.ORDER), 7.5,
                            color=MUTED)
            self.heading(w("report.district_counts", lang), 1)
            rows = [[w("col.district", lang), w("col.count", lang), w("col.good", lang), w("col.off", lang)]]
            for j, (_, name) in enumerate(heat.districts):
                cells = [r.cells[j].status for r in heat.rows]
                judged = [c for c in cells if c != "no_data"]
                rows.append([name, str(len(judged)), str(sum(c in statuses.GOOD for c in judged)),
                             str(sum(c in statuses.OFF_TRACK for c in judged))])
            self.grid(rows, (50, 30, 30, 30), size=8.5, align=("LEFT", "RIGHT", "RIGHT", "RIGHT"))
        if b.maps:
            self.heading(w("report.maps", lang), 1)
            for part in b.maps:
                self.coverage(part)

    def coverage(self, part: maps.MapPart) -> None:
        """One coverage target in words and a table: how many districts met it, the townships
        covered ("x of y") and those not covered (the deck shows the same as a map)."""
        lang = self.brief_lang
        if self.get_y() > self.h - BOTTOM - 40:
            self.add_page()
        self.text_block(f"{part.indicator_id}  {part.title}", 10, height=5.5)
        for line in [part.summary] + ([part.townships] if part.townships else []):
            self.text_block(line, 8.5)
        rows = [[w("col.district", lang), w("col.latest", lang), w("col.status", lang)]
                + ([w("col.townships", lang)] if part.townships else [])]
        fills: list[list[str | None]] = [[None] * len(rows[0])]
        for r in part.rows:
            rows.append([r.name, r.value_text, r.status_text] + ([r.townships] if part.townships else []))
            fills.append([None, r.color, None] + ([None] if part.townships else []))
        self.grid(rows, (36, 36, 40) + ((30,) if part.townships else ()), size=7.5, fills=fills)
        if part.uncovered:
            names = ("、" if lang == "zh" else ", ").join(part.uncovered)
            self.text_block(("未覆盖：" if lang == "zh" else "Not covered: ") + names, 7.5, color=MUTED)
        self.ln(2)

    def annex(self) -> None:
        b, lang = self.b, self.brief_lang
        self.heading(w("report.annex", lang))
        self.heading(w("report.method", lang), 1)
        for line in plain(b.method).splitlines():
            if line.strip():
                self.text_block(line.strip().replace("- ", "• ", 1) if line.startswith("- ") else line.strip(), 8.5)
                self.ln(1)
        self.heading(w("report.sources", lang), 1)
        for line in (w("report.source.catalogue", lang, plan=b.plan_name), b.data_line,
                     w("report.source.boundaries", lang), w("report.source.method", lang)):
            self.text_block(f"• {line}", 8.5)
            self.ln(1)
        self.heading(w("report.plan_text", lang), 1)
        for a in b.actions:
            if self.get_y() > self.h - BOTTOM - 20:
                self.add_page()
            self.text_block(w("action.title", lang, no=a.action_no, name=a.name), 9.5, height=5.5)
            for quote in a.quotes:
                self.text_block(f"“{quote}”" if lang == "zh" else f"“{quote}”", 8.5)
            self.ln(1.5)
        if b.not_in_source:
            self.text_block(("、" if lang == "zh" else ", ").join(b.not_in_source), 8.5, color=MUTED)
        if b.readings:
            self.heading(w("report.readings", lang), 1)
            for indicator_id, name, note in b.readings:
                self.text_block(f"{indicator_id} {name}：{note}" if lang == "zh" else f"{indicator_id} {name}: {note}", 8)
                self.ln(0.5)

    def build(self) -> bytes:
        self.alias_nb_pages()
        self.cover()
        self.add_page()
        self.insert_toc_placeholder(self.contents, pages=1)
        self.summary()
        if self.b.since is not None:
            self.changes()
        self.heading(w("report.actions", self.brief_lang))
        first = True
        for a in self.b.actions:
            if not first and self.get_y() > self.h - BOTTOM - 60:
                self.add_page()
            first = False
            self.action(a)
        self.comparison()
        self.annex()
        return bytes(self.output())


def _short(value: float) -> str:
    from tracker.brief.words import number

    return number(value, 0 if abs(value) >= 100 else None)


def _latest(t: Target, lang: str) -> str:
    if t.is_qualitative:
        return w("action.qualitative", lang)
    if t.value is None or t.status_year is None:
        return "—"
    return f"{t.value_text}（{t.status_year}）" if lang == "zh" else f"{t.value_text} ({t.status_year})"


def make(brief: Brief) -> bytes:
    """The report as PDF bytes."""
    return Report(brief).build()
