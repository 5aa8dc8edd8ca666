"""Roll-ups and disparity: hand-computed cases, and the SQL files against the pandas reference."""
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from tests.reference_rollup import (
    action_rollup,
    disparity,
    district_rollup,
    final_as_of,
    plan_rollup,
    status_as_of,
    status_from_score,
    target_status,
)
from tracker.build import refresh_current, refresh_stored
from tracker.progress import compute_status
from tracker.statuses import GOOD, OFF_TRACK

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
CITY, HAISHU, JIANGBEI, REGION = "330200", "330203", "330205", "R-WEAK"

AREAS = pd.DataFrame([
    dict(area_code=CITY, name_zh="宁波市", name_en="Ningbo", kind="city", parent=None),
    dict(area_code=HAISHU, name_zh="海曙区", name_en="Haishu", kind="district", parent=CITY),
    dict(area_code=JIANGBEI, name_zh="江北区", name_en="Jiangbei", kind="district", parent=CITY),
    dict(area_code=REGION, name_zh="相对薄弱地区", name_en="Weak areas", kind="region", parent=CITY),
])


def indicator(indicator_id, action_no, scope="city", **spec):
    base = dict(indicator_id=indicator_id, plan_id="P", action_no=action_no, name_zh=indicator_id,
                name_en=indicator_id, unit_zh="%", unit_en="%", comparator=">=", target_value=100.0,
                target_high=None, target_year=2025, baseline_year=2020, direction="up", measure="level",
                method="linear", scope=scope, map_layer=None, aggregation="none", source_quote="…", note=None)
    return dict(base, **spec)


INDICATORS = pd.DataFrame([
    indicator("A1", 1), indicator("A2", 1),
    indicator("A3", 1, comparator="qualitative", target_value=None, measure="qualitative", method="milestone"),
    indicator("B1", 2, "each_district"), indicator("B2", 2, "each_district", comparator="<=", direction="down"),
    indicator("R1", 4, "region"),
    indicator("C1", 5, aggregation="weighted"),                  # a city-wide rate with district figures
    indicator("C2", 5, aggregation="sum"),                       # a city-wide total with district figures
])


def srow(indicator_id, area_code, year, status, score=None, progress=None, time=None):
    return dict(indicator_id=indicator_id, area_code=area_code, year=year, status=status, score=score,
                progress_pct=progress, time_pct=time)


STATUS = pd.DataFrame([
    srow("A1", CITY, 2022, "limited", -1.0, 20.0, 40.0),
    srow("A1", CITY, 2023, "on_track", 3.0, 60.0, 60.0),
    srow("A2", CITY, 2022, "backwards", -4.0, -10.0, 40.0),      # latest up to 2023 is 2022
    srow("A3", CITY, 2023, "milestone_in_progress"),
    srow("B1", CITY, 2023, "achieved", 5.0, 120.0, 60.0),
    srow("B1", HAISHU, 2023, "accelerate", 1.0, 45.0, 60.0),
    srow("B1", JIANGBEI, 2023, "achieved", 5.0, 110.0, 60.0),
    srow("B2", HAISHU, 2023, "limited", -2.0, 20.0, 60.0),      # B2 has no city or Jiangbei row: no data
    srow("R1", REGION, 2024, "on_track", 4.0, 80.0, 80.0),      # after 2023: not counted in 2023
])
# for the SQL comparison: other targets than the hand cases use, for a wider mix of statuses
SQL_TARGETS = {"A1": 160.0, "B2": 20.0}


def test_status_as_of_takes_the_latest_row_up_to_the_year():
    latest = status_as_of(STATUS, 2023)
    assert dict(zip(latest["indicator_id"] + "@" + latest["area_code"], latest["year"])) == {
        "A1@330200": 2023, "A2@330200": 2022, "A3@330200": 2023, "B1@330200": 2023, "B1@330203": 2023,
        "B1@330205": 2023, "B2@330203": 2023}
    assert status_as_of(STATUS, None)["year"].max() == 2024


def test_headline_targets_and_action_rollup():
    targets = target_status(STATUS, INDICATORS, AREAS, 2023)
    assert len(targets) == 8                                   # one per target
    assert targets.set_index("indicator_id").loc["R1", "status"] == "no_data"
    actions = action_rollup(targets, INDICATORS).set_index("action_no")
    one = actions.loc[1]
    assert (one["count_targets"], one["count_on_track"], one["count_backwards"],
            one["count_milestone_in_progress"], one["count_off_track"], one["count_with_data"]) == (3, 1, 1, 1, 1, 3)
    assert one["mean_score"] == pytest.approx((3.0 - 4.0) / 2)
    assert one["on_track_or_achieved_pct"] == pytest.approx(100 * 1 / 3)
    assert one["mean_progress_pct"] == pytest.approx((60.0 - 10.0) / 2)
    assert one["mean_time_pct"] == pytest.approx((60.0 + 40.0) / 2)
    assert one["rollup_status"] == "limited"                   # mean score −0.5
    two = actions.loc[2]                                       # B1 achieved at the city, B2 has no city row
    assert (two["count_achieved"], two["count_no_data"], two["rollup_status"]) == (1, 1, "achieved")
    assert actions.loc[4, "rollup_status"] == "no_data"
    plan = plan_rollup(targets, INDICATORS).iloc[0]
    assert (plan["count_targets"], plan["count_actions"], plan["count_actions_off_track"]) == (8, 4, 1)
    assert plan["mean_score"] == pytest.approx((3.0 - 4.0 + 5.0) / 3)
    assert plan["mean_action_score"] == pytest.approx((-0.5 + 5.0) / 2)


def test_region_and_district_targets():
    region = target_status(STATUS, INDICATORS, AREAS, None)
    assert region.set_index("indicator_id").loc["R1", ["area_code", "status"]].tolist() == [REGION, "on_track"]
    haishu = target_status(STATUS, INDICATORS, AREAS, 2023, HAISHU)
    assert sorted(haishu["indicator_id"]) == ["B1", "B2"]
    assert target_status(STATUS, INDICATORS, AREAS, 2023, "999999").empty


def test_district_rollup_ranks_by_mean_score():
    districts = district_rollup(STATUS, INDICATORS, AREAS, 2023).set_index("area_code")
    assert districts.loc[HAISHU, "mean_score"] == pytest.approx((1.0 - 2.0) / 2)
    assert districts.loc[JIANGBEI, "mean_score"] == pytest.approx(5.0)
    assert (districts.loc[JIANGBEI, "rank_by_score"], districts.loc[HAISHU, "rank_by_score"]) == (1, 2)
    assert districts.loc[JIANGBEI, "rollup_status"] == "achieved"       # B2 no data, B1 achieved
    assert districts.loc[HAISHU, "count_off_track"] == 2


@pytest.mark.parametrize("score, status", [
    (5.0, "on_track"), (2.5, "on_track"), (2.4999, "accelerate"), (0.0, "accelerate"),
    (-1e-9, "limited"), (-2.5, "limited"), (-2.5001, "backwards"), (None, "no_data"),
])
def test_status_from_score(score, status):
    assert status_from_score(score) == status


def test_disparity_by_hand():
    obs = pd.DataFrame([
        dict(indicator_id="B1", area_code=a, year=y, value=v)
        for y, values in {2019: (1, 1), 2020: (10, 30), 2023: (18, 22)}.items()
        for a, v in zip((HAISHU, JIANGBEI), values)
    ] + [dict(indicator_id="B1", area_code=CITY, year=2020, value=20.0),          # the city is not a district
         dict(indicator_id="B2", area_code=HAISHU, year=2023, value=5.0)])        # one district: no CV
    out = disparity(obs, INDICATORS, AREAS).set_index(["indicator_id", "year"])
    first, last = out.loc[("B1", 2020)], out.loc[("B1", 2023)]
    assert first["cv"] == pytest.approx(10 / 20)                  # mean 20, population std 10
    assert last["cv"] == pytest.approx(2 / 20)                    # mean 20, population std 2
    assert (first["best_value"], first["worst_value"], first["best_worst_ratio"]) == (30, 10, 3.0)
    assert last["best_worst_ratio"] == pytest.approx(22 / 18)
    assert bool(last["is_narrowing"]) and (last["first_year"], last["latest_year"]) == (2020, 2023)
    b2 = out.loc[("B2", 2023)]
    assert pd.isna(b2["cv"]) and pd.isna(b2["is_narrowing"])
    assert (b2["best_value"], b2["worst_value"]) == (5.0, 5.0)    # direction down: best = min
    assert ("B1", 2019) not in out.index                          # before the baseline year


def test_disparity_covers_rates_with_district_figures_but_not_totals():
    obs = pd.DataFrame([dict(indicator_id=i, area_code=a, year=2021, value=v)
                        for i in ("C1", "C2") for a, v in ((HAISHU, 10.0), (JIANGBEI, 30.0))])
    out = disparity(obs, INDICATORS, AREAS)
    assert out["indicator_id"].tolist() == ["C1"] and out["cv"].iloc[0] == pytest.approx(0.5)


# --- the SQL files give the same numbers as the pandas functions -----------------------------

def demo_observations() -> pd.DataFrame:
    """Small deterministic series that give a mix of statuses across areas and years."""
    growth = {CITY: 12.0, HAISHU: 20.0, JIANGBEI: -3.0, REGION: 9.0}
    rows = []
    for ind in INDICATORS.itertuples():
        areas = {"city": [CITY], "each_district": [CITY, HAISHU, JIANGBEI], "region": [REGION]}[ind.scope]
        if ind.aggregation != "none":
            areas = [CITY, HAISHU, JIANGBEI]                      # district figures of a city-wide target
        for k, area in enumerate(areas):
            if ind.comparator == "qualitative":
                for year, m in zip((2022, 2023), ("not_started", "in_progress" if k else "done")):
                    rows.append(dict(indicator_id=ind.indicator_id, area_code=area, year=year, milestone=m))
                continue
            step = growth[area] * (-1 if ind.direction == "down" else 1) * (1 + 0.3 * (ind.Index % 3))
            for year in range(2020, 2026):
                if ((year + k + ind.Index) % 5 == 0 and year > 2020) or (area == REGION and year == 2020):
                    continue                                      # gaps; the region lacks its base year
                rows.append(dict(indicator_id=ind.indicator_id, area_code=area, year=year,
                                 value=50.0 + step * (year - 2020) - (8.0 if year == 2023 and k == 1 else 0.0)))
    return pd.DataFrame(rows)


def build_warehouse():
    """An in-memory DuckDB from the schema files, with the indicators above and demo_observations()."""
    con = duckdb.connect()
    for file in sorted((QUERIES / "schema").glob("*.sql")):
        con.execute(file.read_text(encoding="utf-8"))
    con.execute("insert into plans values ('P', '计划', 'Plan', 2021, 2025, 2020, 90)")
    con.execute("insert into batches values ('b1', 'demo', null, null, 0, 'test', $at, 'applied', null)",
                {"at": dt.datetime(2026, 1, 1)})
    indicators = INDICATORS.assign(target_value=INDICATORS["indicator_id"].map(SQL_TARGETS).fillna(
        INDICATORS["target_value"]))
    obs = demo_observations()
    obs = obs.assign(obs_seq=range(1, len(obs) + 1), source=None, note=None, batch_id="b1")
    for table, frame in (("indicators", indicators), ("areas", AREAS), ("observations", obs)):
        cols = [c for c in con.execute(f"describe {table}").df()["column_name"] if c in frame.columns]
        con.register("frame", frame[cols])
        con.execute(f"insert into {table} ({', '.join(cols)}) select {', '.join(cols)} from frame")
        con.unregister("frame")
    con.execute("insert into actions select distinct plan_id, action_no, 'A' || action_no, 'A' || action_no, "
                "null, null, null, null, true from indicators")      # the overview's tiles list them
    refresh_current(con)
    current = con.execute("select * from obs_current").df()
    status = compute_status(con.execute("select * from indicators").df(), current, con.execute("select * from areas").df())
    con.register("frame", status)
    con.execute("insert into status select * from frame")
    con.unregister("frame")
    refresh_stored(con)                                           # what every write does after status
    return con, status, current, con.execute("select * from indicators").df(), con.execute("select * from areas").df()


@pytest.fixture(scope="module")
def warehouse():
    built = build_warehouse()
    yield built
    built[0].close()


def run(con, name: str, **params) -> pd.DataFrame:
    return con.execute((QUERIES / f"{name}.sql").read_text(encoding="utf-8"), params).df()


def assert_same(sql: pd.DataFrame, ref: pd.DataFrame) -> None:
    assert list(sql.columns) == list(ref.columns)
    assert len(sql) == len(ref)
    for col in sql.columns:
        for i, (x, y) in enumerate(zip(sql[col], ref[col])):
            if pd.isna(x) or pd.isna(y):
                assert pd.isna(x) and pd.isna(y), (col, i, x, y)
            elif isinstance(x, (float, np.floating)) or isinstance(y, (float, np.floating)):
                assert math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9), (col, i, x, y)
            else:
                assert x == y, (col, i, x, y)


def test_demo_data_covers_the_statuses(warehouse):
    _, status, *_ = warehouse
    assert {"achieved", "on_track", "backwards", "no_data", "milestone_done", "milestone_not_started"} <= set(
        status["status"])


# the screens' own query files: the overview's action tiles are the action roll-up for the headline and a
# region (where the two rules for which targets count agree); the district page's standing counts off
# track and good by the vocabulary's lists
@pytest.mark.parametrize("year", [None, 2019, 2022, 2023, 2030])
@pytest.mark.parametrize("area_code", [None, CITY, REGION])
def test_overview_actions_sql_is_the_action_rollup(warehouse, year, area_code):
    con, status, _, indicators, areas = warehouse
    ref = action_rollup(target_status(status, indicators, areas, year, area_code), indicators)
    tiles = run(con, "overview_actions", plan_id="P", year=year, area_code=area_code)
    tiles = tiles[tiles["count_targets"] > 0].reset_index(drop=True)
    shared = [c for c in ref.columns if c in tiles.columns]
    assert len(shared) == len(ref.columns) - 1                 # all but on_track_or_achieved_pct
    assert_same(tiles[shared], ref[shared])


@pytest.mark.parametrize("year", [None, 2019, 2021, 2023, 2030])
def test_district_standing_sql_counts_by_the_vocabulary(warehouse, year):
    con, status, _, indicators, areas = warehouse
    districts = sorted(areas.loc[areas["kind"] == "district", "area_code"])
    judged = sorted(status.loc[status["area_code"].isin(districts), "indicator_id"].unique())
    asked = year if year is not None else int(status["year"].max())
    latest = final_as_of(status_as_of(status, year), indicators, asked).set_index(["indicator_id", "area_code"])
    rows = []
    for code in districts:
        found = [latest.loc[(i, code)] if (i, code) in latest.index else None for i in judged]
        codes = pd.Series([r["status"] if r is not None else "no_data" for r in found])
        scores = pd.Series([r["score"] if r is not None else np.nan for r in found], dtype=float)
        rows.append(dict(area_code=code, count_targets=len(judged), count_good=int(codes.isin(GOOD).sum()),
                         count_off_track=int(codes.isin(OFF_TRACK).sum()),
                         count_no_data=int((codes == "no_data").sum()), mean_score=scores.mean()))
    ref = pd.DataFrame(rows)
    ref["rank_by_score"] = ref["mean_score"].rank(ascending=False, method="min").astype("Int64")
    out = run(con, "district_standing", plan_id="P", year=year, district=None)
    assert_same(out[list(ref.columns)], ref)


@pytest.mark.parametrize("indicator_id", [None, "B1", "A1"])
def test_disparity_sql(warehouse, indicator_id):
    con, _, current, indicators, areas = warehouse
    chosen = indicators if indicator_id is None else indicators[indicators["indicator_id"] == indicator_id]
    ref = disparity(current, chosen, areas)
    assert len(ref) == {None: 18, "B1": 6, "A1": 0}[indicator_id]   # B1, B2, C1 × 2020–2025; A1 city only
    assert_same(run(con, "disparity", plan_id="P", indicator_id=indicator_id), ref.reset_index(drop=True))


@pytest.mark.parametrize("year", [None, 2019, 2022, 2024, 2030])
def test_status_export_sql(warehouse, year):
    con, status, *_ = warehouse
    out = run(con, "status_export", plan_id="P", year=year)
    ref = status_as_of(status, year).sort_values(["action_no", "indicator_id", "area_code"], ignore_index=True)
    compared = [c for c in status.columns if c != "grade"]
    assert_same(out[compared], ref[compared])
    # the grade is exported before the target year (2025) only, the verdict at and after it
    final = (year if year is not None else int(status["year"].max())) >= 2025
    assert out["grade"].isna().all() if final else list(out["grade"]) == list(ref["grade"])
    assert out["verdict"].notna().all() if final else out["verdict"].isna().all()
    assert out[["indicator_id", "area_code"]].duplicated().sum() == 0


def test_sql_files_have_grain_and_params_headers():
    for name in sorted(p.stem for p in QUERIES.glob("*.sql")):
        text = (QUERIES / f"{name}.sql").read_text(encoding="utf-8")
        assert text.startswith("-- grain:") and "-- params:" in text, name
        if name in ("disparity", "status_export"):
            assert text.rstrip().endswith("select * from final")
        code = "\n".join(line.split("--")[0] for line in text.splitlines())
        assert ";" not in code                                      # one statement per file
