"""Where the project's files live. Everything is relative to the checkout, never to ../shared."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CATALOG = DATA / "catalog"
GEO = DATA / "geo"
QUERIES = ROOT / "queries"
SCHEMA = QUERIES / "schema"
# DuckDB's worker threads per connection (tracker.warehouse.threads); set by `make serve` per process.
DB_THREADS_ENV = "TRACKER_DB_THREADS"


def warehouse_path() -> Path:
    """The current snapshot. TRACKER_WAREHOUSE points elsewhere (tests, the scale benchmark)."""
    override = os.environ.get("TRACKER_WAREHOUSE")
    return Path(override) if override else DATA / "warehouse.duckdb"


def snapshots_dir(path: Path | None = None) -> Path:
    path = path or warehouse_path()
    return path.parent / "snapshots"


def lock_path(path: Path | None = None) -> Path:
    path = path or warehouse_path()
    return path.with_suffix(".lock")
