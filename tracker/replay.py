"""Rebuilding a snapshot from the import journal (tracker/journal.py writes it): the build from
data/, then every batch in order with its own id, time, author and state, rollbacks included.
``tracker.recovery`` calls it when no backup is sound."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from tracker import build, catalog, commentary_store, warehouse
from tracker.journal import CATALOG_TABLES


def _upsert_catalogue(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict[str, Any]]]) -> None:
    for table in CATALOG_TABLES:
        rows = tables.get(table) or []
        if rows:
            frame = pd.DataFrame(rows)
            catalog.upsert(con, table, catalog.tidy(table, frame.astype(object).where(frame.notna(), None)))


def replay(target: Path, found: list[dict[str, Any]]) -> int:
    """Build ``target`` from the journal entries ``found`` (the build entry first); the number of
    batches replayed. Raises ValueError when they do not start with a build."""
    if not found or found[0].get("kind") != "build":
        raise ValueError("the journal does not go back to a build")
    head, batches = found[0], [e for e in found[1:] if e.get("kind") == "batch"]
    build.build(target, demo=False)

    def change(con: duckdb.DuckDBPyConnection) -> None:
        _upsert_catalogue(con, head.get("catalog") or {})
        for entry in batches:
            batch = entry["batch"]
            if entry.get("catalog"):
                _upsert_catalogue(con, entry["catalog"])
            if batch["kind"] == "demo":
                if batch["batch_id"] != build.DEMO_BATCH:
                    continue          # synthetic figures made elsewhere (the scale benchmark): not remade
                build.add_demo(con, seed=int(entry.get("seed") or 2021))
            else:
                build.record_batch(con, batch_id=batch["batch_id"], kind=batch["kind"], rows=int(batch["row_count"]),
                                   by=batch["created_by"], file_name=batch.get("file_name"),
                                   sha256=batch.get("sha256"), note=batch.get("note"))
            con.execute("update batches set created_at = $at, state = $state where batch_id = $b",
                        {"at": dt.datetime.fromisoformat(batch["created_at"]), "state": batch["state"],
                         "b": batch["batch_id"]})
            if entry.get("observations"):
                build.append_observations(con, pd.DataFrame(entry["observations"]), batch["batch_id"])
            for kind, rows in (entry.get("commentary") or {}).items():
                if rows:
                    commentary_store.append(con, kind, pd.DataFrame(rows), batch["batch_id"])
            if entry.get("rolls_back"):
                con.execute("update batches set state = 'rolled_back' where batch_id = $b", {"b": entry["rolls_back"]})
        build.refresh_status(con, cause=None)

    warehouse.write_snapshot(change, path=target, check=build.check_snapshot)
    return len(batches)
