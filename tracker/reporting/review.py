"""The office's review of a submission: accept it (its figures come into force), return it with a
reason (the unit sees the reason and sends again), and the preview of what accepting would change.

Accepting copies the submission's rows into a new applied batch of kind 'observations' (noted
"accepted submission …"), and marks the submission 'accepted'. So the accepted figures are a batch
like any other: the status log and "since" date the change to the acceptance, the history lists it,
rollback undoes it, and the import journal keeps it with its rows. The causes and measures it carries
go into force the same way, as a batch of kind 'commentary'."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from tracker import build, db
from tracker.areas import city_code
from tracker.importer import apply, bounds, rollup_preview
from tracker.importer.results import Outcome, Rejected
from tracker.progress import compute_status
from tracker.reporting import causes, submit
from tracker.reporting.messages import problem
from tracker.warehouse import READER

PREFIX = "acc"
NOTES_PREFIX = "acm"      # the batch of kind 'commentary' that puts an accepted submission's causes in force
ROW_COLUMNS = ["indicator_id", "area_code", "year", "value", "milestone", "source", "note"]
KEYS = ["indicator_id", "area_code", "year"]


def _pending(con: duckdb.DuckDBPyConnection, batch_id: str) -> dict:
    found = con.execute("select s.*, b.state, b.file_name, b.sha256 from submissions as s "
                        "join batches as b using (batch_id) where s.batch_id = $b", {"b": batch_id}).df()
    if found.empty:
        raise Rejected([problem(None, None, "review.unknown", value=batch_id)])
    sub = found.iloc[0].to_dict()
    if sub["state"] != "submitted":
        raise Rejected([problem(None, None, "review.state", value=batch_id, state=sub["state"])])
    return sub


def _rows(con: duckdb.DuckDBPyConnection, batch_id: str) -> pd.DataFrame:
    return con.execute(f"select {', '.join(ROW_COLUMNS)} from observations where batch_id = $b order by obs_seq",
                       {"b": batch_id}).df()


def _check_by(by: str) -> None:
    found = bounds.by_findings(by)
    if found:
        raise Rejected(found)


def accept(batch_id: str, by: str, path: Path | None = None) -> Outcome:
    """Put a submitted batch in force; the outcome names the applied batch made for it."""
    _check_by(by)

    def change(con: duckdb.DuckDBPyConnection) -> Outcome:
        sub = _pending(con, batch_id)
        rows = _rows(con, batch_id)
        notes = con.execute(f"select {', '.join(causes.COLUMNS)} from target_commentary where batch_id = $b "
                            "order by seq", {"b": batch_id}).df()
        if len(notes):     # first, so that the figures' batch is the newest: the status log names it
            said = apply.new_batch_id(NOTES_PREFIX)
            build.record_batch(con, batch_id=said, kind="commentary", rows=len(notes), by=by,
                               note=f"causes and measures of accepted submission {batch_id} of {sub['unit_id']}")
            submit.store_causes(con, notes, said)
        own = apply.new_batch_id(PREFIX)
        build.record_batch(con, batch_id=own, kind="observations", rows=len(rows), by=by,
                           file_name=sub["file_name"], sha256=sub["sha256"],
                           note=f"accepted submission {batch_id} of {sub['unit_id']} (round {sub['round_id']})")
        build.append_observations(con, rows, own)
        con.execute("update batches set state = 'accepted' where batch_id = $b", {"b": batch_id})
        con.execute("update submissions set reviewed_by = $by, reviewed_at = $at, applied_batch = $own "
                    "where batch_id = $b", {"by": by, "at": dt.datetime.now(), "own": own, "b": batch_id})
        return Outcome(own, None, len(rows))

    return apply._write(change, path)


def send_back(batch_id: str, reason: str, by: str, path: Path | None = None) -> Outcome:
    """Return a submitted batch to its unit with a reason; nothing comes into force."""
    _check_by(by)
    reason = (reason or "").strip()
    if not reason:
        raise Rejected([problem(None, "reason", "review.reason")])
    found = bounds.text_findings(None, "reason", reason, bounds.NOTE_LIMIT)
    if found:
        raise Rejected(found)

    def change(con: duckdb.DuckDBPyConnection) -> Outcome:
        _pending(con, batch_id)
        con.execute("update batches set state = 'returned' where batch_id = $b", {"b": batch_id})
        con.execute("update submissions set reviewed_by = $by, reviewed_at = $at, reason = $reason "
                    "where batch_id = $b", {"by": by, "at": dt.datetime.now(), "reason": reason, "b": batch_id})
        return Outcome(batch_id, None, 0)

    return apply._write(change, path)


def effect(batch_id: str, path: Path | None = None) -> pd.DataFrame:
    """What accepting the submission would change: one row per figure it sets (its own rows, and the
    district and city roll-ups of township rows), the value and status in force now and after."""
    cursor = READER.cursor(path)
    try:
        rows = _rows(cursor, batch_id)
        if rows.empty:
            return pd.DataFrame(columns=KEYS + ["value_before", "value_after", "status_before", "status_after"])
        ids = sorted(set(rows["indicator_id"]))
        current = db.execute(cursor, "import_current", indicator_ids=ids)
        townships = db.execute(cursor, "import_townships")
        areas = db.execute(cursor, "areas")
        indicators = db.execute(cursor, "reporting_indicators", indicator_ids=ids)
    finally:
        cursor.close()
    city = city_code(areas)
    township_codes = set(townships["township_code"].astype(str))
    rolled = rollup_preview.replaced(rows, current, townships, city)
    own = rows[~rows["area_code"].astype(str).isin(township_codes)][ROW_COLUMNS]
    sets = pd.concat([own, rolled[KEYS].assign(value=rolled["value_after"])], ignore_index=True)
    before = current[~current["area_code"].astype(str).isin(township_codes)][ROW_COLUMNS]
    after = pd.concat([before, sets], ignore_index=True).drop_duplicates(KEYS, keep="last")
    judged = [compute_status(indicators, obs, areas)[KEYS + ["status", "value"]] for obs in (before, after)]
    out = sets[KEYS].drop_duplicates()
    for when, frame in zip(("before", "after"), judged):
        out = out.merge(frame.rename(columns={"status": f"status_{when}", "value": f"value_{when}"}),
                        on=KEYS, how="left")
    return out[KEYS + ["value_before", "value_after", "status_before", "status_after"]].reset_index(drop=True)
