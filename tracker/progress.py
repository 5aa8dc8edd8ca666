"""The progress engine: the status of every target in every area and year (DESIGN §6).

Pure pandas/numpy: no database, no Streamlit. ``compute_status`` turns the catalogue's indicators and
the observations in force into the rows of table ``status`` (queries/schema/04_status.sql).

The method follows Open SDG's progress measure (open-sdg/sdg-build ``sdg/ProgressMeasure.py``, after
Statistics Canada), assessed separately for each year with the data up to that year:

* The quantity compared with the target: the value itself (level, share); for ``count_new`` (and any
  ``cumulative`` method) the sum of the yearly additions since the baseline year (base 0); for
  ``growth_rate`` the mean of the yearly growth rates since the baseline year.
* Achieved first: the quantity meets the comparator (``>=``, ``<=``, ``range`` inclusive). A count of
  new facilities above a range's upper bound is over-fulfilled and counts as achieved (超额完成);
  any other value outside a range is measured toward the nearer bound.
* ``cagr``, exactly as Open SDG: g_o = (v_t/v_0)^(1/(t−t_0)) − 1, g_r = (T/v_0)^(1/(Y−t_0)) − 1,
  R = s·d·g_o/|g_r|; a zero base or target becomes 0.001; a missing base year moves to the next year
  with data; fewer than two years, base and latest of opposite sign, or a target of the opposite sign
  to the base (g_r undefined) give no data.
* ``linear`` and ``cumulative``: R = 完成进度/序时进度, progress_pct = d·(v − b)/|T − b|·100 (d = +1 for
  ``>=``, −1 for ``<=``: the usual (v − b)/(T − b) when the base is short of the target),
  time_pct = (t − t_0)/(Y − t_0)·100 with the base year actually used.
* Hold targets, where the base already meets the target (a ceiling above the base, a floor below
  it, or target == base): achieved while the value meets it (progress_pct 100, no ratio); once it
  fails, the value has moved from meeting the target to missing it: going backwards, with
  progress_pct as above (negative) or, when target == base, no progress_pct and R = −1.
* ``growth_rate`` (targets on the mean yearly growth a, e.g. "年均增长10%以上", "零增长"): achieved
  when a meets the comparator. A pace target (``>=`` a positive rate, ``<=`` a negative one) gives
  R = a/T, the share of the required pace reached (negative when growth runs the wrong way). A cap
  (``<=`` a rate ≥ 0, ``>=`` a rate ≤ 0) gives R = T/a when T ≠ 0 (the allowed over the actual pace)
  and R = −1 for a zero-growth target that is missed (the level has moved away from its base).
  progress_pct = R·time_pct so that R = 完成进度/序时进度 holds here too.
* R ≥ 0.95 on track, 0.6 ≤ R < 0.95 accelerate, 0 ≤ R < 0.6 limited, R < 0 backwards.
* score: Open SDG's score for a quantitative target, verbatim: 5 when achieved, else
  min(7.1429·R − 4.2857, 5) for R ≥ 0.6 and max(4.1667·R − 2.5, −5) below (2.5 at R = 0.95, 0 at 0.6,
  −2.5 at 0, −5 at R ≤ −0.6). Qualitative milestones and no-data rows have no score.
* projected_value (at the target year): cagr extends g_o; linear extends the least-squares slope of
  the last three points (two points: base → latest); cumulative adds the mean yearly addition for each
  remaining year; growth_rate keeps the mean growth. From the target year on it is the value itself.
* required_annual_change, per remaining year to the target: (T − v)/(Y − t) in the indicator's unit;
  cagr the required growth in % a year, ((T/v)^(1/(Y − t)) − 1)·100; growth_rate the growth needed in
  each remaining year for the period mean to reach T, (T·(Y − t_0) − a·(t − t_0))/(Y − t). 0 when
  achieved; empty when no year is left. achieved_annual_change: (v − b)/(t − t_0), cagr g_o in %,
  growth_rate a.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker import judgement, methods
from tracker.methods.base import HOLD_BROKEN
from tracker.statuses import MILESTONE_STATUS

STATUS_COLUMNS: list[str] = [
    "plan_id", "indicator_id", "action_no", "area_code", "year", "baseline_year", "baseline_value",
    "value", "target_value", "target_high", "progress_pct", "time_pct", "ratio", "status", "score",
    "projected_value", "required_annual_change", "achieved_annual_change", "grade", "first_met_year",
]
ON_TRACK, ACCELERATE, LIMITED = 0.95, 0.6, 0.0   # Open SDG's default high / med / low thresholds


def _num(x) -> float | None:
    """A float, or None for None/NaN/pd.NA."""
    if x is None or x is pd.NA:
        return None
    x = float(x)
    return None if math.isnan(x) else x


@dataclass(frozen=True)
class Target:
    comparator: str
    target_value: float | None
    target_high: float | None
    target_year: int
    baseline_year: int
    direction: str
    measure: str
    method: str
    nearly_pct: float | None = None     # the plan's 基本完成 threshold (judgement.NEARLY_PCT when None)

    @classmethod
    def from_row(cls, row) -> "Target":
        return cls(str(row.comparator), _num(row.target_value), _num(row.target_high), int(row.target_year),
                   int(row.baseline_year), str(row.direction), str(row.measure), str(row.method),
                   _num(getattr(row, "nearly_pct", None)))

    @property
    def is_cumulative(self) -> bool:
        """The compared quantity is the sum of the yearly additions (tracker.methods.sums)."""
        return methods.sums(self)


def status_from_ratio(ratio: float | None) -> str:
    """Open SDG's thresholds: on track, accelerate, limited, backwards; no ratio is no data."""
    if ratio is None or math.isnan(ratio):
        return "no_data"
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= ACCELERATE:
        return "accelerate"
    return "limited" if ratio >= LIMITED else "backwards"


def score_from_ratio(ratio: float | None, achieved: bool = False) -> float | None:
    """Open SDG's score for a quantitative target (``SeriesProgress.get_score``, method 2), −5..5."""
    if achieved:
        return 5.0
    if ratio is None or math.isnan(ratio):
        return None
    if ratio >= ACCELERATE:
        return min(7.1429 * ratio - 4.2857, 5.0)
    return max(4.1667 * ratio - 2.5, -5.0)


def _meets(v: float, op: str, target: float) -> bool:
    return v >= target if op == ">=" else v <= target


def goal(t: Target, v: float) -> tuple[str, float, int, bool]:
    """(comparator, target, d, achieved) for quantity ``v``; a range becomes its nearer bound."""
    if t.comparator != "range":
        return t.comparator, t.target_value, (1 if t.comparator == ">=" else -1), _meets(v, t.comparator, t.target_value)
    low, high = t.target_value, t.target_high if t.target_high is not None else t.target_value
    if v < low:
        return ">=", low, 1, False
    if v > high and t.measure != "count_new":
        return "<=", high, -1, False
    inside = v <= high or t.measure == "count_new"
    return (">=", low, 1, inside) if t.direction == "up" else ("<=", high, -1, inside)


def _holds(t: Target, op: str, target: float, base: float) -> bool:
    if t.comparator == "range":
        return t.target_value <= base <= (t.target_high if t.target_high is not None else t.target_value)
    return _meets(base, op, target)


def point(t: Target, years: np.ndarray, q: np.ndarray, year: int) -> methods.Point:
    """Where the quantity ``q`` (first point = the base) stands against the target in ``year``."""
    base_year, b, v = int(years[0]), float(q[0]), float(q[-1])
    op, target, d, achieved = goal(t, v)
    span = t.target_year - base_year
    hold = _holds(t, op, target, b)
    progress = 100.0 if hold and achieved else (None if target == b else d * (v - b) / abs(target - b) * 100.0)
    return methods.Point(t, years, q, year, base_year, b, v, op, target, d, achieved, hold, progress,
                         100.0 * (year - base_year) / span if span > 0 else None)


def pace(t: Target, p: methods.Point) -> methods.Pace | None:
    """The target's method on point ``p`` (tracker/methods/); None before there are two points."""
    if len(p.years) < 2 or t.target_year - p.base_year <= 0:
        return None
    return methods.measuring(t).pace(p)


def assess_level(t: Target, years: np.ndarray, q: np.ndarray, year: int) -> dict:
    """One year's assessment of a level/share/cumulative quantity ``q`` (first point = the base)."""
    p = point(t, years, q, year)
    out = dict(baseline_year=p.base_year, baseline_value=p.b, value=p.v, progress_pct=p.progress,
               time_pct=p.time_pct, ratio=None, achieved=p.achieved, projected_value=None,
               achieved_annual_change=None, required_annual_change=0.0 if p.achieved else None)
    found = pace(t, p)
    if found is not None:
        out.update({k: getattr(found, k) for k in ("ratio", "projected_value", "achieved_annual_change",
                                                   "required_annual_change") if getattr(found, k) is not None})
    return out


def assess_growth(t: Target, growth: np.ndarray, year: int) -> dict:
    """One year's assessment of a target on the mean yearly growth rate (percent)."""
    a = float(np.mean(growth))
    op, target, _, achieved = goal(t, a)
    span, done, left = t.target_year - t.baseline_year, year - t.baseline_year, t.target_year - year
    time_pct = 100.0 * done / span if span > 0 else None
    cap = (op == "<=" and target >= 0) or (op == ">=" and target <= 0)
    if cap and achieved:
        ratio, progress = None, 100.0
    else:
        ratio = a / target if not cap else (target / a if target != 0 else HOLD_BROKEN)
        progress = ratio * time_pct if time_pct is not None else None
    required = 0.0 if achieved else ((target * span - a * done) / left if left > 0 else None)
    return dict(baseline_year=t.baseline_year, baseline_value=None, value=a, progress_pct=progress,
                time_pct=time_pct, ratio=ratio, achieved=achieved, projected_value=a,
                achieved_annual_change=a, required_annual_change=required)


def _quantity(t: Target, years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The series compared with the target, from the base point on."""
    if t.is_cumulative:
        keep = years > t.baseline_year
        return (np.concatenate([[t.baseline_year], years[keep]]),
                np.concatenate([[0.0], np.cumsum(values[keep])]))
    keep = years >= t.baseline_year
    return years[keep], values[keep]


def _series_rows(t: Target, years: np.ndarray, values: np.ndarray, milestones: np.ndarray) -> list[dict]:
    """Assess one indicator in one area for every year after the baseline with an observation, from
    the series' arrays: years ascending and distinct, values NaN when empty."""
    if t.comparator == "qualitative" or methods.get(t.method).pace is None:
        span = t.target_year - t.baseline_year
        rows, done_since = [], None
        for year, milestone in zip(years, milestones):
            if year > t.baseline_year and isinstance(milestone, str) and milestone in MILESTONE_STATUS:
                done_since = (done_since or int(year)) if milestone == "done" else None
                row = dict(year=int(year), baseline_year=t.baseline_year, status=MILESTONE_STATUS[milestone],
                           time_pct=100.0 * (year - t.baseline_year) / span if span > 0 else None,
                           first_met_year=done_since)
                rows.append(_judged(t, row, met=milestone == "done"))
        return rows
    numeric = ~np.isnan(values)
    years, values = years[numeric], values[numeric]
    if t.target_value is None:   # a numeric target without a number: the catalogue check reports it
        return [_judged(t, dict(year=int(y), baseline_year=t.baseline_year, value=float(v), status="no_data"),
                        met=None) for y, v in zip(years, values) if y > t.baseline_year]
    rows, met_since = [], None
    for year in years[years > t.baseline_year]:
        upto = years <= year
        if t.measure == "growth_rate":
            out = assess_growth(t, values[upto & (years > t.baseline_year)], int(year))
        else:
            q_years, q = _quantity(t, years[upto], values[upto])
            out = assess_level(t, q_years, q, int(year))
        achieved = out.pop("achieved")
        out["status"] = "achieved" if achieved else status_from_ratio(out["ratio"])
        out["score"] = score_from_ratio(out["ratio"], achieved)
        if out["status"] == "no_data" and year < t.target_year:   # nothing to measure yet: keep the elapsed time
            span = t.target_year - t.baseline_year
            out.update(progress_pct=None, projected_value=None, achieved_annual_change=None,
                       required_annual_change=None,
                       time_pct=100.0 * (year - t.baseline_year) / span if span > 0 else None)
        met_since = (met_since or int(year)) if achieved else None
        rows.append(_judged(t, dict(out, year=int(year), first_met_year=met_since), met=achieved))
    return rows


def _judged(t: Target, row: dict, *, met: bool | None) -> dict:
    """``row`` judged as tracker/judgement.py decides: before the target year its pace status keeps
    and the mid-term grade is added; at and after it the status becomes the verdict, and 序时进度, the
    pace ratio's projection and the remaining effort are dropped. ``met`` None: nothing to judge."""
    if not judgement.is_final(row["year"], t.target_year):
        return dict(row, grade=judgement.grade(row["status"], row.get("ratio")))
    if met is None:
        status = "no_data"
    elif row["status"].startswith("milestone_"):
        status = judgement.milestone_verdict(met, row.get("first_met_year"), t.target_year)
    else:
        status = judgement.verdict(met, row.get("first_met_year"), t.target_year, row.get("progress_pct"),
                                   t.nearly_pct)
    return dict(row, status=status, grade=None, time_pct=None, projected_value=None,
                required_annual_change=None)


def compute_status(indicators: pd.DataFrame, observations: pd.DataFrame,
                   areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of table ``status``: one per indicator × area × year after the baseline with data.

    With ``areas`` (area_code, kind), a district's breakdown of a city-wide or regional total
    (scope city/region, aggregation sum) is not assessed: the plan gives districts no share of such a
    total, so measuring one district against the whole city's target would only say "limited".
    Rates and shares (weighted/none) are assessed in every area against the plan's target.
    """
    obs = observations.copy()
    if "milestone" not in obs.columns:
        obs["milestone"] = None
    if "value" not in obs.columns:
        obs["value"] = np.nan
    obs["value"] = pd.to_numeric(obs["value"], errors="coerce").astype(float)
    obs["milestone"] = obs["milestone"].astype(object).where(pd.notna(obs["milestone"]), None)
    specs = {str(r.indicator_id): r for r in indicators.itertuples(index=False)}
    obs = obs[obs["indicator_id"].astype(str).isin(specs)]
    if areas is not None:
        kind = obs["area_code"].astype(str).map(dict(zip(areas["area_code"].astype(str), areas["kind"])))
        totals = {i for i, r in specs.items()
                  if getattr(r, "scope", None) in ("city", "region") and getattr(r, "aggregation", None) == "sum"}
        obs = obs[~(obs["indicator_id"].astype(str).isin(totals) & (kind == "district"))]
    # One sort and one pass over plain arrays: per-series pandas calls cost more than the method.
    obs = obs.assign(indicator_id=obs["indicator_id"].astype(str), area_code=obs["area_code"].astype(str))
    obs = (obs.sort_values(["indicator_id", "area_code", "year"], kind="stable")
              .drop_duplicates(["indicator_id", "area_code", "year"], keep="last"))
    ids, codes = obs["indicator_id"].to_numpy(dtype=object), obs["area_code"].to_numpy(dtype=object)
    years, values = obs["year"].to_numpy(dtype=int), obs["value"].to_numpy(dtype=float)
    milestones = obs["milestone"].to_numpy(dtype=object)
    starts = np.flatnonzero(np.r_[True, (ids[1:] != ids[:-1]) | (codes[1:] != codes[:-1])]) if len(ids) else []
    ends = np.r_[starts[1:], len(ids)] if len(ids) else []
    targets: dict[str, Target] = {}
    rows = []
    for start, end in zip(starts, ends):
        indicator_id, area_code = ids[start], codes[start]
        spec = specs[indicator_id]
        if indicator_id not in targets:
            targets[indicator_id] = Target.from_row(spec)
        fixed = dict(plan_id=str(spec.plan_id), indicator_id=indicator_id, action_no=int(spec.action_no),
                     area_code=area_code, target_value=_num(spec.target_value),
                     target_high=_num(spec.target_high))
        rows.extend(dict(row, **fixed) for row in _series_rows(
            targets[indicator_id], years[start:end], values[start:end], milestones[start:end]))
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    for col in ("plan_id", "indicator_id", "area_code", "status", "grade"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    for col in ("action_no", "year", "baseline_year"):
        frame[col] = frame[col].astype("int64")
    frame["first_met_year"] = frame["first_met_year"].astype("Int64")
    floats = [c for c in STATUS_COLUMNS if c not in {"plan_id", "indicator_id", "area_code", "status", "grade",
                                                      "action_no", "year", "baseline_year", "first_met_year"}]
    frame[floats] = frame[floats].astype(float)
    return frame.sort_values(["indicator_id", "area_code", "year"], ignore_index=True)
