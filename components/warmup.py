"""Warm again when a new snapshot lands: a thread that watches the snapshot's version.

When the tablets of a meeting open the same link at once they all ask for the default views (the
overview of the whole city at the latest year and meeting mode, in Chinese or English), each
derived once per snapshot (components/data.py) and then shared. serve.py derives them before the
server answers (``serve.default_views``); ``Warmer`` calls that again as soon as a new snapshot
lands (an import from the Data page or the command line swaps the file in place; every process of
`make serve` sees the new version within ``POLL_S``), so the visitors after an import do not pay
for the whole derivation either. The kit knows no screen: the warm-up is handed in.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from tracker import db

log = logging.getLogger("tracker.warmup")
POLL_S = 2.0      # how often the warmer looks for a new snapshot (a stat of the file; no query)


class Warmer:
    """A daemon thread that calls ``warm`` whenever the snapshot's version differs from the one last
    warmed (checked every ``poll_s`` seconds). A failure is logged and tried again at the next new
    version; the app itself never waits for it."""

    def __init__(self, warm: Callable[[], str], warmed: str | None = None, *, poll_s: float = POLL_S) -> None:
        self.warmed, self.poll_s, self.warm = warmed, poll_s, warm
        self.runs = 0                       # warm-ups done by this thread (tests read it)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="tracker-warmup", daemon=True)

    def start(self) -> "Warmer":
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)

    def check(self) -> bool:
        """One look: warm when a new snapshot is in place. True when it warmed."""
        version = db.version()
        if version == self.warmed:
            return False
        self.warmed = self.warm()
        self.runs += 1
        return True

    def _loop(self) -> None:
        while not self._stop.wait(self.poll_s):
            try:
                self.check()
            except Exception:  # noqa: BLE001  (a bad snapshot is the pages' to report; keep watching)
                log.exception("warming the default views failed")
