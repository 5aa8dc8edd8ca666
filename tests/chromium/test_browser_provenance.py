"""Provenance in Debian's chromium, on a warehouse mixing demo and imported figures: the indicator
page and the action's card of an imported target show its source and note, and the demo notice
counts the demo figures, in both languages at both tablet sizes (screenshots kept)."""
from __future__ import annotations

import shutil

import pytest

from tests import bad_files as bf
from tests import browser as b
from tracker.importer import apply

pytestmark = pytest.mark.browser

TARGET = "A12-01"
SOURCE, NOTE = "市民政局《2025年养老服务统计》", "单年数据，目标为五年平均"


@pytest.fixture(scope="module")
def mixed_server(demo_warehouse, tmp_path_factory):
    path = tmp_path_factory.mktemp("mixed-browser") / "w.duckdb"
    shutil.copy(demo_warehouse, path)
    rows = [[TARGET, "宁波市", 2025, "61.5", None, SOURCE, NOTE],
            [TARGET, "Yuyao", 2025, "60.2", None, "余姚市民政局", "快报数"]]
    apply.commit([("figures.csv", bf.csv_bytes(rows))], "test", path=path, accept_warnings=True)
    with b.served_app(path) as base:
        yield base


PAGES = [
    (f"indicator?indicator={TARGET}", "provenance-indicator", ("来源：" + SOURCE, "Source: " + SOURCE),
     ("口径说明：" + NOTE, "Note on the figure: " + NOTE)),
    (f"action?action=12&indicator={TARGET}", "provenance-action", ("来源：" + SOURCE, "Source: " + SOURCE),
     ("口径说明：" + NOTE, "Note on the figure: " + NOTE)),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path,name,source,note", PAGES, ids=[p[1] for p in PAGES])
def test_source_and_note_are_on_screen_at_tablet_sizes(mixed_server, chromium, path, name, source, note, lang):
    """Opened at landscape, checked, then the tablet turned to portrait and checked again (a turned
    page is laid out as a fresh load at that size)."""
    url = f"{mixed_server}/{path}" + ("&lang=en" if lang == "en" else "")
    context, page, log = b.open_page(chromium, url, b.TABLET_SIZES["landscape"])
    try:
        for orientation, (width, _) in b.TABLET_SIZES.items():
            if orientation != "landscape":
                b.turn(page, orientation)
                page.locator('[data-testid="stMain"] h1').first.scroll_into_view_if_needed()  # the top, as opened
            page.wait_for_function(
                "document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] canvas, "
                "[data-testid=\"stVegaLiteChart\"] svg').length >= 1", timeout=30000)
            i = 0 if lang == "zh" else 1
            text = page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")  # md's word joiners
            assert source[i] in text and note[i] in text
            assert ("混合计算" if lang == "zh" else "mixes demo figures") in text
            notice = "部分为演示数据" if lang == "zh" else "Partly demo data"
            assert notice in text and TARGET in text
            b.screenshot(page, f"{name}-{lang}-{orientation}")
            caveat = page.get_by_text(NOTE).first
            caveat.scroll_into_view_if_needed()
            b.screenshot(page, f"{name}-{lang}-{orientation}-caveat")
            chart = page.locator('[data-testid="stVegaLiteChart"]').last if "action" in path \
                else page.locator('[data-testid="stVegaLiteChart"]').first
            chart.scroll_into_view_if_needed()
            b.screenshot(page, f"{name}-{lang}-{orientation}-chart")
            assert log.page_errors == [] and log.console_errors == [] and log.outside() == []
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
