"""The units shipped in data/catalog/units.csv, loaded into a fresh snapshot (``tracker.build.build``)
and into one built by older code (``tracker.build.migrate``, which also renews the batches table so
that its states admit submissions: ``renew_batches_table``)."""
from __future__ import annotations

import duckdb
import pandas as pd

from tracker import paths

UNITS_FILE = "units.csv"
UNIT_COLUMNS = ["unit_id", "name_zh", "name_en", "kind", "area_code"]


def shipped_units() -> pd.DataFrame:
    """The units shipped with the code (the ten districts and the office); none when the catalogue
    folder has no units.csv (a small test catalogue)."""
    file = paths.CATALOG / UNITS_FILE
    if not file.exists():
        return pd.DataFrame(columns=UNIT_COLUMNS)
    return pd.read_csv(file, dtype=str, keep_default_na=False)[UNIT_COLUMNS]


def load_units(con: duckdb.DuckDBPyConnection) -> int:
    """Insert the shipped units that the snapshot does not hold yet; the number inserted."""
    frame = shipped_units()
    have = {r[0] for r in con.execute("select unit_id from units").fetchall()}
    frame = frame[~frame["unit_id"].isin(have)]
    if frame.empty:
        return 0
    con.register("_units", frame)
    try:
        con.execute(f"insert into units ({', '.join(UNIT_COLUMNS)}) select {', '.join(UNIT_COLUMNS)} from _units")
    finally:
        con.unregister("_units")
    return len(frame)
