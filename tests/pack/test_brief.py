"""The meeting pack (python -m tracker brief): the deck and the report, read back and checked against
the warehouse; the command line's exit codes; the Briefing control on the overview."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from tests.screens import open_screen
from tracker import cli, db, statuses
from tracker.brief import maps as brief_maps
from tracker.brief.words import w
from tracker.text import rounded

PLAN = "nb-cp-2021-2025"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MAX_BYTES = 10 * 1024 * 1024
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def made(demo_pack) -> dict[tuple[str, str], Path]:
    """The command line run once for each format and language, on the demo warehouse (conftest)."""
    return demo_pack


def plan_row() -> dict:
    return db.run("plans").iloc[0].to_dict()


def actions_in_source() -> list[dict]:
    frame = db.run("actions", plan_id=PLAN)
    return frame[frame["in_source"].astype(bool)].to_dict("records")


def slide_title(slide) -> str:
    if slide.shapes.title is not None:
        return slide.shapes.title.text_frame.text
    return next((s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text), "")


def charts(slide) -> list:
    return [s.chart for s in slide.shapes if s.has_chart]


# ---- the command line ---------------------------------------------------------------------------

def test_both_formats_in_both_languages_are_written_within_the_size_limit(made):
    for (fmt, _), path in made.items():
        data = path.read_bytes()
        assert 0 < len(data) <= MAX_BYTES
        assert data.startswith(b"%PDF" if fmt == "pdf" else b"PK")


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["brief", "--help"])
    assert done.value.code == 0
    assert "--district" in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (["--district", "999999"], "999999"),
    (["--year", "1990"], "1990"),
    (["--plan", "no-such-plan"], "no-such-plan"),
])
def test_a_bad_request_exits_1_with_one_sentence(demo_warehouse, tmp_path, capsys, args, words):
    out = tmp_path / "x.pptx"
    code = cli.main(["brief", "--format", "pptx", "--out", str(out), "--lang", "en", *args])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert not out.exists()
    assert err.startswith("error: ") and words in err and err.count("\n") == 0 and err.endswith(".")


def test_a_district_brief_names_the_district(demo_warehouse, tmp_path):
    out = tmp_path / "yinzhou.pptx"
    assert cli.main(["brief", "--format", "pptx", "--out", str(out), "--district", "330212", "--year", "2024"]) == 0
    first = " ".join(s.text_frame.text for s in Presentation(str(out)).slides[0].shapes if s.has_text_frame)
    assert "鄞州区" in first and "2024" in first


# ---- the deck -----------------------------------------------------------------------------------

def test_the_deck_is_16_9_and_opens_with_the_title_and_demo_notice(made):
    deck = Presentation(str(made["pptx", "zh"]))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert plan_row()["name_zh"] in first.replace("\n", "")       # its period on a line of its own
    assert "2025年终期评估" in first and "全市" in first and "制作日期" in first
    assert w("demo", "zh") in first


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_action_has_its_slide_with_a_native_chart_of_the_warehouse_figures(made, lang):
    deck = Presentation(str(made["pptx", lang]))
    slides = list(deck.slides)
    for action in actions_in_source():
        name = action["name_en" if lang == "en" else "name_zh"]
        title = w("action.title", lang, no=int(action["action_no"]), name=name)
        own = [s for s in slides if slide_title(s).startswith(title)]
        assert own, f"no slide for action {action['action_no']}"
        targets = db.run("action_targets", plan_id=PLAN, action_no=int(action["action_no"]), year=2025, area_code=None)
        if not targets["progress_pct"].notna().any():   # qualitative targets only: a table, no chart of one bar
            assert not any(charts(s) for s in own)
        # the chart holds the figure rounded once, by the one rule, so its label equals the tables' text
        expected = {r["indicator_id"]: rounded(r["progress_pct"]) for r in targets.to_dict("records")
                    if r["progress_pct"] == r["progress_pct"] and r["progress_pct"] is not None}
        shown: dict[str, float] = {}
        for slide in (s for s in own if charts(s)):   # every figure on a chart: the equality below
            chart = charts(slide)[0]
            plot = chart.plots[0]
            shown |= dict(zip(plot.categories, plot.series[0].values))
        if expected:
            assert shown == expected


def test_the_headline_chart_counts_the_targets_by_status(made):
    deck = Presentation(str(made["pptx", "en"]))
    slide = next(s for s in deck.slides if slide_title(s) == w("sec.overall", "en"))
    chart = charts(slide)[0]
    actions = db.run("overview_actions", plan_id=PLAN, year=2025, area_code=None)
    expected = {statuses.badge(code, "en"): int(actions[f"count_{code}"].sum()) for code in statuses.ORDER
                if int(actions[f"count_{code}"].sum())}
    assert dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values)) == expected


def test_the_appendix_lists_every_unfinished_target_largest_gap_first(made):
    deck = Presentation(str(made["pptx", "zh"]))
    rows = []
    for slide in deck.slides:
        if slide_title(slide).startswith("未完成和基本完成的目标"):     # 2025: the unfinished targets
            table = next(s.table for s in slide.shapes if s.has_table)
            rows += [(table.cell(i, 0).text_frame.text, table.cell(i, 5).text_frame.text)
                     for i in range(1, len(table.rows))]
    targets = db.run("overview_targets", plan_id=PLAN, year=2025, area_code=None)
    off = targets[targets["status"].isin(statuses.OFF_TRACK)]
    assert len(rows) == len(off)
    progress = [float(p.rstrip("%").replace("−", "-")) for _, p in rows if p != "—"]
    assert progress == sorted(progress)


def test_the_heatmap_and_a_map_slide_per_coverage_target(made):
    deck = Presentation(str(made["pptx", "zh"]))
    titles = [slide_title(s) for s in deck.slides]
    assert any(t.startswith("区县 × 目标完成情况（2025年）") for t in titles)
    mapped = [r for r in db.run("map_targets", plan_id=PLAN).to_dict("records") if int(r["count_years"] or 0) > 0]
    assert mapped
    for r in mapped:
        slide = next(s for s in deck.slides if slide_title(s).startswith(r["name_zh"]))
        assert any(s.shape_type == 13 for s in slide.shapes)       # a picture: the map
    assert titles[-1] == w("method.title", "zh")


def test_every_run_names_yahei_as_its_east_asian_font(made):
    deck = Presentation(str(made["pptx", "zh"]))
    runs = 0
    for slide in deck.slides:
        for props in slide.element.iter(f"{A}rPr"):
            runs += 1
            ea = props.find(f"{A}ea")
            assert ea is not None and ea.get("typeface") == "Microsoft YaHei"
        for chart in charts(slide):
            fonts = [e.get("typeface") for e in chart.element.iter(f"{A}ea")]
            assert fonts and set(fonts) == {"Microsoft YaHei"}
    assert runs > 500


def test_the_speaker_notes_hold_the_plans_wording(made):
    deck = Presentation(str(made["pptx", "en"]))
    for action in actions_in_source():
        quotes = db.run("action_targets", plan_id=PLAN, action_no=int(action["action_no"]), year=2025,
                        area_code=None)["source_quote"].dropna().unique()
        title = w("action.title", "en", no=int(action["action_no"]), name=action["name_en"])
        slide = next(s for s in deck.slides if slide_title(s).startswith(title))
        notes = slide.notes_slide.notes_text_frame.text
        assert quotes.size and all(q.strip() in notes for q in quotes)


# ---- the report ---------------------------------------------------------------------------------

def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_the_report_has_a_cover_contents_page_numbers_and_the_demo_notice_on_every_page(made):
    pages = pdf_pages(made["pdf", "zh"])
    n = len(pages)
    assert n > 20
    assert plan_row()["name_zh"][:10] in pages[0] and "终期评估报告" in pages[0]
    assert "目录" in pages[1] and re.search(r"一、总体评价\s+\d+", pages[1])
    for k, page in enumerate(pages, start=1):
        assert f"第{k}页，共{n}页" in page
        assert w("demo.short", "zh") in page
    body = "\n".join(pages)
    flat = re.sub(r"\s+", "", body)
    for action in actions_in_source():
        assert re.sub(r"\s+", "", w("action.title", "zh", no=int(action["action_no"]), name=action["name_zh"])) in flat
    assert "区县 × 目标状态" in body and "附录" in body
    assert len(CJK.findall(body)) > 5000
    # the Chinese report speaks Chinese throughout: no English sentence leaks from a language check
    assert "Not covered" not in body and "Target:" not in body and "Status" not in body


def test_the_report_in_english_and_its_embedded_cjk_font(made):
    pages = pdf_pages(made["pdf", "en"])
    assert "Contents" in pages[1]
    assert all(f"Page {k} of {len(pages)}" in page for k, page in enumerate(pages, start=1))
    for action in actions_in_source():
        assert action["name_en"][:30] in " ".join(" ".join(pages).split())
    fonts = subprocess.run(["pdffonts", str(made["pdf", "en"])], capture_output=True, text=True, check=True).stdout
    embedded = [line for line in fonts.splitlines() if "NotoSansCJK" in line]
    assert embedded and all(" yes yes yes " in line for line in embedded)


# ---- the maps' colours are the map page's ------------------------------------------------------

def test_the_map_pictures_use_the_map_pages_colour_classes(demo_warehouse):
    from components import maps as page_maps

    for spec in db.run("map_targets", plan_id=PLAN).to_dict("records"):
        values = db.run("map_district_values", indicator_id=spec["indicator_id"], year=2025)
        districts = values[values["kind"] == "district"]["value"].tolist()
        ours = [(b.key, b.color, b.low, b.high) for b in brief_maps.bands(districts, spec)]
        theirs = [(b.key, b.color, b.low, b.high) for b in page_maps.bands(districts, spec)]
        assert ours == theirs


def test_a_map_picture_is_drawn_offline(demo_warehouse):
    part = brief_maps.parts(PLAN, 2025, "zh")[0]
    png = brief_maps.picture(part, scale=1.0)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


# ---- the Briefing control -----------------------------------------------------------------------

def test_the_overview_briefing_control_makes_a_download(demo_warehouse):
    at = open_screen(None, lang="en")
    assert not at.exception
    assert not at.get("download_button")
    at.radio(key="overview_briefing_format").set_value("pdf")
    at.button(key="overview_briefing_make").click()
    at.run()
    assert not at.exception
    downloads = [d for d in at.get("download_button") if "overview_briefing_download" in str(d.proto.id)]
    assert downloads
    assert "Report (PDF)" in downloads[0].proto.label


# ---- what changed since a moment (--since) ------------------------------------------------------

def changes_slides(path: Path, lang: str) -> list:
    head = "What changed since" if lang == "en" else "以来的变化"
    return [s for s in Presentation(str(path)).slides if head in slide_title(s)]


def test_without_since_there_is_no_changes_slide_or_section(made):
    for lang in ("zh", "en"):
        assert not changes_slides(made["pptx", lang], lang)
    assert "以来的变化" not in "".join(pdf_pages(made["pdf", "zh"]))
    assert "What changed since" not in "".join(pdf_pages(made["pdf", "en"]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_brief_since_shows_the_target_an_import_moved(private, tmp_path, lang):
    import datetime as dt

    from tests.headless.test_time import moved
    from tracker.brief.words import moment

    row, before, _ = moved(tmp_path)
    deck_path, report_path = tmp_path / "since.pptx", tmp_path / "since.pdf"
    for path, fmt in ((deck_path, "pptx"), (report_path, "pdf")):
        assert cli.main(["brief", "--format", fmt, "--out", str(path), "--lang", lang, "--since", before]) == 0
    title = w("changes.title", lang, date=moment(dt.datetime.strptime(before, "%Y-%m-%d %H:%M:%S"), lang))
    # the deck: the changes slide right after the headline counts, the moved target worse, then → now
    slides = list(Presentation(str(deck_path)).slides)
    assert slide_title(slides[1]) == w("sec.overall", lang) and slide_title(slides[2]) == title
    assert len(changes_slides(deck_path, lang)) == 1
    table = next(s.table for s in slides[2].shapes if s.has_table)
    cells = [[table.cell(i, j).text_frame.text for j in range(len(table.columns))] for i in range(len(table.rows))]
    mine = [r for r in cells if r[1].startswith(row["indicator_id"])]
    assert mine == [[w("changes.kind.worse", lang), mine[0][1], mine[0][2], statuses.badge("completed", lang),
                     statuses.badge("not_completed", lang)]]
    lead = " ".join(s.text_frame.text for s in slides[2].shapes if s.has_text_frame)
    assert w("changes.worse", lang, n=1) in lead
    # the report: a section after the summary, in the contents, with the target and both statuses
    pages = pdf_pages(report_path)
    flat = [re.sub(r"\s+", "", p) for p in pages]
    heading = re.sub(r"\s+", "", title)
    assert heading in flat[1]                                    # the contents
    section = next(k for k, p in enumerate(flat) if k > 1 and heading in p)
    summary = next(k for k, p in enumerate(flat) if k > 1 and re.sub(r"\s+", "", w("sec.overall", lang)) in p)
    assert summary < section
    body = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(section + 1), "-l", str(section + 1),
                                             str(report_path), "-"], capture_output=True, text=True,
                                            check=True).stdout)      # cell by cell: wrapped cells stay whole
    assert row["indicator_id"] in body
    for code in ("completed", "not_completed"):       # the icon and each word (a narrow cell may wrap the word)
        assert all(part in body for part in statuses.badge(code, lang).split())


def test_brief_with_a_bad_since_exits_1_with_one_sentence(demo_warehouse, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code = cli.main(["brief", "--format", "pdf", "--out", str(out), "--since", "last week"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and not out.exists()
    assert err.startswith("error: ") and "is not a moment" in err and err.count("\n") == 0


def test_the_briefing_control_passes_the_screens_since_on(private, tmp_path):
    import pandas as pd

    from tests.headless.test_time import moved
    from tracker import brief, views

    row, _, _ = moved(tmp_path)
    logged = pd.Timestamp(db.run("change_moments", plan_id=PLAN)["logged_at"].iloc[0])
    since = logged.floor("s").strftime("%Y-%m-%dT%H:%M:%S")
    at = open_screen(None, since=since, lang="en")
    at.radio(key="overview_briefing_format").set_value("pdf")
    at.button(key="overview_briefing_make").click()
    at.run()
    assert not at.exception
    assert at.session_state["overview_briefing_ready"][4] == since          # part of the cached request
    assert [d for d in at.get("download_button") if "overview_briefing_download" in str(d.proto.id)]
    # the screen's meaning: that write's own changes are included
    found = views.changes_since(PLAN, logged.floor("s").to_pydatetime(), 2025, None, "en", inclusive=True)
    assert [(c.indicator_id, c.group) for c in found.items] == [(row["indicator_id"], "worse")]
    # a ?since= that is no write's moment counts as none
    at = open_screen(None, since="2001-01-01T00:00:00", lang="en")
    at.radio(key="overview_briefing_format").set_value("pdf")
    at.button(key="overview_briefing_make").click()
    at.run()
    assert not at.exception and at.session_state["overview_briefing_ready"][4] is None
    assert brief.MEDIA_TYPES["pdf"] == "application/pdf"
