"""The map builder and its helpers, tested as pure functions: the deck a tablet receives."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from components import geo, maps, url_state
from tracker.views import maps as map_view

CJK = re.compile(r"[\u3400-\u9fff]")
DISTRICTS = ["330203", "330205", "330206", "330211", "330212", "330213", "330225", "330226", "330281", "330282"]
NAMES = {"330203": ("海曙区", "Haishu"), "330205": ("江北区", "Jiangbei"), "330206": ("北仑区", "Beilun"),
         "330211": ("镇海区", "Zhenhai"), "330212": ("鄞州区", "Yinzhou"), "330213": ("奉化区", "Fenghua"),
         "330225": ("象山县", "Xiangshan"), "330226": ("宁海县", "Ninghai"), "330281": ("余姚市", "Yuyao"),
         "330282": ("慈溪市", "Cixi")}
SHARE = dict(indicator_id="T-1", name_zh="乡镇覆盖率", name_en="Township coverage", unit_zh="%", unit_en="%",
             comparator=">=", target_value=60.0, direction="up", measure="share", scope="township_share",
             aggregation="weighted")


def values_frame(values: list[float | None], *, covered: list[tuple[int, int] | None] | None = None) -> pd.DataFrame:
    """Rows shaped like queries/map_district_values.sql: the city first, then the ten districts."""
    rows = [dict(area_code="330200", name_zh="宁波市", name_en="Ningbo", kind="city", townships=155,
                 value=50.0, note=None, status="accelerate", is_baseline_year=False, rank_in_city=None,
                 count_ranked=10, progress_pct=50.0, time_pct=100.0)]
    ranked = sorted((v for v in values if v is not None), reverse=True)
    for i, (code, value) in enumerate(zip(DISTRICTS, values)):
        rows.append(dict(area_code=code, name_zh=NAMES[code][0], name_en=NAMES[code][1], kind="district",
                         townships=10, value=value, note=None,
                         covered=((covered or [None] * 10)[i] or (None, None))[0],
                         reported=((covered or [None] * 10)[i] or (None, None))[1],
                         status="achieved" if value is not None and value >= 60 else "limited",
                         is_baseline_year=False, count_ranked=len(ranked), progress_pct=None, time_pct=None,
                         rank_in_city=ranked.index(value) + 1 if value is not None else None))
    return pd.DataFrame(rows)


VALUES = [72.0, 61.0, 58.0, 55.0, 49.0, 44.0, 38.0, 31.0, 66.0, None]


@pytest.fixture
def deck_json():
    view, _ = maps.district_view(values_frame(VALUES), SHARE, "zh")
    return json.loads(maps.district_map(view).to_json())


def layer(spec: dict, layer_id: str) -> dict:
    return next(item for item in spec["layers"] if item["id"] == layer_id)


def test_the_map_has_the_ten_districts_with_their_area_codes(deck_json):
    features = layer(deck_json, maps.LAYER_ID)["data"]["features"]
    assert sorted(f["properties"]["area_code"] for f in features) == DISTRICTS
    assert layer(deck_json, maps.LAYER_ID)["pickable"] is True


def test_higher_values_get_classes_nearer_the_target_met_colour():
    view, classes = maps.district_view(values_frame(VALUES), SHARE, "zh")
    order = [b.key for b in classes]
    ranked = view.dropna(subset=["value"]).sort_values("value", ascending=False)
    positions = [order.index(key) for key in ranked["band"]]
    assert positions == sorted(positions), "a higher value never gets a class further from the target"
    colours = dict(zip(view["area_code"], view["color"]))
    assert colours["330203"] == maps.MET and colours["330281"] == maps.MET      # 72 and 66 meet ≥ 60
    assert colours["330211"] == maps.GAPS[0]                                     # 55: just short
    assert colours["330226"] == maps.GAPS[2]                                     # 31: furthest short
    assert colours["330282"] == maps.NO_DATA                                     # no value


def test_fill_colours_in_the_deck_follow_the_classes(deck_json):
    fills = {f["properties"]["area_code"]: f["properties"]["fill"][:3]
             for f in layer(deck_json, maps.LAYER_ID)["data"]["features"]}
    assert fills["330203"] == [0x21, 0x66, 0xAC]
    assert fills["330282"] == [0xD9, 0xD9, 0xD9]


def test_lower_is_better_targets_put_low_values_in_the_met_class():
    target = dict(SHARE, comparator="<=", target_value=3.5, direction="down", unit_zh="%", scope="each_district")
    view, classes = maps.district_view(values_frame([2.0, 3.5, 3.6, 4.4, 5.9, 3.0, 2.5, 4.0, 3.9, 6.5]), target, "en")
    band = dict(zip(view["value"], view["band"]))
    assert band[2.0] == band[3.5] == "met"
    order = [b.key for b in classes]
    assert order.index(band[3.6]) <= order.index(band[4.4]) <= order.index(band[6.5])


def test_yes_no_targets_have_two_classes_met_and_not_yet():
    target = dict(SHARE, scope="each_district", target_value=100.0)
    view, classes = maps.district_view(values_frame([100, 0, 100, 0, 0, 100, 0, 0, 100, 0]), target, "en")
    assert [b.key for b in classes] == ["met", "not_yet", "no_data"]
    assert set(view["value_text"]) == {"Met", "Not yet"}
    labels = maps.legend(view, classes, target, "zh")["label"].tolist()
    assert labels[:2] == ["已达到（4个区县）", "尚未达到（6个区县）"]


def test_district_totals_are_shaded_by_magnitude_not_against_the_city_target():
    target = dict(SHARE, unit_zh="万吨/日", unit_en="10k t/day", target_value=300.0, aggregation="sum", scope="city")
    view, classes = maps.district_view(values_frame([5, 12, 20, 33, 41, 8, 17, 26, 30, 45]), target, "en")
    assert maps.mode(target) == "level" and "met" not in [b.key for b in classes]
    shade = dict(zip(view["value"], view["color"]))
    assert maps.LEVELS.index(shade[5]) < maps.LEVELS.index(shade[20]) < maps.LEVELS.index(shade[45])


def test_the_legend_says_what_each_colour_means_in_words_and_numbers():
    view, classes = maps.district_view(values_frame(VALUES), SHARE, "en")
    labels = maps.legend(view, classes, SHARE, "en")["label"].tolist()
    assert labels[0] == "≥ 60%  target met (3 districts)"
    assert all(re.search(r"\d", label) for label in labels[:-1])
    assert labels[-1] == "No data (1 district)"
    assert not any(CJK.search(label) for label in labels)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_are_drawn_with_every_character_in_the_character_set(lang):
    view, _ = maps.district_view(values_frame(VALUES), SHARE, lang)
    spec = json.loads(maps.district_map(view).to_json())
    names = layer(spec, maps.LABEL_LAYER_ID)
    texts = [d["text"] for d in names["data"]]
    assert {t.split("\n")[0] for t in texts} == {NAMES[c][0 if lang == "zh" else 1] for c in DISTRICTS}
    assert set("".join(texts)) <= set(names["characterSet"])
    assert "http" not in names["fontFamily"]          # the device's own fonts: nothing to fetch
    if lang == "en":
        assert not CJK.search(json.dumps(spec, ensure_ascii=False))


def test_no_basemap_by_default(monkeypatch):
    monkeypatch.delenv("TRACKER_BASEMAP", raising=False)
    view, _ = maps.district_view(values_frame(VALUES), SHARE, "zh")
    deck = maps.district_map(view, basemap=maps.basemap_from_env())
    text = deck.to_json()
    assert deck.map_provider is None
    assert "mapProvider" not in json.loads(text)
    assert not re.search(r"https?://", text), "no URL of any kind in the map's JSON"


def test_a_deployment_can_turn_on_a_basemap():
    assert maps.basemap_from_env({"TRACKER_BASEMAP": "carto-light"}) == "carto-light"
    assert maps.basemap_from_env({"TRACKER_BASEMAP": "something-else"}) is None
    view, _ = maps.district_view(values_frame(VALUES), SHARE, "zh")
    spec = json.loads(maps.district_map(view, basemap="carto-light").to_json())
    assert spec["mapProvider"] == "carto" and "cartocdn" in spec["mapStyle"]


def test_the_map_json_stays_under_50_kb(deck_json):
    view, _ = maps.district_view(values_frame(VALUES), SHARE, "zh")
    assert len(maps.district_map(view, selected="330282").to_json().encode("utf-8")) < 50_000


def test_the_tapped_district_is_outlined_on_top():
    view, _ = maps.district_view(values_frame(VALUES), SHARE, "zh")
    spec = json.loads(maps.district_map(view, selected="330282").to_json())
    assert len(layer(spec, "selected-district")["data"]["features"]) == 1
    spec = json.loads(maps.district_map(view).to_json())
    assert layer(spec, "selected-district")["data"]["features"] == []


@pytest.mark.parametrize("state,expected", [
    ({"selection": {"indices": {"districts": [9]}, "objects": {"districts": [{"properties": {"area_code": "330282"}}]}}},
     "330282"),
    ({"selection": {"indices": {"districts": [1]}, "objects": {}}}, "330205"),
    ({"selection": {"indices": {}, "objects": {}}}, None),
    (None, None),
    ({"unexpected": 1}, None),
])
def test_the_selection_state_names_the_tapped_district(state, expected):
    assert maps.selected_area(state, DISTRICTS) == expected


def test_label_points_lie_inside_their_districts():
    for feature in geo.features():
        point = geo.label_points()[feature["properties"]["area_code"]]
        assert shape(feature["geometry"]).contains(Point(point)), feature["properties"]["area_code"]


def test_the_initial_view_shows_every_district_inside_the_canvas():
    view = geo.fit_view(maps.MAP_WIDTH, maps.MAP_HEIGHT)
    west, south, east, north = geo.bounds()
    for lon, lat in [(west, south), (east, north)]:
        x, y = geo.project(lon, lat, view, maps.MAP_WIDTH, maps.MAP_HEIGHT)
        assert 0 <= x <= maps.MAP_WIDTH and 0 <= y <= maps.MAP_HEIGHT


def test_overlapping_labels_are_pushed_apart():
    view = {"longitude": 121.5, "latitude": 29.8, "zoom": 8}
    offsets = geo.label_offsets([(121.5, 29.8), (121.5, 29.8)], [(50, 30), (50, 30)], view, 500, 500)
    (x0, y0), (x1, y1) = offsets
    assert abs(x0 - x1) >= 50 or abs(y0 - y1) >= 30


def test_townships_come_from_the_roll_up_and_say_who_reported():
    rows = values_frame(VALUES, covered=[(7, 10), (6, 8)] + [None] * 8)
    view, _ = maps.district_view(rows, SHARE, "en")
    text = dict(zip(view["area_code"], view["townships_text"]))
    assert text["330203"] == "7 of 10 townships covered"
    assert text["330205"] == "6 of 10 townships covered (reported for 8 of 10; those not reported count as not covered)"
    assert text["330282"] == ""          # no township rows: nothing is guessed from the share


def test_the_summary_names_the_districts_that_fall_short():
    sentence = map_view.districts(values_frame(VALUES), SHARE, 2025, "zh").summary
    assert sentence.startswith("2025年，3/9个区县达到目标")
    assert "宁海县" in sentence and "海曙区" not in sentence.split("未达到")[1]


@pytest.mark.parametrize("raw,expected,bad", [
    ("12,16", [12, 16], []), ("12, x,99", [12], ["x", "99"]), ("", [], []), (None, [], []), ("12,12", [12], []),
])
def test_url_lists_keep_known_values_and_report_the_rest(raw, expected, bad):
    assert url_state.parse_list(raw, [12, 16], int) == (expected, bad)
