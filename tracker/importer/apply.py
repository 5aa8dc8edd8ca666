"""Applying checked files to the warehouse: dry run, commit, rollback, milestones.

Every write goes through ``tracker.warehouse.write_snapshot``: a lock file, a copy of the snapshot,
one transaction, a check, an atomic rename and a backup of the file it replaces. So an import is
all or nothing, open sessions keep reading the old snapshot until the new one is in place, and a
process killed half-way leaves the current snapshot untouched (the lock is an flock, released when
the process dies). The files are checked twice: once read-only for the preview, and again on the
writer's copy inside the transaction, in case another import landed in between.

A later value for the same indicator, area and year is appended, never overwritten: the earlier row
stays as a revision. Rolling a batch back marks it ``rolled_back``; the view ``obs_current`` then
ignores its rows, so the values in force are exactly those before it (or after any later batch).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import sys
import time
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from tracker import build, db, journal, warehouse
from tracker.areas import city_code
from tracker.importer import bounds, catalog_import, commentary_import, plausible, rollup_preview, validate
from tracker.importer.findings import FIELDS, finding, with_file
from tracker.importer.reading import read_upload
from tracker.importer.results import Outcome, Preview, Rejected, Unconfirmed
from tracker.importer.sheet import Sheet

PAUSE_ENV = "TRACKER_TEST_PAUSE_IN_IMPORT"  # seconds to sleep inside the transaction (fault tests)
REVERSIBLE = ("demo", "observations", "milestones", "commentary")
CLEAR_NOTE = "demo --clear"       # the note of the rollback batch that removed the demo figures
Upload = tuple[str, bytes]  # (file name, contents)


def new_batch_id(prefix: str) -> str:
    return f"{prefix}-{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def digest(uploads: list[Upload]) -> str:
    if len(uploads) == 1:
        return hashlib.sha256(uploads[0][1]).hexdigest()
    return hashlib.sha256("".join(hashlib.sha256(d).hexdigest() for _, d in uploads).encode()).hexdigest()


# ---- preview ------------------------------------------------------------------------------------
def _same(a, b) -> bool:
    a_missing, b_missing = a is None or a != a, b is None or b != b
    return a_missing and b_missing or (not a_missing and not b_missing and a == b)


def diff(rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Each row of the file against the value in force: new, revised or unchanged.
    A row identical to a demo value still counts as revised: it turns a demo value into a real one."""
    keys = ["indicator_id", "area_code", "year"]
    prev = current.rename(columns={c: f"previous_{c}" for c in current.columns if c not in keys})
    merged = rows.merge(prev, on=keys, how="left")

    def change(r) -> str:
        if pd.isna(r["previous_batch_id"]):
            return "new"
        same = all(_same(r[c], r[f"previous_{c}"]) for c in ("value", "milestone", "source", "note"))
        return "unchanged" if same and r["previous_batch_kind"] != "demo" else "revised"

    merged["change"] = [change(r) for r in merged.to_dict("records")] if len(merged) else []
    return merged.sort_values("row").reset_index(drop=True)


def preview_sheet(con: duckdb.DuckDBPyConnection, sheet: Sheet, sha256: str) -> Preview:
    ref = validate.reference(con)
    checked = validate.check(sheet, ref)
    result = Preview("observations", sheet.file_name, sha256, with_file(checked.findings, sheet.file_name),
                     skipped=checked.skipped, encoding=sheet.encoding)
    if result.ok and len(checked.rows):
        ids = sorted(set(checked.rows["indicator_id"]))
        current = db.execute(con, "import_current", indicator_ids=ids)
        result.changes = diff(checked.rows, current)
        areas = db.execute(con, "areas")
        kinds = dict(zip(areas["area_code"].astype(str), areas["kind"]))
        result.warnings = with_file(plausible.warnings(result.changes, current, ref.indicators, ref.townships,
                                                       kinds), sheet.file_name)
        city = city_code(areas)
        result.rollup = rollup_preview.replaced(checked.rows, current, db.execute(con, "import_townships"), city)
    return result


def preview(con: duckdb.DuckDBPyConnection, uploads: list[Upload]) -> Preview:
    """Read and check every file; dispatch to the catalogue import when they are catalogue files."""
    names, sha = ", ".join(n for n, _ in uploads), digest(uploads) if uploads else ""
    if not uploads:
        return Preview("observations", "", "", [finding(None, None, "file.none")])
    sheets = [read_upload(name, data) for name, data in uploads]
    tables = [catalog_import.table_of(s) for s in sheets]
    if all(tables):
        return catalog_import.preview(con, sheets, tables, sha)
    if len(sheets) > 1:
        return Preview("observations", names, sha, [finding(None, None, "file.mixed")])
    if kind := commentary_import.kind_of(sheets[0]):
        return commentary_import.preview(con, sheets[0], kind, sha)
    return preview_sheet(con, sheets[0], sha)


def dry_run(uploads: list[Upload], path: Path | None = None) -> Preview:
    """The preview against the current snapshot, read-only: nothing is locked or written."""
    cursor = db.cursor(path)
    try:
        return preview(cursor, uploads)
    finally:
        cursor.close()


# ---- writes -------------------------------------------------------------------------------------
def _pause_for_tests() -> None:
    seconds = float(os.environ.get(PAUSE_ENV) or 0)
    if seconds > 0:
        print(f"{PAUSE_ENV}: pausing {seconds:g}s inside the import transaction", file=sys.stderr, flush=True)
        time.sleep(seconds)


class _NothingToRecord(Exception):
    """Raised inside the write when the change found nothing to record: the transaction is rolled
    back and no snapshot, backup or batch is made. Carries the outcome to return."""

    def __init__(self, outcome: Outcome):
        super().__init__("nothing changed")
        self.outcome = outcome


def _write(change: Callable[[duckdb.DuckDBPyConnection], Outcome], path: Path | None) -> Outcome:
    """Run ``change`` in a write; an outcome without a batch (nothing new or revised once the lock
    was held, say a second identical import a moment after the first) leaves the snapshot as it is."""
    def wrapped(con: duckdb.DuckDBPyConnection) -> Outcome:
        outcome = change(con)
        if outcome.batch_id is None:
            raise _NothingToRecord(outcome)
        build.refresh_status(con)
        _pause_for_tests()
        return outcome
    try:
        outcome = warehouse.write_snapshot(wrapped, path=path, check=build.check_snapshot)
    except _NothingToRecord as nothing:
        return nothing.outcome
    journal.keep(path)            # the batch outside the snapshot too (tracker/journal.py)
    return outcome


def _check_by(by: str) -> None:
    """Who makes a write is stored with its batch: refused (nothing written) when it holds a control
    character or is longer than a name needs."""
    found = bounds.by_findings(by)
    if found:
        raise Rejected(found)


def _append(con, result: Preview, batch_kind: str, by: str, prefix: str) -> Outcome:
    """Record the new and revised rows as one batch; no batch at all when there are none. A batch
    written over plausibility warnings says how many were accepted."""
    rows = result.to_write()
    if rows.empty:
        return Outcome(None, result)
    batch_id = new_batch_id(prefix)
    counts = result.counts()
    build.record_batch(con, batch_id=batch_id, kind=batch_kind, rows=len(rows), by=by,
                       file_name=result.file_name or None, sha256=result.sha256,
                       note=f"new {counts['new']}, revised {counts['revised']}, unchanged {counts['unchanged']}"
                       + accepted_note(result))
    build.append_observations(con, rows[list(FIELDS)], batch_id)
    return Outcome(batch_id, result, len(rows))


def accepted_note(result: Preview) -> str:
    """What the batch records about the warnings it was written over (nothing when there were none)."""
    if not result.warnings:
        return ""
    codes = sorted({w.code.removeprefix("warn.") for w in result.warnings})
    return f"; accepted {len(result.warnings)} warning(s): {', '.join(codes)}"


def commit(uploads: list[Upload], by: str, path: Path | None = None, accept_warnings: bool = False) -> Outcome:
    """Apply the files, all or nothing. Raises Rejected (nothing written) on any finding, and
    Unconfirmed (nothing written) on plausibility warnings unless ``accept_warnings``. When nothing
    is new or revised, in the preview or again inside the write lock (an identical import landed in
    between), nothing is recorded: the outcome's batch_id is None."""
    _check_by(by)
    first = dry_run(uploads, path)
    if not first.ok:
        raise Rejected(first.findings)
    if first.to_write().empty:
        return Outcome(None, first)
    if first.warnings and not accept_warnings:
        raise Unconfirmed(first.warnings)

    def change(con) -> Outcome:
        result = preview(con, uploads)   # again, on the writer's copy: another import may have landed
        if not result.ok:
            raise Rejected(result.findings)
        if result.to_write().empty:
            return Outcome(None, result)
        if result.warnings and not accept_warnings:
            raise Unconfirmed(result.warnings)
        if result.kind == "catalog":
            return catalog_import.apply(con, result, by, new_batch_id("cat"))
        if result.kind == commentary_import.KIND:
            return commentary_import.apply(con, result, by, new_batch_id("cmt"))
        return _append(con, result, "observations", by, "imp")

    return _write(change, path)


def is_demo_clear(batch) -> bool:
    """A rollback batch written by ``clear_demo``: it can itself be rolled back (the demo returns)."""
    return batch["kind"] == "rollback" and str(batch["note"] or "").startswith(CLEAR_NOTE)


def cleared_batches(note: str) -> list[str]:
    """The demo batches a demo --clear removed, as its note names them."""
    return [b.strip() for b in note.removeprefix(CLEAR_NOTE).removeprefix(": rollback of ").split(",") if b.strip()]


def clear_demo(by: str, path: Path | None = None) -> Outcome:
    """Remove every demo figure as one batch: each applied demo batch is rolled back, recorded as one
    rollback batch noted "demo --clear: rollback of …". Rolling that batch back puts the demo
    figures back in force. Nothing is written when no demo batch is applied."""
    def change(con) -> Outcome:
        batches = db.execute(con, "batches")
        demo = batches[(batches["kind"] == "demo") & (batches["state"] == "applied")]
        if demo.empty:
            return Outcome(None)
        for batch_id in demo["batch_id"]:
            db.execute(con, "import_rollback", batch_id=batch_id)
        own, rows = new_batch_id("clr"), int(demo["row_count"].sum())
        build.record_batch(con, batch_id=own, kind="rollback", rows=rows, by=by,
                           note=f"{CLEAR_NOTE}: rollback of {', '.join(demo['batch_id'])}")
        return Outcome(own, None, rows)

    return _write(change, path)


def rollback(batch_id: str, by: str, path: Path | None = None) -> Outcome:
    """Mark a batch rolled back and record the rollback as its own batch. Rolling back a demo --clear
    puts the demo batches it removed back in force."""
    _check_by(by)
    def change(con) -> Outcome:
        batches = db.execute(con, "batches")
        hit = batches[batches["batch_id"] == batch_id]
        if hit.empty:
            raise Rejected([finding(None, None, "batch.unknown", value=batch_id)])
        batch = hit.iloc[0]
        if batch["state"] != "applied":
            raise Rejected([finding(None, None, "batch.rolled_back", value=batch_id)])
        if batch["kind"] not in REVERSIBLE and not is_demo_clear(batch):
            raise Rejected([finding(None, None, "batch.not_reversible", kind=batch["kind"])])
        if is_demo_clear(batch):
            for cleared in cleared_batches(batch["note"]):
                db.execute(con, "import_restore", batch_id=cleared)
        db.execute(con, "import_rollback", batch_id=batch_id)
        own = new_batch_id("rb")
        build.record_batch(con, batch_id=own, kind="rollback", rows=int(batch["row_count"]), by=by,
                           file_name=batch["file_name"], sha256=batch["sha256"], note=f"rollback of {batch_id}")
        return Outcome(own, None, int(batch["row_count"]))

    return _write(change, path)


def milestone_sheet(indicator_id: str, area_code: str, year: int, milestone: str, note: str | None) -> Sheet:
    """One milestone as a one-row sheet, so it meets exactly the same rules as a file."""
    cells = {"indicator_id": indicator_id, "area_code": area_code, "year": str(year),
             "milestone": milestone, "note": note or None}
    return Sheet("milestone", "form", headers=[en for _, en in FIELDS.values()],
                 rows=[(2, [cells.get(name) for name in FIELDS])])


def set_milestone(indicator_id: str, area_code: str, year: int, milestone: str, note: str | None,
                  by: str, path: Path | None = None) -> Outcome:
    """An administrator's milestone for a qualitative target: a one-row 'milestones' batch, dated by it.
    The same rules as a file apply; an unchanged milestone writes nothing."""
    _check_by(by)
    sheet = milestone_sheet(indicator_id, area_code, year, milestone, note)
    sha = hashlib.sha256(repr(sheet.rows).encode("utf-8")).hexdigest()

    def checked(con) -> Preview:
        result = preview_sheet(con, sheet, sha)
        if result.ok and result.changes.empty:
            result.findings = [finding(2, "milestone", "milestone.unknown", value=milestone or "")]
        if not result.ok:
            raise Rejected(result.findings)
        result.file_name = ""
        return result

    cursor = db.cursor(path)
    try:
        first = checked(cursor)
    finally:
        cursor.close()
    if first.to_write().empty:
        return Outcome(None, first)
    return _write(lambda con: _append(con, checked(con), "milestones", by, "ms"), path)
