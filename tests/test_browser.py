"""Browser tests: Debian's chromium through playwright, against the app served on 127.0.0.1."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import browser as b

pytestmark = pytest.mark.browser

# (url path and query, text that proves the right page is shown: (zh, en))
DEEP_LINKS = [
    ("", ("总览", "Overview")),  # the default page lives at the root URL
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path,expected", DEEP_LINKS, ids=[d[0].split("?")[0] or "overview" for d in DEEP_LINKS])
@pytest.mark.parametrize("orientation", list(b.TABLET_SIZES))
def test_deep_link_shows_the_page(server, chromium, path, expected, lang, orientation):
    sep = "&" if "?" in path else "?"
    url = f"{server}/{path}" + (f"{sep}lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES[orientation])
    try:
        heading = page.locator('[data-testid="stMain"] h1').first.inner_text()
        assert expected[0 if lang == "zh" else 1] in heading
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "overview"
        b.screenshot(page, f"{name}-{lang}-{orientation}")
        assert log.outside() == []
        assert log.page_errors == []
        assert log.console_errors == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= b.TABLET_SIZES[orientation][0], "horizontal scroll at tablet width"
    finally:
        context.close()
