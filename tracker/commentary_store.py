"""How the office's words are stored: the two commentary tables, their keys and texts, and rows
appended under a batch. The import (tracker/importer/commentary_import.py) and the journal's replay
(tracker/replay.py) both write through here."""
from __future__ import annotations

import duckdb
import pandas as pd

from tracker import build

KEYS = {"targets": ("indicator_id", "area_code", "year"), "plan": ("plan_id", "year", "section")}
TEXTS = {"targets": ("cause_zh", "cause_en", "measures_zh", "measures_en"), "plan": ("text_zh", "text_en")}
TABLES = {"targets": "target_commentary", "plan": "plan_commentary"}


def columns(kind: str) -> tuple[str, ...]:
    return (*KEYS[kind], *TEXTS[kind])


def append(con: duckdb.DuckDBPyConnection, kind: str, rows: pd.DataFrame, batch_id: str) -> int:
    """Append commentary rows (KEYS and TEXTS of ``kind``) under ``batch_id``, numbered after the newest
    row; the batch is recorded by the caller. The rows in force are refreshed with the next
    ``build.refresh_status`` (every write ends with it)."""
    table = TABLES[kind]
    start = con.execute(f"select coalesce(max(seq), 0) from {table}").fetchall()[0][0]
    frame = pd.DataFrame({"seq": range(start + 1, start + 1 + len(rows))})
    for name in columns(kind):
        values = rows[name].to_numpy(dtype=object)
        frame[name] = [int(v) for v in values] if name == "year" else [
            None if v is None or (isinstance(v, float) and v != v) else str(v) for v in values]
    frame["batch_id"] = batch_id
    build.insert_frame(con, table, frame)
    return len(frame)
