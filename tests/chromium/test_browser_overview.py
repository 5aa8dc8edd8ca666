"""The overview and meeting mode in Debian's chromium, at tablet sizes in both languages: nothing
leaves 127.0.0.1, no console errors, no horizontal scroll, touch targets of at least 44 px, body text
of at least 14 px. The overview's deep links at tablet sizes are checked, with these rules, by the
sweep over tests/screens.py in tests/chromium/test_accessibility.py."""
from __future__ import annotations

import pytest

from tests import browser as b

pytestmark = pytest.mark.browser

TOUCH_PX, TEXT_PX = b.TOUCH_PX, b.TEXT_PX
SMALL_TARGETS_JS, SMALL_TEXT_JS = b.SMALL_TARGETS_JS, b.SMALL_TEXT_JS
HEADING = '[data-testid="stMain"] h1'


def settle(page) -> None:
    """Wait until the lazily loaded widgets have replaced their grey placeholders (stSkeleton)."""
    page.wait_for_function("!document.querySelector('[data-testid=\"stMain\"] [data-testid=\"stSkeleton\"]')",
                           timeout=30000)
    page.wait_for_timeout(300)


def url(server: str, query: str, lang: str) -> str:
    extra = "lang=en" if lang == "en" else ""
    joined = "&".join(p for p in (query, extra) if p)
    return f"{server}/" + (f"?{joined}" if joined else "")


def check_page(page, log, width: int) -> None:
    assert log.outside() == []
    assert log.page_errors == []
    assert log.console_errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "horizontal scroll"
    assert page.evaluate(SMALL_TARGETS_JS, TOUCH_PX) == []
    assert page.evaluate(SMALL_TEXT_JS, TEXT_PX) == []


def test_an_off_track_item_opens_its_action(server, chromium):
    context, page, log = b.open_page(chromium, url(server, "", "en"), b.TABLET_SIZES["portrait"])
    try:
        link = page.locator('[class*="st-key-off-"] [data-testid="stPageLink-NavLink"]').first
        href = link.get_attribute("href")
        assert "action=" in href and "lang=en" in href
        link.tap()
        page.wait_for_url("**/action?**", timeout=20000)
        assert "action=" in page.url and "lang=en" in page.url
        assert log.outside() == [] and log.page_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(b.TABLET_SIZES))
def test_meeting_mode_at_tablet_sizes(server, chromium, lang, orientation):
    size = b.TABLET_SIZES[orientation]
    context, page, log = b.open_page(chromium, url(server, "present=1&paused=1", lang), size)
    try:
        settle(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[data-testid="stHeader"]').is_visible()
        assert page.locator(".st-key-present_next button").is_visible()
        b.screenshot(page, f"present-{lang}-{orientation}")
        page.locator(".st-key-present_next button").tap()
        page.wait_for_url("**slide=2**", timeout=10000)
        b.wait_ready(page)
        settle(page)
        b.screenshot(page, f"present-action-{lang}-{orientation}")
        check_page(page, log, size[0])
    finally:
        context.close()


def test_meeting_mode_advances_by_itself_and_by_tap(server, chromium):
    context, page, log = b.open_page(chromium, f"{server}/?present=1&every=5", b.TABLET_SIZES["landscape"])
    try:
        first = page.locator(HEADING).first.inner_text()
        page.wait_for_timeout(6500)
        assert "slide=2" in page.url
        second = page.locator(HEADING).first.inner_text()
        assert second != first
        page.locator(".st-key-present_next button").tap()
        page.wait_for_url("**slide=3**", timeout=10000)
        page.wait_for_function("([sel, old]) => document.querySelector(sel).innerText !== old",
                               arg=[HEADING, second], timeout=10000)
        assert log.outside() == [] and log.page_errors == [] and log.console_errors == []
    finally:
        context.close()
