"""What rows not yet written would do to the district and city figures, for the dry run and the
review of a submission.

The warehouse rolls township rows up at every write (queries/schema/02b_township_rollup.sql): a
district's figure is 100 × covered / townships over its counted townships (one not reported counts
as not covered), the city's the same over all of them, and these replace any district or city
figure imported for that target and year. The preview asks the same rule, the table macro
``township_rollup_with``, with the rows laid over the values in force (queries/import_rollup.sql),
so it says which figures the rows replace and with what, as the import then stores them.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from tracker import db

LAID = ["indicator_id", "area_code", "year", "value"]
COLUMNS = ["indicator_id", "area_code", "year", "covered", "reported", "townships", "value_before", "value_after"]


def replaced(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> pd.DataFrame:
    """One row per figure the rows' township rows set (each district they have township rows for,
    and the city): the counts, the figure in force now (value_before, NaN when none) and the
    roll-up after the rows are written (value_after). Rows of other areas are left out."""
    laid = [{"indicator_id": str(r["indicator_id"]), "area_code": str(r["area_code"]),
             "year": None if r["year"] is None else int(r["year"]),
             "value": None if r["value"] is None else float(r["value"])}
            for r in db.records(rows[LAID])]
    return db.execute(con, "import_rollup", laid=laid)[COLUMNS]
