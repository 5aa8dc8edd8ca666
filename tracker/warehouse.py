"""The only place that opens DuckDB.

Storage model (DESIGN §5): the app reads an immutable snapshot file read-only, through one cached
connection per file version and a cursor per thread (``Reader.thread_cursor``, what ``db.run`` uses)
or per caller (``Reader.cursor``). A writer never touches that file: it takes a
lock file, copies the snapshot, applies its change in one transaction, checks it, and renames the
copy over the snapshot (an atomic rename on one file system). A copy of the new file is kept under
``snapshots/`` as the newest backup (and the replaced file too, when no backup is a copy of it), so a
snapshot damaged after a write is restored with that write in it. Readers compare the file's
identity (inode, size, mtime) on every call and reopen when it changed, so open sessions keep
serving throughout an import and a writer killed half-way leaves only a stray temporary file behind.
Each new version is checked once, when it is opened (``quick_check``); a damaged one raises
SnapshotDamaged to the caller, which has it replaced by the newest sound backup, or rebuilt, before
any query runs on it (``tracker.db`` calls ``tracker.recovery.recover``: this module calls nothing
above it).
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from tracker import files, paths

KEEP_BACKUPS = 10
ALIAS = "snapshot"


def threads() -> int | None:
    """DuckDB's worker threads per connection: TRACKER_DB_THREADS when it is a positive whole number,
    else None (DuckDB's default, one per core). ``make serve`` sets it to the cores per app process:
    several processes each running a query on every core only take turns on the same cores."""
    value = os.environ.get(paths.DB_THREADS_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def connect(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with ``threads()`` worker threads: every connection the project opens."""
    count = threads()
    return duckdb.connect(database, config={"threads": count} if count else {})


def _quoted(path: Path) -> str:
    """A path as a SQL string literal body (ATTACH takes no bound parameter)."""
    return str(path).replace("'", "''")


class WarehouseMissing(RuntimeError):
    """No snapshot exists yet at the expected path."""


class SnapshotDamaged(RuntimeError):
    """The snapshot file cannot be read as a sound snapshot (garbage, cut short, failing its check)."""


@dataclass(frozen=True)
class Version:
    inode: int
    size: int
    mtime_ns: int

    @property
    def token(self) -> str:
        return f"{self.inode}-{self.size}-{self.mtime_ns}"


def file_version(path: Path) -> Version:
    st = os.stat(path)
    return Version(st.st_ino, st.st_size, st.st_mtime_ns)


def attach(path: Path) -> duckdb.DuckDBPyConnection:
    """A private in-memory connection with ``path`` attached read-only as ``snapshot``."""
    con = connect()
    try:
        con.execute(f"attach '{_quoted(path)}' as {ALIAS} (read_only)")
    except BaseException:
        con.close()
        raise
    return con


# Tables every snapshot has had since the first release: read when a snapshot's derived schema is
# older or newer than this code's, which `build.migrate` (not the check) deals with.
BASE_TABLES = ("meta", "plans", "actions", "indicators", "areas", "observations", "batches")


def one_line(exc: BaseException) -> str:
    """An exception as one short line for the log, the record and the Data page."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


def quick_check(cursor: duckdb.DuckDBPyConnection) -> None:
    """Raise SnapshotDamaged unless the snapshot ``cursor`` uses reads its schema version and counts
    every table's rows with the base tables present: a file that is garbage or cut short fails it
    (DuckDB cannot read its catalogue or its blocks). A few ms at any size."""
    try:
        cursor.execute("select value from meta where key = 'schema_version'").fetchall()
        tables = cursor.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = current_database() and table_type = 'BASE TABLE'").fetchall()
        for (table,) in tables:
            cursor.execute(f'select count(*) from "{table}"').fetchall()
    except (duckdb.Error, ValueError) as exc:
        raise SnapshotDamaged(one_line(exc)) from exc
    missing = set(BASE_TABLES) - {t for (t,) in tables}
    if missing:
        raise SnapshotDamaged(f"tables missing: {', '.join(sorted(missing))}")


def open_checked(path: Path) -> duckdb.DuckDBPyConnection:
    """``attach`` then ``quick_check``; raises SnapshotDamaged for a file that fails either."""
    try:
        con = attach(path)
    except duckdb.Error as exc:
        raise SnapshotDamaged(one_line(exc)) from exc
    try:
        cursor = con.cursor()
        try:
            cursor.execute(f"use {ALIAS}")
            quick_check(cursor)   # the writer checked the rest before the file took its place
        finally:
            cursor.close()
    except duckdb.Error as exc:
        con.close()
        raise SnapshotDamaged(one_line(exc)) from exc
    except BaseException:
        con.close()
        raise
    return con


class Reader:
    """One read-only connection per snapshot version; callers take a cursor each.

    The snapshot is ATTACHed read-only to a private in-memory database rather than opened with
    ``duckdb.connect(path)``: DuckDB caches database instances by path within a process, so a
    plain connect after a swap could hand back the old file's instance while any cursor on it
    lives. Each cursor selects the attached snapshot with ``use``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[Path, tuple[Version, duckdb.DuckDBPyConnection]] = {}
        self._local = threading.local()

    def connection(self, path: Path | None = None) -> tuple[Version, duckdb.DuckDBPyConnection]:
        path = (path or paths.warehouse_path()).resolve()
        if not path.exists():
            raise WarehouseMissing(f"no warehouse at {path}; run `python -m tracker build`")
        version = file_version(path)
        with self._lock:
            held = self._open.get(path)
            if held and held[0] == version:
                return held
            version, con = self._open_sound(path, version)
            if held:
                with contextlib.suppress(Exception):
                    held[1].close()
            self._open[path] = (version, con)
            return version, con

    @staticmethod
    def _open_sound(path: Path, version: Version) -> tuple[Version, duckdb.DuckDBPyConnection]:
        """Open a version not seen before, checked once (a few tens of ms, never per query); a file
        that fails raises SnapshotDamaged for the caller to recover (``tracker.db``)."""
        return version, open_checked(path)

    def cursor(self, path: Path | None = None) -> duckdb.DuckDBPyConnection:
        cursor = self.connection(path)[1].cursor()
        cursor.execute(f"use {ALIAS}")
        return cursor

    def thread_cursor(self, path: Path | None = None) -> duckdb.DuckDBPyConnection:
        """This thread's own cursor on the current snapshot, kept for its next query: selecting the
        snapshot (``use``) is a statement of its own, a tenth of a small query's time. A cursor is
        used by one thread at a time; a new connection (a new snapshot) gets new cursors. Callers do
        not close it."""
        path = (path or paths.warehouse_path()).resolve()
        con = self.connection(path)[1]
        held = getattr(self._local, "cursors", None)
        if held is None:
            held = self._local.cursors = {}
        if path in held and held[path][0] is con:
            return held[path][1]
        cursor = con.cursor()
        cursor.execute(f"use {ALIAS}")
        held[path] = (con, cursor)
        return cursor

    def drop_thread_cursor(self, path: Path | None = None) -> None:
        """Forget (and close) this thread's cursor, say after a query failed half-way: DuckDB refuses
        new work on a connection that still holds an unfinished result."""
        path = (path or paths.warehouse_path()).resolve()
        held = getattr(self._local, "cursors", None) or {}
        if path in held:
            with contextlib.suppress(Exception):
                held.pop(path)[1].close()

    def version(self, path: Path | None = None) -> str:
        return self.connection(path)[0].token

    def close_all(self) -> None:
        with self._lock:
            for _, con in self._open.values():
                with contextlib.suppress(Exception):
                    con.close()
            self._open.clear()


READER = Reader()


@contextlib.contextmanager
def writer_lock(path: Path, timeout_s: float = 120.0) -> Iterator[None]:
    """An exclusive advisory lock beside the snapshot: one writer at a time, across processes."""
    lock_file = paths.lock_path(path)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another import holds {lock_file}") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def stamp() -> str:
    """The local time to the microsecond as ``20250301T140501-123456``: file names that sort in time
    order, also for two writes within one second (``backups`` relies on it)."""
    now = time.time_ns()
    return time.strftime("%Y%m%dT%H%M%S", time.localtime(now // 1_000_000_000)) + f"-{now // 1000 % 1_000_000:06d}"


def keep_in_snapshots(path: Path, prefix: str, keep: int) -> Path | None:
    """Keep ``path`` as ``snapshots/<prefix>-<time>.duckdb`` (a hard link where the file system
    allows, else a copy) and drop the oldest so that ``keep`` such files remain."""
    if not path.exists():
        return None
    folder = paths.snapshots_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"{prefix}-{stamp()}.duckdb"
    try:
        os.link(path, kept)
    except OSError:
        files.copy(path, kept)
    for stale in sorted(folder.glob(f"{prefix}-*.duckdb"))[:-keep]:
        with contextlib.suppress(OSError):
            stale.unlink()
    return kept


def _newest_backup_is(path: Path) -> bool:
    """Whether the newest backup is a copy of ``path`` as it stands (``keep_copy`` keeps the size and
    modification time), so that replacing ``path`` needs no second copy of it."""
    if not path.exists():
        return True
    kept = backups(path)
    if not kept:
        return False
    a, b = kept[-1].stat(), path.stat()
    return (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def keep_copy(path: Path, keep: int) -> Path:
    """A copy (never a link: damage to the snapshot in place must not reach it) of the snapshot a
    write just put in place, kept as its newest backup, so losing the snapshot never loses that write."""
    folder = paths.snapshots_dir(path)
    kept = folder / f"{path.stem}-{stamp()}.duckdb"
    files.copy(path, kept)
    for stale in sorted(folder.glob(f"{path.stem}-*.duckdb"))[:-keep]:
        with contextlib.suppress(OSError):
            stale.unlink()
    return kept


def write_snapshot(
    change: Callable[[duckdb.DuckDBPyConnection], object],
    *,
    path: Path | None = None,
    fresh: bool = False,
    check: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
):
    """Apply ``change`` to a copy of the snapshot and swap it in atomically.

    ``fresh`` starts from an empty database instead of a copy (the build). ``change`` runs inside
    one transaction; ``check`` runs after it commits and may raise to abandon the new snapshot.
    Returns whatever ``change`` returned.
    """
    path = (path or paths.warehouse_path()).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(path):
        _sweep_stray_copies(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.time_ns()}.tmp")
        try:
            if not fresh:
                if not path.exists():
                    raise WarehouseMissing(f"no warehouse at {path}; run `python -m tracker build`")
                shutil.copy2(path, tmp)
            con = connect(str(tmp))
            try:
                con.execute("begin transaction")
                try:
                    result = change(con)
                    con.execute("commit")
                except BaseException:
                    con.execute("rollback")
                    raise
                if check is not None:
                    check(con)
                con.execute("checkpoint")
            finally:
                con.close()
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            if not _newest_backup_is(path):
                keep_in_snapshots(path, path.stem, KEEP_BACKUPS)
            os.replace(tmp, path)
            try:
                keep_copy(path, KEEP_BACKUPS)
            except OSError as exc:       # the write is in place; the next write keeps the file it replaces
                logging.getLogger("tracker.warehouse").warning("no backup copy of %s was kept: %s", path, exc)
            return result
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            with contextlib.suppress(FileNotFoundError):
                Path(str(tmp) + ".wal").unlink()


def _sweep_stray_copies(path: Path) -> None:
    """Remove working copies (and half-made backup copies) left by a writer that died; safe because
    we hold the lock."""
    strays = [*path.parent.glob(f".{path.name}.*.tmp*"), *paths.snapshots_dir(path).glob(f".{path.stem}-*.duckdb.*.tmp")]
    for stray in strays:
        with contextlib.suppress(OSError):
            stray.unlink()


def backups(path: Path | None = None) -> list[Path]:
    path = (path or paths.warehouse_path()).resolve()
    return sorted(paths.snapshots_dir(path).glob(f"{path.stem}-*.duckdb"))
