"""The action and indicator pages in Debian's chromium: deep links, tablet sizes,
both languages, a tap on a card, and a real CSV download."""
from __future__ import annotations

import pytest

from tests import browser as b

pytestmark = pytest.mark.browser

PAGES = [
    # (url path and query, screenshot name, heading text (zh, en)); every screen's own deep link (action 12
    # among them) is checked by the sweep over tests/screens.py in tests/chromium/test_accessibility.py
    ("indicator?indicator=A12-01", "indicator-A12-01", ("养老机构护理型床位占比", "Nursing-care beds")),
]


def url_for(server: str, path: str, lang: str) -> str:
    return f"{server}/{path}" + ("&lang=en" if lang == "en" else "")


wait_charts = b.wait_charts


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path,name,heading", PAGES, ids=[p[1] for p in PAGES])
def test_deep_link_opens_the_page_on_a_tablet(server, chromium, path, name, heading, lang):
    """Opened at landscape, checked, then the tablet turned to portrait and checked again (a turned
    page is laid out as a fresh load at that size). The Chinese indicator page, while open at
    landscape, also serves the values table's CSV download (check_values_csv)."""
    context, page, log = b.open_page(chromium, url_for(server, path, lang), b.TABLET_SIZES["landscape"])
    try:
        for orientation in b.TABLET_SIZES:
            b.turn(page, orientation)     # no-op at the size it was opened at
            wait_charts(page)
            b.check_tablet_page(page, log, heading, lang, orientation, name)
            if (path, lang, orientation) == (CSV_PAGE, "zh", "landscape"):
                check_values_csv(page, log)
    finally:
        context.close()


def test_tapping_a_card_shows_its_trend_and_records_it_in_the_link(server, chromium):
    context, page, log = b.open_page(chromium, f"{server}/action?action=12", b.TABLET_SIZES["portrait"])
    try:
        wait_charts(page, at_least=9)                     # fully drawn and interactive before the tap
        button = page.locator(".st-key-card_A12-03 button")
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box and box["height"] >= 44, "card button below the 44 px touch size"
        button.tap()
        page.wait_for_function("window.location.search.includes('indicator=A12-03')", timeout=60000)
        b.wait_ready(page)
        page.wait_for_function(
            "[...document.querySelectorAll('[data-testid=\"stMain\"] h2')]"
            ".some(h => h.innerText.includes('新建县级康养联合体'))", timeout=60000)
        assert log.console_errors == [] and log.outside() == []
    finally:
        context.close()


CSV_PAGE = "indicator?indicator=A12-01"


def check_values_csv(page, log) -> None:
    """The values table downloads as a real CSV (BOM, Chinese header, the city's row), fetched from
    nowhere but the app. Run on the Chinese indicator page opened at landscape by the deep-link test."""
    button = page.locator(".st-key-indicator_values_csv button")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=30000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "A12-01-values.csv"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("地区,区划代码,单位,2020")
    assert "宁波市,330200,%," in text
    assert log.outside() == []
    page.locator('[data-testid="stMain"] h1').first.scroll_into_view_if_needed()  # back to the top
