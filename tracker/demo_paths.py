"""Building blocks of the demo generator (tracker/demo.py): a target reduced to what the generator
needs (Spec), the outcome mix, rounding rules, smooth paths, exact integer splits, district gaps,
yes/no district grids and milestone plans.

Everything here is pure: a function takes a numpy Generator (or nothing) and returns numbers, so
tracker/demo.py stays a readable list of cases.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

# The outcome mix of the demo (DESIGN.md section 4): most met or close, a fifth behind, a few backwards.
OUTCOMES = ("achieved", "close", "behind", "backwards")
OUTCOME_P = (0.55, 0.20, 0.20, 0.05)
# Final progress, as a fraction of the way from baseline to target, for each outcome.
FRACTION = {"achieved": (1.03, 1.20), "close": (0.80, 0.97), "behind": (0.30, 0.75), "backwards": (-0.20, -0.05)}

# Units whose counts are whole numbers (个 家 所 张 名 支 条 项 人 户 公里).
INT_UNITS = ("个", "家", "所", "张", "名", "支", "条", "项", "人", "户", "公里")


@dataclass(frozen=True)
class Spec:
    """One target, reduced to what the generator needs."""
    indicator_id: str
    comparator: str
    target: float
    high: float
    years: np.ndarray
    measure: str
    method: str
    scope: str
    aggregation: str
    lower_is_better: bool
    dec: int

    @property
    def taus(self) -> np.ndarray:
        return (self.years - self.years[0]) / max(self.years[-1] - self.years[0], 1)

    def meets(self, value: float) -> bool:
        return meets(value, self.comparator, self.target, self.high)

    @classmethod
    def from_record(cls, r: dict) -> "Spec":
        """One row of indicators.csv (as a dict)."""
        def num(key):
            value = pd.to_numeric(r.get(key), errors="coerce")
            return float(value) if pd.notna(value) else math.nan

        measure, comparator = str(r.get("measure")), str(r.get("comparator"))
        target = num("target_value")
        if math.isnan(target) and comparator != "qualitative":  # a numeric target without a number
            target = {"share": 50.0, "growth_rate": 5.0}.get(measure, 100.0)
        base_year, target_year = num("baseline_year"), num("target_year")
        years = np.arange(int(base_year) if not math.isnan(base_year) else 2020,
                          (int(target_year) if not math.isnan(target_year) else 2025) + 1)
        return cls(
            indicator_id=str(r["indicator_id"]), comparator=comparator, target=target, high=num("target_high"),
            years=years, measure=measure, method=str(r.get("method")), scope=str(r.get("scope")),
            aggregation=str(r.get("aggregation")),
            lower_is_better=comparator == "<=" or (comparator == "range" and r.get("direction") == "down"),
            dec=decimals(measure, str(r["unit_zh"]) if pd.notna(r.get("unit_zh")) else "",
                         0.0 if math.isnan(target) else target),
        )


def draw_outcome(rng: np.random.Generator) -> tuple[str, float]:
    """One of OUTCOMES and its final progress fraction."""
    outcome = OUTCOMES[int(rng.choice(len(OUTCOMES), p=OUTCOME_P))]
    low, high = FRACTION[outcome]
    return outcome, float(rng.uniform(low, high))


def decimals(measure: str, unit: str, target: float) -> int:
    """Rounding rule: shares and growth 1 decimal, 万/亿 units 2, whole things (个, 所, 人...) 0."""
    unit = unit or ""
    if measure in ("share", "growth_rate") or "%" in unit:
        return 1
    if "万" in unit or "亿" in unit:
        return 2
    if "/" not in unit and any(u in unit for u in INT_UNITS):
        return 0
    if measure == "count_new":
        return 1
    return 0 if abs(target) >= 1000 else 1 if abs(target) >= 10 else 2


def rounded(values, dec: int) -> np.ndarray:
    """Round half-even to dec places; -0.0 becomes 0.0 so output is stable and tidy."""
    return np.round(np.asarray(values, dtype=float), dec) + 0.0


def shape(rng: np.random.Generator, taus: np.ndarray) -> np.ndarray:
    """A smooth 0 → 1 curve over taus in [0, 1]: front-loaded, even or back-loaded."""
    return np.power(taus, rng.uniform(0.7, 1.5))


def path(rng: np.random.Generator, start: float, end: float, taus: np.ndarray,
         geometric: bool = False, noise: float = 0.03) -> np.ndarray:
    """Values from start (tau 0) to end (tau 1) along a smooth curve with small noise in between.

    geometric: constant-growth interpolation (for the cagr method) when both ends are positive.
    """
    s = shape(rng, taus)
    wobble = rng.normal(0.0, noise, len(taus)) * abs(end - start)
    wobble[0] = wobble[-1] = 0.0
    if geometric and start > 0 and end > 0:
        return start * np.power(end / start, s) + wobble
    return start + (end - start) * s + wobble


def centered(values: np.ndarray, weights: np.ndarray, axis: int = 0) -> np.ndarray:
    """values minus their weighted mean along axis, so the weighted mean becomes zero."""
    w = np.asarray(weights, dtype=float)
    shape_ = [1] * values.ndim
    shape_[axis] = -1
    w = w.reshape(shape_)
    return values - (values * w).sum(axis=axis, keepdims=True) / w.sum()


def split_int(total: int, weights) -> np.ndarray:
    """Split a non-negative integer into parts proportional to weights (largest remainder, exact)."""
    w = np.clip(np.asarray(weights, dtype=float), 0.0, None)
    if total <= 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=np.int64)
    raw = total * w / w.sum()
    parts = np.floor(raw).astype(np.int64)
    order = np.argsort(-(raw - parts), kind="stable")
    parts[order[: total - int(parts.sum())]] += 1
    return parts


def spread_factor(rng: np.random.Generator) -> float:
    """How district gaps change from baseline to target year: < 1 narrowing, > 1 widening."""
    kind = int(rng.choice(3, p=(0.5, 0.3, 0.2)))
    return float(rng.uniform(*((0.25, 0.7), (1.3, 1.8), (0.9, 1.1))[kind]))


def meets(value: float, comparator: str, target: float, high: float | None = None) -> bool:
    """Whether a value satisfies a numeric comparator (range: target ≤ value ≤ high)."""
    if value is None or np.isnan(value) or target is None or np.isnan(target):
        return False
    if comparator == ">=":
        return value >= target - 1e-9
    if comparator == "<=":
        return value <= target + 1e-9
    if comparator == "range":
        top = high if high is not None and not np.isnan(high) else target
        return target - 1e-9 <= value <= top + 1e-9
    return False


def make_meet(values: np.ndarray, comparator: str, target: float, high: float | None) -> np.ndarray:
    """Move every value just far enough to satisfy the comparator (used to settle rounding edges)."""
    if comparator == "<=":
        return np.minimum(values, target)
    if comparator == "range":
        top = high if high is not None and not np.isnan(high) else target
        return np.clip(values, target, top)
    return np.maximum(values, target)


def deviations(rng: np.random.Generator, weights: np.ndarray, taus: np.ndarray, scale: float,
               limit: float | None = None) -> np.ndarray:
    """District × year gaps around zero (weighted mean zero every year) that narrow or widen.

    Each district keeps its own sign (ahead or behind) with a little yearly noise; the gap is
    scaled by spread_factor from the baseline to the target year. limit caps any single gap.
    """
    k = spread_factor(rng)
    gamma = np.clip(rng.normal(0.0, 1.0, len(weights)), -2.0, 2.0) * scale
    eps = rng.normal(0.0, 0.06 * scale, (len(weights), len(taus)))
    gaps = gamma[:, None] * (1.0 + (k - 1.0) * taus[None, :]) + eps
    if limit is not None:
        gaps = np.clip(gaps, -limit, limit)
    return centered(gaps, weights, axis=0)


def binary_grid(rng: np.random.Generator, outcome: str, count: int, years: np.ndarray) -> np.ndarray:
    """count × years of 0 or 100: which districts have it in each year.

    achieved: every district by the target year; close: all but one or two; behind: 40–70 %;
    backwards: no new district, and one that had it loses it.
    """
    order = rng.permutation(count)
    start = int(rng.integers(0, 3))
    final = {"achieved": count, "close": count - int(rng.integers(1, 3)),
             "behind": int(round(count * rng.uniform(0.4, 0.7))), "backwards": start}[outcome]
    start = min(start, final)
    never = int(years[-1]) + 1
    got = np.full(count, never)
    got[order[:start]] = years[0]
    got[order[start:final]] = np.sort(rng.choice(years[1:], final - start))
    lost = np.full(count, never)
    if outcome == "backwards" and start > 0:
        lost[order[int(rng.integers(0, start))]] = int(rng.choice(years[2:]))
    has = (got[:, None] <= years[None, :]) & (years[None, :] < lost[:, None])
    return np.where(has, 100.0, 0.0)


def milestone_plan(rng: np.random.Generator, outcome: str, years: np.ndarray,
                   district: bool = False) -> tuple[float, float]:
    """(year started, year done) for a milestone, inf for never.

    achieved: started by the third year, done in one of the last two (a district: from the third);
    close/behind: started, not done; backwards: not started until the last year, or never.
    """
    y0 = int(years[0])
    if outcome == "achieved":
        done = rng.choice(years[2:] if district else years[-2:])
        return float(y0 + rng.integers(0, 3)), float(done)
    if outcome in ("close", "behind"):
        return float(y0 + rng.integers(1, 3) + (outcome == "behind")), np.inf
    return (float(years[-1]) if rng.random() < 0.5 else np.inf), np.inf


def milestones(years: np.ndarray, started: float, done: float) -> list[str]:
    """The status in each year: not_started, in_progress or done."""
    return ["done" if y >= done else "in_progress" if y >= started else "not_started" for y in years]
