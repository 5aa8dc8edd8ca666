"""The one route for every read: run ``queries/<name>.sql`` with bound ``$params``.

Values never enter SQL text. ``run`` reads through this thread's cursor on the cached read-only
connection (Streamlit sessions are threads); ``cursor`` gives a caller one of its own. A failure raises
QueryError naming the query and parameters.
"""
from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tracker import paths, recovery
from tracker.warehouse import READER, SnapshotDamaged, one_line

log = logging.getLogger(__name__)
_PARAM = re.compile(r"(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[a-z0-9_]+$")


class QueryError(RuntimeError):
    def __init__(self, name: str, params: dict[str, Any], cause: BaseException):
        self.name, self.params, self.cause = name, params, cause
        super().__init__(f"query {name!r} failed with parameters {params!r}: {cause}")


def query_names() -> list[str]:
    return sorted(p.stem for p in paths.QUERIES.glob("*.sql"))


@functools.lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    file = paths.QUERIES / f"{name}.sql"
    if not file.is_file():
        raise FileNotFoundError(f"no query file queries/{name}.sql")
    return file.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def is_bulk(name: str) -> bool:
    """A query file whose header has a ``-- bulk:`` line returns many rows (exports, imports): its
    result reaches pandas through Arrow (``bulk_frame``), faster from a few hundred rows on."""
    header = sql_text(name).lstrip().split("\n")
    return any(line.startswith("-- bulk:") for line in header[: next(
        (i for i, line in enumerate(header) if not line.startswith("--")), len(header))])


@functools.lru_cache(maxsize=None)
def parameters(name: str) -> tuple[str, ...]:
    """The named parameters a query file uses, in order of first appearance."""
    text = re.sub(r"--[^\n]*", "", sql_text(name))
    text = re.sub(r"'(?:[^']|'')*'", "''", text)
    seen: dict[str, None] = {}
    for match in _PARAM.finditer(text):
        seen.setdefault(match.group(1), None)
    return tuple(seen)


def bind(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """Keep the parameters the query uses; a missing one is an error, not a silent null."""
    wanted = parameters(name)
    missing = [p for p in wanted if p not in params]
    if missing:
        raise QueryError(name, params, KeyError(f"missing parameter(s): {', '.join(missing)}"))
    return {p: params[p] for p in wanted}


def frame(result: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """A small result as pandas, by DuckDB's own ``.df()``: NaN in floats, pandas' nullable integers
    and booleans where a column holds a NULL, NaT in dates and timestamps, text as ``str`` (an
    all-NULL text column stays an object column of None)."""
    return result.df()


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame as plain rows (column → value) with every missing value (NaN, NA, None) as None."""
    columns = list(frame.columns)
    return [{c: None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
             for c, v in zip(columns, row)} for row in frame.to_numpy(dtype=object)]


def _text(column: pa.ChunkedArray) -> bool:
    return pa.types.is_string(column.type) or pa.types.is_large_string(column.type)


def _same_through_arrow(column: pa.ChunkedArray) -> bool:
    """Whether pyarrow's ``to_pandas`` gives this column as ``.df()`` would: floats, timestamps, text,
    and integers and booleans without a NULL (with one, pyarrow makes floats or objects where
    ``.df()`` makes pandas' nullable types)."""
    kind = column.type
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        return column.null_count == 0
    return _text(column) or pa.types.is_floating(kind) or pa.types.is_timestamp(kind)


def bulk_frame(relation: duckdb.DuckDBPyRelation) -> pd.DataFrame:
    """A large result (exports, imports) as pandas, through Arrow: pyarrow hands text to pandas'
    Arrow-backed ``str`` columns without a Python string per value (at ten million observations the
    426,351 values in force take about 40 ms this way, 300 ms through ``.df()``).

    The frame is the one ``.df()`` gives. Text with no value at all is the one place where the two
    differ on the columns exports hold (pandas infers ``str`` only when it sees a string), so such a
    column is set to None in an object column; a result with any other column Arrow would convert
    differently, or a repeated column name, takes ``.df()`` (running the query again)."""
    table = relation.to_arrow_table()
    if len(set(table.column_names)) < table.num_columns or not all(map(_same_through_arrow, table.columns)):
        return relation.df()
    frame = table.to_pandas()
    for name, column in zip(table.column_names, table.columns):
        if _text(column) and column.null_count == table.num_rows:
            frame[name] = pd.Series([None] * table.num_rows, index=frame.index, dtype=object)
    return frame


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a query file on a given connection (writers and tests use this)."""
    bound = bind(name, params)
    try:
        if is_bulk(name):
            return bulk_frame(con.sql(sql_text(name), params=bound))
        return frame(con.execute(sql_text(name), bound))
    except duckdb.Error as exc:
        log.error("query %s failed: %s; params=%r", name, exc, bound)
        raise QueryError(name, bound, exc) from exc


# DuckDB's words for a block it could not read back (a checksum mismatch, a file cut short): damage
# that the check on opening a version does not reach, since it reads only part of the file.
_DAMAGE = ("Corrupt database file", "Could not read enough bytes")


def looks_damaged(exc: QueryError) -> bool:
    """Whether a failed query read a damaged part of the snapshot file."""
    return any(words in str(exc.cause) for words in _DAMAGE)


def cursor(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A cursor of its own on the current snapshot (the caller closes it); a snapshot that fails its
    check on opening is recovered first (tracker.recovery) and the file then in place is opened."""
    try:
        return READER.cursor(path)
    except SnapshotDamaged as exc:
        recovery.recover(path, str(exc))
    return READER.cursor(path)


def run(name: str, *, path: Path | None = None, **params: Any) -> pd.DataFrame:
    """Run a query file against the current snapshot, read-only, on this thread's cursor (a new one
    after a failure, which may leave the old one holding an unfinished result). A snapshot that fails
    its check on opening is recovered; a query that reads a damaged block has the snapshot checked in
    full and recovered (tracker.recovery); either way it then runs once more."""
    try:
        return execute(READER.thread_cursor(path), name, **params)
    except SnapshotDamaged as exc:
        recovery.recover(path, str(exc))
    except QueryError as exc:
        READER.drop_thread_cursor(path)
        if not looks_damaged(exc):
            raise
        recovery.recover(path, one_line(exc.cause), thorough=True)
    except BaseException:
        READER.drop_thread_cursor(path)
        raise
    try:
        return execute(READER.thread_cursor(path), name, **params)
    except BaseException:
        READER.drop_thread_cursor(path)
        raise


def version(path: Path | None = None) -> str:
    """The snapshot's version token: part of every cache key, so caches follow imports. A snapshot that
    fails its check on opening is recovered first, and the token is the restored file's."""
    try:
        return READER.version(path)
    except SnapshotDamaged as exc:
        recovery.recover(path, str(exc))
    return READER.version(path)
