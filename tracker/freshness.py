"""Is a figure current? Each target's figure for a year is due a number of months after that year ends
(its release lag in the catalogue, ``indicators.release_lag_months``; three when empty: the previous
year's figure by the end of March). A target whose latest figure is older than the latest figure due
by today is overdue.

Today is the machine's date; ``TRACKER_TODAY=YYYY-MM-DD`` sets another (to see what the dashboard will
say on a given day, and for tests).
"""
from __future__ import annotations

import datetime as dt
import math
import os
from typing import Any

DEFAULT_LAG_MONTHS = 3
TODAY_ENV = "TRACKER_TODAY"


def today() -> dt.date:
    text = os.environ.get(TODAY_ENV)
    return dt.date.fromisoformat(text) if text else dt.date.today()


def lag_of(value: Any) -> int:
    """The release lag in months from a catalogue cell (empty: the default)."""
    try:
        months = int(value)
    except (TypeError, ValueError):
        return DEFAULT_LAG_MONTHS
    return months if months >= 0 else DEFAULT_LAG_MONTHS


def due_date(year: int, lag_months: int) -> dt.date:
    """The last day by which the figure for ``year`` is due: ``lag_months`` after the year ends."""
    months = 12 * (year + 1) + lag_months          # the month after the due month, counted from year 0
    first_after = dt.date(months // 12, months % 12 + 1, 1)
    return first_after - dt.timedelta(days=1)


def expected_year(on: dt.date, lag_months: int, baseline_year: int, target_year: int) -> int | None:
    """The latest year up to the target year whose figure is due by ``on``; None before the first."""
    year = min(target_year, on.year)
    while year >= baseline_year and due_date(year, lag_months) > on:
        year -= 1
    return year if year >= baseline_year else None


def is_overdue(latest_year: Any, on: dt.date, lag_months: int, baseline_year: int, target_year: int) -> bool:
    """Whether the figure due by ``on`` is missing: the latest figure's year is older (or none)."""
    due = expected_year(on, lag_months, baseline_year, target_year)
    if due is None:
        return False
    missing = latest_year is None or (isinstance(latest_year, float) and math.isnan(latest_year))
    try:
        return missing or int(latest_year) < due
    except (TypeError, ValueError):
        return True
