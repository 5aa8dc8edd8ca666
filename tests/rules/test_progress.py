"""The progress engine against hand-computed cases (the arithmetic is written out in each case)."""
from __future__ import annotations

import math
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tracker import statuses
from tracker.progress import STATUS_COLUMNS, compute_status, score_from_ratio, status_from_ratio

ROOT = Path(__file__).resolve().parents[2]
BASE = dict(plan_id="P", action_no=12, comparator=">=", target_value=100.0, target_high=None,
            target_year=2025, baseline_year=2020, direction="up", measure="level", method="linear")
CAGR = dict(method="cagr")
DOWN = dict(comparator="<=", direction="down")
COUNT = dict(measure="count_new", method="cumulative")
GROWTH = dict(measure="growth_rate", method="linear")


def assess(spec: dict, series: dict[int, float], year: int | None = None, milestones=None) -> pd.Series:
    """The status row for ``year`` (default: the last year) of one indicator in one area."""
    indicators = pd.DataFrame([dict(BASE, indicator_id="X", **spec)])
    rows = [dict(indicator_id="X", area_code="330200", year=y, value=v) for y, v in series.items()]
    rows += [dict(indicator_id="X", area_code="330200", year=y, value=None, milestone=m)
             for y, m in (milestones or {}).items()]
    status = compute_status(indicators, pd.DataFrame(rows))
    year = year or int(status["year"].max())
    return status.set_index("year").loc[year]


def g(v, v0, years):
    """Compound annual growth, written out once for the expectations below."""
    return (v / v0) ** (1 / years) - 1


# id, indicator spec, observations {year: value}, expected ratio (None = no ratio), expected status
CASES = [
    # cagr (Open SDG): R = s·d·g_o/|g_r|
    ("cagr_up_on_track", dict(CAGR, target_value=161.051), {2020: 100, 2022: 121},
     g(121, 100, 2) / abs(g(161.051, 100, 5)), "on_track"),                      # 0.1 / 0.1 = 1
    ("cagr_up_limited", dict(CAGR, target_value=200), {2020: 100, 2023: 121},
     g(121, 100, 3) / abs(g(200, 100, 5)), "limited"),                           # 0.0656/0.1487
    ("cagr_down", dict(CAGR, **DOWN, target_value=50), {2020: 100, 2021: 90},
     -1 * (90 / 100 - 1) / abs(0.5 ** (1 / 5) - 1), "accelerate"),                # 0.1/0.1294
    ("cagr_negative_base", dict(CAGR, target_value=-5), {2020: -10, 2022: -8},
     -1 * 1 * g(-8, -10, 2) / abs(g(-5, -10, 5)), "accelerate"),                 # s = −1
    ("cagr_zero_base", dict(CAGR, target_value=10), {2020: 0, 2021: 5},
     (5 / 0.001 - 1) / abs((10 / 0.001) ** (1 / 5) - 1), "on_track"),            # base → 0.001
    ("cagr_zero_target", dict(CAGR, **DOWN, target_value=0), {2020: 10, 2022: 5},
     -1 * g(5, 10, 2) / abs((0.001 / 10) ** (1 / 5) - 1), "limited"),            # target → 0.001
    ("cagr_base_moved", dict(CAGR, target_value=146.41), {2021: 100, 2023: 121},
     g(121, 100, 2) / abs(g(146.41, 100, 4)), "on_track"),                      # base year 2021
    ("cagr_one_year", dict(CAGR, target_value=200), {2022: 150}, None, "no_data"),
    ("cagr_one_year_achieved", dict(CAGR, target_value=200), {2022: 300}, None, "achieved"),
    ("cagr_opposite_signs", dict(CAGR, target_value=10), {2020: -5, 2022: 3}, None, "no_data"),
    ("cagr_target_opposite_base", dict(CAGR, target_value=10), {2020: -5, 2022: -3}, None, "no_data"),
    ("cagr_achieved", dict(CAGR, target_value=110), {2020: 100, 2022: 121},
     g(121, 100, 2) / abs(g(110, 100, 5)), "achieved"),
    # linear: R = ((v − b)/(T − b)·100) / ((t − t0)/(Y − t0)·100)
    ("linear_up", dict(target_value=100), {2020: 50, 2023: 74}, ((74 - 50) / 50) / (3 / 5), "accelerate"),
    ("linear_down", dict(DOWN, target_value=6), {2020: 10, 2022: 9}, ((9 - 10) / (6 - 10)) / (2 / 5), "accelerate"),
    ("linear_backwards", dict(target_value=100), {2020: 50, 2022: 45}, ((45 - 50) / 50) / (2 / 5), "backwards"),
    ("linear_base_moved", dict(target_value=100), {2021: 60, 2023: 80}, ((80 - 60) / 40) / (2 / 4), "on_track"),
    ("linear_one_year", dict(target_value=100), {2023: 80}, None, "no_data"),
    ("linear_achieved", dict(target_value=100), {2020: 50, 2022: 100}, (50 / 50) / (2 / 5), "achieved"),
    # hold targets: the base already meets the target
    ("hold_met", dict(DOWN, target_value=3.5), {2020: 3.0, 2022: 3.2}, None, "achieved"),
    ("hold_broken", dict(DOWN, target_value=3.5), {2020: 3.0, 2022: 3.6}, (-1 * 0.6 / 0.5) / (2 / 5), "backwards"),
    ("target_equals_base_met", dict(target_value=100), {2020: 100, 2022: 100}, None, "achieved"),
    ("target_equals_base_missed", dict(target_value=100), {2020: 100, 2022: 98}, -1.0, "backwards"),
    # cumulative: R = (Σ additions / T) / time
    ("cumulative", dict(COUNT, target_value=100), {2021: 10, 2022: 15, 2023: 20}, (45 / 100) / (3 / 5), "accelerate"),
    ("cumulative_with_zero_base_row", dict(COUNT, target_value=100), {2020: 0, 2021: 10, 2022: 15, 2023: 20},
     (45 / 100) / (3 / 5), "accelerate"),
    ("cumulative_achieved", dict(COUNT, target_value=30), {2021: 10, 2022: 25}, (35 / 30) / (2 / 5), "achieved"),
    # ranges
    ("range_inside", dict(comparator="range", target_value=5, target_high=6), {2020: 3, 2022: 5.5}, 1.25 / 0.4,
     "achieved"),                                                               # toward 5: (5.5−3)/(5−3)
    ("range_below", dict(comparator="range", target_value=5, target_high=6), {2020: 3, 2022: 4},
     ((4 - 3) / (5 - 3)) / (2 / 5), "on_track"),
    ("range_above", dict(comparator="range", target_value=5, target_high=6), {2020: 8, 2022: 7},
     (-1 * (7 - 8) / abs(6 - 8)) / (2 / 5), "on_track"),
    ("range_left_from_inside", dict(comparator="range", target_value=5, target_high=6), {2020: 5.5, 2022: 7},
     (-1 * (7 - 5.5) / abs(6 - 5.5)) / (2 / 5), "backwards"),
    ("range_count_below", dict(COUNT, comparator="range", target_value=5, target_high=6), {2021: 1, 2022: 1},
     (2 / 5) / (2 / 5), "on_track"),
    ("range_count_over", dict(COUNT, comparator="range", target_value=5, target_high=6), {2021: 3, 2022: 4},
     (7 / 5) / (2 / 5), "achieved"),                                            # over-fulfilled
    # growth rates: the mean yearly growth a against T
    ("growth_pace", dict(GROWTH, target_value=10), {2021: 8, 2022: 9, 2023: 10}, ((8 + 9 + 10) / 3) / 10,
     "accelerate"),
    ("growth_pace_achieved", dict(GROWTH, target_value=10), {2021: 12, 2022: 10}, 11 / 10, "achieved"),
    ("growth_pace_negative", dict(GROWTH, target_value=10), {2021: -2}, -2 / 10, "backwards"),
    ("zero_growth_missed", dict(GROWTH, **DOWN, target_value=0), {2021: -1, 2022: 2}, -1.0, "backwards"),
    ("zero_growth_met", dict(GROWTH, **DOWN, target_value=0), {2021: -1, 2022: 0.5}, None, "achieved"),
    ("growth_cap_exceeded", dict(GROWTH, **DOWN, target_value=3), {2021: 4, 2022: 4}, 3 / 4, "accelerate"),
    ("decline_pace", dict(GROWTH, **DOWN, target_value=-2), {2021: -1}, -1 / -2, "limited"),
    ("decline_wrong_way", dict(GROWTH, **DOWN, target_value=-2), {2021: 1}, 1 / -2, "backwards"),
    # threshold boundaries, end to end: b = 0, T = 100, one year of five gone (time 20%)
    ("boundary_095", dict(target_value=100), {2020: 0, 2021: 19}, 19 / 20, "on_track"),
    ("boundary_060", dict(target_value=100), {2020: 0, 2021: 12}, 12 / 20, "accelerate"),
    ("boundary_000", dict(target_value=100), {2020: 0, 2021: 0}, 0.0, "limited"),
]


@pytest.mark.parametrize("spec, series, ratio, status", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_ratio_and_status(spec, series, ratio, status):
    row = assess(spec, series)
    assert row["status"] == status
    if ratio is None:
        assert pd.isna(row["ratio"])
    else:
        assert row["ratio"] == pytest.approx(ratio, abs=1e-9, rel=1e-9)
    expected_score = 5.0 if status == "achieved" else score_from_ratio(ratio)
    assert (pd.isna(row["score"]) if expected_score is None else row["score"] == pytest.approx(expected_score))


@pytest.mark.parametrize("milestone, status", [
    ("done", "milestone_done"), ("in_progress", "milestone_in_progress"), ("not_started", "milestone_not_started"),
])
def test_milestones(milestone, status):
    row = assess(dict(comparator="qualitative", target_value=None, measure="qualitative", method="milestone"),
                 {}, 2023, milestones={2023: milestone})
    assert row["status"] == status
    assert pd.isna(row["ratio"]) and pd.isna(row["score"]) and pd.isna(row["progress_pct"])
    assert row["time_pct"] == pytest.approx(60.0)


@pytest.mark.parametrize("ratio, status", [
    (0.95, "on_track"), (0.9499999999, "accelerate"), (0.6, "accelerate"), (0.5999999999, "limited"),
    (0.0, "limited"), (-1e-12, "backwards"), (None, "no_data"), (float("nan"), "no_data"),
])
def test_thresholds(ratio, status):
    assert status_from_ratio(ratio) == status


@pytest.mark.parametrize("ratio, score", [
    (2.0, 5.0),                        # min(7.1429·2 − 4.2857, 5)
    (0.95, 7.1429 * 0.95 - 4.2857),    # 2.5 (Open SDG's rounded constants)
    (0.6, 7.1429 * 0.6 - 4.2857),      # 0
    (0.3, 4.1667 * 0.3 - 2.5),         # −1.25
    (0.0, -2.5),
    (-1.0, -5.0),                      # max(4.1667·(−1) − 2.5, −5)
])
def test_open_sdg_score(ratio, score):
    assert score_from_ratio(ratio) == pytest.approx(score, abs=1e-12)
    assert score_from_ratio(ratio, achieved=True) == 5.0


# id, spec, series, year, (progress_pct, time_pct, projected_value, required_annual_change, achieved_annual_change)
EFFORT = [
    ("linear_least_squares", dict(target_value=100), {2020: 50, 2021: 52, 2022: 56, 2023: 58}, 2023,
     # slope over (2021, 52), (2022, 56), (2023, 58): ((−1)(52 − 166/3) + (1)(58 − 166/3)) / 2 = 3
     ((58 - 50) / 50 * 100, 60.0, 58 + 3 * 2, (100 - 58) / 2, (58 - 50) / 3)),
    ("linear_two_points", dict(target_value=100), {2020: 50, 2022: 60}, 2022,
     (20.0, 40.0, 60 + 5 * 3, (100 - 60) / 3, 5.0)),
    ("cagr", dict(CAGR, target_value=200), {2020: 100, 2022: 121}, 2022,
     (21.0, 40.0, 121 * 1.1 ** 3, ((200 / 121) ** (1 / 3) - 1) * 100, 10.0)),
    ("cumulative", dict(COUNT, target_value=100), {2021: 10, 2022: 15, 2023: 20}, 2023,
     (45.0, 60.0, 45 + 15 * 2, (100 - 45) / 2, 15.0)),
    ("growth", dict(GROWTH, target_value=10), {2021: 8, 2022: 9, 2023: 10}, 2023,
     (0.9 * 60, 60.0, 9.0, (10 * 5 - 9 * 3) / 2, 9.0)),
    ("achieved_needs_nothing", dict(target_value=100), {2020: 50, 2022: 110}, 2022,
     (120.0, 40.0, 110 + 30 * 3, 0.0, 30.0)),
    # the target year is judged by completion: no time elapsed, projection or remaining effort
    ("no_year_left", dict(target_value=100), {2020: 50, 2025: 90}, 2025,
     (80.0, None, None, None, 8.0)),
    ("hold_met", dict(DOWN, target_value=3.5), {2020: 3.0, 2022: 3.2}, 2022,
     (100.0, 40.0, 3.2 + 0.1 * 3, 0.0, 0.1)),
]


@pytest.mark.parametrize("spec, series, year, expected", [c[1:] for c in EFFORT], ids=[c[0] for c in EFFORT])
def test_projection_and_effort(spec, series, year, expected):
    row = assess(spec, series, year)
    names = ["progress_pct", "time_pct", "projected_value", "required_annual_change", "achieved_annual_change"]
    for name, want in zip(names, expected):
        if want is None:
            assert pd.isna(row[name]), name
        else:
            assert row[name] == pytest.approx(want, abs=1e-9), name


def test_value_is_the_compared_quantity():
    cumulative = assess(dict(COUNT, target_value=100), {2021: 10, 2022: 15})
    assert (cumulative["value"], cumulative["baseline_value"], cumulative["baseline_year"]) == (25.0, 0.0, 2020)
    growth = assess(dict(GROWTH, target_value=10), {2021: 8, 2022: 9})
    assert growth["value"] == pytest.approx(8.5) and pd.isna(growth["baseline_value"])
    moved = assess(dict(CAGR, target_value=200), {2021: 100, 2023: 121})
    assert (moved["baseline_year"], moved["baseline_value"]) == (2021, 100.0)


def test_one_row_per_year_after_baseline_with_data():
    status = compute_status(
        pd.DataFrame([dict(BASE, indicator_id="X"), dict(BASE, indicator_id="Q", comparator="qualitative",
                                                        measure="qualitative", method="milestone")]),
        pd.DataFrame([
            dict(indicator_id="X", area_code="330200", year=2020, value=50.0),
            dict(indicator_id="X", area_code="330200", year=2021, value=None),      # no value: no row
            dict(indicator_id="X", area_code="330200", year=2022, value=60.0),
            dict(indicator_id="X", area_code="330212", year=2022, value=70.0),
            dict(indicator_id="Q", area_code="330200", year=2021, milestone="done"),
            dict(indicator_id="Q", area_code="330200", year=2022, milestone=None),   # no milestone: no row
            dict(indicator_id="Z", area_code="330200", year=2022, value=1.0),       # unknown indicator
        ]))
    assert list(status.columns) == STATUS_COLUMNS
    assert list(zip(status["indicator_id"], status["area_code"], status["year"])) == [
        ("Q", "330200", 2021), ("X", "330200", 2022), ("X", "330212", 2022)]
    assert status.loc[2, "status"] == "no_data"       # the district has one year only


def test_fits_the_status_table():
    con = duckdb.connect()
    for file in sorted((ROOT / "queries" / "schema").glob("*.sql")):
        con.execute(file.read_text(encoding="utf-8"))
    table_columns = [r[0] for r in con.execute("describe status").fetchall()]
    assert table_columns == STATUS_COLUMNS
    frame = compute_status(pd.DataFrame([dict(BASE, indicator_id="X")]), pd.DataFrame(
        [dict(indicator_id="X", area_code="330200", year=y, value=v) for y, v in {2020: 1.0, 2021: 2.0}.items()]))
    con.register("frame", frame)
    con.execute("insert into status select * from frame")
    assert con.execute("select count(*) from status").fetchone()[0] == 1


def test_numeric_target_without_a_number_reads_as_no_data():
    row = assess(dict(target_value=None), {2020: 1.0, 2022: 2.0})
    assert row["status"] == "no_data" and pd.isna(row["ratio"])


def test_empty_observations():
    status = compute_status(pd.DataFrame([dict(BASE, indicator_id="X")]),
                            pd.DataFrame(columns=["indicator_id", "area_code", "year", "value", "milestone"]))
    assert status.empty and list(status.columns) == STATUS_COLUMNS


def test_vocabulary_matches_schema():
    ddl = (ROOT / "queries" / "schema" / "04_status.sql").read_text(encoding="utf-8")
    for code in statuses.ORDER:
        assert f"'{code}'" in ddl
    assert len({s.icon for s in statuses.STATUSES}) == len(statuses.STATUSES)
    assert statuses.label("limited", "zh") == "进展缓慢" and statuses.label("limited", "en") == "Limited progress"
    assert set(statuses.OFF_TRACK) == {"accelerate", "limited", "backwards", "milestone_not_started",
                                       "nearly_completed", "not_completed"}
    assert set(statuses.VERDICTS) == {"completed_early", "completed", "nearly_completed", "not_completed", "no_data"}
    assert statuses.ORDER[0] == "backwards" and math.isfinite(statuses.order("nonsense"))


@pytest.mark.parametrize("spec, series", [c[1:3] for c in CASES], ids=[c[0] for c in CASES])
def test_worked_example_recomputes_the_stored_status(spec, series):
    from tracker import methodology

    row = assess(spec, series)
    indicator = dict(BASE, **spec)
    for lang in ("zh", "en"):
        lines = methodology.explain(dict(row, year=int(row.name)), indicator, lang).lines
        badge = statuses.badge(row["status"], lang)
        stored = "存储结果：" if lang == "zh" else "stored: "
        assert any(f"{badge}（{stored}{badge}）" in line or f"{badge} ({stored}{badge})" in line for line in lines), lines
        assert all(isinstance(line, str) and not re.search(r"<[a-zA-Z/!]", line) for line in lines)


def test_worked_example_milestone_and_method_text():
    from tracker import methodology

    spec = dict(BASE, comparator="qualitative", target_value=None, measure="qualitative", method="milestone")
    lines = methodology.explain(dict(year=2023, status="milestone_done", baseline_year=2020), spec, "en").lines
    assert "Completed" in lines[-1]
    for lang in ("zh", "en"):
        text = methodology.METHOD_TEXT[lang]
        assert "0.95" in text and "Open SDG" in text and not re.search(r"<[a-zA-Z/!]", text)


def test_district_breakdown_of_a_city_total_is_not_assessed_when_areas_are_given():
    indicators = pd.DataFrame([dict(BASE, indicator_id="S", scope="city", aggregation="sum"),
                               dict(BASE, indicator_id="W", scope="city", aggregation="weighted")])
    obs = pd.DataFrame([dict(indicator_id=i, area_code=a, year=y, value=v)
                        for i in ("S", "W") for a in ("330200", "330212") for y, v in ((2020, 10.0), (2022, 30.0))])
    areas = pd.DataFrame(dict(area_code=["330200", "330212"], kind=["city", "district"]))
    assert len(compute_status(indicators, obs)) == 4
    kept = compute_status(indicators, obs, areas)
    assert list(zip(kept["indicator_id"], kept["area_code"])) == [("S", "330200"), ("W", "330200"), ("W", "330212")]


def test_every_series_is_assessed_alone_whatever_the_row_order():
    """compute_status walks all series in one pass; each series must come out as if assessed alone,
    and shuffling the input rows (as an import appends them) must change nothing."""
    specs = [dict(BASE, indicator_id="L"), dict(BASE, indicator_id="C", **CAGR),
             dict(BASE, indicator_id="N", **dict(COUNT, target_value=50)),
             dict(BASE, indicator_id="G", **dict(GROWTH, target_value=5)),
             dict(BASE, indicator_id="Q", comparator="qualitative", measure="qualitative", method="milestone")]
    indicators = pd.DataFrame(specs)
    rows = []
    for n, code in enumerate(("330200", "330203", "330212")):
        for i, year in enumerate(range(2020, 2026)):
            for ind in "LCNG":
                rows.append(dict(indicator_id=ind, area_code=code, year=year, value=40.0 + 7 * i + 3 * n + "LCNG".index(ind)))
            rows.append(dict(indicator_id="Q", area_code=code, year=year, value=None,
                             milestone=("not_started", "in_progress", "done")[(i + n) % 3]))
    obs = pd.DataFrame(rows)
    ordered = compute_status(indicators, obs)
    shuffled = compute_status(indicators, obs.sample(frac=1.0, random_state=7))
    pd.testing.assert_frame_equal(ordered, shuffled, check_exact=True)
    assert len(ordered) == 5 * 3 * 5
    for spec in specs:
        for code in ("330200", "330212"):
            one = obs[(obs.indicator_id == spec["indicator_id"]) & (obs.area_code == code)]
            alone = compute_status(pd.DataFrame([spec]), one)
            got = ordered[(ordered.indicator_id == spec["indicator_id"]) & (ordered.area_code == code)]
            assert list(alone["status"]) == list(got["status"])
            assert list(alone["year"]) == list(got["year"])
