"""The view layer (tracker/views/): plain data in, plain data out, as the screens and the pack show it.

- What changed since a moment: a target that turned worse is listed first, under "worse", with its
  status and value then and now; one that turned better is under "better"; a moment read inclusive
  (the screens' ?since=, a write's moment) lists that write's own changes, read as "as it stood then"
  (the command line's --since) it does not; a district sees only its own rows.
- An action's roll-up: its counts equal the number of targets per status; in the target year its
  verdicts add up to its targets and there is no pace; before it the off-track count and the pace;
  the overview's tile, meeting mode's slide and the pack's line say the same counts.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pandas as pd
import pytest

from tests import bad_files as bf
from tracker import db, judgement, statuses
from tracker.importer import apply
from tracker.views import actions as action_views
from tracker.views import changes_since, counts_line

PLAN = "nb-cp-2021-2025"


# ---- what changed since a moment --------------------------------------------------------------------

def city_target(status: str) -> dict:
    """A city-scoped target, higher is better, measured as a level, with ``status`` in 2025."""
    found = db.run("status_export", plan_id=PLAN, year=2025)
    rows = found[(found["scope"] == "city") & (found["status"] == status) & (found["comparator"] == ">=")
                 & (found["year"] == 2025) & found["baseline_value"].notna() & found["target_value"].notna()
                 & (found["measure"] == "level") & (found["target_value"] > 0)]
    return rows.iloc[0].to_dict()


@pytest.fixture()
def one_worse_one_better(private) -> tuple[dict, dict, pd.Timestamp]:
    """One import that drops a completed target far below its base and lifts a target not completed
    above its target: (the worse one's row, the better one's, the import's logged moment)."""
    worse, better = city_target("completed"), city_target("not_completed")
    time.sleep(1.1)                                   # the demo's write is in an earlier second
    rows = [[worse["indicator_id"], worse["area_code"], 2025, float(worse["baseline_value"]) * 0.5, None, None, None],
            [better["indicator_id"], better["area_code"], 2025, float(better["target_value"]) * 1.2, None, None, None]]
    apply.commit([("moves.csv", bf.csv_bytes(rows))], "test")
    logged = pd.Timestamp(db.run("change_moments", plan_id=PLAN)["logged_at"].iloc[0])
    return worse, better, logged


def test_a_target_that_turned_worse_comes_first_under_worse_with_its_status_then_and_now(one_worse_one_better):
    worse, better, logged = one_worse_one_better
    found = changes_since(PLAN, logged.to_pydatetime(), 2025, None, "en", inclusive=True)
    first = found.items[0]
    assert (first.group, first.indicator_id, first.area_code) == ("worse", worse["indicator_id"], worse["area_code"])
    assert (first.status_before, first.status_now) == ("completed", "not_completed")
    assert (first.before_text, first.now_text) == (statuses.badge("completed", "en"), statuses.badge("not_completed", "en"))
    assert first.value_before == pytest.approx(worse["value"])
    assert first.value_now == pytest.approx(float(worse["baseline_value"]) * 0.5)
    assert first.value_now_text.endswith("(2025)") and first.name == worse["name_en"]
    assert [c.indicator_id for c in found.group("better")] == [better["indicator_id"]]
    assert found.group("better")[0].status_before == "not_completed"
    assert found.group("better")[0].status_now in statuses.GOOD
    assert found.counts == {"worse": 1, "better": 1, "new": 0, "gone": 0} and found.total == 2
    assert first.district is None                     # a city row: a link to it carries no district


def test_a_moment_read_inclusive_lists_that_writes_own_changes(one_worse_one_better):
    worse, _, logged = one_worse_one_better
    at = logged.to_pydatetime()
    assert changes_since(PLAN, at, 2025, None, "zh", inclusive=True).total == 2
    assert changes_since(PLAN, at, 2025, None, "zh", inclusive=False).total == 0     # as it stood at that moment
    before = changes_since(PLAN, at - dt.timedelta(seconds=1), 2025, None, "zh", inclusive=False)
    assert before.items[0].indicator_id == worse["indicator_id"] and before.items[0].name == worse["name_zh"]
    assert before.items[0].value_now_text.endswith("（2025）")


def test_a_district_sees_only_its_own_changes(one_worse_one_better):
    _, _, logged = one_worse_one_better
    district = db.run("areas").query("kind == 'district'")["area_code"].iloc[0]
    assert changes_since(PLAN, logged.to_pydatetime(), 2025, district, "zh", inclusive=True).total == 0


# ---- an action's roll-up ------------------------------------------------------------------------------

def judged_targets(year: int, area: str | None = None) -> pd.DataFrame:
    targets = db.run("overview_targets", plan_id=PLAN, year=year, area_code=area)
    return targets[~targets["is_city_only"].astype(bool)]


@pytest.mark.parametrize("area", [None, "330212"])
def test_in_the_target_year_an_actions_verdicts_add_up_to_its_targets_and_there_is_no_pace(demo_warehouse, area):
    targets = judged_targets(2025, area)
    rows = db.run("overview_actions", plan_id=PLAN, year=2025, area_code=area).to_dict("records")
    assert rows
    for row in rows:
        rollup = action_views.of_row(row, final=True)
        mine = targets[targets["action_no"] == rollup.action_no]["status"]
        assert rollup.counts == {code: n for code, n in Counter(mine).items()}, rollup.action_no
        assert rollup.count_targets == len(mine) == sum(rollup.verdicts.values())
        assert rollup.verdicts == judgement.verdict_counts(mine)
        assert rollup.mean_time_pct is None and rollup.final
        assert (rollup.status is None) == (len(mine) == 0)
        if rollup.judged:
            done = sum(mine.isin(["completed", "completed_early"]))
            assert rollup.completed == done
            assert rollup.unfinished == sum(mine.isin(["nearly_completed", "not_completed"]))
            assert counts_line(rollup, "zh").startswith(f"{len(mine)}项中{done}项已完成")


def test_before_the_target_year_an_action_counts_its_off_track_targets_and_keeps_its_pace(demo_warehouse):
    targets = judged_targets(2023)
    judged = [action_views.of_row(r, final=False)
              for r in db.run("overview_actions", plan_id=PLAN, year=2023, area_code=None).to_dict("records")]
    judged = [r for r in judged if r.judged]
    assert judged
    for rollup in judged:
        mine = targets[targets["action_no"] == rollup.action_no]["status"]
        assert rollup.count_off_track == sum(mine.isin(statuses.OFF_TRACK))
        assert sum(rollup.counts.values()) == rollup.count_targets == len(mine)
        assert list(rollup.counts) == [c for c in statuses.ORDER if c in rollup.counts]      # worst first
        assert counts_line(rollup, "en") == f"{len(mine)} targets, {rollup.count_off_track} off track"
    assert any(r.mean_time_pct is not None for r in judged)


def test_the_action_screens_counts_are_the_cards_it_shows(demo_warehouse):
    district = "330212"
    rows = db.run("action_targets", plan_id=PLAN, action_no=12, year=2025, area_code=district).to_dict("records")
    rollup = action_views.of_targets(rows, 12, final=True)
    assert rollup.count_targets == len(rows)
    assert rollup.counts == dict(Counter(r["status"] for r in rows))
    assert rollup.count_city_only == sum(bool(r["is_city_only"]) for r in rows)
    assert sum(rollup.verdicts.values()) == len(rows)


def test_the_tile_the_slide_and_the_pack_say_the_same_counts(demo_warehouse):
    from components.screens import overview, present
    from tracker.brief import content

    for year, final in ((2025, True), (2023, False)):
        rows = db.run("overview_actions", plan_id=PLAN, year=year, area_code=None)
        targets = db.run("overview_targets", plan_id=PLAN, year=year, area_code=None)
        row = next(r for r in rows.to_dict("records") if r["count_targets"] > 2)
        line = counts_line(action_views.of_row(row, final=final), "zh")
        assert line in overview.tile(row, "zh", False, final).body
        assert present.action_slide_view(row, targets, "zh", year=year, final=final).summary == line
        action = content.Action(action_no=int(row["action_no"]), name="", summary="",
                                rollup=action_views.of_row(row, final=final), targets=(), quotes=())
        assert content.progress_line(action, "zh").startswith(line)


def test_the_mid_term_grades_count_each_judged_target_once_and_leave_out_city_only_ones(demo_warehouse):
    from tracker.views import grade_counts

    targets = db.run("overview_targets", plan_id=PLAN, year=2023, area_code="330212")
    judged = targets[~targets["is_city_only"].astype(bool)]
    assert targets["is_city_only"].any()                  # a district: some targets have city figures only
    grades = grade_counts(targets)
    assert sum(grades.values()) == len(judged)
    assert grades == {g.code: int((judged["grade"].fillna("no_data") == g.code).sum()) for g in statuses.GRADES}
