"""Where every figure comes from, on screen: the source and note (口径说明) of an imported figure on
its target's card, the action panel and the indicator page; demo and imported points told apart in
the chart (marker and word) and the tables; a status from a mixed series says so; the demo notice
counts the demo figures and names the mixed targets; outside text stays plain."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from tests import bad_files as bf
from tests.headless.test_action import chart_rows, run_page
from tests.markdown_text import visible
from tests.screens import open_screen
from tracker.importer import apply

TARGET, ACTION = "A12-01", "12"
SOURCE, NOTE = "市民政局《2025年养老服务统计》", "单年数据，目标为五年平均"
HOSTILE_NOTE = "仅含光伏 **加粗** [链接](https://example.com) :red[红]"


@pytest.fixture(scope="module")
def mixed(demo_warehouse, tmp_path_factory):
    """A warehouse mixing demo and imported figures: A12-01's city figure for 2025 (the status year)
    imported with its source and note, the earlier years still demo; A12-03's with a hostile note."""
    path = tmp_path_factory.mktemp("mixed") / "w.duckdb"
    shutil.copy(demo_warehouse, path)
    rows = [[TARGET, "全市", 2025, "61.5", None, SOURCE, NOTE],
            [TARGET, "余姚", 2025, "60.2", None, "余姚市民政局", "快报数"],
            ["A12-03", "宁波市", 2025, "96", None, "市统计局", HOSTILE_NOTE]]
    apply.commit([("figures.csv", bf.csv_bytes(rows))], "test", path=path, accept_warnings=True)
    old = os.environ.get("TRACKER_WAREHOUSE")
    os.environ["TRACKER_WAREHOUSE"] = str(path)
    yield path
    if old is None:
        os.environ.pop("TRACKER_WAREHOUSE", None)
    else:
        os.environ["TRACKER_WAREHOUSE"] = old


def texts(at) -> list[str]:
    return [visible(e.value) for kind in ("markdown", "caption", "info") for e in getattr(at, kind)]


def test_the_action_card_and_panel_show_the_source_the_note_and_the_mix(mixed):
    at = run_page("pages/action.py", action=ACTION, indicator=TARGET)
    assert not at.exception
    card = next(e.value for e in at.markdown if "养老" in e.value and f"来源：{SOURCE}" in visible(e.value)
                and "**" in e.value)
    shown = visible(card)
    assert f"口径说明：{NOTE}" in shown and "混合计算" in shown and "2020–2024" in shown
    panel = [t for t in texts(at) if f"来源：{SOURCE}" in t]
    assert len(panel) >= 2, "the card and the selected target's panel"
    others = [visible(e.value) for e in at.markdown if "演示数据：程序生成" in visible(e.value)]
    assert others, "the demo cards say their figure is demo"


def test_the_indicator_page_shows_source_note_and_tells_demo_from_imported(mixed):
    at = run_page("pages/indicator.py", indicator=TARGET, lang="en")
    assert not at.exception
    said = "\n".join(texts(at))
    assert f"Source: {SOURCE}" in said and f"Note on the figure: {NOTE}" in said and "mixes demo figures" in said
    figures = next(d.value for d in at.dataframe if {"Note on the figure", "Year"} <= set(d.value.columns))
    city = figures[figures["Area"] == "Ningbo"].set_index("Year")
    assert city.loc[2025, "Source"] == SOURCE and city.loc[2025, "Note on the figure"] == NOTE
    assert city.loc[2025, "Kind"] == "● imported" and city.loc[2024, "Kind"] == "◇ demo"
    wide = next(d.value for d in at.dataframe if "2025" in d.value.columns)
    ningbo = wide[wide.iloc[:, 0] == "Ningbo"].iloc[0]
    assert not str(ningbo["2025"]).endswith("◇") and str(ningbo["2024"]).endswith("◇")
    keys = {el.proto.id.rsplit("-", 1)[-1] for el in at.get("download_button")}
    assert {"indicator_sources_csv", "indicator_sources_xlsx"} <= keys


def test_the_chart_marks_demo_points_and_its_tooltip_gives_source_and_note(mixed):
    at = run_page("pages/indicator.py", indicator=TARGET)
    chart = next(el for el in at.get("vega_lite_chart")
                 if json.loads(el.proto.spec).get("usermeta", {}).get("chart") == "series")
    spec = json.loads(chart.proto.spec)
    points = next(layer for layer in spec["layer"] if layer.get("name") == "actual_points")
    shape = points["encoding"]["shape"]
    assert shape["scale"]["domain"] == ["● 导入", "◇ 演示"] and shape["scale"]["range"] == ["circle", "diamond"]
    assert {"来源", "口径说明", "数据类型"} <= {tip.get("title") for tip in points["encoding"]["tooltip"]}
    rows = [r for r in chart_rows(chart) if "kind" in r]
    by_year = {int(r["year"]): r for r in rows}
    assert by_year[2025]["kind"] == "● 导入" and by_year[2025]["source_text"] == SOURCE
    assert by_year[2025]["note_text"] == NOTE and by_year[2023]["kind"] == "◇ 演示"


def test_an_imported_note_is_plain_text_never_markdown(mixed):
    at = run_page("pages/indicator.py", indicator="A12-03")
    raw = next(e.value for e in at.markdown if "口径说明" in e.value)
    assert "仅含光伏 \\*\\*加粗\\*\\* \\[链接\\]" in raw and "\\:" in raw.replace("\u2060", "")
    assert f"口径说明：{HOSTILE_NOTE}" in visible(raw)


def test_the_notice_counts_demo_figures_and_names_the_mixed_targets(mixed):
    at = run_page("pages/overview.py")
    notice = next(i.value for i in at.info if "演示" in i.value)
    assert "部分为演示数据" in notice and "A12-01、A12-03" in notice
    at = run_page("pages/overview.py", lang="en")
    notice = next(i.value for i in at.info if "demo" in i.value)
    assert "A12-01, A12-03" in notice and "of the" in notice


def test_the_district_scorecard_has_kind_source_and_note_columns(mixed):
    at = run_page("pages/district.py", district="330281")
    assert not at.exception
    card = next(d.value for d in at.dataframe if "口径说明" in d.value.columns and "指标" in d.value.columns)
    mine = card[card["编号"] == TARGET].iloc[0] if "编号" in card.columns else card.iloc[0]
    assert (mine["来源"], mine["口径说明"], mine["数据类型"]) == ("余姚市民政局", "快报数", "● 导入")
    assert set(card["数据类型"]) >= {"◇ 演示", "● 导入"}


def test_the_meeting_slide_says_where_each_figure_comes_from(mixed):
    from components.screens import present

    deck = present.deck_view("nb-cp-2021-2025", 2025, None, "-", "zh")
    slide = next(i + 1 for i, key in enumerate(deck.slides)
                 if any(card.key.startswith(f"pt-{TARGET}-") for card in deck.views[key].cards))
    at = run_page("pages/overview.py", present="1", slide=str(slide))
    assert not at.exception and "行动12" in at.title[0].value
    captions = [visible(c.value) for c in at.caption]
    assert any(f"来源：{SOURCE}" in c and f"口径说明：{NOTE}" in c and "混合计算" in c for c in captions), captions
    assert any("演示数据：程序生成" in c for c in captions)
    sources = {(TARGET, "330200"): [{"year": 2025, "source": "s", "note": "n", "batch_kind": "observations"}]}
    row = {"indicator_id": TARGET, "area_code": "330200", "status_year": 2025}
    assert visible(present.with_source("x", row, sources, "en")) == "x  \nSource: s  \n※ Note on the figure: n"


def test_the_map_panel_gives_the_figures_source_and_note(mixed):
    from components.screens import map as map_screen

    shown = visible(map_screen.figure_provenance(TARGET, "330281", 2025, "en"))
    assert "Source: 余姚市民政局" in shown and "Note on the figure: 快报数" in shown and "mixes demo" in shown
    assert "Demo figure" in visible(map_screen.figure_provenance(TARGET, "330203", 2025, "en"))
    assert map_screen.figure_provenance(TARGET, "330281", 2019, "en") == ""


def test_the_overviews_off_track_list_marks_demo_figures(mixed):
    at = run_page("pages/overview.py")
    assert not at.exception
    assert any(visible(c.value).endswith("◇ 演示数据") for c in at.caption)


def test_the_decks_notes_and_the_reports_annex_give_source_and_note(mixed, tmp_path):
    import io
    import subprocess

    from pptx import Presentation

    from tracker import brief

    deck = Presentation(io.BytesIO(brief.make("pptx", lang="zh")))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    assert f"{TARGET} " in notes and f"来源：{SOURCE}" in notes and f"口径说明：{NOTE}" in notes
    assert "演示数据（2020–2024年）与导入数据（2025年）混合计算" in notes
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(brief.make("pdf", lang="en"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "Whereeachtarget'sfigurecomesfrom" in flat
    assert "".join(f"source: {SOURCE}".split()) in flat and "".join(f"note: {NOTE}".split()) in flat


def test_the_map_table_and_the_comparison_say_where_each_district_figure_comes_from(private):
    """Demo and imported figures told apart, with source and note, on the map's district table and the
    comparison's table too (DESIGN §4: wherever a figure is shown)."""
    apply.commit([("ninghai.csv", bf.csv_bytes([["A12-01", "330226", 2025, 61.2, None, "宁海县民政局年报",
                                                 "含当年新建机构"]]))], "test", accept_warnings=True)
    for page, query in (("pages/map.py", {"indicator": "A12-01"}), ("pages/compare.py", {})):
        at = open_screen(page, **query)
        assert not at.exception
        table = next(d.value for d in at.dataframe if "数据类型" in d.value.columns)
        rows = [r for r in table.to_dict("records")
                if "宁海县" in r.values() and (page.endswith("map.py") or "A12-01" in r.values())]
        assert rows and rows[0]["来源"] == "宁海县民政局年报" and rows[0]["口径说明"] == "含当年新建机构"
        assert rows[0]["数据类型"].startswith("●")
        others = [r for r in table.to_dict("records") if "宁海县" not in r.values()]
        assert others and all(r["数据类型"].startswith("◇") for r in others[:5])
        if page.endswith("compare.py"):     # the heatmap's cells say it too (their tooltip's value)
            from tests.headless.test_compare import top_rows

            chart = next(c for c in at.get("vega_lite_chart")
                         if any(layer.get("encoding", {}).get("x", {}).get("field") == "district"
                                for layer in json.loads(c.proto.spec).get("layer", [])))
            cells = top_rows(chart.proto)
            mine = cells[(cells["indicator_id"] == "A12-01") & (cells["area_code"] == "330226")]
            assert len(mine) == 1 and "◇" not in mine.iloc[0]["value_text"]
            assert cells.drop(index=mine.index)["value_text"].str.contains("◇").all()
