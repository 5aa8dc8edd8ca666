"""The app's one cache: reads and what screens derive from them, keyed by the snapshot version, so
an import shows up on the next rerun without any cache to clear. No other cache is used in
``components/`` (no ``st.cache_data``, no ``functools.lru_cache``).

Everything here is shared by every session of the process and computed once per snapshot:

* ``q(name, **params)``: a query file's result. Each caller gets its own shallow copy: with pandas'
  copy-on-write a change to it never reaches the shared frame, and no pickled copy is made per
  call (``st.cache_data`` unpickles its value on every hit, 0.2–0.3 ms a frame).
* ``rows(name, **params)``: the same result as plain dicts (``to_dict("records")``), made once:
  turning a frame into rows costs 0.5–4 ms a call with pandas' Arrow-backed strings.
* ``@per_snapshot``: any pure function of the snapshot, the day and its (hashable) arguments, such as
  the text and chart specs a screen draws, computed once per snapshot version, day and argument set
  (the day because "figure overdue" marks read it).
* ``remember(what, key, compute)``: the same for a value whose inputs are too big to be its key.

Shared values are read-only by contract: callers must not change the rows or dicts they get.
The store lives in ``st.cache_resource``, so ``st.cache_resource.clear()`` empties it (the
benchmark's cold runs rely on that).
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Any, Callable, TypeVar

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import url_state
from tracker import db, freshness, opening

MAX_ENTRIES = 1024        # values kept per process (frames, rows, prepared pages), least recently used out
KEEP_VERSIONS = 2         # snapshot versions kept: the current one and the one before an import

F = TypeVar("F", bound=Callable[..., Any])


class Store:
    """A thread-safe LRU of values keyed by (snapshot version, what, arguments).

    A value is computed once even when several sessions ask for it at the same moment (one lock
    per key); entries of versions older than the last ``KEEP_VERSIONS`` are dropped as soon as a
    newer version is seen, so an import does not leave the old snapshot's results in memory.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._values: OrderedDict[tuple, Any] = OrderedDict()
        self._versions: list[str] = []
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}

    def _see(self, version: str) -> None:
        if version in self._versions:
            return
        self._versions.append(version)
        if len(self._versions) > KEEP_VERSIONS:
            stale = set(self._versions[:-KEEP_VERSIONS])
            self._versions = self._versions[-KEEP_VERSIONS:]
            for key in [k for k in self._values if k[0] in stale]:
                del self._values[key]

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The value under ``key`` (its first item is the snapshot version), computed when missing."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            self._see(key[0])
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            with self._lock:
                self._values[key] = value
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
            return value

    def __len__(self) -> int:
        return len(self._values)


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The process's one cache (one per ``st.cache_resource`` lifetime). Made once, after the
    warehouse is built or migrated if it needs to be."""
    opening.ensure()
    return Store()


def version() -> str:
    """The current snapshot's version token (builds or migrates the warehouse on first use)."""
    store()
    return db.version()


def _frame(name: str, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return store().get((version(), "q", name, params), lambda: db.run(name, **dict(params)))


def q(name: str, **params: Any) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with bound parameters; the result is shared across sessions.

    The caller's frame is a shallow copy: changing it (new columns, sorting in place) leaves the
    shared one untouched under pandas' copy-on-write."""
    return _frame(name, tuple(sorted(params.items()))).copy(deep=False)


def rows(name: str, **params: Any) -> tuple[dict[str, Any], ...]:
    """The rows of ``q(name, **params)`` as dicts, made once per snapshot. Read-only."""
    key = tuple(sorted(params.items()))
    return store().get((version(), "rows", name, key),
                       lambda: tuple(_frame(name, key).to_dict("records")))


def per_snapshot(fn: F) -> F:
    """Cache a pure function of the snapshot and the day per version, day and arguments (all hashable).

    Use it for what a screen derives from query results (texts, tables, chart specs): the result
    is shared by every session, so it must not be changed by the caller. The day is part of every
    key because a derived text may read it ("figure overdue" marks, tracker/freshness.py): a new day
    under the same snapshot derives them afresh."""
    what = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = (version(), freshness.today(), what, args, tuple(sorted(kwargs.items())))
        return store().get(key, lambda: fn(*args, **kwargs))

    wrapper.uncached = fn  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def remember(what: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per snapshot version and day for ``(what, key)``, shared like ``per_snapshot``:
    for a value whose inputs are too big to be its key (an upload: its digest is the key)."""
    return store().get((version(), freshness.today(), what, key), compute)


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A display table as Arrow, for ``st.dataframe`` / ``st.table`` from a cached view: Streamlit then
    only serialises it (about 0.02 ms) instead of converting a pandas frame on every run (0.4 ms+)."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def plans() -> pd.DataFrame:
    return q("plans")


def default_plan() -> dict[str, Any]:
    """The plan named in the URL (?plan=ID) when known, else the newest plan that has data; an unknown
    ``plan`` is reported like any other bad URL value (pages call this once per run)."""
    found = rows("plans")
    wanted, bad = url_state.value("plan", [row["plan_id"] for row in found])
    if wanted is not None:
        return dict(next(row for row in found if row["plan_id"] == wanted))
    if bad is not None:
        url_state.report(url_state.lang(), [("plan", bad)])
        url_state.drop("plan")     # the URL says what is shown: the default plan
    return dict(found[0])
