"""Browser tests: Debian's chromium through playwright, against the app served on 127.0.0.1."""
from __future__ import annotations

import re

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
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "overview"
        b.check_tablet_page(page, log, expected, lang, orientation, name)
    finally:
        context.close()
