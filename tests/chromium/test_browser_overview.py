"""Meeting mode in Debian's chromium: it advances by itself and by a tap. Meeting mode at both tablet
sizes in both languages (no sidebar or header, nothing leaving 127.0.0.1, no console errors, no
horizontal scroll, touch targets of at least 44 px, body text of at least 14 px) is checked on the
walk through every slide in tests/chromium/test_browser_tablet.py, an off-track item followed from the
overview to its action there too, and the overview's deep links at tablet sizes by the sweep over
tests/screens.py in tests/chromium/test_accessibility.py."""
from __future__ import annotations

import pytest

from tests import browser as b

pytestmark = pytest.mark.browser

HEADING = '[data-testid="stMain"] h1'


def test_meeting_mode_advances_by_itself_and_by_tap(server, chromium):
    context, page, log = b.open_page(chromium, f"{server}/?present=1&every=5", b.TABLET_SIZES["landscape"])
    try:
        first = page.locator(HEADING).first.inner_text()
        # by itself: within the 6.5 s the test used to sleep, the next slide is up (its URL and heading)
        page.wait_for_function("([sel, old]) => location.search.includes('slide=2') "
                               "&& document.querySelector(sel).innerText !== old", arg=[HEADING, first], timeout=6500)
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
