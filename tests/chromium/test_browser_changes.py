"""What changed since a past import, in Debian's chromium at tablet sizes in both languages: the
overview's "since" view (a deep link with ?since=) lists the target an import moved under "turned
worse", its link opens the target, and meeting mode shows the same as its first slide."""
from __future__ import annotations

import shutil
import time

import pandas as pd
import pytest

from tests import bad_files as bf
from tests import browser as b
from tracker import db
from tracker.importer import apply

pytestmark = pytest.mark.browser
PLAN = "nb-cp-2021-2025"


@pytest.fixture(scope="module")
def moved(demo_warehouse, tmp_path_factory):
    """A copy of the demo warehouse with one completed city target pushed far below its base, served
    on its own fresh server; (base URL, ?since= of the import, the target's id)."""
    path = tmp_path_factory.mktemp("changes") / "w.duckdb"
    shutil.copy2(demo_warehouse, path)
    status = db.run("status_export", path=path, plan_id=PLAN, year=2025)
    row = status[(status["scope"] == "city") & (status["status"] == "completed") & (status["measure"] == "level")
                 & (status["comparator"] == ">=") & status["baseline_value"].notna()].iloc[0]
    time.sleep(1.1)
    apply.commit([("moved.csv", bf.csv_bytes([[row["indicator_id"], row["area_code"], 2025,
                                                float(row["baseline_value"]) * 0.5, None, None, None]]))], "test", path)
    moment = db.run("change_moments", path=path, plan_id=PLAN).iloc[0]["logged_at"]
    since = pd.Timestamp(moment).floor("s").strftime("%Y-%m-%dT%H:%M:%S")
    with b.served_app(path) as base:
        yield base, since, row["indicator_id"]


def check_since_view(page, log, indicator: str, lang: str, orientation: str):
    """The "turned worse" block lists the moved target with a link to it; returns the link."""
    b.settle(page)
    worse = page.locator('[class*="st-key-overview-worse"]')
    assert worse.is_visible()
    assert ("转差 1项", "Turned worse: 1")[lang == "en"] in worse.inner_text()
    link = worse.locator('[data-testid="stPageLink-NavLink"]')
    assert link.count() == 1 and indicator in link.inner_text() and "→" in link.inner_text()
    worse.scroll_into_view_if_needed()
    b.screenshot(page, f"changes-{lang}-{orientation}")
    b.check_tablet_rules(page, log, b.TABLET_SIZES[orientation][0])
    href = link.get_attribute("href")
    assert f"indicator={indicator}" in href and (lang == "zh" or "lang=en" in href)
    return link


def tap_through(page, link, indicator: str) -> None:
    link.tap()
    page.wait_for_url("**/indicator?**", timeout=20000)
    assert f"indicator={indicator}" in page.url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_since_view_lists_the_moved_target(moved, chromium, lang):
    """Opened at landscape: checked, and its link tapped; back to the since view (the browser's back,
    as a reader would), the tablet turned to portrait, checked again and the link tapped again. A
    turned page is laid out as a fresh load at that size (tests/browser.py::turn)."""
    server, since, indicator = moved
    context, page, log = b.open_page(chromium, b.root_url(server, f"since={since}", lang), b.TABLET_SIZES["landscape"])
    try:
        tap_through(page, check_since_view(page, log, indicator, lang, "landscape"), indicator)
        page.go_back()
        page.wait_for_url(lambda u: "/indicator" not in u and "since=" in u, timeout=20000)
        page.wait_for_selector('[class*="st-key-overview-worse"]', timeout=20000)
        b.wait_ready(page)
        b.turn(page, "portrait")
        tap_through(page, check_since_view(page, log, indicator, lang, "portrait"), indicator)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_meeting_mode_opens_on_the_changes(moved, chromium, lang):
    server, since, indicator = moved
    context, page, log = b.open_page(chromium, b.root_url(server, f"present=1&paused=1&since={since}", lang),
                                     b.TABLET_SIZES["landscape"])
    try:
        b.settle(page)
        heading = page.locator('[data-testid="stMain"] h2').first.inner_text()
        assert ("以来的变化", "What changed since")[lang == "en"] in heading
        assert indicator in page.locator('[class*="st-key-present-worse"]').inner_text()
        b.screenshot(page, f"present-changes-{lang}")
        assert log.outside() == [] and log.page_errors == [] and log.console_errors == []
    finally:
        context.close()
