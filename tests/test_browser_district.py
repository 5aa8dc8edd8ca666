"""Browser tests for the district and methodology pages: deep links on a fresh server, both
languages, both tablet orientations, nothing fetched from outside, no errors, no sideways scroll."""
from __future__ import annotations

import pytest

from tests import browser as b

pytestmark = pytest.mark.browser

# (url path and query, screenshot name, heading that proves the right page is shown: (zh, en))
PAGES = [
    ("district?district=330212", "district", ("区县：鄞州区", "District: Yinzhou")),
    ("method", "method", ("说明", "Methodology")),
]


def settled(page) -> None:
    """Wait until Streamlit has replaced its loading placeholders with the real elements."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=15000)
    page.wait_for_timeout(300)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path,name,expected", PAGES, ids=[p[1] for p in PAGES])
@pytest.mark.parametrize("orientation", list(b.TABLET_SIZES))
def test_deep_link_opens_the_page(server, chromium, path, name, expected, lang, orientation):
    sep = "&" if "?" in path else "?"
    url = f"{server}/{path}" + (f"{sep}lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES[orientation])
    try:
        settled(page)
        b.check_tablet_page(page, log, expected, lang, orientation, name)
    finally:
        context.close()


def test_district_scorecard_and_worked_example_render(server, chromium):
    """What a reader looks for: the scorecard grid, and the example's formulas and verdict."""
    context, page, log = b.open_page(chromium, f"{server}/district?district=330225&year=2023", (1024, 768))
    try:
        assert "象山县" in page.locator('[data-testid="stMain"] h1').first.inner_text()
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=15000)
        assert page.locator('[data-testid="stMetric"]').count() >= 4
        # the scorecard's and the city-only list's CSV and Excel
        assert page.locator('[data-testid="stDownloadButton"]').count() == 4
    finally:
        context.close()
    context, page, log = b.open_page(chromium, f"{server}/method?indicator=A11-03&district=330212&year=2023&lang=en",
                                     (768, 1024))
    try:
        page.wait_for_selector(".katex", timeout=15000)
        assert page.locator(".katex").count() >= 5
        assert page.get_by_text("The recomputation matches the stored result").count() == 1
        assert log.console_errors == [] and log.outside() == []
    finally:
        context.close()
