"""How fresh a figure is, in words: "updated DATE", and "figure overdue" (word and icon) when the
figure due by today is missing (the rule is tracker/freshness.py). Rows come from the screens' queries,
which carry updated_at, latest_year, release_lag_months, baseline_year and target_year."""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from components import data
from components.i18n import t
from tracker import freshness


def overdue_year(row: Mapping[str, Any]) -> int | None:
    """The year whose figure is due and missing, or None when the row is current."""
    try:
        baseline, target = int(row["baseline_year"]), int(row["target_year"])
    except (KeyError, TypeError, ValueError):
        return None
    on, lag = freshness.today(), freshness.lag_of(row.get("release_lag_months"))
    if not freshness.is_overdue(row.get("latest_year"), on, lag, baseline, target):
        return None
    return freshness.expected_year(on, lag, baseline, target)


def updated_on(row: Mapping[str, Any]) -> str | None:
    stamp = row.get("updated_at")
    return None if stamp is None or pd.isna(stamp) else pd.Timestamp(stamp).strftime("%Y-%m-%d")


def text(row: Mapping[str, Any], lang: str) -> str:
    """'updated 2026-03-28' and, when overdue, '⏰ figure overdue: the 2025 figure is due' (plain text)."""
    parts = []
    if day := updated_on(row):
        parts.append(t("fresh.updated", lang, date=day))
    if (year := overdue_year(row)) is not None:
        parts.append(t("fresh.overdue", lang, year=year))
    return " · ".join(parts)


def summary(rows: pd.DataFrame, lang: str) -> str:
    """The overview's line: how many targets have an overdue figure, or the latest import's date."""
    judged = rows[~rows["is_city_only"].astype(bool)] if "is_city_only" in rows else rows
    n = sum(overdue_year(r) is not None for r in judged.to_dict("records"))
    if n:
        return t("fresh.count", lang, n=n)
    stamps = pd.to_datetime(judged["updated_at"]).dropna()
    return t("fresh.none_overdue", lang, date=stamps.max().strftime("%Y-%m-%d")) if len(stamps) else ""


@data.per_snapshot
def _line(plan_id: str, year: int, area_code: str | None, lang: str, on: str) -> str:
    return summary(data.q("overview_targets", plan_id=plan_id, area_code=area_code, year=year), lang)


def line(plan_id: str, year: int, area_code: str | None, lang: str) -> str:
    """The overview's freshness line for the area shown (kept per snapshot and day)."""
    return _line(plan_id, year, area_code, lang, freshness.today().isoformat())
