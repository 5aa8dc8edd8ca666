"""Every read-only query file, timed on one warehouse: p50 and p95 of ``tracker.db.run``.

``db.run`` is exactly what a screen pays on a cache miss: the thread's cursor on the cached
read-only connection, the statement with bound parameters, the result as a DataFrame. Each binding gets one
untimed run first, then up to ``reps`` timed runs within ``budget_s`` (at least three; two for a
query that takes longer than the budget on its own).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bench import params as P
from bench.stats import pct
from tracker import db
from tracker.warehouse import READER


@dataclass
class QueryTiming:
    name: str
    binding: str          # "all" or "one": the slower of the two is kept
    p50_ms: float
    p95_ms: float
    rows: int
    runs: int
    error: str | None = None
    note: str = ""


def time_query(path: Path, name: str, bound: dict, reps: int, budget_s: float) -> tuple[list[float], int]:
    t0 = time.perf_counter()
    frame = db.run(name, path=path, **bound)          # untimed: the first execution warms
    least = 2 if time.perf_counter() - t0 > budget_s else 3   # a query of seconds gets two timed runs
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < reps and (len(samples) < least or time.perf_counter() < deadline):
        t0 = time.perf_counter()
        db.run(name, path=path, **bound)
        samples.append((time.perf_counter() - t0) * 1000.0)
    return samples, len(frame)


def run(path: Path, *, reps: int = 30, budget_s: float = 3.0, names: list[str] | None = None) -> list[QueryTiming]:
    READER.close_all()
    values = P.sample(path)
    out: list[QueryTiming] = []
    for name in names or db.query_names():
        if not P.is_read_only(name):
            continue
        missing = P.unknown(name, values)
        worst: QueryTiming | None = None
        for label, bound in P.bindings(name, values).items():
            try:
                samples, rows = time_query(path, name, bound, reps, budget_s)
            except Exception as exc:  # a broken query is a finding, not a crash of the bench
                worst = QueryTiming(name, label, float("nan"), float("nan"), 0, 0, error=str(exc)[:200])
                break
            timing = QueryTiming(name, label, pct(samples, 50), pct(samples, 95), rows, len(samples))
            if worst is None or timing.p95_ms > worst.p95_ms:
                worst = timing
        if worst is not None:
            worst.note = f"null: {', '.join(missing)}" if missing else ""
            out.append(worst)
    return out
