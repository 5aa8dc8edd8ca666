"""Browser tests for the district and methodology pages: the scorecard and the worked example as a
reader finds them. Their deep links in both languages at both tablet orientations (nothing fetched
from outside, no errors, no sideways scroll) are checked by the sweep over tests/screens.py in
tests/chromium/test_accessibility.py."""
from __future__ import annotations

import pytest

from tests import browser as b

pytestmark = pytest.mark.browser

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
