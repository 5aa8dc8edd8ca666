"""The action page (行动) run headless, and the SQL behind it, with what a user would notice."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.fixture_data import PLAN
from tests.markdown_text import visible
from tests.screens import open_screen
from tracker import db, statuses

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = pd.read_csv(ROOT / "data" / "catalog" / "indicators.csv")
CJK = re.compile(r"[\u3400-\u9fff]")


def run_page(page: str = "pages/action.py", **query) -> AppTest:
    return open_screen(page, **query)


def card_keys(at: AppTest) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith("card_")]


def charts_of(at: AppTest, kind: str) -> list[dict]:
    specs = [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]
    return [s for s in specs if s.get("usermeta", {}).get("chart") == kind]


def chart_rows(el) -> list[dict]:
    """Every row a chart draws: its Arrow datasets and the rows its layers carry inline (once each)."""
    rows = []
    for dataset in el.proto.datasets:
        rows += pa.ipc.open_stream(io.BytesIO(dataset.data.data)).read_all().to_pylist()
    seen = set()
    for layer in json.loads(el.proto.spec).get("layer", []):
        values = layer.get("data", {}).get("values")
        if values is not None and json.dumps(values) not in seen:
            seen.add(json.dumps(values))
            rows += values
    return rows


def visible_text(at: AppTest) -> str:
    """Every piece of text on the page: headings, text, badges, widgets, tables, charts, links."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [visible(e.value) for e in getattr(at, kind)]
    parts += [b.label for b in at.button if b.key != "lang_switch"]  # the language named in its own script
    for box in at.selectbox:
        parts += [box.label, *map(str, box.options)]
    for frame in [*(d.value for d in at.dataframe), *(t.value for t in at.table)]:
        parts += [str(c) for c in frame.columns] + [visible(v) for v in frame.astype(str).to_numpy().ravel()]
    for el in at.get("vega_lite_chart"):
        parts += [el.proto.spec, json.dumps(chart_rows(el), ensure_ascii=False, default=str)]
    parts += [el.proto.label for el in at.get("download_button")]
    parts += [visible(el.proto.label) for el in at.get("page_link")]
    return "\n".join(parts)


def without_plan_quotes(text: str) -> str:
    for quote in sorted(CATALOGUE["source_quote"].unique(), key=len, reverse=True):
        text = text.replace(quote, "")
    return text


# ---- the page -----------------------------------------------------------------------------------

@pytest.mark.parametrize("action_no", range(4, 19))
def test_every_action_shows_one_card_per_catalogue_target(demo_warehouse, action_no):
    at = run_page(action=str(action_no))
    assert not at.exception
    assert at.title[0].value.startswith(f"第{action_no}大行动")
    expected = sorted(CATALOGUE.loc[CATALOGUE["action_no"] == action_no, "indicator_id"])
    assert sorted(card_keys(at)) == [f"card_{i}" for i in expected]
    series = charts_of(at, "series")
    assert len(series) == 1 and series[0]["usermeta"]["indicator_id"] == expected[0]


@pytest.mark.parametrize("action_no", [1, 2, 3])
def test_actions_missing_from_the_source_say_so_instead_of_empty_tiles(demo_warehouse, action_no):
    at = run_page(action=str(action_no))
    assert not at.exception
    assert any("原文未收录" in i.value for i in at.info)
    assert card_keys(at) == []


def test_without_a_link_the_page_opens_on_the_first_action_in_the_source(demo_warehouse):
    at = run_page()
    assert not at.exception
    assert at.title[0].value.startswith("第4大行动")


def test_tapping_a_card_selects_its_target_and_keeps_it_in_the_url(demo_warehouse):
    at = run_page(action="12")
    assert charts_of(at, "series")[0]["usermeta"]["indicator_id"] == "A12-01"
    at.button(key="card_A12-03").click().run()
    assert not at.exception
    assert at.query_params["indicator"] in ("A12-03", ["A12-03"])
    assert charts_of(at, "series")[0]["usermeta"]["indicator_id"] == "A12-03"
    assert at.button(key="card_A12-03").label == "正在查看"
    assert any("新建县级康养联合体" in s.value for s in at.header)


def test_a_link_with_an_indicator_opens_that_target(demo_warehouse):
    at = run_page(action="12", indicator="A12-06")
    assert charts_of(at, "series")[0]["usermeta"]["indicator_id"] == "A12-06"
    assert any(visible(c.value).startswith("规划原文") and "60%以上乡镇" in visible(c.value) for c in at.caption)


def test_new_additions_are_plotted_as_a_running_total(demo_warehouse):
    at = run_page(action="12", indicator="A12-03")
    chart = [el for el in at.get("vega_lite_chart") if json.loads(el.proto.spec)["usermeta"]["chart"] == "series"][0]
    rows = [r for r in chart_rows(chart) if r.get("line") == "实际值"]
    totals = [r["plot_value"] for r in sorted(rows, key=lambda r: r["year"])]
    assert totals == sorted(totals) and totals[0] == 0
    assert any("累计" in m.value for m in at.markdown)


def test_qualitative_targets_show_their_milestones(demo_warehouse):
    at = run_page(action="12", indicator="A12-09")
    assert not at.exception
    chart = charts_of(at, "series")[0]
    assert any(layer.get("name") == "milestones" for layer in chart["layer"])
    stages = at.dataframe[0].value
    assert list(stages.columns) == ["年份", "进展"]
    assert len(stages) == 6


def test_district_breakdown_for_district_level_targets(demo_warehouse):
    at = run_page(action="12", indicator="A12-05")
    assert charts_of(at, "district_bar")
    table = at.dataframe[0].value
    assert len(table) == 10
    assert all(s[0] in {c.icon for c in statuses.STATUSES} and s[1] == " " for s in table["状态"])
    assert at.get("download_button")


def test_a_district_shows_its_own_figures_and_says_which_targets_are_city_only(demo_warehouse):
    at = run_page(action="12", district="330213")
    assert not at.exception
    city_only = [c for c in at.caption if c.value.startswith("全市目标")]
    assert len(city_only) >= 3                      # the city-wide totals of new facilities and beds
    assert any("地区：奉化区" in c.value for c in at.caption)   # A12-01, a rate, is assessed in Fenghua
    at.button(key="card_A12-03").click().run()
    assert any("地区：宁波市" in c.value for c in at.caption)
    assert any(c.value.startswith("全市目标") for c in at.caption)


def test_the_year_sets_what_latest_means(demo_warehouse):
    at = run_page(action="12", year="2023")
    assert not at.exception
    latest = [m.value for m in at.markdown if m.value.startswith("2023年：")]
    assert latest and not any(m.value.startswith("2025年：") for m in at.markdown)
    assert charts_of(at, "series")[0]["layer"]            # the chart stops at 2023 with a projection
    assert any(layer.get("name") == "projection" for layer in charts_of(at, "series")[0]["layer"])


def test_an_indicator_from_another_action_falls_back_quietly(demo_warehouse):
    at = run_page(action="12", indicator="A04-01")
    assert not at.exception
    assert not at.warning
    assert charts_of(at, "series")[0]["usermeta"]["indicator_id"] == "A12-01"


@pytest.mark.parametrize("query", [
    {"action": "12"}, {"action": "4", "district": "330213"}, {"action": "7", "indicator": "A07-03"},
    {"action": "12", "indicator": "A12-09", "year": "2022"}, {"action": "2"},
])
def test_english_mode_has_no_chinese_outside_the_plans_own_words(demo_warehouse, query):
    at = run_page(lang="en", **query)
    assert not at.exception
    assert at.title[0].value.startswith("Action ")
    leftover = CJK.findall(without_plan_quotes(visible_text(at)))
    assert leftover == []


# ---- the SQL ------------------------------------------------------------------------------------

def test_action_targets_takes_each_targets_latest_status_in_the_city(fixture_warehouse):
    rows = db.run("action_targets", path=fixture_warehouse, plan_id=PLAN, action_no=2, year=None, area_code=None)
    assert rows["indicator_id"].tolist() == ["T02-01", "T02-02", "T02-03", "T02-04"]
    assert set(rows["area_code"]) == {"330200"} and not rows["is_city_only"].any()
    by_id = rows.set_index("indicator_id")
    assert by_id.loc["T02-01", "value"] == 56.0                  # the revision, not the first value
    assert by_id.loc["T02-03", "value"] == 3.4                   # the rolled-back 9.9 is ignored
    assert by_id.loc["T02-04", "status"] == "milestone_in_progress"
    assert by_id.loc["T02-02", "value"] == 60.0                  # 20 + 20 + 20 new since 2020


def test_action_targets_for_a_district_uses_its_row_where_it_is_assessed(fixture_warehouse):
    rows = db.run("action_targets", path=fixture_warehouse, plan_id=PLAN, action_no=2, year=None,
                  area_code="330203").set_index("indicator_id")
    assert rows.loc["T02-01", "area_code"] == "330203" and not rows.loc["T02-01", "is_city_only"]
    assert rows.loc["T02-01", "value"] == 60.0
    for other in ("T02-02", "T02-03", "T02-04"):
        assert rows.loc[other, "area_code"] == "330200" and rows.loc[other, "is_city_only"]


def test_action_targets_as_of_a_year_before_any_assessment_is_no_data(fixture_warehouse):
    rows = db.run("action_targets", path=fixture_warehouse, plan_id=PLAN, action_no=2, year=2021, area_code=None)
    assert rows.set_index("indicator_id")["status"].to_dict() == {
        "T02-01": "no_data", "T02-02": rows.loc[1, "status"], "T02-03": "no_data", "T02-04": "no_data"}
    assert rows.loc[1, "status"] != "no_data"


def test_action_series_gives_the_running_total_for_new_additions(fixture_warehouse):
    rows = db.run("action_series", path=fixture_warehouse, plan_id=PLAN, action_no=2, year=None, area_code=None)
    counts = rows[rows["indicator_id"] == "T02-02"]
    assert counts["year"].tolist() == [2021, 2022, 2023]
    assert counts["plot_value"].tolist() == [20.0, 40.0, 60.0]
    share = rows[rows["indicator_id"] == "T02-01"]
    assert share["plot_value"].tolist() == [40.0, 56.0]
    assert set(rows["area_code"]) == {"330200"}


def test_action_series_stops_at_the_year(fixture_warehouse):
    rows = db.run("action_series", path=fixture_warehouse, plan_id=PLAN, action_no=2, year=2022, area_code="330203")
    assert rows["year"].max() == 2022
    assert set(rows["area_code"]) == {"330200", "330203"}


def test_action_years_lists_assessed_years_latest_first(fixture_warehouse):
    assert db.run("plan_years", path=fixture_warehouse, plan_id=PLAN)["year"].tolist() == [2023, 2022, 2021]


# ---- the pure helpers ---------------------------------------------------------------------------

def test_the_default_action_is_the_first_the_source_covers():
    from components.screens import action as screen_action

    actions = pd.DataFrame({"action_no": [1, 2, 3, 4, 5], "in_source": [False, False, False, True, True]})
    assert screen_action.first_in_source(actions) == 4


def test_the_counts_name_the_area_actually_shown():
    from components.screens import action as screen_action

    names = {"330200": "宁波市", "330213": "奉化区", "R-WEAK": "薄弱地区"}
    mixed = pd.DataFrame({"area_code": ["330213", "330200"]})
    assert screen_action.shown_area_name(mixed, "330213", names) == "奉化区"
    region_only = pd.DataFrame({"area_code": ["R-WEAK", "R-WEAK"]})
    assert screen_action.shown_area_name(region_only, "330213", names) == "薄弱地区"


@pytest.mark.parametrize("row,expected", [
    (dict(status_year=2023, value=52.6, measure="share", unit_zh="%", unit_en="%", baseline_year=2020), "2023: 52.6%"),
    (dict(status_year=2025, value=16, measure="count_new", unit_zh="个", unit_en="consortia", baseline_year=2020),
     "Total 2021–2025: 16 consortia"),
    (dict(status_year=2025, value=4.82, measure="growth_rate", unit_zh="%", unit_en="%", baseline_year=2020),
     "Mean yearly growth 2021–2025: 4.82%"),
    (dict(status_year=2024, value=None, measure="qualitative", comparator="qualitative", status="milestone_done",
          baseline_year=2020), "2024: Completed"),
    (dict(status_year=None, value=None, measure="level", baseline_year=2020), "No data yet"),
])
def test_latest_line_says_what_the_number_is(row, expected):
    from components import targets

    assert targets.latest_text(row, "en") == expected


# ---- the cards, prepared once per snapshot ------------------------------------------------------

def test_each_card_shows_name_target_status_and_latest_with_its_sparkline(demo_warehouse):
    from components import safe, targets

    at = run_page(action="12", lang="en")
    shown = db.run("action_targets", plan_id="nb-cp-2021-2025", action_no=12, year=None, area_code=None)
    bodies = {m.value.split("**")[1]: m.value for m in at.markdown if m.value.startswith("**")}
    for row in shown.to_dict("records"):
        body = bodies[safe.md(row["name_en"])]
        assert safe.md("Target: ") in body and f"-badge[{statuses.badge(row['status'], 'en')}]" in body
        assert safe.md(targets.latest_text(row, "en")) in body
    series = db.run("action_series", plan_id="nb-cp-2021-2025", action_no=12, year=None, area_code=None)
    drawn = series.dropna(subset=["plot_value"]).groupby("indicator_id").size()
    quantitative = shown.loc[shown["comparator"] != "qualitative", "indicator_id"]
    expected = {i for i in quantitative if drawn.get(i, 0) >= 2}
    sparks = charts_of(at, "sparkline")
    assert [s["usermeta"]["indicator_id"] for s in sparks] == [i for i in shown["indicator_id"] if i in expected]
    assert all(layer["data"].get("values") for s in sparks for layer in s["layer"])


def test_a_card_escapes_catalogue_text_and_leaves_out_a_sparkline_it_cannot_draw():
    from components.screens import action as screen_action

    row = {"indicator_id": "T-1", "name_zh": "*粗*[链接](x)", "name_en": "x", "comparator": ">=", "target_value": 5.0,
           "target_high": None, "target_year": 2025, "baseline_year": 2020, "unit_zh": "%", "unit_en": "%",
           "status": "limited", "status_year": 2024, "value": 3.0, "measure": "share", "area_code": "330200",
           "is_city_only": True, "scope": "city"}
    series = [{"indicator_id": "T-1", "area_code": "330200", "year": 2023, "plot_value": 2.0}]
    (card,) = screen_action.build_cards([row], series, "zh")
    assert card.body.startswith(r"**\*粗\*\[链接\]\(x\)**") and card.key == "target-T-1-is-limited-"
    assert card.spec is None                          # one point is not a trend
    assert card.note.startswith("全市目标")
    series.append({**series[0], "year": 2024, "plot_value": 3.0})
    (card,) = screen_action.build_cards([row], series, "zh")
    assert card.spec["usermeta"] == {"chart": "sparkline", "indicator_id": "T-1"}
