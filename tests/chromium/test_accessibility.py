"""axe-core over every screen, in both languages, at both tablet orientations, and meeting mode; the
Chinese links as the first visits of a freshly started server.

axe-core (the rules engine behind the common accessibility audits) is injected into each page as the
page is shown and run over the whole document: colour contrast, heading order, names of controls,
images and landmarks. Any serious or critical violation fails the test, which prints the rule, the
element and axe's own account of what is wrong. axe-core is fetched by ``make axe-core`` (part of
``make test``'s set-up, pinned in the Makefile) into the git-ignored tests/vendor/; nothing is
downloaded at run time.

Streamlit serves an app with a ``pages/`` folder in its old multipage mode until the first navigation
runs (components/frame.py, ``routed``), so the first visits of a new server are their own case. The
Chinese half of the sweep runs on a server of this module's own (``fresh_server``): every screen's
Chinese deep link is requested before any has been served, all arriving together as after a restart
during office hours, and each test then checks its own. The English half runs on the session's server.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from components import charts, target_charts, theme
from tests import browser as b
from tests.screens import SCREENS
from tracker import statuses

AXE_VERSION = re.search(r"^AXE_VERSION\s*:=\s*(\S+)", (b.ROOT / "Makefile").read_text(), re.M).group(1)
AXE_JS = b.ROOT / "tests" / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
FAILING = ("serious", "critical")


# axe.run's options: the WCAG A and AA rules and axe's best practices (heading order among them).
RUN_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


# Charts (Vega's default name is "Vega visualization") and maps with no text alternative of their own.
UNNAMED_GRAPHICS_JS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"]'))
  .filter(e => { const name = (e.getAttribute('aria-label') || '').trim();
                 return !name || name === 'Vega visualization'; })
  .map(e => e.getAttribute('data-testid') + ': ' + e.outerHTML.slice(0, 120))"""


def view_url(server: str, path: str, lang: str) -> str:
    if lang == "en":
        path += ("&" if "?" in path else "?") + "lang=en"
    return f"{server}/{path}"


def axe_violations(page) -> list[dict]:
    """Inject axe-core into ``page`` and return its violations over the whole document."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("(options) => axe.run(document, options).then(r => r.violations)", RUN_OPTIONS)


def describe(violations: list[dict], impacts=FAILING) -> list[str]:
    """One line per violating element: impact, rule, the element's selector and snippet, axe's summary."""
    lines = []
    for v in violations:
        if v.get("impact") not in impacts:
            continue
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"[{v['impact']}] {v['id']}: {' > '.join(map(str, node['target']))}\n"
                         f"    {node['html'][:200]}\n    {summary[:300]}")
    return lines


def counts(violations: list[dict]) -> Counter:
    """Violating elements by (rule, impact)."""
    return Counter({(v["id"], v.get("impact")): len(v["nodes"]) for v in violations})


# ---- the palette, without a browser -----------------------------------------------------------

def test_muted_text_and_status_colours_keep_their_contrast():
    """Captions at least 4.5:1 and every status colour drawn as a graphic at least 3:1, against the
    page's white and its tinted panels, on a screen and on a projector's washed-out white."""
    assert theme.worst_contrast(theme.MUTED) >= theme.TEXT_MIN
    assert theme.worst_contrast(theme.TEXT) >= theme.TEXT_MIN
    for s in statuses.STATUSES:
        assert theme.worst_contrast(theme.status_graphic(s.code)) >= theme.GRAPHIC_MIN, s.code
        assert theme.worst_contrast(theme.status_text(s.code)) >= theme.TEXT_MIN, s.code
        # text drawn on the status colour itself (the compare heatmap's cells) reads at 4.5:1
        assert theme.contrast(theme.ink_on(s.color), s.color) >= theme.TEXT_MIN, s.code
    # Streamlit's own caption grey, which axe-core reported, would not pass
    assert theme.contrast("#767D83", theme.WHITE) < theme.TEXT_MIN


def test_deepening_keeps_colours_that_already_pass_and_keeps_the_hue():
    assert theme.status_graphic("backwards") == statuses.color("backwards")
    assert theme.deepen("#0072B2", theme.GRAPHIC_MIN) == "#0072B2"
    deep = theme.deepen("#E69F00", theme.GRAPHIC_MIN)
    assert deep != "#E69F00" and theme.worst_contrast(deep) >= theme.GRAPHIC_MIN
    hue = lambda c: __import__("colorsys").rgb_to_hls(*(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0]  # noqa: E731
    assert abs(hue(deep) - hue("#E69F00")) < 0.01


def test_the_sheet_draws_captions_and_status_borders_in_the_accessible_colours():
    sheet = theme.css()
    assert theme.MUTED in sheet and "opacity: 0.6" not in sheet
    for s in statuses.STATUSES:
        assert f"border-left: 6px solid {theme.status_graphic(s.code)}" in sheet
    assert theme.document_lang("zh") == "zh-CN" and theme.document_lang("en") == "en"


def _target(**extra) -> dict:
    row = {"indicator_id": "A12-06", "name_zh": "养老覆盖率", "name_en": "Care coverage", "unit_zh": "%",
           "unit_en": "%", "comparator": ">=", "target_value": 60.0, "target_high": None, "target_year": 2025,
           "baseline_year": 2020, "direction": "up", "measure": "share"}
    return {**row, **extra}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_carries_a_text_alternative_in_the_readers_language(lang):
    row = _target()
    points = pd.DataFrame({"year": [2020, 2023, 2025], "plot_value": [40.0, 52.5, 58.0]})
    series = target_charts.series_chart(points, row, lang)["description"]
    assert "58%" in series and "52.5%" in series and "≥" in series
    assert ("Care coverage" if lang == "en" else "养老覆盖率") in series
    spark = target_charts.sparkline(points, row, "accelerate", lang=lang)["description"]
    assert "2023" in spark and "58%" in spark
    districts = pd.DataFrame({"area_name_zh": ["鄞州区", "象山县"], "area_name_en": ["Yinzhou", "Xiangshan"],
                              "value": [70.0, 50.0], "status": ["achieved", "limited"]})
    bars = target_charts.district_bar(districts, row, lang)["description"]
    first, second = ("Yinzhou", "Xiangshan") if lang == "en" else ("鄞州区", "象山县")
    assert bars.index(first) < bars.index(second) and statuses.label("limited", lang) in bars
    legend = charts.swatch_legend(pd.DataFrame({"order": [0], "color": ["#0072B2"], "label": ["≥ 60%"]}), "T", lang)
    assert "≥ 60%" in legend["description"]
    milestones = pd.DataFrame({"year": [2024, 2025], "plot_value": [None, None],
                               "milestone": ["in_progress", "done"], "status": [None, None]})
    stages = target_charts.series_chart(milestones, _target(comparator="qualitative", measure="qualitative"), lang)
    assert statuses.label("milestone_done", lang) in stages["description"]
    for text in (series, spark, bars, legend["description"], stages["description"]):
        has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
        assert has_cjk == (lang == "zh"), text


# ---- axe-core in chromium -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def axe_js() -> Path:
    assert AXE_JS.exists(), f"axe-core {AXE_VERSION} is missing: run `make axe-core` (npm pack into tests/vendor/)"
    return AXE_JS


FIRST_VISITS = "zh"         # the language whose links are a fresh server's first visits


@pytest.fixture(scope="module")
def fresh_server(demo_warehouse):
    """A server no other test visits."""
    with b.served_app(demo_warehouse) as base:
        yield base


@pytest.fixture(scope="module")
def first_visits(fresh_server, chromium):
    """Every screen's Chinese deep link requested of the fresh server at once, before any is served:
    a page per screen, loading; each test waits for its own and gives it back."""
    opened = {screen.name: b.open_page(chromium, screen.url(fresh_server, FIRST_VISITS), b.TABLET_SIZES["landscape"],
                                       ready=False) for screen in SCREENS}
    yield opened
    for tab, _, _ in opened.values():
        tab.close()


def open_link(request, chromium, screen, lang):
    """The screen's deep link at 1024×768: the fresh server's page, loaded with the others, in
    Chinese; a page on the session's server in English."""
    if lang == FIRST_VISITS:
        tab, page, log = request.getfixturevalue("first_visits")[screen.name]
        b.wait_ready(page, timeout_ms=90000)
        return tab, page, log
    return b.open_page(chromium, screen.url(request.getfixturevalue("server"), lang), b.TABLET_SIZES["landscape"])


@pytest.mark.browser
@pytest.mark.parametrize("screen", SCREENS, ids=[s.name for s in SCREENS])
@pytest.mark.parametrize("lang", [FIRST_VISITS, "en"])
def test_no_serious_accessibility_violation(request, chromium, axe_js, screen, lang):
    """The screen's deep link at each tablet size shows the screen with nothing fetched from outside,
    no error and no sideways scroll (tests.browser.check_screen), and axe-core finds nothing serious.
    The link is opened at 1024×768 and the tablet then turned to 768×1024, where Streamlit lays the page
    out as a fresh load at that size would (the sidebar closes, the charts redraw at their width). The
    Chinese links are the fresh server's first visits (``first_visits``)."""
    name = screen.name
    context, page, log = open_link(request, chromium, screen, lang)
    try:
        for orientation in ("landscape", "portrait"):
            if orientation == "portrait":
                b.turn(page, orientation)
            else:       # charts and the map draw after the script has finished: let them settle
                page.wait_for_timeout(600)
            b.check_screen(page, log, screen, lang, orientation)
            found = describe(axe_violations(page))
            assert not found, f"{name} ({lang}, {orientation}): axe-core finds\n" + "\n".join(found)
            assert log.page_errors == []
        # the page speaks the reader's language, and every chart and map has its own text alternative
        assert page.evaluate("document.documentElement.lang") == theme.document_lang(lang)
        unnamed = page.evaluate(UNNAMED_GRAPHICS_JS)
        assert unnamed == [], f"{name} ({lang}): charts or maps without a text alternative: {unnamed}"
    finally:
        context.close()


@pytest.mark.browser
def test_axe_finds_a_planted_violation(server, chromium, axe_js):
    """The check can fail: text drawn in the old caption grey on white, and a button with no name,
    are reported as serious or critical, with the rule and the element."""
    context, page, _ = b.open_page(chromium, view_url(server, "method", "en"), b.TABLET_SIZES["landscape"])
    try:
        page.evaluate("""() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const p = document.createElement('p');
            p.id = 'planted-grey'; p.textContent = 'caption text in the old grey';
            p.style.cssText = 'color:#9aa0a6;background:#fff;font-size:14px';
            const btn = document.createElement('button'); btn.id = 'planted-button';
            main.prepend(p, btn);
        }""")
        found = "\n".join(describe(axe_violations(page)))
        assert "color-contrast" in found and "#planted-grey" in found
        assert "button-name" in found and "#planted-button" in found
    finally:
        context.close()
