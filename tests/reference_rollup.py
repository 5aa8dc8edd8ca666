"""Reference roll-ups of target statuses and the spread between districts, in pandas (test code).

These are the reference versions of what the screens read from SQL: the action roll-up of
queries/overview_actions.sql (the overview's tiles), the district counts of district_standing.sql,
disparity.sql and status_export.sql; tests/rules/test_rollup.py checks that both give the same numbers. The
SQL is computed at every write for every plan, year and area at once (queries/schema/06*: statuses as
of a year; 07b: the roll-up, with the rule in 05_macros.sql; 09a and 09d: districts and disparity).
``plan_rollup`` and ``district_rollup`` have no SQL twin: no screen shows them.

Which targets count for an area (``target_status``):
* no area or the city: the plan's headline, one row per target: the city's value for city-wide and
  district-level targets, the region's value for regional targets (every region with a status);
* a district: the district-level targets (scope each_district or township_share);
* a region: the regional targets.
Each target takes its latest status up to the year asked for; a target with none counts as no data.

An action's (or plan's, or district's) own status, ``rollup_status``: achieved when every target with
data is achieved or completed; otherwise from the mean Open SDG score (≥ 2.5 on track, ≥ 0 accelerate,
≥ −2.5 limited, below that backwards: the score's images of the ratio thresholds 0.95, 0.6 and 0);
with no score, the least advanced milestone; otherwise no data.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.statuses import GOOD, OFF_TRACK

COUNT_CODES: tuple[str, ...] = (
    "achieved", "on_track", "accelerate", "limited", "backwards", "no_data",
    "milestone_done", "milestone_in_progress", "milestone_not_started",
    "completed_early", "completed", "nearly_completed", "not_completed",
)
DISTRICT_SCOPES = ("each_district", "township_share")
SUMMARY_COLUMNS: list[str] = (
    ["count_targets"] + [f"count_{code}" for code in COUNT_CODES]
    + ["count_off_track", "count_with_data", "mean_score", "on_track_or_achieved_pct",
       "mean_progress_pct", "mean_time_pct", "rollup_status"]
)


def status_from_score(score: float | None) -> str:
    """Open SDG's status from a mean score (get_progress_status_from_score), in our codes."""
    if score is None or pd.isna(score):
        return "no_data"
    if score >= 2.5:
        return "on_track"
    if score >= 0:
        return "accelerate"
    return "limited" if score >= -2.5 else "backwards"


def status_as_of(status: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Each indicator × area's latest status row up to ``year`` (None: the latest of all)."""
    rows = status if year is None else status[status["year"] <= year]
    latest = rows.sort_values("year").groupby(["indicator_id", "area_code"], sort=False).tail(1)
    return latest.sort_values(["indicator_id", "area_code"], ignore_index=True)


def targets_for_area(indicators: pd.DataFrame, areas: pd.DataFrame, latest: pd.DataFrame,
                     area_code: str | None = None) -> pd.DataFrame:
    """The (indicator, area) pairs that count for ``area_code`` (see the module docstring)."""
    kinds = dict(zip(areas["area_code"], areas["kind"]))
    cols = ["plan_id", "action_no", "indicator_id", "scope"]
    ind = indicators[cols]
    kind = "city" if area_code is None else kinds.get(area_code)
    if kind == "district":
        out = ind[ind["scope"].isin(DISTRICT_SCOPES)].assign(area_code=area_code)
    elif kind == "region":
        out = ind[ind["scope"] == "region"].assign(area_code=area_code)
    elif kind == "city":
        city = area_code or min(code for code, k in kinds.items() if k == "city")
        regional = latest[latest["area_code"].map(kinds) == "region"][["indicator_id", "area_code"]]
        regional = ind[ind["scope"] == "region"].merge(regional.drop_duplicates(), on="indicator_id", how="left")
        out = pd.concat([ind[ind["scope"] != "region"].assign(area_code=city), regional], ignore_index=True)
    else:
        out = ind.iloc[0:0].assign(area_code=pd.Series(dtype=object))
    return out.drop(columns="scope").reset_index(drop=True)


def target_status(status: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame,
                  year: int | None = None, area_code: str | None = None) -> pd.DataFrame:
    """One row per target that counts for the area, with its status as of ``year``."""
    latest = status_as_of(status, year)
    targets = targets_for_area(indicators, areas, latest, area_code)
    cols = ["indicator_id", "area_code", "year", "status", "score", "progress_pct", "time_pct"]
    out = final_as_of(targets.merge(latest[cols], on=["indicator_id", "area_code"], how="left"), indicators,
                      year if year is not None else (status["year"].max() if len(status) else None))
    out["status"] = out["status"].fillna("no_data")
    return out


def final_as_of(rows: pd.DataFrame, indicators: pd.DataFrame, asked: int | None) -> pd.DataFrame:
    """At and after the target year a figure of an earlier year is shown, not judged: its status
    reads no_data, with no score or 完成进度 (the SQL macro final_status)."""
    if asked is None or rows.empty:
        return rows
    target_year = pd.to_numeric(rows["indicator_id"].map(dict(zip(indicators["indicator_id"],
                                                                   indicators["target_year"]))))
    year = pd.to_numeric(rows["year"])
    stale = (target_year <= asked) & (year < target_year)
    rows = rows.copy()
    rows.loc[stale, [c for c in ("score", "progress_pct", "time_pct") if c in rows]] = np.nan
    rows.loc[stale, "status"] = "no_data"
    return rows


def _summary(rows: pd.DataFrame) -> pd.Series:
    status = rows["status"]
    counts = {f"count_{code}": int((status == code).sum()) for code in COUNT_CODES}
    with_data = int((status != "no_data").sum())
    good = int(status.isin(GOOD).sum())
    mean_score = rows["score"].mean() if rows["score"].notna().any() else np.nan
    verdicts = sum(counts[f"count_{c}"] for c in ("completed_early", "completed", "nearly_completed", "not_completed"))
    if verdicts:        # the end of the plan: completion (tracker/judgement.py)
        done = counts["count_completed_early"] + counts["count_completed"]
        rolled = "completed" if done == with_data else (
            "not_completed" if counts["count_not_completed"] else "nearly_completed")
    elif with_data and counts["count_achieved"] + counts["count_milestone_done"] == with_data:
        rolled = "achieved"
    elif pd.notna(mean_score):
        rolled = status_from_score(mean_score)
    elif counts["count_milestone_not_started"]:
        rolled = "milestone_not_started"
    elif counts["count_milestone_in_progress"]:
        rolled = "milestone_in_progress"
    else:
        rolled = "no_data"
    return pd.Series({
        "count_targets": len(rows), **counts,
        "count_off_track": int(status.isin(OFF_TRACK).sum()), "count_with_data": with_data,
        "mean_score": mean_score,
        "on_track_or_achieved_pct": 100.0 * good / with_data if with_data else np.nan,
        "mean_progress_pct": rows["progress_pct"].mean(), "mean_time_pct": rows["time_pct"].mean(),
        "rollup_status": rolled,
    })


def _summarise(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame(columns=keys + SUMMARY_COLUMNS)
    parts = [dict(zip(keys, key if isinstance(key, tuple) else (key,)), **_summary(group))
             for key, group in rows.groupby(keys, sort=True)]
    return pd.DataFrame(parts, columns=keys + SUMMARY_COLUMNS)


def _with_actions(status_latest: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    rows = status_latest.drop(columns=[c for c in ("plan_id", "action_no") if c in status_latest.columns])
    return rows.merge(indicators[["indicator_id", "plan_id", "action_no"]], on="indicator_id", how="inner")


def action_rollup(status_latest: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per action: counts per status, mean score, share on track or achieved, mean 完成进度
    and 序时进度. ``status_latest`` holds one row per target (``target_status``)."""
    return _summarise(_with_actions(status_latest, indicators), ["plan_id", "action_no"])


def plan_rollup(status_latest: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per plan: the action roll-up over all targets, plus the number of actions, of actions
    with an off-track target, and the mean of the actions' mean scores."""
    rows = _with_actions(status_latest, indicators)
    plans = _summarise(rows, ["plan_id"])
    actions = action_rollup(status_latest, indicators)
    if plans.empty:
        return plans.assign(count_actions=[], count_actions_off_track=[], mean_action_score=[])
    per_plan = actions.groupby("plan_id").agg(
        count_actions=("action_no", "size"),
        count_actions_off_track=("count_off_track", lambda s: int((s > 0).sum())),
        mean_action_score=("mean_score", "mean"),
    ).reset_index()
    return plans.merge(per_plan, on="plan_id", how="left")


def district_rollup(status: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame,
                    year: int | None = None) -> pd.DataFrame:
    """One row per district: its district-level targets as of ``year``, summarised, and its rank by
    mean score (1 = best; ties share the better rank; no score, no rank)."""
    districts = areas[areas["kind"] == "district"][["area_code", "name_zh", "name_en"]]
    rows = [target_status(status, indicators, areas, year, code) for code in districts["area_code"]]
    rows = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["area_code", "status"])
    out = districts.merge(_summarise(rows, ["area_code"]), on="area_code", how="inner")
    out["rank_by_score"] = out["mean_score"].astype(float).rank(ascending=False, method="min").astype("Int64")
    return out.sort_values("area_code", ignore_index=True)


def disparity(status_or_obs: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The spread between districts, per indicator and year (from the baseline year on), for every
    level or share with district figures that is a rate, not a total (aggregation weighted or none:
    district totals differ by size, not by how well off people are): coefficient of variation
    (population std / mean; none with fewer than two districts or a zero mean), best and worst value
    by the indicator's direction, the best/worst ratio oriented so that above 1 is a wider spread
    (max/min when all values are positive), and whether
    the spread is narrowing: CV in the latest year with a CV below CV in the first."""
    targets = indicators[indicators["measure"].isin(["level", "share"]) & (indicators["aggregation"] != "sum")]
    districts = areas.loc[areas["kind"] == "district", "area_code"]
    values = status_or_obs[status_or_obs["area_code"].isin(districts) & status_or_obs["value"].notna()]
    values = values.merge(targets[["indicator_id", "direction", "baseline_year"]], on="indicator_id")
    values = values[values["year"] >= values["baseline_year"]]
    cols = ["indicator_id", "year", "count_districts", "mean_value", "std_value", "cv", "min_value",
            "max_value", "best_value", "worst_value", "best_worst_ratio", "first_year", "first_cv",
            "latest_year", "latest_cv", "is_narrowing"]
    if values.empty:
        return pd.DataFrame(columns=cols)
    spread = values.groupby(["indicator_id", "year"], sort=True).agg(
        direction=("direction", "first"), count_districts=("value", "size"), mean_value=("value", "mean"),
        std_value=("value", lambda v: float(np.std(v.to_numpy(dtype=float)))),
        min_value=("value", "min"), max_value=("value", "max"),
    ).reset_index()
    ok = (spread["count_districts"] >= 2) & (spread["mean_value"] != 0)
    spread["cv"] = (spread["std_value"] / spread["mean_value"]).where(ok)
    up = spread["direction"] == "up"
    spread["best_value"] = spread["max_value"].where(up, spread["min_value"])
    spread["worst_value"] = spread["min_value"].where(up, spread["max_value"])
    spread["best_worst_ratio"] = (spread["max_value"] / spread["min_value"]).where(spread["min_value"] > 0)
    with_cv = spread[spread["cv"].notna()].sort_values("year")
    trend = with_cv.groupby("indicator_id").agg(first_year=("year", "first"), first_cv=("cv", "first"),
                                                latest_year=("year", "last"), latest_cv=("cv", "last"))
    out = spread.merge(trend.reset_index(), on="indicator_id", how="left")
    moved = out["latest_year"] > out["first_year"]
    out["is_narrowing"] = (out["latest_cv"] < out["first_cv"]).astype("boolean").where(moved, pd.NA)
    return out[cols]
