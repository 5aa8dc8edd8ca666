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
import pandas as pd

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


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a query file on a given connection (writers and tests use this)."""
    bound = bind(name, params)
    try:
        return con.execute(sql_text(name), bound).df()
    except duckdb.Error as exc:
        log.error("query %s failed: %s; params=%r", name, exc, bound)
        raise QueryError(name, bound, exc) from exc


def run(name: str, *, path: Path | None = None, **params: Any) -> pd.DataFrame:
    """Run a query file against the current snapshot, read-only, on a fresh cursor."""
    cursor = READER.cursor(path)
    try:
        return execute(cursor, name, **params)
    finally:
        cursor.close()


def version(path: Path | None = None) -> str:
    """The snapshot's version token: part of every cache key, so caches follow imports."""
    return READER.version(path)
