"""The demo generator (tracker/demo.py): deterministic, consistent across areas, plausible outcomes.

Invariants run twice: over a small hand-made catalogue that covers every kind of target, and over
the real catalogue and areas in data/. The outcome mix is checked on the real catalogue only.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tracker import demo
from tracker.demo_paths import decimals, split_int

DATA = Path(__file__).resolve().parents[2] / "data"
INDICATORS_CSV = DATA / "catalog" / "indicators.csv"
AREAS_CSV = DATA / "geo" / "areas.csv"
TOWNSHIPS_CSV = DATA / "geo" / "townships.csv"
REGISTRY = pd.read_csv(TOWNSHIPS_CSV, dtype={"township_code": str, "district_code": str})
COUNTED = REGISTRY[REGISTRY["counted"]]
YEARS = list(range(2020, 2026))
CITY, REGION = "330200", "R-WEAK"
DISTRICTS = sorted(demo.POPULATION_WAN)
TOWNSHIPS = dict(zip(DISTRICTS, [17, 8, 11, 6, 25, 12, 18, 18, 21, 19]))


def _ind(iid, comparator, target, measure, scope="city", aggregation="sum", unit="个", method="linear",
         direction="up", high=np.nan):
    return dict(indicator_id=iid, plan_id="p", action_no=1, name_zh=iid, name_en=iid, unit_zh=unit,
                unit_en=unit, comparator=comparator, target_value=target, target_high=high,
                target_year=2025, baseline_year=2020, direction=direction, measure=measure, method=method,
                scope=scope, map_layer=np.nan, aggregation=aggregation, source_quote=iid, note=np.nan)


SMALL_INDICATORS = pd.DataFrame([
    _ind("S-01", ">=", 150.0, "level", scope="region", aggregation="none", unit="亿元", method="cagr"),
    _ind("S-02", ">=", 300.0, "count_new", unit="个", method="cumulative"),
    _ind("S-03", ">=", 90.0, "count_new", unit="万人", method="cumulative"),
    _ind("S-04", "range", 5.0, "count_new", unit="所", method="cumulative", high=6.0),
    _ind("S-05", "<=", 3.5, "share", aggregation="weighted", unit="%", direction="down"),
    _ind("S-06", ">=", 10.0, "growth_rate", aggregation="weighted", unit="%"),
    _ind("S-07", "<=", 0.0, "growth_rate", aggregation="weighted", unit="%", direction="down"),
    _ind("S-08", ">=", 620.0, "level", unit="万人", method="cagr"),
    _ind("S-09", ">=", 14000.0, "level", scope="each_district", aggregation="weighted", unit="元/年"),
    _ind("S-10", ">=", 100.0, "share", scope="each_district", aggregation="weighted", unit="%"),
    _ind("S-11", ">=", 60.0, "share", scope="township_share", aggregation="weighted", unit="%"),
    _ind("S-12", ">=", 95.0, "share", aggregation="weighted", unit="%"),
    _ind("S-13", "<=", 42.0, "level", aggregation="weighted", unit="件/万人", direction="down"),
    _ind("S-14", ">=", 1.0, "level", aggregation="none", unit="所"),
    _ind("S-15", "qualitative", np.nan, "qualitative", aggregation="none", unit=np.nan, method="milestone"),
    _ind("S-16", "qualitative", np.nan, "qualitative", scope="region", aggregation="none", unit=np.nan,
         method="milestone"),
    _ind("S-17", "qualitative", np.nan, "qualitative", scope="each_district", aggregation="none", unit=np.nan,
         method="milestone"),
])
SMALL_AREAS = pd.DataFrame(
    [dict(area_code=CITY, kind="city", townships=sum(TOWNSHIPS.values()))]
    + [dict(area_code=c, kind="district", townships=TOWNSHIPS[c]) for c in DISTRICTS]
    + [dict(area_code=REGION, kind="region", townships=np.nan)]
).assign(name_zh="x", name_en="x", parent=CITY, region_tags=np.nan, townships_source="test")


def _real() -> tuple[pd.DataFrame, pd.DataFrame]:
    if not (INDICATORS_CSV.exists() and AREAS_CSV.exists()):
        pytest.skip("data/catalog/indicators.csv or data/geo/areas.csv not written yet")
    return (pd.read_csv(INDICATORS_CSV, dtype={"indicator_id": str}),
            pd.read_csv(AREAS_CSV, dtype={"area_code": str, "parent": str}))


@pytest.fixture(scope="module", params=["small", "real"])
def case(request):
    """The small catalogue without the township registry (district percentages for township-scoped
    targets), and the real one with it (one row per township)."""
    if request.param == "small":
        return SMALL_INDICATORS, SMALL_AREAS, demo.generate(SMALL_INDICATORS, SMALL_AREAS)
    indicators, areas = _real()
    return indicators, areas, demo.generate(indicators, areas, townships=REGISTRY)


def _numeric(indicators):
    return indicators[indicators["comparator"] != "qualitative"]


def _series(frame, iid, area):
    return frame[(frame.indicator_id == iid) & (frame.area_code == area)].set_index("year")["value"]


def _wide(frame, iid):
    return frame[frame.indicator_id == iid].pivot(index="area_code", columns="year", values="value")


def _expected_areas(row, frame) -> list[str]:
    if row.scope == "township_share" and frame.area_code.str.len().max() == 9:
        return COUNTED.township_code.tolist()
    if row.scope == "region":
        return [REGION]
    if row.scope in ("each_district", "township_share"):
        return [CITY] + DISTRICTS
    if row.aggregation == "none" or row.comparator == "qualitative":
        return [CITY]
    return [CITY] + DISTRICTS


def _binary(row) -> bool:
    return row.scope == "each_district" and row.measure == "share" and row.target_value >= 100


# --- determinism -------------------------------------------------------------------------------

def test_same_inputs_give_byte_identical_frames():
    first = demo.generate(SMALL_INDICATORS, SMALL_AREAS)
    second = demo.generate(SMALL_INDICATORS, SMALL_AREAS)
    pd.testing.assert_frame_equal(first, second)
    assert first.to_csv(index=False) == second.to_csv(index=False)


def test_a_changed_seed_changes_the_numbers():
    first = demo.generate(SMALL_INDICATORS, SMALL_AREAS, seed=2021)
    other = demo.generate(SMALL_INDICATORS, SMALL_AREAS, seed=7)
    assert not first["value"].fillna(-1).equals(other["value"].fillna(-1))


def test_adding_an_indicator_leaves_the_others_alone():
    base = demo.generate(SMALL_INDICATORS.iloc[:5], SMALL_AREAS)
    more = demo.generate(SMALL_INDICATORS, SMALL_AREAS)
    pd.testing.assert_frame_equal(base, more[more.indicator_id.isin(base.indicator_id)].reset_index(drop=True))


# --- shape -------------------------------------------------------------------------------------

def test_columns_and_source(case):
    _, _, frame = case
    assert list(frame.columns) == ["indicator_id", "area_code", "year", "value", "milestone", "source", "note"]
    assert (frame["source"] == "demo").all()
    assert not frame.duplicated(["indicator_id", "area_code", "year"]).any()


def test_every_target_has_every_year_in_its_areas(case):
    indicators, _, frame = case
    for row in indicators.itertuples():
        rows = frame[frame.indicator_id == row.indicator_id]
        assert sorted(rows.area_code.unique()) == sorted(_expected_areas(row, frame)), row.indicator_id
        for _, group in rows.groupby("area_code"):
            assert group.year.tolist() == YEARS, row.indicator_id
        if row.comparator != "qualitative":
            assert rows.value.notna().all(), row.indicator_id


def test_qualitative_rows_carry_milestones_and_no_values(case):
    indicators, _, frame = case
    ids = indicators.loc[indicators.comparator == "qualitative", "indicator_id"]
    qualitative = frame[frame.indicator_id.isin(ids)]
    assert len(qualitative) > 0
    assert qualitative.value.isna().all()
    assert qualitative.milestone.isin(["not_started", "in_progress", "done"]).all()
    numeric = frame[~frame.index.isin(qualitative.index)]
    assert numeric.milestone.isna().all()


def test_district_milestones_roll_up_to_the_city():
    frame = demo.generate(SMALL_INDICATORS, SMALL_AREAS)
    wide = frame[frame.indicator_id == "S-17"].pivot(index="area_code", columns="year", values="milestone")
    for year in YEARS:
        districts = wide.loc[DISTRICTS, year]
        city = wide.loc[CITY, year]
        expected = "done" if (districts == "done").all() else (
            "not_started" if (districts == "not_started").all() else "in_progress")
        assert city == expected


# --- values ------------------------------------------------------------------------------------

def test_shares_stay_within_0_and_100_and_nothing_is_negative(case):
    indicators, _, frame = case
    for row in _numeric(indicators).itertuples():
        values = frame.loc[frame.indicator_id == row.indicator_id, "value"]
        if row.measure == "share":
            assert values.between(0, 100).all(), row.indicator_id
        if row.measure in ("level", "count_new"):
            assert (values >= 0).all(), row.indicator_id


def test_values_follow_the_rounding_rules(case):
    indicators, _, frame = case
    for row in _numeric(indicators).itertuples():
        dec = decimals(row.measure, row.unit_zh if isinstance(row.unit_zh, str) else "", row.target_value)
        values = frame.loc[frame.indicator_id == row.indicator_id, "value"].to_numpy()
        if row.scope != "township_share" and not _binary(row):
            assert np.allclose(values, np.round(values, dec)), row.indicator_id


def test_new_additions_start_at_zero_and_are_never_negative(case):
    indicators, _, frame = case
    for row in indicators[indicators.measure == "count_new"].itertuples():
        rows = frame[frame.indicator_id == row.indicator_id]
        assert (rows.loc[rows.year == 2020, "value"] == 0).all(), row.indicator_id
        assert (rows.value >= 0).all(), row.indicator_id


def test_sum_targets_add_up_exactly_across_districts(case):
    indicators, _, frame = case
    rows = _numeric(indicators)
    rows = rows[(rows.aggregation == "sum") & (rows.scope.isin(["city", "each_district"]))]
    assert len(rows) > 0
    for row in rows.itertuples():
        wide = _wide(frame, row.indicator_id)
        dec = decimals(row.measure, row.unit_zh if isinstance(row.unit_zh, str) else "", row.target_value)
        total = wide.loc[DISTRICTS].sum().round(dec)
        assert np.allclose(wide.loc[CITY], total, rtol=0, atol=1e-9), row.indicator_id


def test_weighted_targets_are_population_weighted_means(case):
    indicators, _, frame = case
    rows = _numeric(indicators)
    rows = rows[(rows.aggregation == "weighted") & (rows.scope.isin(["city", "each_district"]))]
    weights = np.array([demo.POPULATION_WAN[c] for c in DISTRICTS])
    for row in rows.itertuples():
        if _binary(row):
            continue
        wide = _wide(frame, row.indicator_id)
        dec = decimals(row.measure, row.unit_zh if isinstance(row.unit_zh, str) else "", row.target_value)
        mean = (wide.loc[DISTRICTS].to_numpy() * weights[:, None]).sum(axis=0) / weights.sum()
        assert np.allclose(wide.loc[CITY].to_numpy(), mean, rtol=0, atol=0.5 * 10.0 ** -dec + 1e-9), \
            row.indicator_id


def test_township_targets_are_ticked_township_by_township():
    """With the registry, a township-scoped target is one 1-or-0 row per counted township and year
    (zone offices get none), and a township once covered stays covered unless the draw went backwards."""
    indicators, areas = _real()
    frame = demo.generate(indicators, areas, townships=REGISTRY)
    ids = indicators.loc[indicators.scope == "township_share", "indicator_id"]
    assert len(ids) >= 2
    for iid in ids:
        part = frame[frame.indicator_id == iid]
        assert set(part.area_code) == set(COUNTED.township_code), iid
        assert part.value.isin([0.0, 1.0]).all(), iid
        assert part.note.isna().all(), iid            # nothing to parse: the roll-up counts the rows
        wide = part.pivot(index="area_code", columns="year", values="value")
        share = wide.mean() * 100
        if share.is_monotonic_increasing:
            assert (wide.diff(axis=1).fillna(0) >= 0).all().all(), iid


def test_without_the_registry_township_targets_are_district_percentages(case):
    indicators, areas, frame = case
    if frame.area_code.str.len().max() == 9:
        pytest.skip("the real case uses the registry")
    for iid in indicators.loc[indicators.scope == "township_share", "indicator_id"]:
        part = frame[frame.indicator_id == iid]
        assert set(part.area_code) == {CITY, *DISTRICTS}, iid
        assert part.value.between(0, 100).all() and part.note.isna().all(), iid


def test_each_district_coverage_is_all_or_nothing(case):
    indicators, _, frame = case
    rows = [r for r in _numeric(indicators).itertuples() if _binary(r)]
    assert rows
    for row in rows:
        wide = _wide(frame, row.indicator_id)
        assert wide.loc[DISTRICTS].isin([0.0, 100.0]).all().all(), row.indicator_id
        share = (wide.loc[DISTRICTS] == 100).mean() * 100
        assert np.allclose(wide.loc[CITY], share.round(1)), row.indicator_id


def test_split_int_is_exact():
    parts = split_int(17, [1.0, 2.0, 3.0])
    assert parts.sum() == 17 and (parts >= 0).all()
    assert split_int(0, [1.0, 1.0]).tolist() == [0, 0]


# --- outcome mix -------------------------------------------------------------------------------

def _latest(frame, row) -> tuple[float, float | None]:
    """(the figure judged against the target, progress as a fraction of the way) for the city."""
    area = REGION if row.scope == "region" else CITY
    series = _series(frame, row.indicator_id, area)
    target = row.target_value
    if row.measure == "count_new":
        total = series.loc[2021:].sum()
        return total, total / target
    if row.measure == "growth_rate":
        mean = series.loc[2021:].mean()
        return mean, (mean / target if target > 0 else None)
    base, last = series.loc[2020], series.loc[2025]
    return last, ((last - base) / (target - base) if target != base else None)


def _meets(value, row) -> bool:
    if row.comparator == ">=":
        return value >= row.target_value - 1e-9
    if row.comparator == "<=":
        return value <= row.target_value + 1e-9
    return row.target_value - 1e-9 <= value <= row.target_high + 1e-9


def test_outcome_mix_on_the_real_catalogue():
    indicators, areas = _real()
    frame = demo.generate(indicators, areas)
    results = []
    for row in _numeric(indicators).itertuples():
        value, progress = _latest(frame, row)
        results.append((_meets(value, row), progress))
    met = np.mean([m for m, _ in results])
    behind = np.mean([(not m) and p is not None and p < 0.75 for m, p in results])
    backwards = sum((not m) and p is not None and p < 0 for m, p in results)
    assert 0.35 <= met <= 0.75, f"{met:.0%} of targets met"
    assert behind >= 0.10, f"only {behind:.0%} clearly behind"
    assert backwards >= 1
