"""What changed since a moment: read by the overview and meeting mode (components/changes.py, which only
draws links, counts and the download) and by the deck and the report (tracker/brief).

The statuses then come from the status log every write appends to (queries/schema/04_status.sql,
queries/changes_since.sql). A moment is read in one of two ways:

- ``inclusive`` (the screens' ?since=, the moment of a past write): "from that write on", so the
  status just before it is "then" and that write's own changes are among those listed;
- not inclusive (the command line's --since, any moment): the status as it stood at that moment.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import pandas as pd

from tracker import db, statuses
from tracker.text import finite, pick, with_unit

GROUPS = ("worse", "better", "new", "gone")      # worst group first


@dataclass(frozen=True)
class Change:
    """One target and area whose status differs between the moment asked for and now."""
    group: str                  # worse, better, new or gone (GROUPS)
    indicator_id: str
    action_no: int
    name: str                   # the target's name in the language asked for
    area_code: str
    area_kind: str              # city, region, district …
    area_name: str
    status_before: str | None   # status code then (None: no figure then)
    status_now: str | None      # status code now (None: rolled back since)
    before_text: str            # icon and word, or '—'
    now_text: str
    value_before: float | None  # the value compared with the target then, and now
    value_now: float | None
    value_before_text: str      # value with its unit and year, or '—' (a milestone: its status says it)
    value_now_text: str
    batch_id: str | None        # the batch that made the latest change

    @property
    def district(self) -> str | None:
        """The district this change is about (None for the city and the region)."""
        return self.area_code if self.area_kind == "district" else None


@dataclass(frozen=True)
class Changes:
    """Every change for the area shown, GROUPS order; within a group by action, target and area."""
    items: tuple[Change, ...]

    def group(self, name: str) -> tuple[Change, ...]:
        return tuple(c for c in self.items if c.group == name)

    @property
    def counts(self) -> dict[str, int]:
        """Changes per group, every group (zeros kept), worst first."""
        return {g: sum(c.group == g for c in self.items) for g in GROUPS}

    @property
    def total(self) -> int:
        return len(self.items)


def area_rows(found: pd.DataFrame, area_code: str | None) -> pd.DataFrame:
    """A district's own rows, or (the whole city: None) the city's and the region's."""
    if area_code:
        return found[found["area_code"] == area_code]
    return found[found["area_kind"].isin(["city", "region"])]


def _code(x: Any) -> str | None:
    return str(x) if isinstance(x, str) and x else None


def _year(x: Any) -> int | None:
    value = finite(x)
    return None if value is None else int(value)


def value_text(value: Any, year: Any, unit: Mapping[str, Any], lang: str) -> str:
    """'63.1%（2025）' / '63.1% (2025)'; '—' without a figure and for a milestone (its status says it)."""
    if unit.get("comparator") == "qualitative":
        return "—"
    shown, y = with_unit(value, unit, lang), _year(year)
    if shown == "—" or y is None:
        return shown
    return f"{shown} ({y})" if lang == "en" else f"{shown}（{y}）"


def changes_since(plan_id: str, since: dt.datetime, year: int | None, area_code: str | None, lang: str, *,
                  inclusive: bool, run: Callable[..., pd.DataFrame] = db.run) -> Changes:
    """The changes of one plan's statuses as of ``year`` (None: each target and area's latest) since
    ``since``, for one area (a district's code, or None: the whole city), in ``lang``. ``run`` runs a
    query file (tracker.db.run, or a caller's cache of it: the screens' data.q, the pack's Runs), so
    the areas and languages asked for share one run of the query."""
    at = since - dt.timedelta(microseconds=1) if inclusive else since
    found = area_rows(run("changes_since", plan_id=plan_id, since=at, year=year), area_code)
    units = {r["indicator_id"]: r for r in run("indicators", plan_id=plan_id, action_no=None).to_dict("records")}
    items = []
    for group in GROUPS:
        for r in found[found["change"] == group].to_dict("records"):
            unit = units.get(r["indicator_id"], {})
            before, now = _code(r.get("status_before")), _code(r.get("status_now"))
            items.append(Change(
                group=group, indicator_id=str(r["indicator_id"]), action_no=int(r["action_no"]),
                name=pick(r, "name", lang), area_code=str(r["area_code"]), area_kind=_code(r.get("area_kind")) or "",
                area_name=pick(r, "area_name", lang) or str(r["area_code"]),
                status_before=before, status_now=now,
                before_text=statuses.badge(before, lang) if before else "—",
                now_text=statuses.badge(now, lang) if now else "—",
                value_before=finite(r.get("value_before")), value_now=finite(r.get("value_now")),
                value_before_text=value_text(r.get("value_before"), r.get("year_before"), unit, lang),
                value_now_text=value_text(r.get("value_now"), r.get("year_now"), unit, lang),
                batch_id=_code(r.get("batch_id"))))
    return Changes(tuple(items))
