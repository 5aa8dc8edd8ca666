"""The chart builders, read from their Vega-Lite specs: what a reader would see on each chart."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from components import charts, target_charts, theme
from tracker import statuses

CJK = re.compile(r"[\u3400-\u9fff]")


def target(**overrides):
    row = dict(indicator_id="T-01", comparator=">=", target_value=60.0, target_high=None, target_year=2025,
               baseline_year=2020, direction="up", measure="share", unit_zh="%", unit_en="%")
    row.update(overrides)
    return row


def points(values, start=2020):
    return pd.DataFrame({"year": list(range(start, start + len(values))), "plot_value": values})


def layers(spec) -> dict[str, dict]:
    return {layer["name"]: layer for layer in spec["layer"] if "name" in layer}


def data_of(spec, layer) -> list[dict]:
    """A layer's rows: inline (``data.values``) or named (altair hoists data shared by every layer to
    the top and names it)."""
    data = layer.get("data") or spec["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def marks(spec) -> list[str]:
    return [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]


@pytest.fixture
def level_spec():
    return target_charts.series_chart(points([40.0, 45.0, 50.5, 55.8]), target(), "zh", projected=62.0)


def test_series_chart_has_target_baseline_expected_path_projection_and_labels(level_spec):
    named = layers(level_spec)
    for name in ("target", "baseline", "expected", "projection", "actual", "labels"):
        assert name in named, name
    assert named["target"]["mark"]["type"] == "rule"
    assert data_of(level_spec, named["target"])[0]["y"] == 60.0
    assert "text" in marks(level_spec)


def test_expected_path_runs_straight_from_the_baseline_to_the_target(level_spec):
    path = data_of(level_spec, layers(level_spec)["expected"])
    assert [(p["year"], p["plot_value"]) for p in path] == [(2020, 40.0), (2025, 60.0)]


def test_projection_runs_from_the_last_value_to_the_target_year(level_spec):
    path = data_of(level_spec, layers(level_spec)["projection"])
    assert [(p["year"], p["plot_value"]) for p in path] == [(2023, 55.8), (2025, 62.0)]
    assert any(p["label"] == "预测 62%" for p in path)


def test_values_are_written_on_the_points_not_only_in_tooltips(level_spec):
    labels = [p["label"] for p in data_of(level_spec, layers(level_spec)["labels"])]
    assert labels == ["45%", "50.5%", "55.8%"]           # the base year's value is on the baseline's label
    base = data_of(level_spec, layers(level_spec)["baseline"])
    assert base[0]["label"] == "基期 40%"
    target_labels = [layer for layer in level_spec["layer"] if layer.get("name") == "target_label"]
    assert data_of(level_spec, target_labels[0])[0]["label"] == "目标 ≥ 60%"


def test_no_projection_once_the_target_year_is_reached():
    spec = target_charts.series_chart(points([40.0, 45, 50, 55, 58, 61]), target(), "en", projected=61.0)
    assert "projection" not in layers(spec)
    legend = [layer for layer in spec["layer"] if "strokeDash" in layer.get("encoding", {})]
    domain = legend[0]["encoding"]["strokeDash"]["scale"]["domain"]
    assert "Projection" not in domain and "Target" in domain


def test_new_additions_start_from_zero_in_the_base_year():
    row = target(measure="count_new", target_value=14.0, unit_zh="个", unit_en="units")
    spec = target_charts.series_chart(points([3.0, 4.0, 6.0], start=2021), row, "en", projected=10.0)
    base = data_of(spec, layers(spec)["baseline"])
    assert (base[0]["year"], base[0]["plot_value"]) == (2020, 0.0)
    assert data_of(spec, layers(spec)["expected"])[-1]["plot_value"] == 14.0
    assert spec["layer"][0]["encoding"]["y"]["scale"]["zero"] is True


def test_growth_targets_plot_yearly_growth_against_the_target_line_without_a_path():
    row = target(measure="growth_rate", target_value=10.0)
    spec = target_charts.series_chart(points([6.4, 5.4, 3.2, 5.7]), row, "en", projected=4.8)
    named = layers(spec)
    assert "expected" not in named
    assert data_of(spec, named["target"])[0]["y"] == 10.0
    assert "growth" in json.dumps(spec["layer"]).lower()


def test_a_range_target_draws_both_bounds():
    row = target(comparator="range", target_value=5.0, target_high=6.0, measure="count_new", unit_zh="所")
    spec = target_charts.series_chart(points([1.0, 2.0], start=2021), row, "zh")
    assert [d["y"] for d in data_of(spec, layers(spec)["target"])] == [5.0, 6.0]


def test_english_chart_text_has_no_chinese():
    row = target(unit_zh="个", unit_en="units", measure="level", target_value=30.0)
    spec = target_charts.series_chart(points([20.0, 22, 25, 28]), row, "en", projected=33.0)
    assert not CJK.search(json.dumps(spec, ensure_ascii=False))


def test_qualitative_targets_show_each_years_stage_with_its_icon():
    frame = pd.DataFrame({"year": [2020, 2021, 2022, 2025], "plot_value": [None] * 4,
                          "milestone": ["not_started", "in_progress", "in_progress", "done"],
                          "status": [None, "milestone_in_progress", "milestone_in_progress", "milestone_done"]})
    spec = target_charts.series_chart(frame, target(comparator="qualitative", measure="qualitative"), "en")
    named = layers(spec)
    stages = data_of(spec, named["milestones"])
    assert [s["stage"] for s in stages] == ["Not started", "In progress", "In progress", "Completed"]
    assert [s["icon"] for s in data_of(spec, named["labels"])] == ["□", "◐", "◐", "★"]
    colour = named["milestones"]["encoding"]["color"]["scale"]
    assert colour["range"] == [theme.status_graphic(c) for c in target_charts.MILESTONE_CODES]


def test_sparkline_marks_the_latest_point_in_its_status_colour():
    spec = target_charts.sparkline(points([40.0, 45, 50]), target(), "limited")
    named = layers(spec)
    assert named["latest"]["mark"]["color"] == theme.status_graphic("limited")
    assert data_of(spec, named["latest"]) == [{"year": 2022.0, "plot_value": 50.0}]
    assert data_of(spec, named["target"])[0]["plot_value"] == 60.0
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "line", "point"]


def test_sparkline_is_a_valid_vega_lite_spec_that_skips_missing_values():
    """Built from a shape shared by every card: the schema (through altair) must accept each copy."""
    import altair as alt

    spec = target_charts.sparkline([(2020, 40.0), (2021, None), (2022, float("nan")), (2023, 52.0)],
                            target(measure="qualitative"), "on_track")
    alt.LayerChart.from_dict(spec, validate=True)
    named = layers(spec)
    assert "target" not in named                       # no target line for a qualitative target
    assert data_of(spec, named["sparkline"]) == [{"year": 2020.0, "plot_value": 40.0},
                                                 {"year": 2023.0, "plot_value": 52.0}]
    assert data_of(spec, named["latest"]) == [{"year": 2023.0, "plot_value": 52.0}]


def test_district_bar_sorts_best_first_colours_by_status_and_labels_each_bar():
    frame = pd.DataFrame({
        "area_name_zh": ["海曙区", "江北区", "北仑区", "镇海区"],
        "area_name_en": ["Haishu", "Jiangbei", "Beilun", "Zhenhai"],
        "value": [55.0, 62.0, 48.0, None],
        "status": ["accelerate", "achieved", "limited", "no_data"],
    })
    spec = target_charts.district_bar(frame, target(), "en")
    named = layers(spec)
    y = named["bars"]["encoding"]["y"]
    assert y["sort"] == ["Jiangbei", "Haishu", "Beilun"]      # best first; no value, no bar
    colour = named["bars"]["encoding"]["color"]["scale"]
    assert dict(zip(colour["domain"], colour["range"])) == {
        statuses.badge(c, "en"): theme.status_graphic(c) for c in ("limited", "accelerate", "achieved")}
    assert [d["label"] for d in data_of(spec, named["labels"])] == ["55% ◆", "62% ✓", "48% ●"]
    assert named["target"]["mark"]["type"] == "rule"


def test_district_bar_puts_the_lowest_first_when_lower_is_better():
    frame = pd.DataFrame({"area_name_zh": ["甲", "乙"], "area_name_en": ["A", "B"], "value": [9.0, 7.0],
                          "status": ["on_track", "achieved"]})
    spec = target_charts.district_bar(frame, target(direction="down", comparator="<=", target_value=8.0), "en")
    assert layers(spec)["bars"]["encoding"]["y"]["sort"] == ["B", "A"]


def test_every_chart_is_strict_json_and_valid_vega_lite_of_altairs_version():
    """The builders author with altair but skip its validation at run time (milliseconds a chart): the
    schema must accept each spec here, and the browser must be able to parse it."""
    import altair as alt

    assert charts.SCHEMA_URL == alt.SCHEMA_URL
    bars = pd.DataFrame({"area_name_zh": ["甲", "乙"], "area_name_en": ["A", "B"], "value": [9.0, float("nan")],
                         "status": ["on_track", "no_data"]})
    milestones = pd.DataFrame({"year": [2021, 2022], "plot_value": [None, None], "milestone": ["in_progress", "done"],
                               "status": [None, None]})
    specs = [
        target_charts.series_chart(points([40.0, 45, float("nan"), 52]), target(), "en", projected=62.0),
        target_charts.series_chart(points([3.0, 4.0], start=2021), target(measure="count_new"), "zh", projected=9.0),
        target_charts.series_chart(points([6.4, 5.4]), target(measure="growth_rate", target_value=10.0), "en"),
        target_charts.series_chart(points([1.0, 2.0], start=2021),
                            target(comparator="range", target_value=5.0, target_high=6.0), "zh"),
        target_charts.series_chart(milestones, target(comparator="qualitative", measure="qualitative"), "zh"),
        target_charts.district_bar(bars, target(), "zh"),
        target_charts.sparkline(points([40.0, 45, 50]), target(), "limited"),
    ]
    for spec in specs:
        json.dumps(spec, allow_nan=False)
        alt.LayerChart.from_dict(spec, validate=True)
        assert all("values" in layer["data"] for layer in spec["layer"])   # nothing left to convert per draw


def test_sparklines_share_a_shape_but_never_each_others_rows():
    """Cards of one status reuse one altair-built shape; each gets its own rows, the shape stays empty."""
    first = target_charts.sparkline(points([40.0, 45, 50]), target(), "limited")
    second = target_charts.sparkline(points([10.0, 20.0]), target(), "limited")
    first["usermeta"] = {"chart": "sparkline"}          # what the action screen does to its copy
    assert data_of(first, layers(first)["latest"]) == [{"year": 2022.0, "plot_value": 50.0}]
    assert data_of(second, layers(second)["latest"]) == [{"year": 2021.0, "plot_value": 20.0}]
    assert "usermeta" not in second
    shape = target_charts._sparkline_shape(theme.status_graphic("limited"), True, 56)
    assert all(layer["data"]["values"] == [] for layer in shape["layer"]) and "usermeta" not in shape
