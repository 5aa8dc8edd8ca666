"""A damaged snapshot: found when a version is first opened, replaced before any query reads it.

The reader checks each new snapshot version once (``warehouse.quick_check``, about as long as opening it). When the
file is garbage, cut short or fails the snapshot check, ``recover`` takes the writer lock, checks
again (another process may have fixed it while this one waited) and puts in place the newest backup
under ``snapshots/`` that passes the check, brought up to the current derived schema if it is older
(every write keeps a copy of the snapshot it made, so the newest backup holds the last write), or,
when none does, a snapshot rebuilt from ``data/`` and the import journal (tracker/journal.py: every
batch with its figures, in order). Without a journal that reaches back to a build it stops with a
sentence saying what to restore: it never puts demo figures where imported ones may have been. The damaged file is kept as
``snapshots/damaged-<time>.duckdb``; the swap is one atomic rename, as for any write.

What happened is logged (logger ``tracker.recovery``) and appended to ``recovery.json`` beside the
snapshot, which every process and the Data page read. ``python -m tracker check`` runs the same
check and recovery from the command line.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from tracker import build, files, journal, paths, replay, warehouse
from tracker.warehouse import ALIAS, SnapshotDamaged, one_line

log = logging.getLogger("tracker.recovery")

RECORD_NAME = "recovery.json"
KEEP_EVENTS = 20          # events kept in recovery.json, oldest out
KEEP_DAMAGED = 5          # damaged files kept under snapshots/, oldest out
REBUILT = "rebuilt"
RESTORED = "restored"
NO_JOURNAL = ("no backup in {snapshots} passes the check and the import journal {journal} does not reach back to "
              "a build, so the imported figures cannot be rebuilt: restore {name} from a copy of your own "
              "(or put a sound backup into {snapshots}) and run `python -m tracker check`; only if nothing was "
              "ever imported, `python -m tracker build` starts again from data/ with demo figures")


# ---- the check ------------------------------------------------------------------------------------
def check(con: duckdb.DuckDBPyConnection, *, full: bool = True, thorough: bool = False) -> None:
    """Raise SnapshotDamaged unless the attached snapshot reads as a sound one.

    Always: the schema version and the row count of every table, which a file that is garbage or cut
    short fails (DuckDB cannot read its catalogue or its blocks): ``warehouse.quick_check``, what the
    reader runs when it opens a new version (a few ms at any size). ``full`` (the default, for recovery and
    the command line) also asks a snapshot of this code's schema to pass ``build.check_snapshot``
    (the keys of every observation, the stored answers' counts: about 10 ms on the demo data, 180 ms
    at ten million observations); one of another schema version only has to read its base tables,
    since ``build.migrate`` brings it up to date. ``thorough`` also reads every column of every
    table, which finds a damaged page anywhere in the file (the command line's ``--thorough``; a
    query that reads a damaged block triggers it too)."""
    cursor = con.cursor()
    try:
        cursor.execute(f"use {ALIAS}")
        warehouse.quick_check(cursor)
        stored = cursor.execute("select value from meta where key = 'schema_version'").fetchall()
        if full and stored and stored[0][0] == build.schema_version():
            build.check_snapshot(cursor)
        if thorough:
            _read_everything(cursor)
    except (duckdb.Error, ValueError) as exc:
        raise SnapshotDamaged(one_line(exc)) from exc
    finally:
        cursor.close()


def _read_everything(cursor: duckdb.DuckDBPyConnection) -> None:
    """Read every column of every stored table (DuckDB verifies each block's checksum as it reads)."""
    tables = cursor.execute(
        "select table_name from information_schema.tables "
        "where table_catalog = current_database() and table_type = 'BASE TABLE'").fetchall()
    for (table,) in tables:
        cursor.execute(f'select count(*), max(hash(columns(*))) from "{table}"').fetchall()


def probe(path: Path, *, thorough: bool = False) -> None:
    """Open ``path`` on its own connection and check it; raises SnapshotDamaged when it fails."""
    if not path.exists():
        raise SnapshotDamaged(f"no file at {path.name}")
    try:
        con = warehouse.attach(path)
    except duckdb.Error as exc:
        raise SnapshotDamaged(one_line(exc)) from exc
    try:
        check(con, thorough=thorough)
    finally:
        con.close()


# ---- recovery -------------------------------------------------------------------------------------
def recover(path: Path | None = None, problem: str = "", *, thorough: bool = False) -> dict[str, Any] | None:
    """Replace a damaged snapshot; returns the recorded event, or None when, once this process held the
    writer lock, the snapshot in place passed the check (another process or thread had fixed it).
    ``thorough`` checks the file in place and the backups by reading every column. Raises
    SnapshotDamaged when neither a backup nor a rebuild gives a sound snapshot."""
    path = (path or paths.warehouse_path()).resolve()
    log.error("snapshot %s failed its check: %s", path, problem or "(no detail)")
    with warehouse.writer_lock(path):
        try:
            probe(path, thorough=thorough)
            log.info("snapshot %s is sound again (recovered meanwhile); nothing to do", path)
            return None
        except SnapshotDamaged as exc:
            problem = str(exc)
        _sweep_work_dirs(path)
        event = _replace(path, problem, thorough)
        record(path, event)
    if event["action"] == RESTORED:
        log.warning("snapshot %s restored from backup %s (written %s) in %.0f ms; damaged file kept as %s",
                    path, event["backup"], event["backup_time"], event["took_ms"], event["damaged_kept"])
    else:
        log.warning("snapshot %s rebuilt from data/ and the import journal (%s batches) in %.0f ms (no backup "
                    "passed the check); damaged file kept as %s", path, event["batches"], event["took_ms"],
                    event["damaged_kept"])
    return event


def _replace(path: Path, problem: str, thorough: bool = False) -> dict[str, Any]:
    """Under the writer lock: prepare a sound file, keep the damaged one aside, rename into place."""
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.recovery-"))
    try:
        candidate, backup = _sound_candidate(path, work, thorough)
        with open(candidate, "rb") as handle:
            os.fsync(handle.fileno())
        kept = warehouse.keep_in_snapshots(path, "damaged", KEEP_DAMAGED)   # for inspection
        os.replace(candidate, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "at": dt.datetime.now().isoformat(timespec="seconds"),
        "warehouse": path.name,
        "problem": problem,
        "action": RESTORED if backup else REBUILT,
        "backup": backup.name if backup else None,
        "backup_time": _mtime(backup) if backup else None,
        "batches": None if backup else len([e for e in journal.entries(path) if e.get("kind") == "batch"]),
        "damaged_kept": str(kept.relative_to(path.parent)) if kept else None,
        "took_ms": round((time.perf_counter() - started) * 1000, 1),
        "pid": os.getpid(),
    }


def _sound_candidate(path: Path, work: Path, thorough: bool = False) -> tuple[Path, Path | None]:
    """The newest backup that passes the check (copied into ``work``, migrated if older), or a fresh
    build from data/ when none does. Returns (the file to put in place, the backup or None)."""
    for backup in reversed(warehouse.backups(path)):
        copy = work / backup.name
        try:
            shutil.copyfile(backup, copy)
            build.migrate(copy)
            probe(copy, thorough=thorough)
            return copy, backup
        except (SnapshotDamaged, duckdb.Error, ValueError, OSError) as exc:
            log.warning("backup %s is not usable: %s", backup.name, one_line(exc))
    if not journal.complete(path):
        raise SnapshotDamaged(NO_JOURNAL.format(snapshots=paths.snapshots_dir(path), name=path.name,
                                                journal=journal.folder(path)))
    rebuilt = work / path.name
    replay.replay(rebuilt, journal.entries(path))
    probe(rebuilt)
    return rebuilt, None


def _sweep_work_dirs(path: Path) -> None:
    """Remove work folders of a recovery that died half-way; safe because we hold the writer lock."""
    for stray in path.parent.glob(f".{path.name}.recovery-*"):
        shutil.rmtree(stray, ignore_errors=True)


def _mtime(file: Path) -> str:
    return dt.datetime.fromtimestamp(file.stat().st_mtime).isoformat(timespec="seconds")


# ---- the record -----------------------------------------------------------------------------------
def record_path(path: Path | None = None) -> Path:
    """``recovery.json`` beside the snapshot."""
    return (path or paths.warehouse_path()).resolve().with_name(RECORD_NAME)


def events(path: Path | None = None) -> list[dict[str, Any]]:
    """Every recorded recovery, oldest first; an empty list when there is none or the file is unreadable."""
    try:
        held = json.loads(record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = held.get("events") if isinstance(held, dict) else None
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def last_event(path: Path | None = None) -> dict[str, Any] | None:
    """The newest recorded recovery, or None."""
    found = events(path)
    return found[-1] if found else None


def record(path: Path, event: dict[str, Any]) -> None:
    """Append ``event`` to recovery.json (the last ``KEEP_EVENTS``), written whole and renamed into place."""
    target = record_path(path)
    kept = (events(path) + [event])[-KEEP_EVENTS:]
    files.write_text(target, json.dumps({"events": kept}, ensure_ascii=False, indent=1))


def describe(event: dict[str, Any]) -> str:
    """One English line about an event, for the command line."""
    if event["action"] == RESTORED:
        what = f"restored backup {event['backup']} (written {event['backup_time']})"
    else:
        what = (f"rebuilt from data/ and the import journal, {event.get('batches')} batches replayed "
                "(no backup passed the check)")
    return (f"{event['at']}: {event['warehouse']} was damaged ({event['problem']}); {what} in "
            f"{event['took_ms']:.0f} ms; the damaged file is kept as {event['damaged_kept']}")


# ---- the command line -----------------------------------------------------------------------------
def cmd_check(args) -> int:
    """``python -m tracker check``: check the snapshot and recover it when damaged; 0 sound, 1 not."""
    path = paths.warehouse_path().resolve()
    if not path.exists():
        print(f"no warehouse at {path}; run `python -m tracker build`", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        probe(path, thorough=args.thorough)
        print(f"{path}: sound ({(time.perf_counter() - started) * 1000:.0f} ms"
              f"{', every column read' if args.thorough else ''})")
        return 0
    except SnapshotDamaged as exc:
        print(f"{path}: damaged: {exc}")
        if args.no_repair:
            return 1
        problem = str(exc)
    try:
        event = recover(path, problem, thorough=args.thorough)
        probe(path, thorough=args.thorough)
    except Exception as exc:  # noqa: BLE001 - the command reports any failure and exits 1
        print(f"recovery failed: {one_line(exc)}", file=sys.stderr)
        return 1
    print(describe(event) if event else "another process recovered it meanwhile; it is sound now")
    return 0


def add_command(sub) -> None:
    """Register ``check`` on the command line's sub-parsers."""
    p = sub.add_parser("check", help="check the snapshot; restore the newest sound backup (or rebuild) if damaged")
    p.add_argument("--thorough", action="store_true", help="also read every column of every table")
    p.add_argument("--no-repair", action="store_true", help="only check: exit 1 when damaged, change nothing")
    p.set_defaults(func=cmd_check)
