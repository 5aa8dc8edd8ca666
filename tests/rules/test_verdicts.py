"""The end of the plan is judged by completion, before it by mid-term grades (DESIGN §6,
tracker/judgement.py): the rule, the engine's rows, and every 2025 verdict of the demo recomputed
from the exported figures and the catalogue alone."""
from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from tests.cli_run import run
from tracker import judgement
from tracker.progress import compute_status
from tracker.text import number, pct

ROOT = Path(__file__).resolve().parents[2]
BASE = dict(plan_id="P", action_no=1, comparator=">=", target_value=100.0, target_high=None, target_year=2025,
            baseline_year=2020, direction="up", measure="level", method="linear", scope="city", aggregation="none")


def series(spec: dict, values: dict[int, float], nearly_pct: float | None = None) -> pd.DataFrame:
    indicators = pd.DataFrame([dict(BASE, indicator_id="X", **spec, nearly_pct=nearly_pct)])
    obs = pd.DataFrame([dict(indicator_id="X", area_code="330200", year=y, value=v) for y, v in values.items()])
    return compute_status(indicators, obs).set_index("year")


# ---- the rule -----------------------------------------------------------------------------------

@pytest.mark.parametrize("met, since, progress, nearly, expected", [
    (True, 2025, 120.0, None, "completed"),
    (True, 2023, 120.0, None, "completed_early"),
    (False, None, 90.0, None, "nearly_completed"),          # the plan's default threshold, inclusive
    (False, None, 89.99, None, "not_completed"),
    (False, None, 85.0, 80.0, "nearly_completed"),          # the plan's own nearly_pct
    (False, None, -20.0, None, "not_completed"),            # below the base: not completed
    (False, None, None, None, "not_completed"),
])
def test_verdict_rule(met, since, progress, nearly, expected):
    assert judgement.verdict(met, since, 2025, progress, nearly) == expected


@pytest.mark.parametrize("status, ratio, expected", [
    ("achieved", None, "achieved_early"), ("on_track", 1.0, "ahead"), ("on_track", 0.97, "as_expected"),
    ("accelerate", 0.94, "behind"), ("backwards", -0.5, "behind"), ("no_data", None, "no_data"),
    ("milestone_done", None, "achieved_early"), ("milestone_in_progress", None, "as_expected"),
    ("milestone_not_started", None, "behind"),
])
def test_grade_rule(status, ratio, expected):
    assert judgement.grade(status, ratio) == expected


# ---- the engine ---------------------------------------------------------------------------------

def test_target_year_gets_a_verdict_and_no_pace():
    rows = series({}, {2020: 50, 2022: 70, 2025: 96})
    assert rows.loc[2022, "status"] in ("on_track", "accelerate", "limited", "backwards") and rows.loc[2022, "grade"] == "ahead"
    final = rows.loc[2025]
    assert final["status"] == "nearly_completed"                # 完成进度 92% ≥ 90%
    assert final["progress_pct"] == pytest.approx(92.0)
    assert pd.isna(final["time_pct"]) and pd.isna(final["projected_value"]) and final["grade"] is None
    assert series({}, {2020: 50, 2025: 94}).loc[2025, "status"] == "not_completed"           # 88%
    assert series({}, {2020: 50, 2025: 94}, nearly_pct=85).loc[2025, "status"] == "nearly_completed"


def test_completed_early_means_met_before_and_held():
    held = series({}, {2020: 50, 2023: 101, 2024: 105, 2025: 110})
    assert held.loc[2025, "status"] == "completed_early" and held.loc[2025, "first_met_year"] == 2023
    assert held.loc[2023, "grade"] == "achieved_early"
    lost = series({}, {2020: 50, 2023: 101, 2024: 99, 2025: 110})      # met, lost, met again in 2025
    assert lost.loc[2025, "status"] == "completed" and lost.loc[2025, "first_met_year"] == 2025


def test_a_growth_target_compares_achieved_with_required_growth():
    rows = series(dict(measure="growth_rate", target_value=10.0), {y: 9.2 for y in range(2021, 2026)})
    assert rows.loc[2025, "progress_pct"] == pytest.approx(92.0) and rows.loc[2025, "status"] == "nearly_completed"


def test_milestones_at_the_end_are_completed_or_not():
    spec = dict(comparator="qualitative", measure="qualitative", method="milestone", target_value=None)
    indicators = pd.DataFrame([dict(BASE, indicator_id="Q", **spec)])
    obs = pd.DataFrame([dict(indicator_id="Q", area_code="330200", year=y, value=None, milestone=m)
                        for y, m in [(2023, "in_progress"), (2025, "in_progress")]])
    rows = compute_status(indicators, obs).set_index("year")
    assert rows.loc[2023, "status"] == "milestone_in_progress" and rows.loc[2023, "grade"] == "as_expected"
    assert rows.loc[2025, "status"] == "not_completed"


def test_headline_counts_add_up():
    counts = judgement.verdict_counts(["completed", "completed_early", "nearly_completed", "not_completed", None,
                                       "no_data", "on_track"])
    assert sum(counts.values()) == 6 and counts["no_data"] == 2
    line = judgement.final_headline(counts, "zh", "全市")
    assert line == "全市6项目标：已完成2项（其中提前完成1项），基本完成1项，未完成1项，无数据2项。"
    assert judgement.final_headline(counts, "en", "Whole city").startswith("Whole city: 6 targets: 2 completed (1 of them")


def test_one_rounding_rule():
    """A chart label and the table beside it show the same figure: half away from zero, once."""
    assert pct(62.5) == "63%" and pct(119.5) == "120%" and number(0.125) == "0.13" and number(-2.5, 0) == "-3"


# ---- every 2025 verdict of the demo, from the exports alone --------------------------------------

def quantity(rows: dict[int, float], measure: str, method: str, base_year: int) -> dict[int, float]:
    """The compared quantity per year: the value, the running sum of additions, the mean growth."""
    out, years = {}, sorted(rows)
    for y in years:
        if y <= base_year:
            continue
        upto = [rows[x] for x in years if base_year < x <= y]
        if measure == "count_new" or method == "cumulative":
            out[y] = sum(upto)
        elif measure == "growth_rate":
            out[y] = sum(upto) / len(upto)
        else:
            out[y] = rows[y]
    return out


def meets(q: float, comparator: str, low: float, high: float | None, measure: str) -> bool:
    if comparator == ">=":
        return q >= low - 1e-9
    if comparator == "<=":
        return q <= low + 1e-9
    return low - 1e-9 <= q and (measure == "count_new" or q <= (high if high is not None else low) + 1e-9)


def test_every_2025_verdict_recomputed_from_the_exports(demo_warehouse, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_WAREHOUSE", str(demo_warehouse))
    for name, args in (("obs", ["export-observations"]), ("status", ["export-status", "--year", "2025"])):
        code, _, err = run(capsys, *args, "--out", tmp_path / f"{name}.csv")
        assert code == 0, err
    catalogue = {r["indicator_id"]: r for r in csv.DictReader((ROOT / "data/catalog/indicators.csv").open(encoding="utf-8"))}
    plan = next(csv.DictReader((ROOT / "data/catalog/plans.csv").open(encoding="utf-8")))
    nearly = float(plan["nearly_pct"] or judgement.NEARLY_PCT)
    values: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    milestones: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for r in csv.DictReader((tmp_path / "obs.csv").open(encoding="utf-8")):
        key = (r["indicator_id"], r["area_code"])
        if r["milestone"]:
            milestones[key][int(r["year"])] = r["milestone"]
        elif r["value"]:
            values[key][int(r["year"])] = float(r["value"])
    exported = list(csv.DictReader((tmp_path / "status.csv").open(encoding="utf-8")))
    checked = 0
    for row in exported:
        spec, key = catalogue[row["indicator_id"]], (row["indicator_id"], row["area_code"])
        assert row["verdict"] == row["status"] and row["grade"] == ""
        if int(row["year"]) < 2025:
            assert row["verdict"] == "no_data"
            continue
        if spec["comparator"] == "qualitative":
            done = [y for y, m in sorted(milestones[key].items()) if m == "done"]
            expected = "not_completed" if milestones[key].get(2025) != "done" else (
                "completed_early" if min(done) < 2025 and all(milestones[key].get(y) == "done"
                                                              for y in range(min(done), 2026) if y in milestones[key])
                else "completed")
            assert row["verdict"] == expected, key
            checked += 1
            continue
        base_year = min(y for y in values[key] if y >= int(spec["baseline_year"]))
        q = quantity(values[key], spec["measure"], spec["method"], base_year)
        low = float(spec["target_value"])
        high = float(spec["target_high"]) if spec["target_high"] else None
        met = {y: meets(v, spec["comparator"], low, high, spec["measure"]) for y, v in q.items()}
        if met[2025]:
            since = 2025
            while since - 1 in met and met[since - 1]:
                since -= 1
            expected = "completed_early" if since < 2025 else "completed"
            assert int(row["first_met_year"]) == since, key
        else:
            progress = float(row["progress_pct"]) if row["progress_pct"] else math.nan
            if spec["measure"] not in ("growth_rate",) and row["baseline_value"]:
                b = 0.0 if spec["measure"] == "count_new" or spec["method"] == "cumulative" else values[key][base_year]
                goal = low if spec["comparator"] != "range" else (low if q[2025] < low else high)
                d = 1 if (spec["comparator"] == ">=" or (spec["comparator"] == "range" and q[2025] < low)) else -1
                if goal != b:
                    assert progress == pytest.approx(d * (q[2025] - b) / abs(goal - b) * 100, rel=1e-6), key
            expected = "nearly_completed" if progress >= nearly else "not_completed"
        assert row["verdict"] == expected, key
        checked += 1
    assert checked >= 400
    assert {r["verdict"] for r in exported} >= {"completed", "completed_early", "nearly_completed", "not_completed"}
