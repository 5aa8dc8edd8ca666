"""Deep links on a freshly started server, in Debian's chromium.

Streamlit serves an app with a ``pages/`` folder in its old multipage mode until the first
navigation runs (components/frame.py, ``routed``), so the first visits of a new server are their
own case. This module starts a server of its own; its first visitors are every screen's deep link
of tests/screens.py, all arriving together, as after a restart during office hours. Every other
browser test shares the session's one server (tests/conftest.py); the same links at both tablet
sizes and in both languages are checked there by the accessibility sweep.
"""
from __future__ import annotations

import pytest

from tests import browser as b
from tests.screens import SCREENS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fresh_server(demo_warehouse):
    """A server no test has visited yet: only the test below uses it."""
    with b.served_app(demo_warehouse) as base:
        yield base


def test_every_deep_link_on_a_fresh_server_shows_its_screen(fresh_server, chromium):
    lang, orientation = "zh", "landscape"
    opened = []
    try:
        for screen in SCREENS:      # every link is requested before any has been served
            opened.append(b.open_page(chromium, screen.url(fresh_server, lang), b.TABLET_SIZES[orientation],
                                      ready=False))
        for screen, (_, page, log) in zip(SCREENS, opened):
            b.wait_ready(page, timeout_ms=90000)
            b.check_screen(page, log, screen, lang, orientation)
    finally:
        for context, _, _ in opened:
            context.close()
