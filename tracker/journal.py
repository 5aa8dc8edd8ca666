"""The import journal: every write that records a batch, kept outside the snapshot as well.

A snapshot and its backups are DuckDB files; if all of them are damaged, the figures imported into
them would be gone, and a rebuild from data/ would put demo figures where imported ones were. So
every acknowledged write also leaves an entry in ``<snapshot stem>-journal/`` beside the snapshot
(``data/warehouse-journal/``), written whole before the write returns (tracker/files.py):

- ``00000000T000000-000000-build.json``: the journal's start (a build from data/), with the
  catalogue as it stood then;
- one ``<time>-<batch id>.json`` per batch: the batch's row, the figures it brought
  (observations and milestones), the texts (commentary), the whole catalogue after it (catalogue batches), the batch it rolled
  back (rollbacks), or the demo seed (the demo figures, when the snapshot has them).

Each write adds an entry for every batch that has none yet, so a snapshot built before the journal
existed (or whose journal was removed) gets its whole history at its next write, and an entry a full
disk prevented is written at the next write.

``tracker.replay`` makes a snapshot from the journal alone when no backup passes the check;
``complete`` says whether the journal can be trusted for that.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from tracker import catalog, files, paths, warehouse

log = logging.getLogger("tracker.journal")
BUILD_NAME = "00000000T000000-000000-build.json"
CATALOG_TABLES = catalog.TABLES
_SEED = re.compile(r"seed=(\d+)")


def folder(path: Path | None = None) -> Path:
    path = (path or paths.warehouse_path()).resolve()
    return path.with_name(f"{path.stem}-journal")


def entries(path: Path | None = None) -> list[dict[str, Any]]:
    """Every readable entry, oldest first (the build entry first)."""
    out = []
    for file in sorted(folder(path).glob("*.json")):
        try:
            out.append(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return out


def complete(path: Path | None = None) -> bool:
    """Whether the journal goes back to a build (so a replay holds every batch since)."""
    return (folder(path) / BUILD_NAME).exists()


# ---- writing ------------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return value.isoformat()
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def _write(path: Path, name: str, entry: dict[str, Any]) -> None:
    files.write_text(folder(path) / name, json.dumps(entry, ensure_ascii=False, indent=0))


def _catalogue(cursor: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    return {t: _records(cursor.execute(f"select * from {t}").df()) for t in CATALOG_TABLES}


def _batch_entry(cursor: duckdb.DuckDBPyConnection, batch: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": "batch", "batch": batch}
    if batch["kind"] in ("observations", "milestones"):
        obs = cursor.execute("select indicator_id, area_code, year, value, milestone, source, note from observations "
                             "where batch_id = $b order by obs_seq", {"b": batch["batch_id"]}).df()
        entry["observations"] = _records(obs)
    elif batch["kind"] == "catalog":
        entry["catalog"] = _catalogue(cursor)
    elif batch["kind"] == "commentary":
        entry["commentary"] = {
            kind: _records(cursor.execute(f"select * exclude (seq, batch_id) from {table} where batch_id = $b "
                                          "order by seq", {"b": batch["batch_id"]}).df())
            for kind, table in (("targets", "target_commentary"), ("plan", "plan_commentary"))}
    elif batch["kind"] == "rollback":
        found = re.fullmatch(r"rollback of (.+)", str(batch.get("note") or ""))
        entry["rolls_back"] = found.group(1) if found else None
    elif batch["kind"] == "demo":
        seed = _SEED.search(str(batch.get("note") or ""))
        entry["seed"] = int(seed.group(1)) if seed else 2021
    return entry


def _name(batch: dict[str, Any]) -> str:
    at = dt.datetime.fromisoformat(str(batch["created_at"]))
    return f"{at:%Y%m%dT%H%M%S-%f}-{re.sub(r'[^A-Za-z0-9_-]', '_', str(batch['batch_id']))}.json"


def start(path: Path) -> None:
    """A fresh build: the journal starts again (earlier entries belong to the replaced snapshot)."""
    here = folder(path)
    for old in here.glob("*.json") if here.exists() else ():
        old.unlink()
    keep(path)


def record(path: Path | None = None) -> int:
    """After a write: an entry for every batch of the snapshot that has none yet (normally the one
    just written; all of them when the journal is new); the build entry first when it is missing.
    Returns the number of entries written."""
    path = (path or paths.warehouse_path()).resolve()
    con = warehouse.attach(path)
    try:
        cursor = con.cursor()
        cursor.execute(f"use {warehouse.ALIAS}")
        written = 0
        if not complete(path):
            _write(path, BUILD_NAME, {"kind": "build", "catalog": _catalogue(cursor)})
            written += 1
        have = {file.name for file in folder(path).glob("*.json")}
        for batch in _records(cursor.execute("select * from batches order by created_at, batch_id").df()):
            if _name(batch) not in have:
                _write(path, _name(batch), _batch_entry(cursor, batch))
                written += 1
        return written
    finally:
        con.close()


def keep(path: Path | None = None) -> None:
    """``record``, for a write that has already succeeded: a journal that cannot be written is logged,
    not raised (the snapshot and its backup hold the write; the next write fills the gap)."""
    try:
        record(path)
    except Exception as exc:  # noqa: BLE001 - the write itself succeeded
        log.warning("the import journal %s could not be brought up to date: %s", folder(path), exc)
