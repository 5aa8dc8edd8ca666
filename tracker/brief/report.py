"""The final-assessment report (PDF, A4) with fpdf2: cover, contents, a one-page summary, what changed
since a moment (with --since), a section per action (each target's figures, status, chart and
district table), the district comparison (heatmap, counts per district, coverage maps) and an annex
(method, sources, the plan's wording).

Text is real text in Noto Sans CJK SC, embedded as a subset; every page has its number ("第3页，共40页")
and, while the figures are demo data, the demo notice. fpdf2 was chosen over WeasyPrint and
ReportLab on measured numbers (README, "The meeting pack").
"""
from __future__ import annotations

from tracker import judgement, statuses
from tracker.brief import maps
from tracker.brief.content import CHANGE_GROUPS, Action, Brief, Target, progress_line
from tracker.brief.pdf_parts import ACCENT, BOTTOM, DEMO_FILL, FONT, INK, LEFT, MUTED, RIGHT, RULE, TOP, Page, ink_on, rgb
from tracker.brief.words import date, moment, pct, plain, status, w


class Report(Page):
    """The report's sections, in order (``build``)."""

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
        self.text_block(b.lead(), 11, height=6)
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
        final = "_final" if b.is_final else ""
        if b.is_final:      # completion, no 序时进度 (tracker/judgement.py)
            rows = [[w("col.action", lang), w("col.status", lang), w("col.count", lang), w("col.done", lang),
                     w("col.unfinished", lang), w("col.progress", lang)]]
        else:
            rows = [[w("col.action", lang), w("col.status", lang), w("col.count", lang), w("col.off", lang),
                     w("col.progress", lang), w("col.time", lang)]]
        fills: list[list[str | None]] = [[None] * 6]
        for a in b.actions:
            tail = ([str(judgement.completed(a.verdicts)), str(a.verdicts.get("not_completed", 0)
                                                                + a.verdicts.get("nearly_completed", 0)),
                     pct(a.mean_progress_pct)] if b.is_final
                    else [str(a.count_off_track), pct(a.mean_progress_pct), pct(a.mean_time_pct)])
            rows.append([w("action.title", lang, no=a.action_no, name=a.name), status(a.status, lang) if a.status else "—",
                         str(a.count_targets), *tail])
            fills.append([None, statuses.color(a.status) if a.status else None, None, None, None, None])
        self.grid(rows, (78, 32, 16, 16, 16, 16), size=8, fills=fills, align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT",
                                                                               "RIGHT"))
        k = min(len(b.off_track), 8)
        self.text_block(w(f"report.off_top{final}", lang, k=k, n=len(b.off_track)) if len(b.off_track) > k
                        else w(f"report.off_all{final}", lang, n=len(b.off_track)), 11, height=6)
        if not b.off_track:
            self.text_block(w(f"off.none{final}", lang), 9)
            return
        rows = [[w("col.status", lang), w("col.indicator", lang), w("col.latest", lang), w("col.target", lang)]]
        fills = [[None] * 4]
        for t in b.off_track[:k]:
            rows.append([t.status_text, f"{t.indicator_id} {t.name}", t.latest(lang), t.target_text])
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
            shown = {c.status for r in heat.rows for c in r.cells}
            self.text_block(f"{w('heat.legend', lang)}: " + sep.join(status(c, lang) for c in statuses.ORDER
                                                                      if c in shown), 7.5, color=MUTED)
            self.heading(w("report.district_counts", lang), 1)
            good, off = ("col.done", "col.unfinished") if b.is_final else ("col.good", "col.off")
            rows = [[w("col.district", lang), w("col.count", lang), w(good, lang), w(off, lang)]]
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




def make(brief: Brief) -> bytes:
    """The report as PDF bytes."""
    return Report(brief).build()
