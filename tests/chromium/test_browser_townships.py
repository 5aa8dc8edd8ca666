"""Browser tests of township coverage at tablet size, in both languages: the map's side panel of a
district names its townships not yet covered, and a tap on the overview's small map opens the map
screen on the tapped district. Screenshots go to tests/screenshots/ (git-ignored)."""
from __future__ import annotations

import pytest

import tests.chromium.test_browser_map as bm
from components import geo
from components.screens import overview as screen_overview
from tests import browser as b
from tracker import db

pytestmark = pytest.mark.browser

TARGET = "A12-06"
YINZHOU = "330212"
NAMES = {"zh": {"330212": "鄞州区", "330282": "慈溪市"}, "en": {"330212": "Yinzhou", "330282": "Cixi"}}


def latest_year() -> int:
    return int(db.run("map_years", indicator_id=TARGET)["year"].max())


def panel_expectation(district: str, lang: str) -> tuple[str, list[str]]:
    """What the panel must say, from the warehouse: "x of y townships covered" and the first
    uncovered names (the panel lists up to twelve)."""
    year = latest_year()
    coverage = db.run("township_coverage", indicator_id=TARGET, area_code=district, year=year)
    total = len(coverage)
    covered = int((coverage["state"] == "covered").sum())
    reported = int((coverage["state"] != "unreported").sum())
    text = f"{covered}/{reported}个乡镇（街道）已覆盖" if lang == "zh" else f"{covered} of {reported} townships covered"
    assert reported == total, "the demo reports every township"
    uncovered = coverage.loc[coverage["state"] == "uncovered", f"name_{lang}"].tolist()
    assert uncovered, "the demo leaves some townships uncovered"
    return text, uncovered[:3]


def panel_text(page) -> str:
    return page.locator(".st-key-map_panel").inner_text().replace("\u2060", "")


def check_panel(page, log, shot: str, lang: str, size) -> str:
    """Yinzhou's map panel brought into view: its name, "x of y townships covered" and the first
    uncovered townships from the warehouse, nothing fetched from outside, no error, no sideways
    scroll. Returns the panel's text."""
    page.locator(".st-key-map_panel").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    b.screenshot(page, shot)
    text = panel_text(page)
    expected, names = panel_expectation(YINZHOU, lang)
    assert NAMES[lang][YINZHOU] in text and expected in text
    for name in names:
        assert name in text
    b.check_layout(page, log, size[0])
    assert log.console_errors == []
    return text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_panel_of_a_district_lists_the_townships_not_yet_covered(server, chromium, lang):
    """Opened at landscape, checked, then the tablet turned to portrait and checked again (a turned
    page is laid out as a fresh load at that size)."""
    url = f"{server}/map?indicator={TARGET}&district={YINZHOU}" + ("&lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES["landscape"])
    try:
        for orientation, size in b.TABLET_SIZES.items():
            b.turn(page, orientation)     # no-op at the size it was opened at
            bm.canvas_box(page)
            text = check_panel(page, log, f"townships-map-panel-{lang}-{orientation}", lang, size)
            assert ("尚未覆盖" if lang == "zh" else "Not yet covered") in text
    finally:
        context.close()


def small_map_point(box: dict, code: str) -> tuple[float, float]:
    view = geo.fit_view(screen_overview.SMALL_MAP_WIDTH, screen_overview.SMALL_MAP_HEIGHT)
    x, y = geo.project(*geo.label_points()[code], view, box["width"], box["height"])
    return box["x"] + x, box["y"] + y


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(b.TABLET_SIZES))
def test_a_tap_on_the_overviews_small_map_opens_the_map_screen_on_that_district(server, chromium, lang, orientation):
    url = f"{server}/" + ("?lang=en" if lang == "en" else "")
    size = b.TABLET_SIZES[orientation]
    context, page, log = b.open_page(chromium, url, size)
    try:
        box = bm.canvas_box(page)
        page.locator(".st-key-overview-map").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        b.screenshot(page, f"townships-overview-map-{lang}-{orientation}")
        city = "宁波市：" if lang == "zh" else "Ningbo: "
        side = page.locator(".st-key-overview-map-side").inner_text().replace("\u2060", "")
        assert city in side and ("个乡镇（街道）已覆盖" if lang == "zh" else "townships covered") in side
        link = page.locator('.st-key-overview-map [data-testid="stPageLink"] a').first
        assert f"indicator={TARGET}" in (link.get_attribute("href") or "")

        chart = page.locator('[data-testid="stDeckGlJsonChart"]').first
        chart.scroll_into_view_if_needed()  # drawn by the canvas_box above: measured again, not waited for again
        box = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.bounding_box()
        bm.tap_until(page, small_map_point(box, YINZHOU),
                     f"() => location.pathname.endsWith('/map') && location.search.includes('district={YINZHOU}')")
        bm.wait_rerun(page)
        page.wait_for_selector(".st-key-map_panel", timeout=20000)
        assert ("lang=en" in page.url) == (lang == "en")
        check_panel(page, log, f"townships-overview-tap-{lang}-{orientation}", lang, size)
    finally:
        context.close()
