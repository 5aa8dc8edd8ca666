"""Every child's output in one folder, rotated by size.

A child writes to a pipe; a thread of the supervisor copies each line into a file through
``logging.handlers.RotatingFileHandler`` (``app-8081.log``, ``app-8081.log.1`` … ``.5``, each at
most ``MAX_BYTES``), so a process that logs too much never fills the disk and a restarted process
goes on in the same file. The folder is the owner's alone (0700) and each file is created 0600:
logs name addresses and what failed, which no other account on the machine should read.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import threading
from pathlib import Path
from typing import IO

MAX_BYTES = 5_000_000
BACKUPS = 5


def rotating(path: Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> logging.Logger:
    """A logger of its own writing bare lines to ``path``, rotated at ``max_bytes``."""
    private_folder(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    logger = logging.getLogger(f"tracker.supervise.file.{path.resolve()}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    if not logger.handlers:
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    return logger


def private_folder(folder: Path) -> None:
    """``folder``, created if need be, readable and writable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)


def close(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)


def pump(stream: IO[bytes], logger: logging.Logger) -> threading.Thread:
    """Copy ``stream`` line by line into ``logger`` until the child closes it (a daemon thread)."""
    def copy() -> None:
        with stream:
            for raw in iter(stream.readline, b""):
                logger.info(raw.decode("utf-8", "replace").rstrip("\n"))

    thread = threading.Thread(target=copy, name=f"log-pump-{logger.name}", daemon=True)
    thread.start()
    return thread
