"""The overview and meeting mode in Debian's chromium, opened by deep link on a fresh server, at
tablet sizes in both languages: nothing leaves 127.0.0.1, no console errors, no horizontal scroll,
touch targets of at least 44 px, body text of at least 14 px."""
from __future__ import annotations

import pytest

from tests import browser as b

pytestmark = pytest.mark.browser

TOUCH_PX, TEXT_PX = 44, 14
# Visible tap targets smaller than TOUCH_PX (a select's chevron is part of the select, which is checked).
SMALL_TARGETS_JS = """(min) => Array.from(document.querySelectorAll(
    '[data-testid="stMain"] button, [data-testid="stMain"] a, [data-testid="stMain"] .stSelectbox [role="group"]'))
  .filter(e => e.offsetParent !== null && e.getAttribute('aria-haspopup') !== 'listbox')
  .map(e => [e.innerText.slice(0, 40), e.getBoundingClientRect().height])
  .filter(([, h]) => h > 0 && h < min)"""
SMALL_TEXT_JS = """(min) => Array.from(document.querySelectorAll('[data-testid="stMain"] p'))
  .filter(e => e.offsetParent !== null && e.innerText.trim())
  .map(e => [e.innerText.slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])
  .filter(([, px]) => px < min)"""
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


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(b.TABLET_SIZES))
@pytest.mark.parametrize("query,name", [("", "overview"), ("district=330212", "overview-district")])
def test_overview_at_tablet_sizes(server, chromium, query, name, lang, orientation):
    size = b.TABLET_SIZES[orientation]
    context, page, log = b.open_page(chromium, url(server, query, lang), size)
    try:
        settle(page)
        assert ("总览", "Overview")[lang == "en"] in page.locator(HEADING).first.inner_text()
        off_title = ("未完成和基本完成的目标", "Targets not completed")[lang == "en"]    # 2025: the target year
        assert page.get_by_text(off_title).first.is_visible()
        b.screenshot(page, f"{name}-tiles-{lang}-{orientation}")
        check_page(page, log, size[0])
    finally:
        context.close()


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
