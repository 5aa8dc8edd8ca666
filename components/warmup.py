"""The first pages for a room: the views a meeting opens first, computed before anyone asks.

When the tablets of a meeting open the same link at once they all ask for the default views: the
overview of the whole city at the latest year and meeting mode, in Chinese or English. Each of
those is derived once per snapshot (components/data.py) and then shared; ``default_views`` derives
them ahead, with the same functions and arguments the pages use, so the first visitor finds them
made. serve.py runs it before the server answers, and ``Warmer`` runs it again as soon as a new
snapshot lands (an import from the Data page or the command line swaps the file in place; every
process of `make serve` sees the new version within ``POLL_S``), so the visitor after an import
does not pay for the whole derivation either.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from components import changes, data, filters, freshness
from components.i18n import LANGS, t
from components.screens import overview, present
from tracker import db

log = logging.getLogger("tracker.warmup")
POLL_S = 2.0      # how often the warmer looks for a new snapshot (a stat of the file; no query)


def default_views() -> str:
    """Derive the default views (overview and meeting mode, whole city, latest year, every language)
    into the process's cache; returns the snapshot version they were made from."""
    version = data.version()
    plans = data.rows("plans")
    if not plans:
        return version
    plan_id = plans[0]["plan_id"]               # data.default_plan without a URL: the newest plan with data
    years = [r["year"] for r in data.rows("plan_years", plan_id=plan_id)]
    if not years:
        return version
    year = max(years)
    for lang in LANGS:
        city = t("filter.whole_city", lang)
        filters.area_names(lang)
        changes.moments(plan_id, lang)
        overview.overview(plan_id, year, None, city, lang)
        overview.small_map(plan_id, year, None, lang)
        freshness.line(plan_id, year, None, lang)
        present.deck_view(plan_id, year, None, city, lang)
    return version


class Warmer:
    """A daemon thread that calls ``warm`` whenever the snapshot's version differs from the one last
    warmed (checked every ``poll_s`` seconds). A failure is logged and tried again at the next new
    version; the app itself never waits for it."""

    def __init__(self, warmed: str | None = None, *, poll_s: float = POLL_S,
                 warm: Callable[[], str] = default_views) -> None:
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
