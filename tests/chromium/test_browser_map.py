"""Browser tests of the map and compare screens: a tap on the drawn map selects a district, and
nothing is fetched from beyond 127.0.0.1 (no basemap, no fonts, no tiles)."""
from __future__ import annotations

import pytest

from components import geo, maps
from tests import browser as b

pytestmark = pytest.mark.browser

CIXI = "330282"
# Tap targets under 44 px (buttons, links, selects), leaving out the compare screen's multiselect chips.
SMALL_TARGETS_JS = """(min) => Array.from(document.querySelectorAll(
    '[data-testid="stMain"] button, [data-testid="stMain"] a, [data-testid="stMain"] .stSelectbox [role="group"]'))
  .filter(e => e.offsetParent !== null && e.getAttribute('aria-haspopup') !== 'listbox')
  .filter(e => !e.closest('[data-baseweb="tag"]') && !e.closest('.stMultiSelect'))  // Streamlit's own chips
  .map(e => [e.innerText.slice(0, 40), e.getBoundingClientRect().height])
  .filter(([, h]) => h > 0 && h < min)"""
NAMES = {"zh": "慈溪市", "en": "Cixi"}


def canvas_box(page) -> dict:
    chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
    chart.scroll_into_view_if_needed()
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=20000)
    page.wait_for_timeout(800)  # deck.gl draws on the next animation frames
    return page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.bounding_box()


def screen_point(box: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where a point is drawn: the deck's initial view (centre and zoom) over the canvas it got."""
    view = geo.fit_view(maps.MAP_WIDTH, maps.MAP_HEIGHT)
    x, y = geo.project(lon, lat, view, box["width"], box["height"])
    return box["x"] + x, box["y"] + y


def tap(page, x: float, y: float) -> None:
    """A finger tap as the browser itself synthesises one (touch start, a short hold, touch end, with
    the pointer events a tablet sends); playwright's instant touchscreen.tap is too short for
    deck.gl's tap gesture."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Input.synthesizeTapGesture",
                 {"x": x, "y": y, "duration": 60, "tapCount": 1, "gestureSourceType": "touch"})
    finally:
        cdp.detach()


def tap_until(page, point: tuple[float, float], condition_js: str, tries: int = 3) -> None:
    """Tap, and tap again if the page has not reacted within a few seconds: on a loaded test machine
    the first tap can land before deck.gl has finished setting up its gesture handlers."""
    for attempt in range(tries):
        tap(page, *point)
        try:
            page.wait_for_function(condition_js, timeout=8000)
            return
        except Exception:
            if attempt == tries - 1:
                raise


def wait_rerun(page) -> None:
    page.wait_for_timeout(300)
    b.wait_ready(page)


def panel_headings(page) -> list[str]:
    return page.locator('.st-key-map_panel h2').all_inner_texts()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tapping_a_district_on_the_map_selects_it(server, chromium, lang):
    url = f"{server}/map?indicator=A12-06" + ("&lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES["landscape"])
    try:
        box = canvas_box(page)
        x, y = screen_point(box, *geo.label_points()[CIXI])
        tap_until(page, (x, y), "() => location.search.includes('district=330282')")
        wait_rerun(page)
        assert any(NAMES[lang] in h for h in panel_headings(page))
        link = page.locator('[data-testid="stPageLink"] a', has_text=NAMES[lang]).first
        assert "district=330282" in (link.get_attribute("href") or "")

        page.locator(".st-key-map_whole_city button").tap()
        page.wait_for_function("() => !location.search.includes('district=')", timeout=15000)
        wait_rerun(page)
        assert not any(NAMES[lang] in h for h in panel_headings(page))
        assert log.outside() == []
        assert log.page_errors == [] and log.console_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["map?indicator=A12-06&district=330226", "compare?actions=12,16"])
def test_map_and_compare_at_tablet_size_stay_offline(server, chromium, path, lang):
    """Opened at landscape, checked, the tablet turned to portrait and checked again: a turned page is
    laid out as a fresh load at that size (tests/browser.py::turn)."""
    url = f"{server}/{path}" + ("&lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES["landscape"])
    try:
        for orientation, size in b.TABLET_SIZES.items():
            b.turn(page, orientation)     # no-op at the size it was opened at
            if path.startswith("map"):
                canvas_box(page)
                page.locator('[data-testid="stMain"] h1').first.scroll_into_view_if_needed()
            else:
                page.wait_for_selector('[data-testid="stVegaLiteChart"]', timeout=20000)
                page.wait_for_timeout(800)
            b.screenshot(page, f"{path.split('?')[0]}-{lang}-{orientation}")
            b.check_layout(page, log, size[0])
            assert log.console_errors == []
            assert page.evaluate(b.SMALL_TEXT_JS, b.TEXT_PX) == []
            assert page.evaluate(SMALL_TARGETS_JS, b.TOUCH_PX) == []
    finally:
        context.close()
