"""Bringing a snapshot built by older code up to the reporting tables: the units shipped in
data/catalog/units.csv, and a batches table whose states admit submissions.

``tracker.build.migrate`` calls ``upgrade`` after the derived objects are dropped (nothing reads
``batches`` then), and ``tracker.build.build`` calls ``load_units`` on a fresh snapshot."""
from __future__ import annotations

import re

import duckdb
import pandas as pd

from tracker import paths

UNITS_FILE = "units.csv"
UNIT_COLUMNS = ["unit_id", "name_zh", "name_en", "kind", "area_code"]
SUBMISSION_STATES = ("submitted", "accepted", "returned")
_BATCHES = re.compile(r"^create table batches \(.*?^\);", re.DOTALL | re.MULTILINE)


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


def _admits_submissions(con: duckdb.DuckDBPyConnection) -> bool:
    stored = " ".join(r[0] for r in con.execute(
        "select constraint_text from duckdb_constraints() where table_name = 'batches' "
        "and constraint_type = 'CHECK'").fetchall())
    return all(f"'{state}'" in stored for state in SUBMISSION_STATES)


def renew_batches_table(con: duckdb.DuckDBPyConnection) -> bool:
    """Recreate ``batches`` with the schema file's checks when an older release made it without the
    submission states; every row kept. True when it was recreated."""
    if _admits_submissions(con):
        return False
    ddl = _BATCHES.search((paths.SCHEMA / "02_observations.sql").read_text(encoding="utf-8")).group(0)
    con.execute("alter table batches rename to batches_before_reporting")
    con.execute(ddl)
    con.execute("insert into batches select * from batches_before_reporting")
    con.execute("drop table batches_before_reporting")
    return True


def upgrade(con: duckdb.DuckDBPyConnection) -> None:
    renew_batches_table(con)
    load_units(con)
