"""The compare screen with AppTest, and its builders as pure functions."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.screens import compare as screen_compare
from tests.markdown_text import visible
from tests.screens import open_screen
from tracker import db, statuses

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")
PLAN = "nb-cp-2021-2025"
DISTRICT_NAMES = {"海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "象山县", "宁海县", "余姚市", "慈溪市"}


def open_compare(**query) -> AppTest:
    return open_screen("pages/compare.py", **query)


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def y_sort_of(at: AppTest, y_field: str, x_field: str) -> list[str]:
    """The row order of the chart whose layers plot ``y_field`` against ``x_field``."""
    for spec in chart_specs(at):
        for layer in spec.get("layer", []):
            enc = layer.get("encoding", {})
            if enc.get("y", {}).get("field") == y_field and enc.get("x", {}).get("field") == x_field:
                return enc["y"]["sort"]
    raise AssertionError(f"no chart of {y_field} against {x_field}")


def x_sort_of(at: AppTest, x_field: str) -> list[str]:
    for spec in chart_specs(at):
        for layer in spec.get("layer", []):
            if layer.get("encoding", {}).get("x", {}).get("field") == x_field:
                return layer["encoding"]["x"]["sort"]
    raise AssertionError(f"no chart with {x_field} across")


def heatmap_table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def test_the_heatmap_holds_every_district_and_every_district_level_target(demo_warehouse):
    at = open_compare()
    assert not at.exception
    table = heatmap_table(at)
    assert set(table["区县"]) == DISTRICT_NAMES
    assert table.groupby("指标编号").size().eq(10).all()
    assert table["指标编号"].nunique() == db.run("compare_heatmap", plan_id=PLAN, year=None, action_nos=None,
                                                 area_codes=None)["indicator_id"].nunique()
    assert set(x_sort_of(at, "district")) == DISTRICT_NAMES     # the chart itself, not only its table
    assert len(y_sort_of(at, "target", "district")) == table["指标编号"].nunique()


def test_every_cell_shows_its_status_word_and_icon(demo_warehouse):
    at = open_compare()
    words = set(heatmap_table(at)["状态"])
    assert words <= {statuses.badge(code, "zh") for code in statuses.ORDER}
    assert any(w.startswith(statuses.icon("completed")) for w in words)      # 2025: verdicts


def test_filters_by_action_and_district_are_kept_in_the_url(demo_warehouse):
    at = open_compare(actions="12", districts="330203,330282", year="2023")
    assert not at.exception
    table = heatmap_table(at)
    assert set(table["区县"]) == {"海曙区", "慈溪市"}
    assert set(table["指标编号"].str[:3]) == {"A12"}
    assert at.multiselect(key="compare_actions").value == [12]
    at.multiselect(key="compare_actions").select(16).run()
    assert at.query_params.get("actions") == "12,16"
    assert set(heatmap_table(at)["指标编号"].str[:3]) == {"A12", "A16"}
    at.multiselect(key="compare_districts").unselect("330203").unselect("330282").run()
    assert "districts" not in at.query_params
    assert set(heatmap_table(at)["区县"]) == DISTRICT_NAMES


def test_rankings_order_the_districts_by_the_targets_direction(demo_warehouse):
    at = open_compare(indicator="A07-02")  # unemployment rate: lower is better
    assert not at.exception
    assert at.selectbox(key="compare_indicator").value == "A07-02"
    values = db.run("map_district_values", indicator_id="A07-02", year=2025)
    districts = values[values["kind"] == "district"].sort_values("value")
    sort = y_sort_of(at, "district", "value")
    assert len(sort) == 10
    assert sort[0] == districts.iloc[0]["name_zh"] and sort[-1] == districts.iloc[-1]["name_zh"]


def test_the_disparity_lens_says_in_words_whether_gaps_narrow(demo_warehouse):
    at = open_compare()
    lines = [line for m in at.markdown if m.value.startswith("- **") for line in visible(m.value).splitlines()]
    # grouped: one line per verdict, not one per target, each naming how many and the years
    assert 1 <= len(lines) <= 4
    assert all(re.match(r"- \*\*(差距缩小|差距扩大|差距持平|仅有一年数据)（\d+项", line) for line in lines)
    assert any(re.search(r"\d\.\d\d → \d\.\d\d", line) for line in lines)
    words = " ".join(lines) + " ".join(c.value for c in at.caption)
    assert "最好与最差区县之比" in words and "变异系数" not in words


def test_the_heatmap_table_downloads_as_csv_and_excel(demo_warehouse):
    at = open_compare()
    keys = {b.key for b in at.get("download_button")} if at.get("download_button") else set()
    assert {"compare_download_csv", "compare_download_xlsx"} <= keys


def test_english_mode_has_no_chinese_on_screen(demo_warehouse):
    at = open_compare(lang="en")
    assert not at.exception
    texts = [e.value for kind in ("title", "caption", "markdown", "subheader", "info") for e in getattr(at, kind)]
    texts += heatmap_table(at).astype(str).values.ravel().tolist()
    texts += list(at.multiselect(key="compare_actions").options) + list(at.selectbox(key="compare_indicator").options)
    assert [t for t in texts if CJK.search(str(t))] == []
    assert "Gap" in " ".join(m.value for m in at.markdown)


# --- builders ------------------------------------------------------------------------------------
def test_cell_text_reads_on_its_colour():
    assert screen_compare.ink_on(statuses.color("achieved")) == "#ffffff"      # dark blue → white text
    assert screen_compare.ink_on(statuses.color("milestone_not_started")) == "#111111"  # yellow → black text


def _rate(indicator_id: str = "X") -> dict:
    return dict(indicator_id=indicator_id, name_zh="某指标", name_en="Some rate", comparator=">=", target_value=50,
                scope="city", measure="share", aggregation="weighted")


def test_disparity_sentences_give_the_best_to_worst_ratio_first_and_latest():
    per_year = pd.DataFrame({"indicator_id": ["X"] * 3, "year": [2020, 2022, 2025], "cv": [0.21, 0.18, 0.12],
                             "best_worst_ratio": [1.8, 1.6, 1.4]})
    targets = pd.DataFrame([_rate()])
    row = screen_compare.disparity_summary(per_year, targets, "en").iloc[0]
    assert row["trend"] == "narrowing"
    assert row["sentence"] == "Gap narrowing: best-to-worst district ratio 1.80 → 1.40 (2020 → 2025)"
    sentence = screen_compare.disparity_summary(per_year, targets, "zh").iloc[0]["sentence"]
    assert sentence == "差距缩小：最好/最差区县之比 1.80 → 1.40（2020→2025年）"


def test_a_gap_is_said_to_move_only_when_the_figures_shown_differ():
    # 0.0801 → 0.0789 and 1.281 → 1.284 both read 0.08 → 0.08 and 1.28 → 1.28: the gap is unchanged
    per_year = pd.DataFrame({"indicator_id": ["X", "X", "Y", "Y"], "year": [2020, 2025, 2020, 2025],
                             "cv": [0.0801, 0.0789, 0.081, 0.094], "best_worst_ratio": [1.281, 1.284, None, None]})
    summary = screen_compare.disparity_summary(per_year, pd.DataFrame([_rate("X"), _rate("Y")]), "zh")
    assert summary.set_index("indicator_id")["trend"].to_dict() == {"X": "unchanged", "Y": "widening"}
    x = summary.set_index("indicator_id").loc["X", "sentence"]
    assert x == "差距持平：最好/最差区县之比 1.28 → 1.28（2020→2025年）"
    # without a ratio (a district at zero) the spread is named in words, not as a statistic's name
    assert "标准差÷平均值" in summary.set_index("indicator_id").loc["Y", "sentence"]


def test_the_gap_list_is_one_short_line_per_verdict_largest_moves_first():
    n = 12
    ids = [f"T{k:02d}" for k in range(n)]
    per_year = pd.DataFrame({"indicator_id": [i for i in ids for _ in (0, 1)], "year": [2020, 2025] * n,
                             "cv": [0.2, 0.1] * n,
                             "best_worst_ratio": [v for k in range(n) for v in (1.5, 1.5 - 0.01 * (k + 1))]})
    summary = screen_compare.disparity_summary(per_year, pd.DataFrame([_rate(i) for i in ids]), "en")
    lines = screen_compare.sentences(summary, "en")
    assert len(lines) == 1
    line = visible(lines[0])
    assert line.startswith("- **Gap narrowing (12, 2020 → 2025)**: T11 Some rate 1.50 → 1.38; T10 Some rate")
    assert line.endswith("; and 7 more") and line.count("→") == 1 + screen_compare.LISTED


def test_a_targets_spread_by_year_is_drawn_in_the_measure_the_list_uses():
    per_year = pd.DataFrame({"indicator_id": ["X"] * 2 + ["Y"] * 2, "year": [2020, 2025] * 2,
                             "cv": [0.2, 0.1, 0.3, 0.2], "best_worst_ratio": [1.8, 1.4, None, 2.0]})
    measure, rows = screen_compare.spread_by_year(per_year, "X")
    assert measure == "ratio" and rows["spread"].tolist() == [1.8, 1.4]
    measure, rows = screen_compare.spread_by_year(per_year, "Y")     # a year without a ratio: the CV
    assert measure == "cv" and rows["spread"].tolist() == [0.3, 0.2]


def test_yes_no_targets_are_left_out_of_the_disparity_lens():
    per_year = pd.DataFrame({"indicator_id": ["Y", "Y"], "year": [2020, 2025], "cv": [3.0, 1.0],
                             "best_worst_ratio": [None, None]})
    targets = pd.DataFrame([dict(indicator_id="Y", name_zh="覆盖", name_en="Covered", comparator=">=",
                                 target_value=100, scope="each_district", measure="share", aggregation="weighted")])
    assert screen_compare.disparity_summary(per_year, targets, "en").empty


# --- what is sent ----------------------------------------------------------------------------------

def top_rows(proto) -> pd.DataFrame | None:
    """The rows every layer shares: Streamlit takes them out of the spec and sends them as Arrow."""
    import io

    import pyarrow as pa

    return pa.ipc.open_stream(io.BytesIO(proto.data.data)).read_all().to_pandas() if proto.data.data else None


def test_heatmap_cells_carry_codes_and_every_label_is_sent_once(demo_warehouse):
    at = open_compare()
    chart = next(c for c in at.get("vega_lite_chart")
                 if any(layer.get("encoding", {}).get("x", {}).get("field") == "district"
                        for layer in json.loads(c.proto.spec).get("layer", [])))
    spec = json.loads(chart.proto.spec)
    cells = top_rows(chart.proto)                  # sent once, as Arrow, for both layers
    assert list(cells.columns) == ["indicator_id", "area_code", "status", "value_text"]
    assert len(cells) == len(heatmap_table(at))
    assert not any("data" in layer for layer in spec["layer"])
    lookups = spec["transform"]                    # at the chart's top: made once for both layers
    assert [lookup["lookup"] for lookup in lookups] == ["indicator_id", "area_code", "status"]
    for lookup in lookups:
        table = pd.DataFrame(lookup["from"]["data"]["values"])
        assert table[lookup["from"]["key"]].is_unique
        assert set(cells[lookup["lookup"]]) <= set(table[lookup["from"]["key"]])  # every cell finds its label
    labels = pd.DataFrame(lookups[0]["from"]["data"]["values"])
    assert set(labels["target"]) == set(y_sort_of(at, "target", "district"))


def test_every_chart_is_valid_vega_lite(demo_warehouse):
    import altair as alt

    at = open_compare(indicator="A12-01")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 5
    for chart in charts:
        spec, rows = json.loads(chart.proto.spec), top_rows(chart.proto)
        assert not chart.proto.datasets                 # nothing but the shared rows travels apart
        if rows is not None:
            spec["data"] = {"values": json.loads(rows.to_json(orient="records"))}
        alt.LayerChart.from_dict(spec, validate=True)     # raises on anything the schema refuses


def test_the_table_on_screen_is_the_downloaded_table(demo_warehouse, monkeypatch):
    from components import downloads

    offered = {}
    monkeypatch.setattr(downloads, "table_downloads", lambda frame, name, lang, key, container=None:
                        offered.setdefault(key, frame))
    at = open_compare(lang="en")
    shown, whole = heatmap_table(at), offered["compare_download"]
    assert str(shown["Indicator"].dtype) == "category"       # repeated texts travel once
    assert shown.astype(str).values.tolist() == whole.astype(str).values.tolist()
