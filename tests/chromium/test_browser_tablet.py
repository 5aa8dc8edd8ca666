"""On a tablet (1024×768 and 768×1024): a tap lands on what was tapped, and meeting mode fits the
screen. Few page loads: the off-track item is followed from the overview in each orientation (its
link naming the action and the language, checked here for the overview too), the map is tapped
once, and meeting mode is opened once per language and walked slide by slide, each slide measured
at both sizes by resizing the same page (the first two also checked as the overview's own test did)."""
from __future__ import annotations

import re

import pytest

from components import geo
from tests import browser as b
from tests.chromium.test_browser_map import canvas_box, screen_point, tap_until, wait_rerun

pytestmark = pytest.mark.browser

# The box of the first element matching a selector, and the viewport's height.
BOX_JS = """(sel) => { const e = document.querySelector(sel); if (!e) return null;
  const r = e.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: innerHeight}; }"""
IN_VIEW_JS = """(sel) => { const e = document.querySelector(sel); if (!e) return false;
  const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight - 100; }"""
# What a slide needs in height: the page's content, however Streamlit scrolls it.
CONTENT_JS = """() => Math.max(document.querySelector('[data-testid="stMain"]').scrollHeight,
  document.scrollingElement.scrollHeight, document.querySelector('[data-testid="stMainBlockContainer"]').scrollHeight)"""
POSITION = re.compile(r"(\d+)\D+(\d+)")


@pytest.mark.parametrize("orientation,lang", [("landscape", "zh"), ("portrait", "en")])
def test_an_off_track_item_opens_its_target_selected_and_in_view(server, chromium, orientation, lang):
    url = f"{server}/" + ("?lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES[orientation])
    try:
        # the small map's districts are buttons too, each opening the map on its district
        buttons = page.locator('.st-key-overview-chips-districts [data-testid="stPageLink-NavLink"]')
        assert buttons.count() == 10
        hrefs = [buttons.nth(i).get_attribute("href") for i in range(10)]
        assert len({re.search(r"district=(\d+)", h).group(1) for h in hrefs}) == 10
        assert all(buttons.nth(i).bounding_box()["height"] >= b.TOUCH_PX for i in range(10))
        items = page.locator('[class*="st-key-off-"]')
        first = items.first
        indicator = re.search(r"st-key-off-(\S+?)-is-", first.get_attribute("class")).group(1)
        link = first.locator('[data-testid="stPageLink-NavLink"]')
        href = link.get_attribute("href")                   # the link names the action and the language
        assert "action=" in href and ("lang=en" in href if lang == "en" else "lang=" not in href)
        link.tap()
        page.wait_for_url(f"**/action?**indicator={indicator}**", timeout=20000)
        assert "action=" in page.url
        b.wait_ready(page)
        card = f'[class*="st-key-target-{indicator}-is-"]'
        page.wait_for_function(IN_VIEW_JS, arg=card, timeout=15000)
        # selected: its button is the primary one, and the figures under the cards are its own
        assert page.locator(f'{card} button[kind="primary"]').count() == 1
        assert page.locator('[data-testid="stMain"] button[kind="primary"]').count() == 1
        assert "lang=en" in page.url if lang == "en" else "lang=" not in page.url
        b.screenshot(page, f"tablet-action-from-overview-{lang}-{orientation}")

        # the detail of another card: its button brings the figures into view
        other = page.locator('[class*="st-key-card_"] button[kind="secondary"]').nth(1)
        other.tap()
        page.wait_for_function(f"() => !location.search.includes('indicator={indicator}')", timeout=15000)
        b.wait_ready(page)
        page.wait_for_function(IN_VIEW_JS, arg='[class*="st-key-target-detail-is-"]', timeout=15000)
        assert log.outside() == [] and log.page_errors == [] and log.console_errors == []
    finally:
        context.close()


def test_the_map_panel_is_beside_the_map_and_in_view_after_a_tap(server, chromium):
    context, page, log = b.open_page(chromium, f"{server}/map?indicator=A12-06&lang=en", b.TABLET_SIZES["landscape"])
    try:
        box = canvas_box(page)
        tap_until(page, screen_point(box, *geo.label_points()["330282"]),
                  "() => location.search.includes('district=330282')")
        wait_rerun(page)
        page.wait_for_function(IN_VIEW_JS, arg=".st-key-map_panel h2", timeout=15000)
        heading = page.evaluate(BOX_JS, ".st-key-map_panel h2")
        chart = page.evaluate(BOX_JS, '[data-testid="stDeckGlJsonChart"]')
        assert "Cixi" in page.locator(".st-key-map_panel h2").first.inner_text()
        assert 0 <= heading["top"] and heading["bottom"] <= heading["height"], "the panel is not in view"
        assert heading["left"] >= chart["right"] - 1, "the panel is not beside the map"
        assert chart["top"] >= 0 and chart["top"] < 200, "the map is not at the top of the screen"
        # room above the map for its own buttons (full screen), clear of the sentence over it
        summary_bottom = page.evaluate("""() => Math.max(...Array.from(
            document.querySelectorAll('[data-testid="stMain"] p')).filter(p => p.innerText.includes('of 10 districts'))
            .map(p => p.getBoundingClientRect().bottom))""")
        assert chart["top"] - summary_bottom >= 36, "the map's buttons would cover the summary"
        b.screenshot(page, "tablet-map-tapped-en-landscape")
        assert log.outside() == [] and log.page_errors == [] and log.console_errors == []
    finally:
        context.close()


def check_first_slide(page, lang: str, orientation: str) -> None:
    """Meeting mode's first slide at one tablet size: no sidebar, no header, the next button shown."""
    b.settle(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    assert page.locator(".st-key-present_next button").is_visible()
    b.screenshot(page, f"present-{lang}-{orientation}")


def check_second_slide(page, log, lang: str, orientation: str) -> None:
    """The second slide at one tablet size: nothing fetched from outside, no errors, no horizontal
    scroll, touch targets of at least 44 px and body text of at least 14 px."""
    b.settle(page)
    b.screenshot(page, f"present-action-{lang}-{orientation}")
    b.check_tablet_rules(page, log, b.TABLET_SIZES[orientation][0])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_meeting_slide_fits_the_screen_with_its_controls(server, chromium, lang):
    """Every slide measured at both sizes; the first two also checked as tests/chromium/test_browser_overview.py
    used to on pages of their own: the first without sidebar or header, the second by the touch and
    text rules, each photographed at both sizes, the next button tapped in each orientation."""
    url = f"{server}/?present=1&paused=1" + ("&lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES["landscape"])
    bar = ".st-key-present-controls-bar [data-testid=stCaptionContainer]"
    try:
        n = int(POSITION.search(page.locator(bar).inner_text()).group(2))
        titles, too_tall = [], []
        for k in range(1, n + 1):
            titles.append(page.locator('[data-testid="stMain"] h1').first.inner_text())
            for orientation, (width, height) in b.TABLET_SIZES.items():
                if k in (1, 2):                        # photographed and checked below: turned and settled
                    b.turn(page, orientation)
                else:
                    page.set_viewport_size({"width": width, "height": height})
                    page.wait_for_timeout(150)
                needed = page.evaluate(CONTENT_JS)
                if needed > height:
                    too_tall.append((k, titles[-1], orientation, needed))
                for control in (".st-key-present_next button", ".st-key-present_exit button",
                                ".st-key-present-top summary"):
                    where = page.evaluate(BOX_JS, control)
                    assert where and 0 <= where["top"] and where["bottom"] <= height, (k, orientation, control)
                if k == 1:
                    check_first_slide(page, lang, orientation)
                elif k == 2:
                    check_second_slide(page, log, lang, orientation)
            if k in (1, 2):
                b.screenshot(page, f"tablet-present-{k}-{lang}-portrait")
            if k == 1:                                 # the first slide's next button tapped in portrait,
                page.locator(".st-key-present_next button").tap()
            elif k == 2:                               # the second's in landscape
                b.turn(page, "landscape")
                page.locator(".st-key-present_next button").tap()
            elif k < n:
                page.set_viewport_size({"width": 1024, "height": 768})
                page.locator(".st-key-present_next button").click()
            if k < n:
                page.wait_for_url(f"**slide={k + 1}**", timeout=10000)
                b.wait_ready(page)
        assert too_tall == []
        # a long action continues on further slides, each titled with its part
        part = re.compile(r"（(\d+)/(\d+)）$" if lang == "zh" else r" \((\d+)/(\d+)\)$")
        parts = [m.groups() for m in map(part.search, titles) if m]
        assert parts and all(int(a) <= int(b_) for a, b_ in parts)
        assert len(set(titles)) == n
        assert log.outside() == [] and log.page_errors == [] and log.console_errors == []
    finally:
        context.close()


def test_a_screen_chosen_in_the_sidebar_keeps_the_district_and_language_and_closes_it(server, chromium):
    """Portrait: the district chosen on the district page opens on the map, in English, with the
    sidebar closed after the choice (Streamlit's links in it name no district and no language)."""
    url = f"{server}/district?district=330282&lang=en"
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES["portrait"])
    sidebar = page.locator('[data-testid="stSidebar"]')
    try:
        if sidebar.bounding_box()["x"] < 0:
            page.locator('[data-testid="stExpandSidebarButton"]').tap()
            page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"]')"
                                   ".getBoundingClientRect().x >= 0", timeout=10000)
        page.locator('[data-testid="stSidebarNavLink"]', has_text="Map").tap()
        page.wait_for_url("**/map?**", timeout=20000)
        b.wait_ready(page)
        assert "lang=en" in page.url and "district=330282" in page.url
        assert "Cixi" in page.locator(".st-key-map_panel h2").first.inner_text()
        page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"]')"
                               ".getBoundingClientRect().right <= 0", timeout=10000)
        main = page.evaluate(BOX_JS, '[data-testid="stMain"]')
        assert main["left"] <= 1, "the sidebar still squeezes the page"
        b.screenshot(page, "tablet-map-from-sidebar-en-portrait")
        assert log.outside() == [] and log.page_errors == [] and log.console_errors == []
    finally:
        context.close()
