"""`export-status` agrees with an independent reading of Open SDG's progress measure for every
`cagr` target and area in the demo data (ratio to 1e-6, status exactly)."""
from __future__ import annotations

import csv
import math
import os
import subprocess
import sys
from pathlib import Path

from tracker import db

ROOT = Path(__file__).resolve().parents[2]


def open_sdg(v0, vt, t0, t, target, target_year, direction):
    """Straight from the method: observed vs required compound growth (zero replaced by 0.001)."""
    v0 = v0 or 0.001
    target = target or 0.001
    g_o = (vt / v0) ** (1 / (t - t0)) - 1
    g_r = (target / v0) ** (1 / (target_year - t0)) - 1
    s = -1 if v0 < 0 else 1
    d = 1 if direction == "up" else -1
    return s * d * g_o / abs(g_r)


def word(ratio):
    return "on_track" if ratio >= 0.95 else "accelerate" if ratio >= 0.6 else "limited" if ratio >= 0 else "backwards"


def test_every_cagr_status_matches(demo_warehouse, tmp_path):
    out = tmp_path / "status.csv"
    env = dict(os.environ, TRACKER_WAREHOUSE=str(demo_warehouse))
    # 2024, the last year judged by pace (2025, the target year, is judged by completion: test_verdicts.py)
    done = subprocess.run([sys.executable, "-m", "tracker", "export-status", "--year", "2024", "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    indicators = db.run("indicators", path=demo_warehouse, plan_id="nb-cp-2021-2025", action_no=None)
    meta = {r["indicator_id"]: r for r in indicators.to_dict("records")}
    checked = 0
    for row in csv.DictReader(out.open(encoding="utf-8")):
        ind = meta[row["indicator_id"]]
        if ind["method"] != "cagr":
            continue
        value, target = float(row["value"]), float(ind["target_value"])
        meets = value >= target if ind["comparator"] == ">=" else value <= target
        if meets:
            assert row["status"] == "achieved", row
        else:
            ratio = open_sdg(float(row["baseline_value"]), value, int(row["baseline_year"]), int(row["year"]),
                             target, int(ind["target_year"]), ind["direction"])
            assert math.isclose(float(row["ratio"]), ratio, rel_tol=0, abs_tol=1e-6), row
            assert row["status"] == word(ratio), row
        checked += 1
    assert checked >= 19  # every cagr target has a city (or region) row; rates have district rows too
