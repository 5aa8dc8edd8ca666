"""The report's final-assessment parts (tracker/brief/assessment.py laid out on A4 with fpdf2):
一、总体评价, 二、主要成效, 三、存在问题及原因, 四、下一步建议 and the three annex tables, the first
two on landscape pages. tracker/brief/report.py puts them in a 终期评估报告's order."""
from __future__ import annotations

from tracker import statuses
from tracker.brief import assessment as an
from tracker.brief.pdf_parts import INK, LEFT, MUTED, Page, ink_on, rgb
from tracker.brief.words import pct, status, w

HIGHLIGHT = "#FFF1B8"       # a district pack: the district's own row in the ranking


class Assessment(Page):
    """一 to 四 and the annex tables; ``Report`` adds the cover, the details and the method."""

    def office(self, key: str) -> None:
        """The office's text for a section, as it wrote it (plain text), under its own small heading."""
        text = self.b.sections.get(key)
        if text:
            self.subhead(w("sec.office", self.brief_lang), 20)
            for para in text.splitlines():
                if para.strip():
                    self.text_block(para.strip(), 10, height=5.6)
                    self.ln(1)
            self.ln(1)

    def verdict_bar(self) -> None:
        b, lang = self.b, self.brief_lang
        shown = [(c, n) for c, n in b.counts.items() if n]
        x, y = LEFT, self.get_y()
        for code, n in shown:                       # one bar, each status its share, its count written on it
            width = self.usable * n / max(b.total, 1)
            self.set_fill_color(*rgb(statuses.color(code)))
            self.rect(x, y, width, 7, style="F")
            if width > 6:
                self.set_xy(x, y)
                self.set_font("noto", "", 8)
                self.set_text_color(*ink_on(statuses.color(code)))
                self.cell(width, 7, str(n), align="C")
            x += width
        self.set_text_color(*INK)
        self.set_y(y + 9)
        sep = "　" if lang == "zh" else "   "
        self.text_block(sep.join(f"{status(c, lang)} {n}" for c, n in shown), 8.5, color=MUTED)
        self.ln(2)

    # -- 一、总体评价 -------------------------------------------------------------------------------
    def overall(self) -> None:
        b, lang = self.b, self.brief_lang
        self.heading(w("sec.overall", lang))
        self.office("overall")
        for line in an.facts(b):
            self.text_block(line, 10.5, height=6)
            self.ln(0.5)
        if b.area_code:
            self.text_block(w("counts.district", lang, n=b.total, c=b.city_only_count), 8.5, color=MUTED)
        self.ln(2)
        if b.total:
            self.verdict_bar()
        self.subhead(w("report.actions_table", lang), 30)
        final = b.is_final
        head = ([w("col.action", lang), w("col.status", lang), w("col.count", lang), w("col.done", lang),
                 w("col.unfinished", lang), w("col.progress", lang)] if final else
                [w("col.action", lang), w("col.status", lang), w("col.count", lang), w("col.off", lang),
                 w("col.progress", lang), w("col.time", lang)])
        rows, fills = [head], [[None] * 6]
        for a in b.actions:
            tail = ([str(a.rollup.completed), str(a.rollup.unfinished), pct(a.mean_progress_pct)] if final
                    else [str(a.count_off_track), pct(a.mean_progress_pct), pct(a.mean_time_pct)])
            rows.append([w("action.title", lang, no=a.action_no, name=a.name),
                         status(a.status, lang) if a.status else "—", str(a.count_targets), *tail])
            fills.append([None, statuses.color(a.status) if a.status else None, None, None, None, None])
        self.grid(rows, (78, 32, 16, 16, 20, 16), size=8, fills=fills, title=w("report.actions_table", lang),
                  align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))

    # -- 二、主要成效 -------------------------------------------------------------------------------
    def achievements(self) -> None:
        b, lang = self.b, self.brief_lang
        self.heading(w("sec.achievements", lang))
        self.office("achievements")
        done = an.finished(b)
        if not done:
            self.text_block(w("ach.none", lang), 10.5)
            return
        early = sum(t.status == "completed_early" for t in done)
        self.text_block(w("ach.lead", lang, n=len(done), early=early, base=b.baseline_year), 10.5, height=6)
        ranks = an.ranking(b)
        if ranks and not b.area_code:
            best = [r for r in ranks if r.rank <= an.TOP_DISTRICTS]
            self.text_block(w("ach.best", lang, names=("、" if lang == "zh" else ", ").join(
                f"{r.name}（{pct(r.rate)}）" if lang == "zh" else f"{r.name} ({pct(r.rate)})" for r in best)), 10.5,
                height=6)
        self.ln(2)
        gains = an.largest_gains(b)
        if gains:
            title = w("ach.gains", lang, k=len(gains))
            self.subhead(title, 30)
            self.gains_table(gains, title)
        title = w("ach.all", lang)
        self.subhead(title, 30)
        self.gains_table(done, title)

    def gains_table(self, targets, title: str) -> None:
        lang = self.brief_lang
        rows = [[w("col.indicator", lang), w("col.base_value", lang), w("col.actual", lang), w("col.vs_base", lang),
                 w("col.verdict", lang)]]
        fills: list[list[str | None]] = [[None] * 5]
        for t in targets:
            rows.append([f"{t.indicator_id} {t.name}", t.baseline_text, an.latest(t, self.b), an.change_text(t, lang),
                         t.status_text])
            fills.append([None, None, None, None, statuses.color(t.status)])
        self.grid(rows, (72, 28, 28, 26, 24), size=8, fills=fills, title=title,
                  align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"))

    # -- 三、存在问题及原因 -------------------------------------------------------------------------
    def problems(self) -> None:
        b, lang = self.b, self.brief_lang
        self.heading(w("sec.problems", lang))
        self.office("problems")
        left = an.unfinished(b)
        if not left:
            self.text_block(w("prob.none", lang), 10.5)
        else:
            self.text_block(w("prob.lead", lang, n=len(left)), 10.5, height=6)
            self.ln(1)
            rows = [[w("col.no", lang), w("col.indicator", lang), w("col.actual", lang), w("col.target_value", lang),
                     w("col.progress", lang), w("col.gap", lang), w("col.cause", lang)]]
            fills: list[list[str | None]] = [[None] * 7]
            for k, t in enumerate(left, start=1):
                rows.append([str(k), f"{t.indicator_id} {t.name}\n{t.status_text}", an.latest(t, b), t.target_text,
                             pct(t.progress_pct), an.gap_text(t, lang), an.cause(t, lang)])
                fills.append([None] * 7)
            self.grid(rows, (9, 52, 22, 20, 15, 22, 38), size=7.5, fills=fills, title=w("sec.problems", lang),
                      align=("RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"))
        missing = an.without_data(b)
        if missing:
            self.text_block(w("prob.no_data", lang, n=len(missing), names=("、" if lang == "zh" else "; ").join(
                f"{t.indicator_id} {t.name}" for t in missing)), 9, color=MUTED)

    # -- 四、下一步建议 ------------------------------------------------------------------------------
    def next_steps(self) -> None:
        b, lang = self.b, self.brief_lang
        self.heading(w("sec.next_steps", lang))
        self.office("next_steps")
        left = an.unfinished(b)
        if not left:
            self.text_block(w("prob.none", lang), 10.5)
            return
        self.text_block(w("next.lead", lang, base=b.baseline_year), 10.5, height=6)
        self.ln(1)
        rows = [[w("col.no", lang), w("col.indicator", lang), w("col.lead_unit", lang), w("col.measures", lang)]]
        for k, t in enumerate(left, start=1):
            rows.append([str(k), f"{t.indicator_id} {t.name}", an.lead_unit(t, lang), an.measures(t, lang)])
        self.grid(rows, (9, 58, 26, 85), size=8, title=w("sec.next_steps", lang),
                  align=("RIGHT", "LEFT", "LEFT", "LEFT"))

    # -- the annex tables -------------------------------------------------------------------------
    def annex_targets(self) -> None:
        b, lang = self.b, self.brief_lang
        title = w("sec.annex1", lang)
        self.heading(title, landscape=True)
        rows = [[w("col.no", lang), w("col.action", lang), w("col.indicator", lang), w("col.unit", lang),
                 w("col.base_value", lang), w("col.target_value", lang), w("col.actual", lang), w("col.progress", lang),
                 w("col.verdict", lang), w("col.lead_unit", lang), w("col.source", lang)]]
        fills: list[list[str | None]] = [[None] * 11]
        for k, t in enumerate(b.targets, start=1):
            base, goal, actual = an.annex_values(t, b)
            rows.append([str(k), str(t.action_no), f"{t.indicator_id} {t.name}", t.unit or "—", base, goal, actual,
                         pct(t.progress_pct), t.status_text, an.lead_unit(t, lang), an.source(t, lang)])
            fills.append([None] * 8 + [statuses.color(t.status), None, None])
        self.grid(rows, (9, 10, 62, 16, 24, 24, 26, 16, 26, 28, 24), size=7, fills=fills, title=title,
                  align=("RIGHT", "RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "LEFT", "LEFT"))

    def annex_districts(self) -> None:
        b, lang = self.b, self.brief_lang
        title = w("sec.annex2", lang)
        self.heading(title)
        ranks = an.ranking(b)
        if not ranks:
            self.text_block(w("heat.none", lang), 10)
            return
        self.text_block(w("rank.lead", lang), 8.5, color=MUTED)
        self.ln(1)
        rows = [[w("col.rank", lang), w("col.district", lang), w("col.count", lang), w("col.done", lang),
                 w("col.unfinished", lang), w("col.rate", lang), w("col.rank_move", lang)]]
        fills: list[list[str | None]] = [[None] * 7]
        for r in ranks:
            rows.append([str(r.rank), r.name, str(r.judged), str(r.done), str(r.unfinished), pct(r.rate),
                         r.move(lang) if r.rank_before is None else f"{r.move(lang)}（{r.rank_before}）"
                         if lang == "zh" else f"{r.move(lang)} ({r.rank_before})"])
            fills.append([HIGHLIGHT if r.area_code == b.area_code else None] * 7)
        self.grid(rows, (16, 36, 22, 22, 30, 24, 28), size=9, fills=fills, title=title,
                  align=("RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"))

    def annex_coverage(self) -> None:
        b, lang = self.b, self.brief_lang
        title = w("sec.annex3", lang)
        self.heading(title)
        if not b.maps:
            self.text_block(w("heat.none", lang), 10)
            return
        for part in b.maps:
            self.coverage(part)

