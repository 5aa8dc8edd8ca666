"""The indicator page (指标), its tables, the CSV/Excel downloads, and the SQL behind them."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import downloads, paging, targets
from components.screens import indicator as screen_indicator
from tests.headless.test_action import CATALOGUE, CJK, charts_of, run_page, visible_text, without_plan_quotes
from tests.markdown_text import visible
from tracker import db


def open_indicator(**query) -> AppTest:
    return run_page("pages/indicator.py", **query)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first data table on the page that has ``column`` (tables are not widgets: no keys)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def download_keys(at: AppTest) -> list[str]:
    return sorted(el.proto.id.rsplit("-", 1)[-1] for el in at.get("download_button"))


# ---- the page -----------------------------------------------------------------------------------

@pytest.mark.parametrize("indicator_id", ["A12-01", "A12-03", "A12-09", "A07-03", "A04-01", "A08-06", "A10-03"])
def test_indicator_page_shows_chart_table_history_metadata_and_downloads(demo_warehouse, indicator_id):
    at = open_indicator(indicator=indicator_id)
    assert not at.exception
    name = CATALOGUE.set_index("indicator_id").loc[indicator_id, "name_zh"]
    assert visible(at.title[0].value) == name
    series = charts_of(at, "series")
    assert len(series) == 1 and series[0]["usermeta"]["indicator_id"] == indicator_id
    values = table_with(at, "2025")
    assert values.columns[0] == "地区" and "2025" in values.columns
    assert {"indicator_revisions_csv", "indicator_revisions_xlsx", "indicator_values_csv",
            "indicator_values_xlsx"} <= set(download_keys(at))
    meta = at.table[0].value
    fields = dict(zip(meta["项目"], map(visible, meta["内容"])))
    assert fields["指标编号"] == indicator_id and fields["目标年份"] == "2025" and fields["基期年份"] == "2020"
    assert fields["规划原文"] == CATALOGUE.set_index("indicator_id").loc[indicator_id, "source_quote"]


def test_the_table_lists_every_area_and_year_with_units(demo_warehouse):
    at = open_indicator(indicator="A12-01")
    table = table_with(at, "2025")
    assert table["地区"].tolist()[:2] == ["宁波市", "海曙区"] and len(table) == 11
    assert list(table.columns[1:]) == [str(y) for y in range(2020, 2026)]
    assert all(str(v).endswith("% ◇") for v in table["2025"])      # demo figures keep their marker


def test_qualitative_values_are_stages_in_words(demo_warehouse):
    at = open_indicator(indicator="A12-09")
    table = table_with(at, "2025")
    assert {str(v).removesuffix(" ◇") for v in table.iloc[0, 1:]} <= {"□ 未启动", "◐ 推进中", "★ 已完成"}


def test_revision_history_lists_every_stored_row_with_its_batch(demo_warehouse):
    at = open_indicator(indicator="A12-03")
    history = table_with(at, "批次")
    stored = db.run("revisions", indicator_id="A12-03")
    assert len(history) == len(stored) == 66                    # the city and ten districts, 2020–2025
    assert set(history["批次"]) == {"demo"} and set(history["批次状态"]) == {"有效"}
    assert set(history["现行"]) == {"是"}


def test_without_a_link_the_page_opens_on_the_first_target(demo_warehouse):
    at = open_indicator()
    assert not at.exception
    assert charts_of(at, "series")[0]["usermeta"]["indicator_id"] == CATALOGUE["indicator_id"].min()


def test_a_district_link_charts_that_districts_series(demo_warehouse):
    at = open_indicator(indicator="A12-01", district="330213")
    assert not at.exception
    assert any("地区：奉化区" in c.value for c in at.caption)
    city_total = open_indicator(indicator="A12-03", district="330213")
    assert any(c.value.startswith("全市目标") for c in city_total.caption)


def test_the_page_links_back_to_its_action(demo_warehouse):
    at = open_indicator(indicator="A16-05", lang="en")
    back = [link.proto for link in at.get("page_link") if link.proto.page == "action"]
    assert back and "action=16" in back[0].query_string and "lang=en" in back[0].query_string


@pytest.mark.parametrize("indicator_id", ["A12-03", "A12-09", "A04-01", "A08-06"])
def test_english_mode_has_no_chinese_outside_the_plans_own_words(demo_warehouse, indicator_id):
    at = open_indicator(indicator=indicator_id, lang="en")
    assert not at.exception
    assert CJK.findall(without_plan_quotes(visible_text(at))) == []


# ---- the tables ---------------------------------------------------------------------------------

SERIES = pd.DataFrame({
    "area_code": ["330200", "330200", "330203"], "area_name_zh": ["宁波市", "宁波市", "海曙区"],
    "area_name_en": ["Ningbo", "Ningbo", "Haishu"], "year": [2020, 2021, 2021],
    "value": [40.0, 45.5, None], "milestone": [None, None, None],
})
ROW = dict(indicator_id="T-01", unit_zh="%", unit_en="%", comparator=">=", target_value=60.0)


def test_area_year_table_on_screen_has_units_and_dashes_for_gaps():
    table = screen_indicator.area_year_table(SERIES, ROW, "en")
    assert table.to_dict("records") == [{"Area": "Ningbo", "2020": "40%", "2021": "45.5%"},
                                         {"Area": "Haishu", "2020": "—", "2021": "—"}]


def test_area_year_table_for_download_keeps_numbers_and_codes():
    table = screen_indicator.area_year_table(SERIES, ROW, "zh", numeric=True)
    assert list(table.columns) == ["地区", "区划代码", "单位", "2020", "2021"]
    assert table.iloc[0].tolist() == ["宁波市", "330200", "%", 40.0, 45.5]
    assert pd.isna(table.iloc[1]["2021"])


def test_note_text_picks_the_readers_half():
    note = "原文为“到1486公里”，按达到计 / The text says 'to 1,486 km'"
    assert targets.note_text(note, "zh") == "原文为“到1486公里”，按达到计"
    assert targets.note_text(note, "en") == "The text says 'to 1,486 km'"
    assert targets.note_text("只有中文", "en") == ""
    assert targets.note_text(float("nan"), "en") == ""


# ---- downloads ----------------------------------------------------------------------------------

FRAME = pd.DataFrame({"地区": ["宁波市", "=HYPERLINK(\"x\")"], "数值": [55.8, float("nan")], "文本": ["-3", "@x"]})


def test_csv_download_opens_in_excel_with_chinese_and_runs_no_formulas():
    raw = downloads.to_csv_bytes(FRAME)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    assert back["地区"].tolist() == ["宁波市", "'=HYPERLINK(\"x\")"]
    assert back["文本"].tolist() == ["-3", "'@x"]


def test_excel_download_keeps_numbers_as_numbers_and_formulas_as_text():
    book = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx_bytes(FRAME, "A12-01/values")))
    sheet = book.active
    assert sheet.title == "A12-01_values"
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["地区", "数值", "文本"]
    assert rows[1] == ["宁波市", 55.8, "-3"]
    assert rows[2][0] == "'=HYPERLINK(\"x\")" and sheet["A3"].data_type == "s"
    assert rows[2][1] is None
    assert sheet.freeze_panes == "A2"


def test_table_downloads_offers_csv_and_excel_with_keyed_buttons():
    def script():
        import pandas as pd

        from components.downloads import table_downloads
        table_downloads(pd.DataFrame({"a": [1, 2]}), "A12-01 值", "en", "demo_table")

    at = AppTest.from_function(script).run()
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download CSV", "Download Excel"]
    assert [b.proto.id.rsplit("-", 1)[-1] for b in buttons] == ["demo_table_csv", "demo_table_xlsx"]


def test_file_names_lose_characters_file_systems_refuse():
    assert downloads.file_stem('A12/01: "x"?') == "A12_01_ _x"
    assert downloads.file_stem("") == "table"


# ---- the SQL ------------------------------------------------------------------------------------

def test_series_gives_values_running_totals_and_area_names(fixture_warehouse):
    rows = db.run("series", path=fixture_warehouse, indicator_id="T02-02", area_code=None)
    assert rows["plot_value"].tolist() == [20.0, 40.0, 60.0]
    assert rows["area_name_en"].unique().tolist() == ["Ningbo"]
    share = db.run("series", path=fixture_warehouse, indicator_id="T02-01", area_code=None)
    assert share["area_code"].tolist() == ["330200", "330200", "330203", "330203", "330212", "330212"]
    assert share.loc[1, "value"] == 56.0 and share.loc[1, "status"] is not None


def test_revisions_keep_every_row_and_mark_the_one_in_force(fixture_warehouse):
    rows = db.run("revisions", path=fixture_warehouse, indicator_id="T02-01")
    city_2023 = rows[(rows["area_code"] == "330200") & (rows["year"] == 2023)].sort_values("revision_no")
    assert city_2023["value"].tolist() == [55.0, 56.0]
    assert city_2023["revision_no"].tolist() == [1, 2]
    assert city_2023["is_current"].tolist() == [False, True]
    assert city_2023["file_name"].tolist() == ["b1.csv", "b2.csv"]
    rolled = db.run("revisions", path=fixture_warehouse, indicator_id="T02-03")
    wrong = rolled[rolled["value"] == 9.9].iloc[0]
    assert wrong["batch_state"] == "rolled_back" and not wrong["is_current"]
    assert rolled[(rolled["year"] == 2023) & rolled["is_current"]]["value"].tolist() == [3.4]


def test_revisions_table_says_which_batch_and_state_in_words(fixture_warehouse):
    rows = db.run("revisions", path=fixture_warehouse, indicator_id="T02-03")
    table = screen_indicator.revisions_table(rows, dict(unit_zh="%", unit_en="%"), "en")
    # newest first within an area and year: the rolled-back 9.9 arrived after 3.4
    assert table["Value"].tolist() == ["4%", "9.9%", "3.4%"]
    assert table["Batch state"].tolist() == ["Applied", "Rolled back", "Applied"]
    assert table["In force"].tolist() == ["Yes", "No", "Yes"]
    assert table["Revision"].tolist() == [1, 2, 1]
    assert not CJK.search(table.to_string())


def test_indicator_districts_lists_each_district_once(fixture_warehouse):
    rows = db.run("indicator_districts", path=fixture_warehouse, indicator_id="T02-01", year=None)
    assert rows["area_code"].tolist() == ["330203", "330212"]
    assert rows["value"].tolist() == [60.0, 52.5]
    totals = db.run("indicator_districts", path=fixture_warehouse, indicator_id="T02-02", year=None)
    assert totals["status"].tolist() == ["no_data", "no_data"]


# ---- many areas, long histories (townships, monthly revisions) -----------------------------------

def build_township_warehouse(path, versions: int = 2):
    """A small warehouse shaped like the benchmark's scale one (bench/scale.py): two townships per
    district (20 in all, areas.kind 'township'), monthly figures (``versions`` a month), six targets
    per plan (three qualitative), then the app's own refresh of everything stored."""
    from bench import scale
    from tracker import build, warehouse

    def change(con):
        scale.generate(con, scale.Spec(history_from=2024, versions=versions, townships=2, indicators=6))
        build.refresh_status(con)

    warehouse.write_snapshot(change, path=path, fresh=True, check=build.check_snapshot)
    return path


@pytest.fixture(scope="module")
def township_warehouse(tmp_path_factory):
    """Monthly preliminary and final figures: 4,608 stored rows per target of the second plan."""
    return build_township_warehouse(tmp_path_factory.mktemp("townships") / "warehouse.duckdb")


@pytest.fixture()
def townships(township_warehouse, monkeypatch):
    monkeypatch.setenv("TRACKER_WAREHOUSE", str(township_warehouse))
    return township_warehouse


@pytest.fixture()
def offered_downloads(monkeypatch):
    """The tables the page offers for download, by key, read as a press would (lazily built ones called)."""
    offered = {}

    def record(frame, name, lang, key, container=None):
        offered[key] = frame

    monkeypatch.setattr(downloads, "table_downloads", record)
    return lambda key: offered[key]() if callable(offered[key]) else offered[key]


def test_townships_are_behind_a_switch_that_says_how_many_and_the_download_keeps_them(townships, offered_downloads):
    at = open_indicator(indicator="B04-01")
    assert not at.exception
    switch = at.toggle(key="indicator_townships")
    assert switch.label == "显示20个乡镇（街道）" and switch.value is False
    table = table_with(at, "2030")
    assert len(table) == 12 and not table["地区"].str.contains("乡镇").any()   # city, 10 districts, 1 region
    assert any("20个乡镇" in c.value for c in at.caption)
    every_area = offered_downloads("indicator_values")
    assert len(every_area) == 32 and every_area["地区"].str.contains("乡镇").sum() == 20

    at.toggle(key="indicator_townships").set_value(True).run()
    assert at.query_params.get("townships") in ("1", ["1"])
    assert len(table_with(at, "2030")) == 32


def test_a_townships_link_opens_with_them_shown_and_a_bad_value_is_reported(townships):
    at = open_indicator(indicator="B04-01", townships="1", lang="en")
    assert at.toggle(key="indicator_townships").label == "Show the 20 townships"
    assert at.toggle(key="indicator_townships").value is True and len(table_with(at, "2030")) == 32
    bad = open_indicator(indicator="B04-01", townships="yes please")
    assert not bad.exception and any("townships" in w.value for w in bad.warning)
    assert len(table_with(bad, "2030")) == 12


def test_without_townships_there_is_no_switch(demo_warehouse):
    at = open_indicator(indicator="A12-01")
    assert not at.toggle and not [c for c in at.caption if "乡镇（街道）的数据" in c.value]


def test_a_long_history_is_shown_a_page_at_a_time_newest_first_and_downloads_whole(townships, offered_downloads):
    at = open_indicator(indicator="B04-01")
    stored = db.run("revisions", indicator_id="B04-01")
    assert len(stored) == 4608
    history = table_with(at, "批次")
    assert len(history) == 100
    newest = stored.sort_values("obs_seq", ascending=False).head(100)
    unit = {"unit_zh": db.run("indicators", plan_id="nb-cp-2026-2030", action_no=None)
            .set_index("indicator_id").loc["B04-01", "unit_zh"]}
    assert history["数值"].tolist() == [screen_indicator.cell(v, m, unit, "zh")
                                        for v, m in zip(newest["value"], newest["milestone"])]
    assert history["第几次"].tolist() == newest["revision_no"].tolist()
    assert any("共4,608行" in c.value and "另有4,508行" in c.value for c in at.caption)
    pager = at.selectbox(key="indicator_revisions_page_B04-01")
    assert len(pager.options) == 47 and pager.value == 1
    pager.set_value(47).run()
    last = table_with(at, "批次")
    oldest = stored.sort_values("obs_seq", ascending=False).tail(8)
    assert len(last) == 8 and last["第几次"].tolist() == oldest["revision_no"].tolist()
    assert last["第几次"].tolist()[-1] == 1                                  # the very first figure stored
    assert len(offered_downloads("indicator_revisions")) == 4608


def test_revisions_page_agrees_with_the_whole_history(fixture_warehouse):
    whole = db.run("revisions", path=fixture_warehouse, indicator_id="T02-01").sort_values("obs_seq", ascending=False)
    assert db.run("revisions_count", path=fixture_warehouse, indicator_id="T02-01")["stored_rows"].tolist() == [len(whole)]
    columns = ["obs_seq", "area_code", "area_name_en", "year", "value", "revision_no", "is_current", "batch_id",
               "batch_kind", "file_name", "batch_state"]
    pages = [db.run("revisions_page", path=fixture_warehouse, indicator_id="T02-01", limit=2, offset=k)
             for k in range(0, len(whole), 2)]
    assert [len(p) for p in pages] == [2, 2, 2, 1]
    together = pd.concat(pages, ignore_index=True)[columns]
    pd.testing.assert_frame_equal(together, whole[columns].reset_index(drop=True), check_dtype=False)
    rolled = db.run("revisions_page", path=fixture_warehouse, indicator_id="T02-03", limit=10, offset=0)
    assert rolled["batch_state"].tolist()[0] == "rolled_back" and not rolled["is_current"].tolist()[0]
    assert db.run("revisions_page", path=fixture_warehouse, indicator_id="T02-01", limit=5, offset=99).empty


def test_the_values_table_lists_every_area_of_the_series_once_in_order():
    series = pd.concat([SERIES, pd.DataFrame({
        "area_code": ["330203001", "330203001"], "area_name_zh": ["海曙区第1乡镇（街道）"] * 2,
        "area_name_en": ["Haishu township 1"] * 2, "year": [2020, 2021], "value": [1.0, 2.0],
        "milestone": [None, None]})], ignore_index=True).assign(
        area_kind=["city", "city", "district", "township", "township"])
    assert screen_indicator.township_count(series) == 1
    assert screen_indicator.without_townships(series)["area_code"].unique().tolist() == ["330200", "330203"]
    table = screen_indicator.area_year_table(series, ROW, "en", numeric=True)
    assert table["Area code"].tolist() == ["330200", "330203", "330203001"]
    assert table["2021"].tolist()[2] == 2.0


# ---- paging pieces ------------------------------------------------------------------------------

def test_page_rows_cover_every_row_once():
    rows = [paging.page_rows(205, 100, n) for n in range(1, paging.pages(205, 100) + 1)]
    assert [(r.offset, r.first, r.last) for r in rows] == [(0, 1, 100), (100, 101, 200), (200, 201, 205)]
    assert paging.page_rows(205, 100, 99) == rows[-1] and paging.page_rows(0, 100, 1).first == 0


def test_a_lean_table_shows_the_same_values():
    frame = pd.DataFrame({"a": ["x", "x", "x", "x", "y"], "b": [1, 2, 3, 4, 5], "c": ["p", "q", "r", "s", "t"],
                          "d": ["", "", "", "", "z"]})
    lean = paging.lean(frame)
    assert str(lean["a"].dtype) == "category" and lean["c"].dtype == frame["c"].dtype
    assert lean["d"].dtype == frame["d"].dtype           # a blank stays blank (the grid shows a blank category as None)
    assert lean.astype(object).values.tolist() == frame.astype(object).values.tolist()


def test_a_download_can_be_built_only_when_pressed():
    built = []

    def whole_table():
        built.append(1)
        return pd.DataFrame({"地区": ["宁波市", "=1+1"], "数值": [1.5, None]})

    makers = downloads.file_makers(whole_table, "A12-01 值")
    assert built == []
    back = pd.read_csv(io.BytesIO(makers["csv"]()), encoding="utf-8-sig", dtype=str)
    assert back["地区"].tolist() == ["宁波市", "'=1+1"] and built == [1]
    sheet = openpyxl.load_workbook(io.BytesIO(makers["xlsx"]())).active
    assert sheet.title == "A12-01 值" and sheet["A3"].value == "'=1+1" and sheet["A3"].data_type == "s"
