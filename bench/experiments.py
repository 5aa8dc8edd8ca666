"""Suggested fixes, measured: the same queries on a changed copy of a warehouse.

``materialized``: the view ``obs_current`` (the newest applied revision per indicator, area and
year) computes a window over every observation on each query; at ten million rows that is seconds.
The fix is to store it as a table, refreshed with ``status`` in the same transaction by every
build and import. The copy here does exactly that, so the queries run unchanged against it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tracker import db


def uses_obs_current(name: str) -> bool:
    return "obs_current" in db.sql_text(name)


def is_view(path: Path, name: str) -> bool:
    """Whether ``name`` is a view in that warehouse (once it is a table the fix is in)."""
    with duckdb.connect(str(path), read_only=True) as con:
        return bool(con.execute("select count(*) from duckdb_views() where view_name = $n", {"n": name}).fetchone()[0])


def materialized(path: Path) -> Path:
    """A copy of ``path`` with ``obs_current`` stored as a table, sorted by its key (kept beside it
    and rebuilt when the source is newer)."""
    copy = path.with_name(f"{path.stem}-materialized.duckdb")
    if copy.exists() and copy.stat().st_mtime >= path.stat().st_mtime:
        return copy
    tmp = copy.with_suffix(".tmp")
    shutil.copy2(path, tmp)
    with duckdb.connect(str(tmp)) as con:
        con.execute("set enable_progress_bar = false")
        con.execute("create table obs_current_table as "
                    "select * from obs_current order by indicator_id, area_code, year")
        con.execute("drop view obs_current")
        con.execute("alter table obs_current_table rename to obs_current")
        con.execute("checkpoint")
    tmp.replace(copy)
    return copy
