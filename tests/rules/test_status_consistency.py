"""The status a screen shows for a target and area is the one `export-status` writes."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import db

ROOT = Path(__file__).resolve().parents[2]
PLAN = "nb-cp-2021-2025"


@pytest.fixture(scope="module")
def exported(demo_warehouse, tmp_path_factory) -> dict[tuple[str, str], dict]:
    out = tmp_path_factory.mktemp("export") / "status.csv"
    env = dict(os.environ, TRACKER_WAREHOUSE=str(demo_warehouse))
    done = subprocess.run([sys.executable, "-m", "tracker", "export-status", "--year", "2025", "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    return {(r["indicator_id"], r["area_code"]): r for r in rows}


def assert_same(frame, exported, status_col="status"):
    compared = 0
    for row in frame.to_dict("records"):
        key = (row["indicator_id"], row["area_code"])
        if key in exported:
            assert row[status_col] == exported[key]["status"], key
            compared += 1
        else:
            assert row[status_col] in (None, "no_data") or row[status_col] != row[status_col], key
    return compared


def test_export_uses_the_published_status_words(exported):
    # 2025 is the plan's target year: every status is a verdict, the verdict column says the same
    # and no mid-term grade is given (tracker/judgement.py)
    allowed = {"completed_early", "completed", "nearly_completed", "not_completed", "no_data"}
    assert {r["status"] for r in exported.values()} <= allowed
    assert all(r["verdict"] == r["status"] and r["grade"] == "" for r in exported.values())
    assert len({k[0] for k in exported}) == 111


def test_overview_shows_the_exported_status(demo_warehouse, exported):
    frame = db.run("overview_targets", path=demo_warehouse, plan_id=PLAN, year=2025, area_code=None)
    assert assert_same(frame, exported) >= 100


@pytest.mark.parametrize("action_no", [4, 12, 16, 18])
def test_action_page_shows_the_exported_status(demo_warehouse, exported, action_no):
    frame = db.run("action_targets", path=demo_warehouse, plan_id=PLAN, action_no=action_no, year=2025,
                   area_code=None)
    assert assert_same(frame, exported) == len(frame)


@pytest.mark.parametrize("district", ["330203", "330212", "330282"])
def test_district_scorecard_shows_the_exported_status(demo_warehouse, exported, district):
    frame = db.run("district_scorecard", path=demo_warehouse, plan_id=PLAN, year=2025, district=district)
    judged = frame[frame["is_judged"]]
    assert assert_same(judged, exported) == len(judged) > 0
