"""Reporting rounds: opening one (a plan, a year, a deadline) and where each unit stands in it.

A round expects every assigned figure of its year (queries/round_cells.sql). Each unit's row counts
them and gives the escalation state Chinese 督办 systems use, decided here once for the command line
and the screen:

- ``red``    past the deadline with figures missing (a returned figure is missing again);
- ``yellow`` figures returned, or figures the unit sent (submitted or accepted) that leave their
  target short (off track, is_off_track in queries/schema/05_macros.sql: 未完成 or 基本完成 in the
  target year; or graded 滞后 before it) with no cause in force;
- ``green``  every expected figure accepted (and every shortfall explained);
- ``blue``   the deadline within ``NEAR_DAYS`` days with figures missing;
- ``open``   none of these: time left, or everything sent and waiting for review.

The day is ``tracker.freshness.today()`` (TRACKER_TODAY moves it, as for overdue figures), or the
``today`` handed in.
"""
from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import duckdb
import pandas as pd

from tracker import build, db, freshness, warehouse
from tracker.importer import bounds
from tracker.importer.results import Rejected
from tracker.reporting.messages import problem

NEAR_DAYS = 7
STATUS_COLUMNS = ["unit_id", "name_zh", "name_en", "expected", "received", "accepted", "returned", "missing",
                  "on_time", "uncaused", "state", "round_id", "year", "deadline"]


def escalation(*, expected: int, accepted: int, returned: int, missing: int, uncaused: int,
               deadline: dt.date, today: dt.date) -> str:
    """One unit's state in a round (the module's rule)."""
    if missing and today > deadline:
        return "red"
    if returned or uncaused:
        return "yellow"
    if expected and accepted >= expected:
        return "green"
    if missing and (deadline - today).days <= NEAR_DAYS:
        return "blue"
    return "open"


def parse_deadline(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise Rejected([problem(None, "deadline", "round.deadline", value=str(text))]) from None


def open_round(year: int, deadline: dt.date, plan_id: str, by: str, path: Path | None = None) -> str:
    """Record a round; its id. Refused (Rejected, nothing written) for an unknown plan or a year
    outside the plan's period."""
    found = bounds.by_findings(by)
    if found:
        raise Rejected(found)
    plans = db.run("plans", path=path).set_index("plan_id")
    if plan_id not in plans.index:
        raise Rejected([problem(None, "plan", "round.plan", value=plan_id)])
    start, end = int(plans.loc[plan_id, "start_year"]), int(plans.loc[plan_id, "target_year"])
    if not start <= year <= end:
        raise Rejected([problem(None, "year", "round.year", year=year, start=start, end=end)])
    round_id = f"R{year}-{dt.datetime.now():%Y%m%d}-{secrets.token_hex(2)}"

    def change(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("insert into rounds values ($r, $p, $y, $d, $by, $at)",
                    {"r": round_id, "p": plan_id, "y": year, "d": deadline, "by": by, "at": dt.datetime.now()})
        build.refresh_stored(con)          # the round's items (queries/schema/12b_round_items.sql)

    warehouse.write_snapshot(change, path=path, check=build.check_snapshot)
    return round_id


def rounds(plan_id: str | None = None, path: Path | None = None) -> pd.DataFrame:
    return db.run("rounds", plan_id=plan_id, path=path)


def find_round(round_id: str | None, path: Path | None = None) -> pd.Series:
    """The round asked for, or the newest one; Rejected when there is none."""
    found = rounds(path=path)
    if round_id is None:
        if found.empty:
            raise Rejected([problem(None, None, "round.none")])
        return found.iloc[0]
    hit = found[found["round_id"] == round_id]
    if hit.empty:
        raise Rejected([problem(None, None, "round.unknown", value=round_id)])
    return hit.iloc[0]


def cells(round_id: str, unit_id: str | None = None, path: Path | None = None) -> pd.DataFrame:
    """Every figure the round expects (of one unit, or all), with where it stands."""
    return db.run("round_cells", round_id=round_id, unit_id=unit_id, path=path)


def uncaused(cells: pd.DataFrame) -> pd.Series:
    """Per cell: a figure the unit sent that leaves its target unfinished, with no cause in force."""
    return (cells["cell_state"].isin(["submitted", "accepted"]) & cells["is_unfinished"].astype(bool)
            & ~cells["has_cause"].astype(bool))


def unit_status(cells: pd.DataFrame, deadline: dt.date, today: dt.date) -> pd.DataFrame:
    """One row per unit with figures in the round: the counts and the escalation state."""
    rows = []
    cells = cells.assign(is_uncaused=uncaused(cells))
    for unit_id, group in cells.groupby("unit_id", sort=False):
        state = group["cell_state"]
        expected, accepted = len(group), int((state == "accepted").sum())
        returned = int((state == "returned").sum())
        missing = int(state.isin(["missing", "returned"]).sum())
        rows.append({
            "unit_id": unit_id, "name_zh": group["unit_name_zh"].iloc[0], "name_en": group["unit_name_en"].iloc[0],
            "expected": expected, "received": int((state != "missing").sum()), "accepted": accepted,
            "returned": returned, "missing": missing, "on_time": int(group["is_on_time"].astype(bool).sum()),
            "uncaused": int(group["is_uncaused"].sum()),
            "state": escalation(expected=expected, accepted=accepted, returned=returned, missing=missing,
                                uncaused=int(group["is_uncaused"].sum()), deadline=deadline, today=today),
        })
    return pd.DataFrame(rows, columns=STATUS_COLUMNS[:11])


def status(round_id: str | None = None, today: dt.date | None = None, path: Path | None = None) -> pd.DataFrame:
    """``round status``: one row per unit of the round (the newest round when none is named)."""
    rnd = find_round(round_id, path)
    deadline = pd.Timestamp(rnd["deadline"]).date()
    out = unit_status(cells(str(rnd["round_id"]), path=path), deadline, today or freshness.today())
    return out.assign(round_id=rnd["round_id"], year=int(rnd["year"]), deadline=deadline.isoformat())
