"""The one route for every read: run ``queries/<name>.sql`` with bound ``$params``.

Values never enter SQL text. Each call takes its own cursor on the cached read-only connection
(Streamlit sessions are threads). A failure raises QueryError naming the query and parameters.
"""
from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from tracker import paths
from tracker.warehouse import READER

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


# Column types whose NumPy arrays (and, but for DATE and HUGEINT, Arrow arrays) `frame` turns into
# what `.df()` makes of them (checked against `.df()` for every query file by tests/test_queries.py);
# any other type takes `.df()`'s own path.
_PLAIN_TYPES = frozenset({
    "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
    "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP",
})
_NOT_VIA_ARROW = frozenset({"DATE", "HUGEINT"})


def _plain(names: list[str], types: list[str], excluded: frozenset[str] = frozenset()) -> bool:
    return len(set(names)) == len(names) and all(t in _PLAIN_TYPES and t not in excluded for t in types)


def frame(result: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The result as a DataFrame, column for column what DuckDB's own ``.df()`` returns, faster.

    ``.df()`` builds the frame from the same NumPy arrays as ``fetchnumpy()`` but then marks each
    column that holds a NULL by assigning into the finished frame, which costs pandas 0.3–1 ms a
    column: most of a small query's time once the query itself is a select from a stored table.
    Here each masked column becomes what ``.df()`` makes of it before the frame is built: NaN in
    floats, pandas' nullable integers and booleans, NaT in timestamps and dates, None in text (a text
    column with no value at all stays an object column, one with values gets the ``str`` dtype, as
    pandas infers for ``.df()`` too). Other types, and duplicate column names, take ``.df()``.
    """
    described = result.description or ()
    if not _plain([c[0] for c in described], [str(c[1]) for c in described]):
        return result.df()
    columns = {}
    for name, array in result.fetchnumpy().items():
        if isinstance(array, np.ma.MaskedArray):
            mask, data = np.ma.getmaskarray(array), np.ma.getdata(array)
            kind = data.dtype.kind
            if kind == "f":
                array = np.where(mask, np.nan, data)
            elif kind in "iu":
                array = pd.arrays.IntegerArray(data, mask)
            elif kind == "b":
                array = pd.arrays.BooleanArray(data, mask)
            elif kind == "M":
                array = np.where(mask, data.dtype.type("NaT"), data)
            else:
                array = data.copy()
                array[mask] = None
        columns[name] = array
    return pd.DataFrame(columns)


def bulk_frame(relation: duckdb.DuckDBPyRelation) -> pd.DataFrame:
    """``frame`` for many rows (exports, imports), from a relation, through Arrow: pandas' ``str``
    columns are Arrow arrays, so text is handed over without a Python string per value (the 426,351
    values in force at ten million observations: about 40 ms this way, 300 ms through NumPy), while
    for a few dozen rows Arrow's fixed costs make it the slower route. The same frame as ``.df()``."""
    if not _plain(relation.columns, [str(t) for t in relation.types], _NOT_VIA_ARROW):
        return relation.df()
    return _from_arrow(relation.to_arrow_table())


def _from_arrow(table: pa.Table) -> pd.DataFrame:
    """``frame``'s Arrow route: pyarrow's own conversion, then the columns where ``.df()`` differs
    from it: integers and booleans with a NULL (pandas' nullable types, not floats and objects), and
    text with no value at all (an object column of None)."""
    out = table.to_pandas()
    rows = table.num_rows
    for name, column in zip(table.column_names, table.columns):
        kind = column.type
        if (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)) \
                and column.null_count == rows:
            out[name] = np.full(rows, None, dtype=object)
        elif column.null_count == 0:
            continue
        elif pa.types.is_integer(kind):
            out[name] = pd.arrays.IntegerArray(np.asarray(column.fill_null(0)), np.asarray(column.is_null()))
        elif pa.types.is_boolean(kind):
            out[name] = pd.arrays.BooleanArray(np.asarray(column.fill_null(False)), np.asarray(column.is_null()))
    return out


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


def run(name: str, *, path: Path | None = None, **params: Any) -> pd.DataFrame:
    """Run a query file against the current snapshot, read-only, on this thread's cursor (a new one
    after a failure, which may leave the old one holding an unfinished result). A query that reads a
    damaged block has the snapshot checked in full and recovered (tracker.recovery), then runs once more."""
    try:
        return execute(READER.thread_cursor(path), name, **params)
    except QueryError as exc:
        READER.drop_thread_cursor(path)
        if not looks_damaged(exc):
            raise
        from tracker import recovery

        recovery.recover(path, recovery.one_line(exc.cause), thorough=True)
    except BaseException:
        READER.drop_thread_cursor(path)
        raise
    try:
        return execute(READER.thread_cursor(path), name, **params)
    except BaseException:
        READER.drop_thread_cursor(path)
        raise


def version(path: Path | None = None) -> str:
    """The snapshot's version token: part of every cache key, so caches follow imports."""
    return READER.version(path)
