"""Plausibility warnings: figures that may well be slips, said before they are written.

A warning is not a refusal: the figure may be right. An import with warnings writes nothing until the
person confirms (``--accept-warnings``, the Data page's checkbox), and its batch records that they
were accepted. Each warning names the row, the column and what the figure was compared with:

- ``warn.previous``: 10× or more away from the same series' previous figure (the latest earlier year,
  in force or in the same file): a unit slip such as 万 for 元;
- ``warn.target``: 10× or more away from the target, for the area the target is set for (a
  district's amount is a part of the city's target, and a year's additions a part of the plan's, so
  those are compared with their previous figure only; a share or a growth rate in every area);
- ``warn.fraction``: between 0 and 1 for a percentage whose target is above 1 (0.6 typed for 60%);
- ``warn.share_over``: a share over 100;
- ``warn.negative``: a negative count or amount.

Only rows that change something are looked at (an unchanged row was accepted before); township rows
are 1 or 0 and are not.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from tracker.importer.findings import Finding, collapse

FACTOR = 10.0
WARNINGS: dict[str, tuple[str, str]] = {
    "warn.previous": ("{value}与同一序列上一个数值（{year}年：{before}）相差{ratio}倍，请核对单位。",
                      "{value} is {ratio} times the series' previous figure ({year}: {before}); check the unit."),
    "warn.target": ("{value}与目标值{target}相差{ratio}倍，请核对单位。",
                    "{value} is {ratio} times away from the target, {target}; check the unit."),
    "warn.fraction": ("{value}在0和1之间，而该指标以百分数计、目标为{target}：是否应填{percent}？",
                      "{value} lies between 0 and 1, but this target is a percentage with a target of {target}: "
                      "should it be {percent}?"),
    "warn.share_over": ("比例为{value}，超过100。", "A share of {value}, over 100."),
    "warn.negative": ("数量为负数：{value}。", "A negative count or amount: {value}."),
}


def number(x: float) -> str:
    return f"{x:,.6g}" if abs(x) < 1e15 else f"{x:g}"


def warning(row: int, code: str, **values: Any) -> Finding:
    zh, en = WARNINGS[code]
    return Finding(row, "value", code, zh.format(**values), en.format(**values))


def ratio(a: float, b: float) -> float | None:
    """How many times apart two figures are (≥ 1), or None when they cannot be compared."""
    if a == 0 or b == 0 or (a > 0) != (b > 0):
        return None
    return max(a / b, b / a)


def previous_figures(rows: pd.DataFrame, current: pd.DataFrame) -> dict[tuple[str, str], list[tuple[int, float]]]:
    """Per indicator and area, every figure by year: those in force, overridden by the file's own."""
    series: dict[tuple[str, str], dict[int, float]] = {}
    for frame in (current, rows):
        for r in frame[["indicator_id", "area_code", "year", "value"]].dropna().to_dict("records"):
            series.setdefault((r["indicator_id"], r["area_code"]), {})[int(r["year"])] = float(r["value"])
    return {k: sorted(v.items()) for k, v in series.items()}


SCOPE_KINDS = {"city": "city", "region": "region", "each_district": "district"}


def targets_area(target: dict[str, Any], kind: str | None) -> bool:
    """Whether the target's value applies to an area of this kind, year by year. A count of additions
    (count_new) is a year's part of a target over the plan's years: never compared with it."""
    if target["measure"] == "count_new":
        return False
    if target["measure"] in ("share", "growth_rate"):
        return True
    return SCOPE_KINDS.get(target["scope"]) == kind


def row_warnings(r: dict[str, Any], target: dict[str, Any], series: list[tuple[int, float]],
                 kind: str | None = None) -> list[Finding]:
    value, row = float(r["value"]), int(r["row"])
    found: list[Finding] = []
    shown = number(value)
    if target["measure"] in ("level", "count_new") and value < 0:
        found.append(warning(row, "warn.negative", value=shown))
    if target["measure"] == "share" and value > 100:
        found.append(warning(row, "warn.share_over", value=shown))
    goal = target.get("target_value")
    goal = None if goal is None or pd.isna(goal) else float(goal)
    is_percent = "%" in str(target.get("unit_zh") or "")
    if is_percent and goal is not None and goal > 1 and 0 < value < 1:
        found.append(warning(row, "warn.fraction", value=shown, target=number(goal), percent=number(value * 100)))
    earlier = [(y, v) for y, v in series if y < int(r["year"])]
    if earlier:
        year, before = earlier[-1]
        times = ratio(value, before)
        if times is not None and times >= FACTOR:
            found.append(warning(row, "warn.previous", value=shown, year=year, before=number(before),
                                 ratio=f"{times:,.0f}"))
    times = ratio(value, goal) if goal is not None and targets_area(target, kind) else None
    if times is not None and times >= FACTOR:
        found.append(warning(row, "warn.target", value=shown, target=number(goal), ratio=f"{times:,.0f}"))
    return found


def warnings(changes: pd.DataFrame, current: pd.DataFrame, indicators: dict[str, dict[str, Any]],
             townships: dict[str, Any], kinds: dict[str, str]) -> list[Finding]:
    """The warnings for the new and revised rows of a preview's changes, row by row."""
    if changes.empty:
        return []
    rows = changes[changes["change"] != "unchanged"]
    rows = rows[rows["value"].notna() & ~rows["area_code"].isin(list(townships))]
    series = previous_figures(changes[["indicator_id", "area_code", "year", "value"]],
                              current if len(current) else pd.DataFrame(columns=["indicator_id", "area_code",
                                                                                  "year", "value"]))
    found: list[Finding] = []
    for r in rows.to_dict("records"):
        target = indicators.get(r["indicator_id"])
        if target is not None and target["comparator"] != "qualitative":
            found += row_warnings(r, target, series.get((r["indicator_id"], r["area_code"]), []),
                                  kinds.get(r["area_code"]))
    found.sort(key=lambda f: f.row or 0)
    return collapse(found)
