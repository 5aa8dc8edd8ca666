"""The deck's main part, the final assessment a presenter talks over in ten minutes (at most
``MAIN_SLIDES`` slides, each with speaker notes): 总体评价, 主要成效, 存在问题, the districts ranked,
the two coverage maps the leaders asked for and 下一步; then the divider before the appendix.
tracker/brief/deck.py adds the title, the appendix and the file."""
from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from tracker import statuses
from tracker.brief import assessment as an
from tracker.brief.slide_parts import MARGIN, MUTED, WIDTH, bar_chart, box, rgb, table
from tracker.brief.words import pct, status, w

MAIN_SLIDES = 12
PROBLEMS_ON_SLIDE = 8        # the unfinished targets on 存在问题 (all of them in its notes and the appendix)
NEXT_ON_SLIDE = 7
LEAD_MAPS = ("A12-06", "A16-11")     # the maps the city's leaders asked for: care consortia, village sewage
ACCENT, HIGHLIGHT, PLAIN = "#0072B2", "#E69F00", "#7FA7C9"


def shortened(text: str, limit: float) -> str:
    """``text`` cut with '…' to about ``limit`` Chinese characters' width (a Latin letter is about half
    of one), so a table cell keeps to its lines in either language."""
    width = 0.0
    for i, ch in enumerate(text):
        width += 1.0 if ord(ch) > 0x2E80 else 0.55
        if width > limit:
            return text[:max(i - 1, 1)].rstrip() + "…"
    return text


def lead_maps(parts) -> tuple:
    """The coverage maps of the main part: the leaders' two when present, else the first two
    township-share maps (the rest go to the appendix)."""
    chosen = [p for p in parts if p.indicator_id in LEAD_MAPS]
    if not chosen:
        chosen = [p for p in parts if p.townships][:2]
    return tuple(chosen)


class Main:
    """Slides 2 to 9 or so; ``self.slide``/``self.b``/``self.lang`` come from tracker.brief.deck.Deck."""

    def text_or_office(self, key: str, facts: list[str]) -> list[str]:
        """The office's text for the section first when it wrote one, then the facts."""
        own = self.b.sections.get(key)
        return ([line for line in own.splitlines() if line.strip()] if own else []) + facts

    def overall_slide(self) -> None:
        b, lang = self.b, self.lang
        facts = an.facts(b)
        lines = self.text_or_office("overall", facts)
        notes = [w("sec.overall", lang), *lines]
        if b.area_code:
            notes.append(w("counts.district", lang, n=b.total, c=b.city_only_count))
        slide = self.slide(w("sec.overall", lang), notes)
        box(slide, MARGIN, Inches(1.2), Inches(6.6), Inches(5.6), [shortened(x, 150) for x in lines[:5]], 17, space=10)
        shown = [(code, n) for code, n in b.counts.items() if n]
        if shown:
            bar_chart(slide, [status(c, lang) for c, _ in shown], [n for _, n in shown],
                      [statuses.color(c) for c, _ in shown], Inches(7.3), Inches(1.2), WIDTH - Inches(7.3) - MARGIN,
                      Inches(5.4), title=w("counts.chart", lang), series=w("counts.series", lang))

    def achievements_slide(self) -> None:
        b, lang = self.b, self.lang
        done = an.finished(b)
        early = sum(t.status == "completed_early" for t in done)
        lead = w("ach.lead", lang, n=len(done), early=early, base=b.baseline_year) if done else w("ach.none", lang)
        ranks = an.ranking(b)
        best = [r for r in ranks if r.rank <= an.TOP_DISTRICTS]
        extra = [w("ach.best", lang, names=("、" if lang == "zh" else ", ").join(r.name for r in best))] \
            if best and not b.area_code else []
        notes = [w("sec.achievements", lang), *self.text_or_office("achievements", [lead, *extra]), ""]
        notes += [f"{t.indicator_id} {t.name}: {t.baseline_text} → {an.latest(t, b)} ({an.change_text(t, lang)})"
                  for t in done]
        slide = self.slide(w("sec.achievements", lang), notes)
        own = b.sections.get("achievements")
        box(slide, MARGIN, Inches(1.15), WIDTH - 2 * MARGIN, Inches(0.9),
            [shortened(own.splitlines()[0], 120)] if own else [lead, *extra], 16, color=MUTED, space=2)
        gains = an.largest_gains(b)
        if not gains:
            return
        box(slide, MARGIN, Inches(2.1), WIDTH - 2 * MARGIN, Inches(0.4), w("ach.gains", lang, k=len(gains)), 16,
            bold=True)
        rows = [[w("col.indicator", lang), w("col.base_value", lang), w("col.actual", lang), w("col.vs_base", lang),
                 w("col.verdict", lang)]]
        fills: list[list[str | None]] = [[None] * 5]
        for t in gains:
            rows.append([f"{t.indicator_id} {shortened(t.name, 30)}", t.baseline_text, an.latest(t, b),
                         an.change_text(t, lang), t.status_text])
            fills.append([None, None, None, None, statuses.color(t.status)])
        table(slide, rows, MARGIN, Inches(2.6), WIDTH - 2 * MARGIN, (5.0, 1.9, 1.9, 2.3, 1.8), size=14,
              row_height=Inches(0.55), fills=fills)

    def problems_slide(self) -> None:
        b, lang = self.b, self.lang
        left = an.unfinished(b)
        notes = [w("sec.problems", lang), *self.text_or_office("problems", [w("prob.lead", lang, n=len(left))
                                                                            if left else w("prob.none", lang)]), ""]
        notes += [f"{k}. {t.indicator_id} {t.name}: {an.latest(t, b)} / {t.target_text}, {pct(t.progress_pct)}; "
                  f"{an.cause(t, lang)}" for k, t in enumerate(left, start=1)]
        slide = self.slide(w("sec.problems", lang), notes)
        if not left:
            box(slide, MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(1), w("prob.none", lang), 22)
            return
        shown = left[:PROBLEMS_ON_SLIDE]
        head = w("prob.lead", lang, n=len(left)) + (" " if lang == "en" else "") + (
            w("prob.more", lang, n=len(left) - len(shown)) if len(left) > len(shown) else "")
        box(slide, MARGIN, Inches(1.15), WIDTH - 2 * MARGIN, Inches(0.5), head, 15, color=MUTED)
        rows = [[w("col.indicator", lang), w("col.actual", lang), w("col.target_value", lang), w("col.progress", lang),
                 w("col.cause", lang)]]
        fills: list[list[str | None]] = [[None] * 5]
        for t in shown:
            rows.append([f"{t.indicator_id} {shortened(t.name, 26)}", an.latest(t, b), t.target_text,
                         pct(t.progress_pct), shortened(an.cause(t, lang), 40)])
            fills.append([None, None, None, statuses.color(t.status), None])
        table(slide, rows, MARGIN, Inches(1.7), WIDTH - 2 * MARGIN, (4.2, 1.8, 1.6, 1.4, 3.4), size=13,
              row_height=Inches(0.54), fills=fills)

    def ranking_slide(self) -> None:
        b, lang = self.b, self.lang
        ranks = an.ranking(b)
        if not ranks:
            return
        mine = an.own_rank(b)
        lead = an.rank_sentence(b, mine) if mine else w("rank.lead", lang)
        notes = [w("rank.title", lang, year=b.year), lead, w("rank.lead", lang), ""]
        notes += [f"{r.rank}. {r.name} {pct(r.rate)} ({r.done}/{r.judged}) {r.move(lang)}" for r in ranks]
        slide = self.slide(w("rank.title", lang, year=b.year), notes)
        box(slide, MARGIN, Inches(1.15), WIDTH - 2 * MARGIN, Inches(0.5), lead, 16, color=MUTED)
        bar_chart(slide, [r.name for r in ranks], [round(r.rate or 0.0, 1) for r in ranks],
                  [HIGHLIGHT if r.area_code == b.area_code else PLAIN for r in ranks], MARGIN, Inches(1.75),
                  Inches(7.2), Inches(5.1), title=w("rank.chart", lang), series=w("col.rate", lang))
        rows = [[w("col.rank", lang), w("col.district", lang), w("col.rate", lang), w("col.rank_move", lang)]]
        fills: list[list[str | None]] = [[None] * 4]
        for r in ranks:
            rows.append([str(r.rank), r.name, pct(r.rate), r.move(lang)])
            fills.append([HIGHLIGHT if r.area_code == b.area_code else None] * 4)
        table(slide, rows, Inches(8.0), Inches(1.8), WIDTH - Inches(8.0) - MARGIN, (0.9, 1.6, 1.3, 1.3), size=13,
              row_height=Inches(0.42), fills=fills)

    def next_slide(self) -> None:
        b, lang = self.b, self.lang
        left = an.unfinished(b)
        notes = [w("sec.next_steps", lang), *self.text_or_office("next_steps", [w("next.lead", lang,
                                                                                  base=b.baseline_year)]), ""]
        notes += [f"{t.indicator_id} {t.name} ({an.lead_unit(t, lang)}): {an.measures(t, lang)}" for t in left]
        slide = self.slide(w("sec.next_steps", lang), notes)
        own = b.sections.get("next_steps")
        if own:
            box(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(5.5),
                [shortened(x, 160) for x in own.splitlines() if x.strip()][:8], 18, space=8)
            return
        if not left:
            box(slide, MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(1), w("prob.none", lang), 22)
            return
        box(slide, MARGIN, Inches(1.15), WIDTH - 2 * MARGIN, Inches(0.5), w("next.lead", lang, base=b.baseline_year),
            15, color=MUTED)
        rows = [[w("col.indicator", lang), w("col.lead_unit", lang), w("col.measures", lang)]]
        for t in left[:NEXT_ON_SLIDE]:
            rows.append([f"{t.indicator_id} {shortened(t.name, 24)}", an.lead_unit(t, lang),
                         shortened(an.measures(t, lang), 70)])
        table(slide, rows, MARGIN, Inches(1.7), WIDTH - 2 * MARGIN, (3.6, 1.6, 7.2), size=13,
              row_height=Inches(0.62))

    def divider_slide(self) -> None:
        lang = self.lang
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])            # "Blank"
        band = slide.shapes.add_shape(1, 0, Inches(2.6), WIDTH, Inches(1.6))
        band.fill.solid()
        band.fill.fore_color.rgb = rgb(ACCENT)
        band.line.fill.background()
        frame = band.text_frame
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        words = f"{w('appendix', 'zh')} / {w('appendix', 'en')}"
        box(slide, MARGIN, Inches(2.75), WIDTH - 2 * MARGIN, Inches(1.3), words, 40, bold=True,
            color=rgb("#FFFFFF"), align=PP_ALIGN.CENTER)
        box(slide, MARGIN, Inches(4.5), WIDTH - 2 * MARGIN, Inches(0.8), w("appendix.lead", lang), 18, color=MUTED,
            align=PP_ALIGN.CENTER)
        self.footer(slide)
        self.notes(slide, [w("appendix.lead", lang)])

