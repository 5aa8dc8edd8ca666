"""The meeting pack as a final assessment (终期评估): the report's four parts in order and its annex,
the deck's main part before the appendix, the pack per district and for every district at once,
the deck's axes and package settings. The deck and the report are the session's (conftest
``demo_pack``); the district packs are made here once per module."""
from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_TICK_LABEL_POSITION

from tracker import cli, db
from tracker.brief import assessment
from tracker.brief.content import gather
from tracker.brief.deck_assessment import HIGHLIGHT
from tracker.brief.words import w

PLAN = "nb-cp-2021-2025"
DISTRICT = "330212"


def text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def title_of(slide) -> str:
    if slide.shapes.title is not None:
        return slide.shapes.title.text_frame.text
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def main_part(deck) -> list:
    """The slides before the appendix divider."""
    slides = list(deck.slides)
    divider = next(i for i, s in enumerate(slides) if "附录 / Appendix" in title_of(s))
    return slides[:divider]


@pytest.fixture(scope="module")
def district_pack(demo_warehouse, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("district")
    out = {}
    for fmt in ("pptx", "pdf"):
        path = folder / f"d.{fmt}"
        assert cli.main(["brief", "--format", fmt, "--district", DISTRICT, "--out", str(path)]) == 0
        out[fmt] = path
    return out


# ---- the report ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_has_the_four_parts_in_order_then_the_annex_tables(demo_pack, lang):
    pages = text(demo_pack["pdf", lang]).split("\f")
    assert flat(w("sec.overall", lang)) in flat(pages[1])        # the contents name the parts
    body = flat("".join(pages[2:]))                               # the report after its contents
    keys = ("sec.overall", "sec.achievements", "sec.problems", "sec.next_steps", "sec.annex1", "sec.annex2",
            "sec.annex3", "sec.detail", "report.annex")
    found = [body.find(flat(w(k, lang))) for k in keys]
    assert all(f >= 0 for f in found), dict(zip(keys, found))
    assert found == sorted(found)


def test_the_annex_has_a_row_for_every_target(demo_pack):
    body = "".join(text(demo_pack["pdf", "zh"]).split("\f")[2:])       # after the contents
    annex = body[body.index("附表1"):body.index("附表2")]
    targets = db.run("overview_targets", plan_id=PLAN, year=2025, area_code=None)
    assert len(targets) > 100
    for indicator_id in targets["indicator_id"]:
        assert indicator_id in annex, indicator_id
    assert annex.count("未指定") >= len(targets)          # no lead unit imported: every row says so


def test_problems_give_each_unfinished_target_and_its_missing_cause(demo_pack):
    body = "".join(text(demo_pack["pdf", "zh"]).split("\f")[2:])
    part = body[body.index("三、存在问题及原因"):body.index("四、下一步建议")]
    brief = gather(lang="zh", with_maps=False)
    left = assessment.unfinished(brief)
    assert left and all(t.indicator_id in part for t in left)
    assert part.count("原因待填报") == len(left)


def test_the_report_has_no_blank_page_and_split_tables_say_continued(demo_pack):
    for lang in ("zh", "en"):
        pages = text(demo_pack["pdf", lang]).split("\f")[:-1]
        header_lines = 3            # the demo band, the running head and the page number
        assert all(len([x for x in p.splitlines() if x.strip()]) > header_lines for p in pages)
        assert any(w("sec.continued", lang, title=w("sec.annex1", lang)) in " ".join(p.split()) or
                   flat(w("sec.continued", lang, title=w("sec.annex1", lang))) in flat(p) for p in pages)


# ---- the deck -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_decks_main_part_is_short_and_every_slide_has_notes(demo_pack, lang):
    deck = Presentation(str(demo_pack["pptx", lang]))
    main = main_part(deck)
    assert 6 <= len(main) <= 12
    for slide in main:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), title_of(slide)
    titles = [title_of(s) for s in main]
    for key in ("sec.overall", "sec.achievements", "sec.problems", "sec.next_steps"):
        assert w(key, lang) in titles
    assert any(t.startswith(w("rank.title", lang, year=2025)) for t in titles)
    assert len(list(deck.slides)) > len(main) + 10         # the appendix follows


def test_the_deck_says_16_9_and_its_theme_uses_the_decks_font(demo_pack):
    with zipfile.ZipFile(demo_pack["pptx", "zh"]) as z:
        app = z.read("docProps/app.xml").decode()
        themes = [z.read(n).decode() for n in z.namelist() if n.startswith("ppt/theme/")]
    assert "4:3" not in app and "16:9" in app
    for theme in themes:
        assert "Calibri" not in theme and "宋体" not in theme and "Microsoft YaHei" in theme


def test_value_axes_start_at_zero_or_the_lowest_value_and_names_stay_left(demo_pack):
    deck = Presentation(str(demo_pack["pptx", "zh"]))
    negatives = 0
    for slide in deck.slides:
        for chart in (s.chart for s in slide.shapes if s.has_chart):
            values = list(chart.plots[0].series[0].values)
            low, high = chart.value_axis.minimum_scale, chart.value_axis.maximum_scale
            assert low is not None and high is not None
            assert low == 0 if min(values) >= 0 else low <= min(values)
            assert high >= max(values)
            assert chart.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW
            negatives += min(values) < 0
    assert negatives            # the demo data has a target that went backwards


def test_the_cover_keeps_the_period_on_one_line(demo_pack):
    deck = Presentation(str(demo_pack["pptx", "zh"]))
    paragraphs = [p.text for s in deck.slides[0].shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    assert "（2021—2025年）" in paragraphs
    assert any("编制" in p for p in paragraphs)


# ---- a district's pack --------------------------------------------------------------------------

def test_a_district_pack_ranks_the_district_and_lists_only_its_townships(district_pack):
    deck = Presentation(str(district_pack["pptx"]))
    main = main_part(deck)
    ranking = next(s for s in main if title_of(s).startswith(w("rank.title", "zh", year=2025)))
    words = " ".join(s.text_frame.text for s in ranking.shapes if s.has_text_frame)
    assert re.search(r"鄞州区.*在10个区县中排第\d+位", words)
    table = next(s.table for s in ranking.shapes if s.has_table)
    marked = [i for i in range(1, len(table.rows)) if table.cell(i, 1).text_frame.text == "鄞州区"]
    other = 1 if marked[0] != 1 else 2
    assert str(table.cell(marked[0], 1).fill.fore_color.rgb) == HIGHLIGHT.lstrip("#")      # its row marked
    assert table.cell(other, 1).fill.type is None                                       # the others not
    towns = db.run("township_coverage", indicator_id="A12-06", area_code="330200", year=2025)
    others = towns[(towns["state"] == "uncovered") & (towns["district_code"].astype(str) != DISTRICT)]
    mine = towns[(towns["state"] == "uncovered") & (towns["district_code"].astype(str) == DISTRICT)]
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert all(name in notes for name in mine["name_zh"])
    assert not any(f"{r['district_name_zh']}{r['name_zh']}" in notes for r in others.to_dict("records"))
    for slide in deck.slides:          # no slide that only says the district has city figures only
        assert w("action.no_district", "zh", n=1)[:8] not in " ".join(
            s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_the_district_report_gives_its_rank(district_pack):
    body = flat(text(district_pack["pdf"]))
    assert re.search(r"鄞州区目标完成比例\d+%，在10个区县中排第\d+位", body)


def test_district_all_writes_the_city_and_every_district(demo_warehouse, tmp_path):
    folder = tmp_path / "all"
    assert cli.main(["brief", "--format", "pdf", "--district", "all", "--lang", "en", "--out", str(folder)]) == 0
    made = sorted(folder.iterdir())
    areas = db.run("areas")
    expected = 1 + int((areas["kind"] == "district").sum())
    assert len(made) == expected == 11
    assert all(p.read_bytes().startswith(b"%PDF") for p in made)
    city = next(p for p in made if "330200" in p.name)
    assert "Whole city" in text(city)


# ---- the office's words, imported ---------------------------------------------------------------

def _csv(path: Path, headers: list[str], rows: list[list]) -> str:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return str(path)


def test_the_offices_words_and_a_lead_unit_appear_where_the_report_puts_them(private, tmp_path, capsys):
    import csv

    from tests.cli_run import run
    from tracker import paths

    target = "A12-06"               # 康养联合体覆盖乡镇（街道）比例: unfinished in the demo data
    cause = "部分山区乡镇场地不足，资金到位较晚"
    overall = "五年来全市共同富裕先行市建设取得重要进展，这是办公室写的总体评价。"
    causes = _csv(tmp_path / "causes.csv", ["indicator_id", "area_code", "year", "cause_zh", "cause_en", "measures_zh",
                                           "measures_en"],
                  [[target, "全市", 2025, cause, "Sites lacking", "2026年新建12个联合体", "12 new consortia"]])
    plan = _csv(tmp_path / "plan.csv", ["plan_id", "year", "section", "text_zh", "text_en"],
                [[PLAN, 2025, "overall", overall, "The office's overall assessment."]])
    with (paths.CATALOG / "indicators.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["indicator_id"] == target]
    rows[0] |= {"lead_unit_zh": "市民政局", "lead_unit_en": "Municipal Civil Affairs Bureau"}
    catalogue = _csv(tmp_path / "indicators.csv", list(rows[0]), [list(rows[0].values())])
    for file in (causes, plan, catalogue):
        code, _, err = run(capsys, "import", file)
        assert code == 0, err

    out = tmp_path / "r.pdf"
    assert cli.main(["brief", "--format", "pdf", "--out", str(out)]) == 0
    pages = text(out).split("\f")
    body = flat("".join(pages[2:]))
    first = body.index(flat(w("sec.overall", "zh")))
    assert body.index(flat(overall)) - first < 40                 # the office's text leads 总体评价
    assert body.index(flat(overall)) < body.index(flat("全市111项目标"))
    problems = body[body.index(flat(w("sec.problems", "zh"))):body.index(flat(w("sec.next_steps", "zh")))]
    assert flat(cause[:10]) in problems                 # (a table cell wraps: its first line)
    assert problems.count("原因待填报") == len(re.findall(r"A\d\d-\d\d", problems)) - 1     # all but this one
    annex = body[body.index(flat(w("sec.annex1", "zh"))):body.index(flat(w("sec.annex2", "zh")))]
    row = annex[annex.index(target):annex.index(target) + 200]
    assert "市民政局" in row

    deck = tmp_path / "d.pptx"
    assert cli.main(["brief", "--format", "pptx", "--lang", "en", "--out", str(deck)]) == 0
    slides = main_part(Presentation(str(deck)))
    overall_slide = next(s for s in slides if title_of(s) == w("sec.overall", "en"))
    shown = [p.text for s in overall_slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs if p.text]
    office_at = shown.index("The office's overall assessment.")
    assert office_at < next(i for i, x in enumerate(shown) if x.startswith("Whole city: 111 targets"))


def test_no_heading_is_left_at_the_foot_of_a_page(demo_pack):
    """The last line of text above each page's number is never a section's or an action's heading."""
    actions = db.run("actions", plan_id=PLAN)
    for lang in ("zh", "en"):
        headings = {w(k, lang) for k in ("sec.overall", "sec.achievements", "sec.problems", "sec.next_steps",
                                         "sec.annex1", "sec.annex2", "sec.annex3", "sec.detail", "report.heat",
                                         "report.annex", "report.method", "report.sources", "report.plan_text",
                                         "ach.all", "report.actions_table")}
        headings |= {w("action.title", lang, no=int(r["action_no"]), name=r["name_en" if lang == "en" else "name_zh"])
                     for r in actions.to_dict("records")}
        headings = {flat(h) for h in headings}
        pages = text(demo_pack["pdf", lang]).split("\f")[:-1]
        for k, page in enumerate(pages[2:], start=3):
            lines = [x.strip() for x in page.splitlines() if x.strip()]
            last = flat(lines[-2]) if len(lines) > 1 else ""        # [-1] is the page number
            assert last not in headings, (lang, k, last)
