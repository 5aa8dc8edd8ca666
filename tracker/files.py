"""Writing a file so that a failure leaves the earlier one intact, and saying so in one sentence.

Every file the project writes (exports, the deck and the report, recovery.json, the supervisor's
state and nginx configuration, copies kept under snapshots/) goes through ``replacing``: the content
is written to a temporary name in the same folder, flushed to disk, and renamed over the final name
in one step. A full disk, a read-only folder or a process killed half-way leaves the earlier file
(or none) under the final name, never a cut-short one, and no temporary file behind.

``storage_problem`` turns the exceptions a full disk or a read-only folder raise (an ``OSError``, or
DuckDB's own I/O error, perhaps chained) into one sentence for the command line.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from pathlib import Path
from typing import Iterator

# errno values that mean "this storage cannot take the write", and what they are called in a sentence
STORAGE_ERRORS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
                  errno.EROFS: "the file system is read-only", errno.EACCES: "permission is denied",
                  errno.EPERM: "permission is denied"}
# the same, as DuckDB words them in its own I/O errors
_STORAGE_WORDS = {"no space left on device": "the disk is full", "disk quota exceeded": "the disk quota is used up",
                  "read-only file system": "the file system is read-only", "permission denied": "permission is denied"}


def temporary_name(path: Path) -> Path:
    """A hidden name beside ``path``, unique to this process and moment."""
    return path.with_name(f".{path.name}.{os.getpid()}.{time.time_ns()}.tmp")


@contextlib.contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path to write; when the block ends without an exception, flush it to disk
    and rename it over ``path`` (creating the folder if need be). On any failure the temporary file
    is removed and ``path`` is as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes(path: Path | str, data: bytes) -> None:
    with replacing(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    with replacing(path) as tmp:
        tmp.write_text(text, encoding=encoding)


def copy(source: Path, target: Path) -> None:
    """A copy of ``source`` (contents and times) under ``target``, renamed into place when whole."""
    with replacing(target) as tmp:
        shutil.copy2(source, tmp)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def storage_problem(exc: BaseException, folder: Path | None = None) -> str | None:
    """One sentence when ``exc`` (or what caused it) says the storage cannot take a write; else None."""
    for cause in _causes(exc):
        what = STORAGE_ERRORS.get(cause.errno) if isinstance(cause, OSError) else None
        where = getattr(cause, "filename", None)
        if what is None and not isinstance(cause, OSError):
            text = str(cause).lower()
            what = next((said for words, said in _STORAGE_WORDS.items() if words in text), None)
        if what:
            place = Path(where).parent if where else folder
            return (f"cannot write to {place or 'the data folder'}: {what}. Nothing was changed; free some space "
                    "or make the folder writable, then run the command again.")
    return None
