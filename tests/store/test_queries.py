"""Every SQL file, run against the small hand-made warehouse, with the rows a user would see."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.fixture_data import PLAN
from tracker import build, db


def run(path, name, **params):
    return db.run(name, path=path, **params)


def test_every_query_file_has_a_header_with_grain_and_params():
    for name in db.query_names():
        lines = db.sql_text(name).lstrip().splitlines()
        header = [line for line in lines[: next(i for i, text in enumerate(lines) if not text.startswith("--"))]]
        assert header[0].startswith("-- grain:"), name
        assert any(line.startswith("-- params:") for line in header), name


def test_every_query_file_is_one_statement():
    for name in db.query_names():
        body = "\n".join(line for line in db.sql_text(name).splitlines() if not line.strip().startswith("--"))
        assert body.strip().rstrip(";").count(";") == 0, name


def test_plans_puts_the_plan_with_data_first(fixture_warehouse):
    plans = run(fixture_warehouse, "plans")
    assert plans["plan_id"].tolist() == [PLAN]
    assert plans.loc[0, "last_year"] == 2023


def test_actions_counts_targets_per_action(fixture_warehouse):
    actions = run(fixture_warehouse, "actions", plan_id=PLAN)
    assert actions["action_no"].tolist() == [1, 2]
    assert actions["count_targets"].tolist() == [0, 4]
    assert actions["count_qualitative"].tolist() == [0, 1]
    assert actions["in_source"].tolist() == [False, True]


@pytest.mark.parametrize("action_no,expected", [(None, 4), (2, 4), (1, 0), (99, 0)])
def test_indicators_filters_by_action(fixture_warehouse, action_no, expected):
    assert len(run(fixture_warehouse, "indicators", plan_id=PLAN, action_no=action_no)) == expected


def test_areas_lists_the_city_first(fixture_warehouse):
    assert run(fixture_warehouse, "areas")["area_code"].tolist() == ["330200", "330203", "330212"]


def test_current_values_take_the_newest_applied_revision(fixture_warehouse):
    obs = run(fixture_warehouse, "observations_export", plan_id=PLAN)
    city = obs[(obs.indicator_id == "T02-01") & (obs.area_code == "330200") & (obs.year == 2023)]
    assert city["value"].tolist() == [56.0]          # batch b2 revised 55 → 56
    rate = obs[(obs.indicator_id == "T02-03") & (obs.year == 2023)]
    assert rate["value"].tolist() == [3.4]           # batch b3 (9.9) was rolled back
    assert len(obs) == 12


def test_data_mode_reports_real_data(fixture_warehouse):
    mode = run(fixture_warehouse, "data_mode").iloc[0]
    assert not bool(mode["is_demo"])
    assert (mode["first_year"], mode["last_year"]) == (2020, 2023)


def test_unknown_plan_gives_no_rows_not_an_error(fixture_warehouse):
    assert run(fixture_warehouse, "observations_export", plan_id="nope").empty
    assert run(fixture_warehouse, "actions", plan_id="nope").empty


def test_a_hostile_value_is_bound_not_executed(fixture_warehouse):
    evil = "x' or 1=1; drop table observations; --"
    assert run(fixture_warehouse, "indicators", plan_id=evil, action_no=None).empty
    assert len(run(fixture_warehouse, "observations_export", plan_id=None)) == 12


# --- stored answers and the frames db.run hands over ------------------------------------------

def _bindings(path):
    """For each read-only query file, the bindings the benchmark times: every parameter set, and every
    nullable one null (bench/params.py reads both from the warehouse)."""
    from bench import params as P

    values = P.sample(path)
    for name in db.query_names():
        if P.is_read_only(name):
            for bound in P.bindings(name, values).values():
                yield name, bound


def test_db_run_gives_exactly_what_duckdb_df_gives(fixture_warehouse):
    """db.frame builds frames its own (faster) way: same columns, dtypes and values as DuckDB's .df()."""
    compared = 0
    for name, bound in _bindings(fixture_warehouse):
        cursor = db.READER.cursor(fixture_warehouse)
        try:
            expected = cursor.execute(db.sql_text(name), db.bind(name, bound)).df()
        finally:
            cursor.close()
        pd.testing.assert_frame_equal(run(fixture_warehouse, name, **bound), expected, check_exact=True, obj=name)
        compared += 1
    assert compared > 40


@pytest.mark.parametrize("bulk", [False, True])
def test_frame_matches_duckdb_df_for_each_column_type(bulk):
    con = duckdb.connect()
    cases = {
        "integers": "select * from (values (1::int, 2::bigint, 3::tinyint), (null, null, 4::tinyint)) t(a, b, c)",
        "numbers": "select * from (values (1.5::double, 2.5::float, 1.5), (null, null, null)) t(a, b, c)",
        "sums": "select sum(i) as s, count(*) as n, avg(i) as m from range(3) t(i)",
        "text": "select * from (values ('a', null::varchar, 'x'), (null, null, 'y')) t(some_null, all_null, none_null)",
        "booleans": "select * from (values (true, true), (null, false)) t(with_null, without)",
        "times": "select * from (values (timestamp '2026-01-01 10:00', date '2026-01-02'), (null, null)) t(ts, d)",
        "empty": "select 1::int as a, 'x' as b, 1.0::double as c, true as d, now()::timestamp as e where false",
        "other types": "select [1, 2] as l, {'k': 1} as s, 'a'::enum('a', 'b') as e",
        "duplicate names": "select 1 as x, 2 as x",
    }
    for label, sql in cases.items():
        got = db.bulk_frame(con.sql(sql)) if bulk else db.frame(con.execute(sql))
        pd.testing.assert_frame_equal(got, con.execute(sql).df(), check_exact=True, obj=label)


def test_every_stored_answer_holds_what_its_view_computes(fixture_warehouse, demo_warehouse):
    """Each stored table equals its X_live view on a snapshot written by tracker.build, row for row
    (means to 1e-9: DuckDB may add the same numbers up in another order)."""
    for path in (fixture_warehouse, demo_warehouse):
        cursor = db.READER.cursor(path)
        try:
            for table in build.stored_tables():
                # (list columns as text, so that rows sort)
                cast = ", ".join(f"{c}::varchar as {c}" if t.endswith("[]") else c for c, t in cursor.execute(
                    f"select column_name, data_type from information_schema.columns where table_name = '{table}' "
                    "order by ordinal_position").fetchall())
                stored = cursor.execute(f"select {cast} from {table}").df()
                live = cursor.execute(f"select {cast} from {table}_live").df()
                # the fixture catalogue has no township registry, so no township rows to roll up; neither
                # build has commentary (tests/store/test_commentary.py writes and reads it), nor a reporting round
                # (tests/store/test_reporting_*.py), and the fixture catalogue has no reporting units
                empty_here = (table == "data_coverage" or (path == fixture_warehouse and table.startswith("township_"))
                              or table.endswith("_commentary_current") or table == "round_items"
                              or (path == fixture_warehouse and table == "assigned_cells"))
                assert len(stored) > 0 or empty_here, (path.name, table)
                order = list(stored.columns)
                pd.testing.assert_frame_equal(stored.sort_values(order, ignore_index=True),
                                              live.sort_values(order, ignore_index=True),
                                              rtol=1e-9, obj=f"{path.name}: {table}")
        finally:
            cursor.close()


def test_a_year_between_before_and_after_the_assessed_ones(fixture_warehouse):
    """$year asks for each target's latest status up to that year, whether or not it is a year with data."""
    status = run(fixture_warehouse, "status_export", plan_id=PLAN, year=None)
    assessed = sorted(run(fixture_warehouse, "plan_years", plan_id=PLAN)["year"])
    assert assessed == [2021, 2022, 2023]
    assert run(fixture_warehouse, "status_export", plan_id=PLAN, year=assessed[0] - 1).empty
    later = run(fixture_warehouse, "status_export", plan_id=PLAN, year=2099)
    # the same rows; asked for a year at or after the target year (2025) they carry a verdict, and a
    # figure of an earlier year is not judged: no_data (tracker/judgement.py)
    pd.testing.assert_frame_equal(later.drop(columns=["verdict", "grade"]), status.drop(columns=["verdict", "grade"]))
    assert set(later["verdict"]) == {"no_data"} and later["grade"].isna().all() and status["verdict"].isna().all()
    in_2022 = run(fixture_warehouse, "status_export", plan_id=PLAN, year=2022)
    assert in_2022["year"].tolist() == [2022]                  # only the count of new places has rows by then
    for name in ("overview_targets", "overview_actions"):
        pd.testing.assert_frame_equal(run(fixture_warehouse, name, plan_id=PLAN, year=2999, area_code=None),
                                      run(fixture_warehouse, name, plan_id=PLAN, year=None, area_code=None), obj=name)
    before = run(fixture_warehouse, "overview_targets", plan_id=PLAN, year=1999, area_code=None)
    assert len(before) == 4 and set(before["status"]) == {"no_data"}


def test_an_area_code_that_is_no_area(fixture_warehouse):
    """The answers for a code not in areas are those of the original queries: no targets judged there."""
    assert run(fixture_warehouse, "overview_targets", plan_id=PLAN, year=None, area_code="999999").empty
    actions = run(fixture_warehouse, "overview_actions", plan_id=PLAN, year=None, area_code="999999")
    assert actions["action_no"].tolist() == [1, 2]
    assert actions["count_targets"].tolist() == [0, 0] and set(actions["rollup_status"]) == {"no_data"}
    headline = run(fixture_warehouse, "action_targets", plan_id=PLAN, action_no=2, year=None, area_code=None)
    pd.testing.assert_frame_equal(
        run(fixture_warehouse, "action_targets", plan_id=PLAN, action_no=2, year=None, area_code="999999"), headline)
    pd.testing.assert_frame_equal(
        run(fixture_warehouse, "action_targets", plan_id=PLAN, action_no=2, year=None, area_code="330200"), headline)


# The order of the queries that read a stored table without sorting (header "-- order: as stored"):
# columns and whether each ascends. The refresh inserts the rows in this order and a select from one
# table with a filter keeps it (DuckDB's documented order preservation); this checks both still hold.
STORED_ORDER = {
    "overview_targets": (["action_no", "indicator_id", "area_code"], True),
    "overview_actions": (["action_no"], True),
    "action_targets": (["indicator_id"], True),
    "district_standing": (["area_code"], True),
    "compare_heatmap": (["action_no", "indicator_id", "area_code"], True),
    "disparity": (["indicator_id", "year"], True),
    "map_district_values": (["is_district", "area_code"], True),
    "plan_years": (["year"], False),
    "compare_years": (["year"], False),
    "map_years": (["year"], False),
    "actions": (["action_no"], True),
    "district_city_only": (["action_no", "indicator_id"], True),
    "method_targets": (["action_no", "indicator_id"], True),
    "method_notes": (["action_no", "indicator_id"], True),
    "map_targets": (["action_no", "indicator_id"], True),
    "plans": (["has_data", "target_year", "plan_id"], [False, False, True]),
    "batches": (["created_at", "batch_id"], False),
    "import_milestones": (["action_no", "indicator_id", "area_code"], True),
    "import_targets": (["plan_id", "action_no", "indicator_id"], True),
    "observations_export": (["plan_id", "indicator_id", "area_code", "year"], True),
    "status_export": (["action_no", "indicator_id", "area_code"], True),
    "indicators": (["action_no", "indicator_id"], True),
    "method_townships": (["is_district", "area_code"], True),
}


def test_queries_without_order_by_return_rows_in_their_stored_order(fixture_warehouse, demo_warehouse):
    unsorted = {n for n in db.query_names() if "-- order: as stored" in db.sql_text(n)}
    assert unsorted == set(STORED_ORDER)
    most = dict.fromkeys(STORED_ORDER, 0)
    for path in (fixture_warehouse, demo_warehouse):
        for name, bound in _bindings(path):
            if name not in STORED_ORDER:
                continue
            rows = run(path, name, **bound).assign(
                is_district=lambda f: f["kind"] == "district" if "kind" in f else None,
                has_data=lambda f: f["count_values"] > 0 if "count_values" in f else None)
            keys, ascending = STORED_ORDER[name]
            expected = rows.sort_values(keys, ascending=ascending, kind="mergesort", ignore_index=True)
            assert rows[keys].equals(expected[keys]), (path.name, name, bound)
            most[name] = max(most[name], len(rows))
    assert {name for name, n in most.items() if n < 2} <= {"plans", "batches"}   # one plan, perhaps one batch
