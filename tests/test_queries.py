"""Every SQL file, run against the small hand-made warehouse, with the rows a user would see."""
from __future__ import annotations

import math

import pytest

from tracker import db
from tests.fixture_data import PLAN


def run(path, name, **params):
    return db.run(name, path=path, **params)


def test_every_query_file_has_a_header_with_grain_and_params():
    for name in db.query_names():
        lines = db.sql_text(name).lstrip().splitlines()
        header = [line for line in lines[: next(i for i, l in enumerate(lines) if not l.startswith("--"))]]
        assert header[0].startswith("-- grain:"), name
        assert any(line.startswith("-- params:") for line in header), name


def test_every_query_file_is_one_statement():
    for name in db.query_names():
        body = "\n".join(l for l in db.sql_text(name).splitlines() if not l.strip().startswith("--"))
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
