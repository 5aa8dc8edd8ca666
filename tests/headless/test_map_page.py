"""The map screen run headless with AppTest: every coverage target draws a map, a tap drives the panel."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from components import maps
from tests.screens import open_screen, tap_map

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")


def coverage_targets() -> list[str]:
    """What the map offers, read from the catalogue the same way queries/map_targets.sql reads it."""
    with open(ROOT / "data" / "catalog" / "indicators.csv", encoding="utf-8", newline="") as f:
        return [r["indicator_id"] for r in csv.DictReader(f) if r["comparator"] != "qualitative"
                and (r["map_layer"].strip() or r["scope"] in ("each_district", "township_share"))]


def open_map(**query) -> AppTest:
    return open_screen("pages/map.py", **query)


def deck(at: AppTest) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1, "the page draws one map"
    return json.loads(charts[0].proto.json)


def tap(at: AppTest, code: str | None) -> AppTest:
    return tap_map(at, code)


def _values(at: AppTest):
    from tracker import db

    indicator = at.selectbox(key="map_indicator").value
    year = at.selectbox(key="map_year").value
    targets = db.run("map_targets", plan_id="nb-cp-2021-2025")
    return (db.run("map_district_values", indicator_id=indicator, year=year),
            maps.row(targets, "indicator_id", indicator), "zh")


def test_the_catalogue_has_coverage_targets_including_township_coverage():
    assert "A12-06" in coverage_targets() and len(coverage_targets()) >= 10


@pytest.mark.parametrize("indicator_id", coverage_targets())
def test_every_coverage_target_draws_a_district_map(demo_warehouse, indicator_id):
    at = open_map(indicator=indicator_id)
    assert not at.exception
    assert at.selectbox(key="map_indicator").value == indicator_id
    features = next(layer for layer in deck(at)["layers"] if layer["id"] == maps.LAYER_ID)["data"]["features"]
    assert len(features) == 10
    assert len(at.get("deck_gl_json_chart")[0].proto.json.encode()) < 50_000
    assert not at.warning


def test_the_default_is_the_township_coverage_target_and_names_the_districts_short_of_it(demo_warehouse):
    at = open_map()
    assert at.selectbox(key="map_indicator").value == "A12-06"
    summary = at.markdown[0].value
    # 2025 is the target year: the districts short of it are named by their verdict, the colour's word
    assert "个区县已完成目标" in summary and ("未完成：" in summary or "基本完成：" in summary)
    assert any("点击地图" in i.value for i in at.info)


def test_tapping_a_district_shows_its_figures_and_keeps_it_in_the_url(demo_warehouse):
    at = open_map()
    at = tap(at, "330282")
    assert not at.exception
    assert at.query_params.get("district") == "330282"
    assert "慈溪市" in [s.value for s in at.header]
    assert any("个乡镇（街道）已覆盖" in m.value for m in at.markdown)
    links = {link.proto.label: link.proto.query_string for link in at.get("page_link")}
    assert links.get("查看慈溪市全部目标") == "district=330282"
    # each tap draws a fresh chart (no selection to fade the others), so the whole city comes back
    # by the panel's button
    at.button(key="map_whole_city").click().run()
    assert "district" not in at.query_params
    assert "慈溪市" not in [s.value for s in at.header]
    assert any("点击地图" in i.value for i in at.info)


def test_a_link_with_a_district_opens_with_that_district_selected(demo_warehouse):
    at = open_map(district="330211", indicator="A12-06", year="2024")
    assert not at.exception
    assert "镇海区" in [s.value for s in at.header]
    assert at.selectbox(key="map_year").value == 2024
    outline = next(layer for layer in deck(at)["layers"] if layer["id"] == "selected-district")
    assert len(outline["data"]["features"]) == 1


def test_the_year_control_offers_only_years_with_data(demo_warehouse):
    at = open_map(indicator="A12-06")
    assert at.selectbox(key="map_year").options == ["2025年", "2024年", "2023年", "2022年", "2021年", "2020年"]


def test_english_mode_has_no_chinese_on_screen(demo_warehouse):
    at = open_map(lang="en", district="330282")
    assert not at.exception
    texts = [e.value for kind in ("title", "caption", "markdown", "subheader", "info") for e in getattr(at, kind)]
    texts += [m.value for m in at.metric] + list(at.selectbox(key="map_indicator").options)
    texts += at.dataframe[0].value.astype(str).values.ravel().tolist()
    assert [t for t in texts if CJK.search(str(t))] == []
    assert not CJK.search(at.get("deck_gl_json_chart")[0].proto.json)
    assert "Cixi" in [s.value for s in at.header]
    links = {link.proto.label: parse_qs(link.proto.query_string) for link in at.get("page_link")}
    assert links.get("All targets for Cixi") == {"district": ["330282"], "lang": ["en"]}   # the language goes along


def test_the_district_chosen_on_the_district_page_is_the_maps(demo_warehouse):
    at = open_screen("pages/district.py")
    at.selectbox(key="district_pick").set_value("330282").run()
    at.query_params.clear()              # the sidebar's link to the map names no district
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert at.query_params.get("district") == "330282"
    assert "慈溪市" in [s.value for s in at.header]
