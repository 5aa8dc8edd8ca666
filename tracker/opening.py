"""A warehouse ready to read, for the callers that start the work (the command line, the app's cache,
the supervisor): built with demo data on the first run, recovered when it fails its check, brought up
to this code's derived schema when older code built it. Reading a snapshot (tracker.db) never builds."""
from __future__ import annotations

from pathlib import Path

from tracker import build, db, paths


def ensure(path: Path | None = None) -> Path:
    """Build, recover or migrate the warehouse at ``path`` as it needs; its path."""
    path = path or paths.warehouse_path()
    if not path.exists():
        build.build(path, demo=True)
    else:
        db.cursor(path).close()      # opens it, checked; a damaged file is recovered first
        build.migrate(path)
    return path
