"""The briefing deck (PPTX, 16:9) with python-pptx. The main part, at most 12 slides with speaker
notes (tracker/brief/deck_assessment.py): the title with the issuing unit, 总体评价, what changed
since a moment (with --since), 主要成效, 存在问题, the districts ranked, the care-consortium and
sewage maps and 下一步. Then a divider "附录 / Appendix" and the detail: the unfinished targets, one
slide per action (continued when it has many targets), the district × target heatmap, the other
coverage maps and the method.

Charts are native PowerPoint charts (staff restyle them) and tables native tables; the maps are
pictures (tracker.brief.maps). Every run names 微软雅黑 (Microsoft YaHei) as its Latin and its
East-Asian (a:ea) typeface, so the deck renders on the office PCs where it is opened. The plan's
wording for each action is in that slide's speaker notes.
"""
from __future__ import annotations

import io
import zipfile
from typing import Sequence

from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from tracker import statuses
from tracker.brief import assessment as an
from tracker.brief import maps
from tracker.brief.content import CHANGE_GROUPS, Action, Brief, progress_line
from tracker.brief.deck_assessment import HIGHLIGHT, Main, lead_maps, shortened
from tracker.brief.fonts import DECK_FONT
from tracker.brief.slide_parts import (
    DEMO_FILL,
    HEIGHT,
    MARGIN,
    MUTED,
    WIDTH,
    A,
    bar_chart,
    box,
    chunks,
    east_asian,
    rgb,
    table,
    write,
)
from tracker.brief.words import date, moment, pct, status, title_lines, w
from tracker.text import number, rounded

TITLE_CHARS = {"zh": 32, "en": 52}    # a longer title is set smaller, to stay on one or two short lines
OFF_PER_SLIDE = 9          # off-track rows on one slide
TARGETS_PER_SLIDE = 6      # an action's targets on one slide; more continue on the next
HEAT_PER_SLIDE = 10        # heatmap rows on one slide (the legend below them stays on the slide)
CHANGES_PER_SLIDE = 8      # changed targets on the changes slide; the rest are counted ("and n more")


class Deck(Main):
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
        write(head.text_frame, title, 28 if len(title) <= TITLE_CHARS[self.lang] else 22, bold=True)
        head.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self.footer(slide)
        if notes:
            self.notes(slide, notes)
        return slide

    @staticmethod
    def notes(slide, lines: Sequence[str]) -> None:
        write(slide.notes_slide.notes_text_frame, list(lines), 12)

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
        box(slide, MARGIN, Inches(0.9), WIDTH - 2 * MARGIN, Inches(2.0), title_lines(b.plan_name),
            30 if lang == "zh" else 26, bold=True, space=2)
        box(slide, MARGIN, Inches(3.0), WIDTH - 2 * MARGIN, Inches(0.8), f"{self.subtitle}　{w('title.deck', lang)}"
            if lang == "zh" else f"{self.subtitle} · {w('title.deck', lang)}", 26, color=rgb("#0072B2"))
        box(slide, MARGIN, Inches(3.9), WIDTH - 2 * MARGIN, Inches(1.5), [
            b.issuer, w("title.area", lang, area=b.area_name),
            w("title.period", lang, start=b.start_year, end=b.target_year, base=b.baseline_year),
            w("title.made", lang, date=date(b.made, lang))], 18, color=MUTED)
        if b.is_demo:
            notice = box(slide, MARGIN, Inches(5.5), WIDTH - 2 * MARGIN, Inches(0.9), w("demo", lang), 16, bold=True)
            notice.fill.solid()
            notice.fill.fore_color.rgb = DEMO_FILL
            notice.text_frame.margin_left = notice.text_frame.margin_right = Inches(0.2)
            notice.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self.notes(slide, [f"{b.plan_name} · {self.subtitle}", b.issuer, w("title.area", lang, area=b.area_name),
                           b.lead(), w("appendix.lead", lang)])

    def changes_slide(self) -> None:
        """What changed since --since: each changed target and area, worst group first, status then →
        now; the first CHANGES_PER_SLIDE rows on the slide, every row in the speaker notes."""
        b, lang = self.b, self.lang
        when = moment(b.since, lang)
        notes = [w("changes.notes", lang, id=c.indicator_id, name=c.name, area=c.area_name, before=c.before_text,
                   now=c.now_text) for c in b.changes]
        slide = self.slide(w("changes.title", lang, date=when),
                           [w("changes.lead", lang, area=b.area_name, year=b.year, date=when)] + notes)
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
        left = an.unfinished(b)
        parts = chunks(list(left), OFF_PER_SLIDE)
        for k, part in enumerate(parts, start=1):
            more = w("action.more", lang, k=k, n=len(parts)) if len(parts) > 1 else ""
            final = "_final" if b.is_final else ""
            title = w(f"off.title{final}", lang, n=len(left)) + more
            slide = self.slide(title, [f"{t.indicator_id} {t.name}: {t.latest(lang)}; {an.cause(t, lang)}" for t in part])
            if not part:
                box(slide, MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(1), w(f"off.none{final}", lang), 22)
                continue
            rows = [[w("col.status", lang), w("col.action", lang), w("col.indicator", lang),
                     w("col.latest", lang), w("col.target", lang), w("col.progress", lang)]]
            fills: list[list[str | None]] = [[None] * 6]
            for t in part:
                rows.append([t.status_text, str(t.action_no), shortened(t.name, 34), an.latest(t, b), t.target_text,
                             pct(t.progress_pct)])
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
            rows = [[w("col.indicator", lang), w("col.value", lang, year=self.b.year), w("col.target", lang),
                     w("col.status", lang)]]
            fills: list[list[str | None]] = [[None] * 4]
            for t in part:
                rows.append([f"{t.indicator_id}　{t.name}" if lang == "zh" else f"{t.indicator_id} {t.name}",
                             an.latest(t, self.b), t.target_text, t.status_text])
                fills.append([None, None, None, statuses.color(t.status)])
            numeric = [t for t in part if t.progress_pct is not None]
            table(slide, rows, MARGIN, Inches(1.75), Inches(7.6) if numeric else WIDTH - 2 * MARGIN,
                  (3.6, 1.7, 1.3, 1.6), size=13, row_height=Inches(0.72), fills=fills)
            if numeric:                 # qualitative targets only: the table says it, no chart of one bar
                left, top, width, height = Inches(8.35), Inches(1.75), WIDTH - Inches(8.35) - MARGIN, Inches(5.0)
                time = next((t.time_pct for t in numeric if t.time_pct is not None), None)
                title = w("action.chart_final", lang) if time is None else w("action.chart", lang, t=pct(time))
                bar_chart(slide, [t.indicator_id for t in numeric], [rounded(t.progress_pct) for t in numeric],
                          [statuses.color(t.status) for t in numeric], left, top, width, height,
                          title=title, series=w("action.series", lang))

    def heatmap_slides(self) -> None:
        b, lang = self.b, self.lang
        heat = b.heatmap
        if not heat.rows:
            slide = self.slide(w("heat.title", lang, year=b.year), [w("heat.none", lang)])
            box(slide, MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(1), w("heat.none", lang), 22)
            return
        parts = chunks(list(heat.rows), HEAT_PER_SLIDE)
        shown = {c.status for r in heat.rows for c in r.cells}
        legend = ("　" if lang == "zh" else "  ").join(status(c, lang) for c in statuses.ORDER if c in shown)
        row_height, size = Inches(0.42), 11
        names = 30                                   # a row name on at most two lines of its column
        for k, part in enumerate(parts, start=1):
            title = w("heat.title", lang, year=b.year) + (w("action.more", lang, k=k, n=len(parts)) if len(parts) > 1 else "")
            slide = self.slide(title, [w("heat.lead", lang, year=b.year)] + [
                f"{r.indicator_id} {r.name}: " + ", ".join(f"{c.name} {status(c.status, lang)}" for c in r.cells)
                for r in part])
            box(slide, MARGIN, Inches(1.1), WIDTH - 2 * MARGIN, Inches(0.4), w("heat.lead", lang, year=b.year), 13,
                color=MUTED)
            rows = [[w("col.indicator", lang), *[name for _, name in heat.districts]]]
            fills: list[list[str | None]] = [[None] * (len(heat.districts) + 1)]
            for r in part:
                rows.append([f"{r.indicator_id} {shortened(r.name, names)}", *[statuses.icon(c.status) for c in r.cells]])
                fills.append([None, *[statuses.color(c.status) for c in r.cells]])
            top = Inches(1.55)
            shape = table(slide, rows, MARGIN, top, WIDTH - 2 * MARGIN,
                          (4.4 if lang == "zh" else 3.4,) + (1.0,) * len(heat.districts),
                          size=size, row_height=row_height, fills=fills)
            for i in range(len(rows)):
                for j in range(1, len(rows[0])):
                    shape.table.cell(i, j).text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
            for j, (code, _) in enumerate(heat.districts, start=1):
                if code == b.area_code:                   # a district pack: its column's head marked
                    head = shape.table.cell(0, j)
                    head.fill.solid()
                    head.fill.fore_color.rgb = rgb(HIGHLIGHT)
            legend_top = top + row_height * len(rows) + Inches(0.15)
            box(slide, MARGIN, max(legend_top, HEIGHT - Inches(0.95)), WIDTH - 2 * MARGIN, Inches(0.4),
                f"{w('heat.legend', lang)}：{legend}" if lang == "zh" else f"{w('heat.legend', lang)}: {legend}", 12)

    def map_slide(self, part: maps.MapPart, picture: bytes) -> None:
        lang = self.lang
        uncovered = ("、" if lang == "zh" else ", ").join(part.uncovered)
        slide = self.slide(part.title, [part.summary, part.townships] + (
            [("未覆盖：" if lang == "zh" else "Not covered: ") + uncovered] if uncovered else []))
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
        fills: list[list[str | None]] = [[None] * len(rows[0])]
        for r in part.rows:
            rows.append([r.name, r.value_text, r.status_text] + ([r.townships] if has_townships else []))
            fills.append([HIGHLIGHT if r.area_code == part.highlight else None] * len(rows[0]))
        widths = (1.3, 1.4, 1.7) + ((1.2,) if has_townships else ())
        table(slide, rows, left, top + Inches(0.08), width, widths, size=10, row_height=Inches(0.26), fills=fills)
        if part.highlight is not None and part.uncovered:        # a district pack: its own townships not covered
            below = top + Inches(0.08) + Inches(0.26) * len(rows) + Inches(0.1)
            box(slide, left, below, width, HEIGHT - Inches(0.5) - below,
                shortened(w("map.own_uncovered", lang, n=len(part.uncovered), names=uncovered), 90), 11, color=MUTED)

    def method_slide(self) -> None:
        b, lang = self.b, self.lang
        lines = w("method.lines_final" if b.is_final else "method.lines", lang, base=b.baseline_year, end=b.target_year,
                  nearly=number(b.nearly_pct)).split("\n")
        slide = self.slide(w("method.title", lang), lines)
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
        b = self.b
        by_id = dict(zip((p.indicator_id for p in b.maps), pictures))
        leading = lead_maps(b.maps)
        self.title_slide()
        self.overall_slide()
        if b.since is not None:
            self.changes_slide()
        self.achievements_slide()
        self.problems_slide()
        self.ranking_slide()
        for part in leading:
            self.map_slide(part, by_id[part.indicator_id])
        self.next_slide()
        self.divider_slide()
        self.off_track_slides()
        for action in b.actions:
            self.action_slides(action)
        self.heatmap_slides()
        for part in b.maps:
            if part not in leading:
                self.map_slide(part, by_id[part.indicator_id])
        self.method_slide()
        for slide in self.prs.slides:
            east_asian(slide.element)
            if slide.has_notes_slide:
                east_asian(slide.notes_slide.element)
        out = io.BytesIO()
        self.prs.save(out)
        return finished(out.getvalue())


# ---- the file's own settings ---------------------------------------------------------------------

EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _app(xml: bytes) -> bytes:
    """docProps/app.xml: the presentation format says 16:9 (python-pptx's template says 4:3)."""
    root = etree.fromstring(xml)
    found = root.find(f"{EP}PresentationFormat")
    if found is not None:
        found.text = "On-screen Show (16:9)"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _theme(xml: bytes) -> bytes:
    """A theme's major and minor fonts: the deck's typeface for Latin and East-Asian text and for the
    Simplified Chinese script (the template's Calibri and 宋体 otherwise show in anything restyled)."""
    root = etree.fromstring(xml)
    for scheme in root.iter(f"{A}majorFont", f"{A}minorFont"):
        for tag in ("latin", "ea"):
            found = scheme.find(f"{A}{tag}")
            if found is not None:
                found.set("typeface", DECK_FONT)
        for font in scheme.findall(f"{A}font"):
            if font.get("script") in ("Hans", "Hant"):
                font.set("typeface", DECK_FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def finished(data: bytes) -> bytes:
    """The saved deck with its app properties and theme fonts set (rewritten in the package)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                body = _app(body)
            elif item.filename.startswith("ppt/theme/") and item.filename.endswith(".xml"):
                body = _theme(body)
            packed = item.filename.lower().endswith((".png", ".jpeg", ".jpg", ".xlsx"))     # compressed already
            target.writestr(item.filename, body, zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def make(brief: Brief) -> bytes:
    """The deck as PPTX bytes."""
    pictures = [maps.picture(part) for part in brief.maps]
    return Deck(brief).build(pictures)
