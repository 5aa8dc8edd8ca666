"""The command line, run as a user would: python -m tracker ..."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def tracker(*args, warehouse: Path):
    import os

    env = dict(os.environ, TRACKER_WAREHOUSE=str(warehouse))
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", ["build", "demo", "query", "export-observations", "export-status"])
def test_every_command_has_help(command, demo_warehouse):
    done = tracker(command, "--help", warehouse=demo_warehouse)
    assert done.returncode == 0 and "usage:" in done.stdout


def test_query_prints_csv_with_bound_params(demo_warehouse):
    done = tracker("query", "indicators", "--param", "plan_id=nb-cp-2021-2025", "--param", "action_no=12",
                   warehouse=demo_warehouse)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert rows and {r["action_no"] for r in rows} == {"12"}
    assert any("康养联合体" in r["source_quote"] for r in rows)


def test_unknown_query_is_refused_with_the_list(demo_warehouse):
    done = tracker("query", "nope", warehouse=demo_warehouse)
    assert done.returncode == 2 and "known:" in done.stderr


def test_missing_parameter_is_a_clear_error(demo_warehouse):
    done = tracker("query", "indicators", warehouse=demo_warehouse)
    assert done.returncode == 1 and "missing parameter" in done.stderr and "indicators" in done.stderr


def test_export_observations_writes_every_value(demo_warehouse, tmp_path):
    out = tmp_path / "obs.csv"
    done = tracker("export-observations", "--out", str(out), warehouse=demo_warehouse)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"indicator_id", "area_code", "year", "value"} <= set(rows[0])
    assert {r["year"] for r in rows} == {str(y) for y in range(2020, 2026)}
    assert len({r["indicator_id"] for r in rows}) == 111


def test_build_and_demo_are_deterministic(tmp_path):
    first, second = tmp_path / "a" / "w.duckdb", tmp_path / "b" / "w.duckdb"
    for path in (first, second):
        assert tracker("build", warehouse=path).returncode == 0
    a = tracker("export-observations", "--out", "-", warehouse=first).stdout
    b = tracker("export-observations", "--out", "-", warehouse=second).stdout
    assert a == b and len(a.splitlines()) > 5000
    assert tracker("demo", "--seed", "7", warehouse=second).returncode == 0
    assert tracker("export-observations", "--out", "-", warehouse=second).stdout != a
