"""The indicator page (指标), its tables, the CSV/Excel downloads, and the SQL behind them."""
from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import downloads, indicator_tables, target_cards
from tests.fixture_data import PLAN
from tests.test_action import CATALOGUE, CJK, charts_of, run_page, visible_text, without_plan_quotes
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
    assert at.title[0].value.replace("\\", "") == name
    series = charts_of(at, "series")
    assert len(series) == 1 and series[0]["usermeta"]["indicator_id"] == indicator_id
    values = table_with(at, "2025")
    assert values.columns[0] == "地区" and "2025" in values.columns
    assert {"indicator_revisions_csv", "indicator_revisions_xlsx", "indicator_values_csv",
            "indicator_values_xlsx"} <= set(download_keys(at))
    meta = at.table[0].value
    fields = dict(zip(meta["项目"], meta["内容"]))
    assert fields["指标编号"] == indicator_id and fields["目标年份"] == "2025" and fields["基期年份"] == "2020"
    assert fields["规划原文"] == CATALOGUE.set_index("indicator_id").loc[indicator_id, "source_quote"]


def test_the_table_lists_every_area_and_year_with_units(demo_warehouse):
    at = open_indicator(indicator="A12-01")
    table = table_with(at, "2025")
    assert table["地区"].tolist()[:2] == ["宁波市", "海曙区"] and len(table) == 11
    assert list(table.columns[1:]) == [str(y) for y in range(2020, 2026)]
    assert all(str(v).endswith("%") for v in table["2025"])


def test_qualitative_values_are_stages_in_words(demo_warehouse):
    at = open_indicator(indicator="A12-09")
    table = table_with(at, "2025")
    assert set(table.iloc[0, 1:]) <= {"□ 未启动", "◐ 推进中", "★ 已完成"}


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


@pytest.mark.parametrize("query,param", [({"indicator": "NOPE"}, "indicator"),
                                         ({"indicator": "A12-01", "district": "abc"}, "district")])
def test_unknown_link_values_get_a_friendly_message_and_a_way_back(demo_warehouse, query, param):
    at = open_indicator(**query)
    assert not at.exception
    assert any(f"“{param}”" in w.value for w in at.warning)
    assert any(link.proto.label == "返回总览" for link in at.get("page_link"))


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
    table = indicator_tables.area_year_table(SERIES, ROW, "en")
    assert table.to_dict("records") == [{"Area": "Ningbo", "2020": "40%", "2021": "45.5%"},
                                         {"Area": "Haishu", "2020": "—", "2021": "—"}]


def test_area_year_table_for_download_keeps_numbers_and_codes():
    table = indicator_tables.area_year_table(SERIES, ROW, "zh", numeric=True)
    assert list(table.columns) == ["地区", "区划代码", "单位", "2020", "2021"]
    assert table.iloc[0].tolist() == ["宁波市", "330200", "%", 40.0, 45.5]
    assert pd.isna(table.iloc[1]["2021"])


def test_note_text_picks_the_readers_half():
    note = "原文为“到1486公里”，按达到计 / The text says 'to 1,486 km'"
    assert target_cards.note_text(note, "zh") == "原文为“到1486公里”，按达到计"
    assert target_cards.note_text(note, "en") == "The text says 'to 1,486 km'"
    assert target_cards.note_text("只有中文", "en") == ""
    assert target_cards.note_text(float("nan"), "en") == ""


def test_catalogue_text_is_inert_in_markdown():
    assert target_cards.md("*a* [b](c) <i>") == r"\*a\* \[b\](c) \<i\>"


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
    assert rows[2][0] == "=HYPERLINK(\"x\")" and sheet["A3"].data_type == "s"
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
    table = indicator_tables.revisions_table(rows, dict(unit_zh="%", unit_en="%"), "en")
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
