"""The final-assessment report (PDF, A4) with fpdf2, in the order of a 终期评估报告: cover, contents,
一、总体评价 (and what changed since a moment, with --since), 二、主要成效, 三、存在问题及原因,
四、下一步建议 (tracker/brief/report_assessment.py), 附表1 every target, 附表2 the districts ranked,
附表3 the coverage targets with each district's uncovered townships, then each action in detail
(each target's figures, status, chart and district table), the district × target heatmap and the
method, sources and the plan's wording.

Text is real text in Noto Sans CJK SC, embedded as a subset; every page has its number ("第3页，共40页")
and, while the figures are demo data, the demo notice. fpdf2 was chosen over WeasyPrint and
ReportLab on measured numbers (README, "The meeting pack").
"""
from __future__ import annotations

from tracker import statuses
from tracker.brief import maps
from tracker.brief.content import CHANGE_GROUPS, Action, Brief, Target, progress_line
from tracker.brief.pdf_parts import ACCENT, BOTTOM, DEMO_FILL, FONT, INK, LEFT, MUTED, RIGHT, RULE, TOP, ink_on, rgb
from tracker.brief.report_assessment import HIGHLIGHT, Assessment
from tracker.brief.words import date, moment, pct, plain, status, title_lines, w


class Report(Assessment):
    """The report's sections, in order (``build``)."""

    # -- the parts --------------------------------------------------------------------------------
    def cover(self) -> None:
        b, lang = self.b, self.brief_lang
        self.add_page()
        self.set_y(70)
        for line in title_lines(b.plan_name):
            self.text_block(line, 22, height=11)
        self.ln(6)
        self.text_block(w("title.report" if b.is_final else "title.report_interim", lang), 18, color=ACCENT, height=9)
        self.text_block(self.subtitle, 14, color=ACCENT, height=8)
        self.ln(10)
        for line in (b.issuer, w("title.area", lang, area=b.area_name),
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
            progress = (w("report.progress_final", lang, p=pct(t.progress_pct)) if t.time_pct is None
                        else w("report.progress", lang, p=pct(t.progress_pct), t=pct(t.time_pct), year=t.target_year,
                               proj=t.projected_text))
            self.text_block(progress + ("；" if lang == "zh" else "; ")
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
        heat = b.heatmap
        self.heading(w("report.heat", lang))
        if not heat.rows:
            self.text_block(w("heat.none", lang), 10)
        else:
            self.text_block(w("heat.lead", lang, year=b.year), 8.5, color=MUTED)
            self.ln(1)
            rows = [[w("col.indicator", lang), *[f"▶{name}" if code == b.area_code else name
                                                 for code, name in heat.districts]]]
            fills: list[list[str | None]] = [[None] * (len(heat.districts) + 1)]
            for r in heat.rows:
                rows.append([f"{r.indicator_id} {r.name}", *[statuses.icon(c.status) for c in r.cells]])
                fills.append([None, *[statuses.color(c.status) for c in r.cells]])
            first = self.usable - 11.2 * len(heat.districts)
            self.grid(rows, (first,) + (11.2,) * len(heat.districts), size=7, fills=fills, title=w("report.heat", lang),
                      align=("LEFT",) + ("CENTER",) * len(heat.districts))
            sep = "　" if lang == "zh" else "   "
            shown = {c.status for r in heat.rows for c in r.cells}
            self.text_block(f"{w('heat.legend', lang)}: " + sep.join(status(c, lang) for c in statuses.ORDER
                                                                      if c in shown), 7.5, color=MUTED)

    def coverage(self, part: maps.MapPart) -> None:
        """One coverage target in words and a table: each district's figure and status, the townships
        covered ("x of y") and the townships not covered, district by district (a district pack: its
        own row marked, the other districts' townships not listed)."""
        lang = self.brief_lang
        self.keep(45)
        self.text_block(f"{part.indicator_id}  {part.title}", 10, height=5.5)
        for line in [part.summary] + ([part.townships] if part.townships else []):
            self.text_block(line, 8.5)
        listed = bool(part.uncovered_by) or bool(part.townships)
        rows = [[w("col.district", lang), w("col.latest", lang), w("col.status", lang)]
                + ([w("col.townships", lang), w("col.uncovered", lang)] if listed else [])]
        fills: list[list[str | None]] = [[None] * len(rows[0])]
        sep = "、" if lang == "zh" else ", "
        for r in part.rows:
            own = part.highlight is None or r.area_code == part.highlight
            names = sep.join(part.uncovered_in(r.area_code)) if own else ""
            rows.append([r.name, r.value_text, r.status_text] + ([r.townships, names or "—"] if listed else []))
            mark = HIGHLIGHT if r.area_code == part.highlight else None
            fills.append([mark, r.color, mark] + ([mark, mark] if listed else []))
        self.grid(rows, (26, 26, 30, 22, 74) if listed else (40, 40, 44), size=7.5, fills=fills,
                  title=f"{part.indicator_id}  {part.title}")
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
        only_demo = (w("prov.demo", lang),)      # a demo figure alone is said by the demo notice on every page
        sourced = [(t.indicator_id, t.name, t.provenance) for a in b.actions for t in a.targets
                   if t.provenance and t.provenance != only_demo]
        if sourced:
            self.heading(w("report.figure_sources", lang), 1)
            sep = "；" if lang == "zh" else "; "
            for indicator_id, name, lines in sourced:
                if self.get_y() > self.h - BOTTOM - 12:
                    self.add_page()
                self.text_block(f"{indicator_id} {name}：{sep.join(lines)}" if lang == "zh"
                                else f"{indicator_id} {name}: {sep.join(lines)}", 8)
                self.ln(0.5)
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
        self.overall()
        if self.b.since is not None:
            self.changes()
        self.achievements()
        self.problems()
        self.next_steps()
        self.annex_targets()
        self.annex_districts()
        self.annex_coverage()
        self.heading(w("sec.detail", self.brief_lang))
        if self.b.city_only_actions:
            self.text_block(w("action.city_only", self.brief_lang, names=("、" if self.brief_lang == "zh" else "; ")
                                                                       .join(self.b.city_only_actions)), 9, color=MUTED)
        first = True
        for a in self.b.actions:
            if not first:
                self.keep(60)
            first = False
            self.action(a)
        self.comparison()
        self.annex()
        return bytes(self.output())


def make(brief: Brief) -> bytes:
    """The report as PDF bytes."""
    return Report(brief).build()
