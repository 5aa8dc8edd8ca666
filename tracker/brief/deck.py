"""The briefing deck (PPTX, 16:9) with python-pptx: title, headline counts, what changed since a
moment (with --since), the off-track targets worst first, one slide per action (continued when it
has many targets), the district × target heatmap, one map per coverage target and the method.

Charts are native PowerPoint charts (staff restyle them) and tables native tables; the maps are
pictures (tracker.brief.maps). Every run names 微软雅黑 (Microsoft YaHei) as its Latin and its
East-Asian (a:ea) typeface, so the deck renders on the office PCs where it is opened. The plan's
wording for each action is in that slide's speaker notes.
"""
from __future__ import annotations

import io
from typing import Sequence

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from tracker import statuses
from tracker.brief import maps
from tracker.brief.content import CHANGE_GROUPS, Action, Brief, progress_line
from tracker.brief.slide_parts import (
    DEMO_FILL,
    HEIGHT,
    MARGIN,
    MUTED,
    WIDTH,
    bar_chart,
    box,
    chunks,
    east_asian,
    rgb,
    table,
    write,
)
from tracker.brief.words import date, moment, pct, status, w
from tracker.text import number, rounded

OFF_PER_SLIDE = 9          # off-track rows on one slide
TARGETS_PER_SLIDE = 6      # an action's targets on one slide; more continue on the next
HEAT_PER_SLIDE = 12        # heatmap rows on one slide
CHANGES_PER_SLIDE = 8      # changed targets on the changes slide; the rest are counted ("and n more")


class Deck:
    def __init__(self, brief: Brief):
        self.b, self.lang = brief, brief.lang
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.prs.core_properties.title = f"{brief.plan_name} · {self.subtitle}"
        self.prs.core_properties.language = "en-GB" if self.lang == "en" else "zh-CN"

    @property
    def subtitle(self) -> str:
        return w("title.final" if self.b.is_final else "title.interim", self.lang, year=self.b.year)

    # -- slide frame ------------------------------------------------------------------------------
    def slide(self, title: str, notes: Sequence[str] = ()):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])           # "Title Only"
        head = slide.shapes.title
        head.left, head.top, head.width, head.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.9)
        write(head.text_frame, title, 28, bold=True)
        head.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self.footer(slide)
        if notes:
            write(slide.notes_slide.notes_text_frame, list(notes), 12)
        return slide

    def footer(self, slide) -> None:
        n = len(self.prs.slides)
        parts = [self.b.plan_name if len(self.b.plan_name) < 40 else self.b.plan_name[:38] + "…",
                 self.subtitle, self.b.area_name]
        if self.b.is_demo:
            parts.append(w("demo.short", self.lang))
        box(slide, MARGIN, HEIGHT - Inches(0.45), WIDTH - 2 * MARGIN - Inches(0.8), Inches(0.35),
            "  ·  ".join(parts), 10, color=MUTED)
        box(slide, WIDTH - MARGIN - Inches(0.8), HEIGHT - Inches(0.45), Inches(0.8), Inches(0.35), str(n), 10,
            color=MUTED, align=PP_ALIGN.RIGHT)

    # -- the slides -------------------------------------------------------------------------------
    def title_slide(self) -> None:
        b, lang = self.b, self.lang
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])            # "Blank"
        box(slide, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(1.6), b.plan_name, 32, bold=True)
        box(slide, MARGIN, Inches(3.0), WIDTH - 2 * MARGIN, Inches(0.8), f"{self.subtitle}　{w('title.deck', lang)}"
            if lang == "zh" else f"{self.subtitle} · {w('title.deck', lang)}", 26, color=rgb("#0072B2"))
        box(slide, MARGIN, Inches(3.9), WIDTH - 2 * MARGIN, Inches(1.2), [
            w("title.area", lang, area=b.area_name),
            w("title.period", lang, start=b.start_year, end=b.target_year, base=b.baseline_year),
            w("title.made", lang, date=date(b.made, lang))], 18, color=MUTED)
        if b.is_demo:
            notice = box(slide, MARGIN, Inches(5.5), WIDTH - 2 * MARGIN, Inches(0.9), w("demo", lang), 16, bold=True)
            notice.fill.solid()
            notice.fill.fore_color.rgb = DEMO_FILL
            notice.text_frame.margin_left = notice.text_frame.margin_right = Inches(0.2)
            notice.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE

    def counts_slide(self) -> None:
        b, lang = self.b, self.lang
        slide = self.slide(w("counts.title", lang))
        lines = [b.lead()]
        if b.area_code:
            city_only = sum(a.count_city_only for a in b.actions)
            lines.append(w("counts.district", lang, n=b.total, c=city_only))
        box(slide, MARGIN, Inches(1.25), WIDTH - 2 * MARGIN, Inches(0.9), lines, 20)
        shown = [(code, n) for code, n in b.counts.items() if n]
        if shown:
            bar_chart(slide, [status(c, lang) for c, _ in shown], [n for _, n in shown],
                           [statuses.color(c) for c, _ in shown], MARGIN, Inches(2.2), WIDTH - 2 * MARGIN, Inches(4.7),
                           title=w("counts.chart", lang), series=w("counts.series", lang))

    def changes_slide(self) -> None:
        """What changed since --since: each changed target and area, worst group first, status then →
        now; the first CHANGES_PER_SLIDE rows on the slide, every row in the speaker notes."""
        b, lang = self.b, self.lang
        when = moment(b.since, lang)
        notes = [w("changes.notes", lang, id=c.indicator_id, name=c.name, area=c.area_name, before=c.before_text,
                   now=c.now_text) for c in b.changes]
        slide = self.slide(w("changes.title", lang, date=when), notes)
        sep = " · " if lang == "en" else "　"
        counts = sep.join(w(f"changes.{g}", lang, n=len(b.changed(g))) for g in CHANGE_GROUPS)
        box(slide, MARGIN, Inches(1.15), WIDTH - 2 * MARGIN, Inches(0.55),
            [w("changes.lead", lang, area=b.area_name, year=b.year, date=when), counts], 15, color=MUTED, space=2)
        if not b.changes:
            box(slide, MARGIN, Inches(2.0), WIDTH - 2 * MARGIN, Inches(1), w("changes.none", lang, date=when), 22)
            return
        rows = [[w("col.change", lang), w("col.indicator", lang), w("col.area", lang), w("col.before", lang),
                 w("col.now", lang)]]
        fills: list[list[str | None]] = [[None] * 5]
        for c in b.changes[:CHANGES_PER_SLIDE]:
            rows.append([w(f"changes.kind.{c.group}", lang), f"{c.indicator_id} {c.name}", c.area_name,
                         c.before_text, c.now_text])
            fills.append([None, None, None, statuses.color(c.status_before) if c.status_before else None,
                          statuses.color(c.status_now) if c.status_now else None])
        table(slide, rows, MARGIN, Inches(1.95), WIDTH - 2 * MARGIN, (1.6, 4.2, 2.6, 1.9, 1.9), size=12,
                   row_height=Inches(0.46), fills=fills)
        more = len(b.changes) - CHANGES_PER_SLIDE
        if more > 0:
            box(slide, MARGIN, HEIGHT - Inches(0.9), WIDTH - 2 * MARGIN, Inches(0.4), w("changes.more", lang, n=more),
                14, color=MUTED)

    def off_track_slides(self) -> None:
        b, lang = self.b, self.lang
        parts = chunks(list(b.off_track), OFF_PER_SLIDE)
        for k, part in enumerate(parts, start=1):
            more = w("action.more", lang, k=k, n=len(parts)) if len(parts) > 1 else ""
            final = "_final" if b.is_final else ""
            title = w(f"off.title{final}", lang, n=len(b.off_track)) + more
            slide = self.slide(title)
            if not part:
                box(slide, MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(1), w(f"off.none{final}", lang), 22)
                continue
            rows = [[w("col.status", lang), w("col.action", lang), w("col.indicator", lang),
                     w("col.latest", lang), w("col.target", lang), w("col.progress", lang)]]
            fills: list[list[str | None]] = [[None] * 6]
            for t in part:
                rows.append([t.status_text, str(t.action_no), t.name, t.latest(lang), t.target_text, pct(t.progress_pct)])
                fills.append([statuses.color(t.status), None, None, None, None, None])
            table(slide, rows, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, (2.3, 1.0, 5.0, 2.0, 1.8, 1.3),
                       size=14, row_height=Inches(0.52), fills=fills)

    def action_slides(self, action: Action) -> None:
        lang = self.lang
        base = w("action.title", lang, no=action.action_no, name=action.name)
        notes = [w("notes.title", lang, no=action.action_no), *action.quotes, "",
                 w("notes.summary", lang, summary=action.summary)]
        if action.status is not None:
            notes.append(w("notes.status", lang, status=status(action.status, lang), counts=progress_line(action, lang)))
        sourced = [f"{t.indicator_id} {t.name}: " + ("；" if lang == "zh" else "; ").join(t.provenance)
                   for t in action.targets if t.provenance and t.provenance != (w("prov.demo", lang),)]
        if sourced:
            notes += ["", w("notes.sources", lang), *sourced]
        if not action.targets:
            slide = self.slide(base, notes)
            box(slide, MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(1),
                w("action.no_district", lang, n=action.count_city_only), 22)
            return
        parts = chunks(list(action.targets), TARGETS_PER_SLIDE)
        for k, part in enumerate(parts, start=1):
            title = base + (w("action.more", lang, k=k, n=len(parts)) if len(parts) > 1 else "")
            slide = self.slide(title, notes)
            head = f"{status(action.status or 'no_data', lang)}　{progress_line(action, lang)}"
            box(slide, MARGIN, Inches(1.15), WIDTH - 2 * MARGIN, Inches(0.5), head, 18, color=MUTED)
            rows = [[w("col.indicator", lang), w("col.latest", lang), w("col.target", lang), w("col.status", lang)]]
            fills: list[list[str | None]] = [[None] * 4]
            for t in part:
                rows.append([f"{t.indicator_id}　{t.name}" if lang == "zh" else f"{t.indicator_id} {t.name}",
                             t.latest(lang), t.target_text, t.status_text])
                fills.append([None, None, None, statuses.color(t.status)])
            table(slide, rows, MARGIN, Inches(1.75), Inches(7.6), (3.6, 1.7, 1.3, 1.6), size=13,
                       row_height=Inches(0.72), fills=fills)
            numeric = [t for t in part if t.progress_pct is not None]
            left, top, width, height = Inches(8.35), Inches(1.75), WIDTH - Inches(8.35) - MARGIN, Inches(5.0)
            if numeric:
                time = next((t.time_pct for t in numeric if t.time_pct is not None), None)
                title = w("action.chart_final", lang) if time is None else w("action.chart", lang, t=pct(time))
                bar_chart(slide, [t.indicator_id for t in numeric], [rounded(t.progress_pct) for t in numeric],
                               [statuses.color(t.status) for t in numeric], left, top, width, height,
                               title=title, series=w("action.series", lang))
            else:
                counts: dict[str, int] = {}
                for t in part:
                    counts[t.status] = counts.get(t.status, 0) + 1
                bar_chart(slide, [status(c, lang) for c in counts], list(counts.values()),
                               [statuses.color(c) for c in counts], left, top, width, height,
                               title=w("action.chart_none", lang), series=w("counts.series", lang))

    def heatmap_slides(self) -> None:
        b, lang = self.b, self.lang
        heat = b.heatmap
        if not heat.rows:
            slide = self.slide(w("heat.title", lang, year=b.year))
            box(slide, MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(1), w("heat.none", lang), 22)
            return
        parts = chunks(list(heat.rows), HEAT_PER_SLIDE)
        shown = {c.status for r in heat.rows for c in r.cells}
        legend = ("　" if lang == "zh" else "  ").join(status(c, lang) for c in statuses.ORDER if c in shown)
        for k, part in enumerate(parts, start=1):
            title = w("heat.title", lang, year=b.year) + (w("action.more", lang, k=k, n=len(parts)) if len(parts) > 1 else "")
            slide = self.slide(title)
            box(slide, MARGIN, Inches(1.1), WIDTH - 2 * MARGIN, Inches(0.4), w("heat.lead", lang, year=b.year), 14,
                color=MUTED)
            rows = [[w("col.indicator", lang), *[name for _, name in heat.districts]]]
            fills: list[list[str | None]] = [[None] * (len(heat.districts) + 1)]
            for r in part:
                rows.append([f"{r.indicator_id} {r.name}", *[statuses.icon(c.status) for c in r.cells]])
                fills.append([None, *[statuses.color(c.status) for c in r.cells]])
            shape = table(slide, rows, MARGIN, Inches(1.55), WIDTH - 2 * MARGIN, (4.2,) + (1.0,) * len(heat.districts),
                               size=12, row_height=Inches(0.39), fills=fills)
            for i in range(1, len(rows)):
                for j in range(1, len(rows[0])):
                    shape.table.cell(i, j).text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
            box(slide, MARGIN, HEIGHT - Inches(0.85), WIDTH - 2 * MARGIN, Inches(0.4),
                f"{w('heat.legend', lang)}：{legend}" if lang == "zh" else f"{w('heat.legend', lang)}: {legend}", 12)

    def map_slide(self, part: maps.MapPart, picture: bytes) -> None:
        lang = self.lang
        slide = self.slide(part.title, [part.summary, part.townships, "、".join(part.uncovered) if lang == "zh"
                                        else ", ".join(part.uncovered)])
        slide.shapes.add_picture(io.BytesIO(picture), MARGIN, Inches(1.2), height=Inches(5.7))
        left = Inches(6.9)
        width = WIDTH - left - MARGIN
        lines = [part.summary] + ([part.townships] if part.townships else [])
        box(slide, left, Inches(1.15), width, Inches(1.3), lines, 14)
        top = Inches(2.5)
        for colour, label in part.legend:
            swatch = slide.shapes.add_shape(1, left, top + Inches(0.06), Inches(0.3), Inches(0.22))   # a rectangle
            swatch.fill.solid()
            swatch.fill.fore_color.rgb = rgb(colour)
            swatch.line.color.rgb = MUTED
            box(slide, left + Inches(0.4), top, width - Inches(0.4), Inches(0.32), label, 12)
            top += Inches(0.27)
        has_townships = any(r.townships for r in part.rows)
        head = [w("col.district", lang), w("col.latest", lang), w("col.status", lang)]
        rows = [head + ([w("col.townships", lang)] if has_townships else [])]
        for r in part.rows:
            rows.append([r.name, r.value_text, r.status_text] + ([r.townships] if has_townships else []))
        widths = (1.3, 1.4, 1.7) + ((1.2,) if has_townships else ())
        table(slide, rows, left, top + Inches(0.08), width, widths, size=10, row_height=Inches(0.26))

    def method_slide(self) -> None:
        b, lang = self.b, self.lang
        slide = self.slide(w("method.title", lang))
        lines = w("method.lines_final" if b.is_final else "method.lines", lang, base=b.baseline_year, end=b.target_year,
                  nearly=number(b.nearly_pct)).split("\n")
        box(slide, MARGIN, Inches(1.3), Inches(7.4), Inches(5.2), lines + [w("method.full", lang)], 16, space=10)
        rows = [[w("col.status", lang), w("method.thresholds", lang)]]
        fills: list[list[str | None]] = [[None, None]]
        if b.is_final:      # the verdicts (tracker/judgement.py), no pace words
            nearly = b.nearly_pct
            rules = [(c, w(f"method.rule.{'final_no_data' if c == 'no_data' else c}", lang, nearly=nearly))
                     for c in statuses.VERDICTS]
        else:
            rules = [(c, w(f"method.rule.{c}", lang))
                     for c in ("achieved", "on_track", "accelerate", "limited", "backwards", "no_data")]
        for code, rule in rules:
            rows.append([status(code, lang), rule])
            fills.append([statuses.color(code), None])
        table(slide, rows, Inches(8.3), Inches(1.4), WIDTH - Inches(8.3) - MARGIN, (1.6, 1.6), size=14,
                   row_height=Inches(0.55), fills=fills)

    def build(self, pictures: Sequence[bytes]) -> bytes:
        self.title_slide()
        self.counts_slide()
        if self.b.since is not None:
            self.changes_slide()
        self.off_track_slides()
        for action in self.b.actions:
            self.action_slides(action)
        self.heatmap_slides()
        for part, picture in zip(self.b.maps, pictures):
            self.map_slide(part, picture)
        self.method_slide()
        for slide in self.prs.slides:
            east_asian(slide.element)
            if slide.has_notes_slide:
                east_asian(slide.notes_slide.element)
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()



def make(brief: Brief) -> bytes:
    """The deck as PPTX bytes."""
    pictures = [maps.picture(part) for part in brief.maps]
    return Deck(brief).build(pictures)
