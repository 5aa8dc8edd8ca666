"""Hostile catalogue, figures and URL values, drawn by Debian's chromium: no link, image, colour,
icon, logo or formula on the page comes from data, and nothing is fetched beyond 127.0.0.1.

The server reads a warehouse loaded through the real imports (tests/hostile_data.py)."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests import browser as b
from tests.hostile_data import EVIL, HOSTILE, MARKER, build_hostile

pytestmark = pytest.mark.browser

# what the page would hold if any outside text had been read as Markdown
FROM_DATA_JS = """(evil) => {
  const main = document.querySelector('[data-testid="stApp"]');
  const links = Array.from(main.querySelectorAll('a[href]')).map(a => a.href)
      .filter(h => new URL(h).hostname.includes(evil) || h.startsWith('mailto:'));
  const images = Array.from(main.querySelectorAll('img')).map(i => i.src || '')
      .filter(s => s.includes(evil) || s.includes('streamlit'));
  const icons = Array.from(main.querySelectorAll('[data-testid="stIconMaterial"]'))
      .map(i => i.innerText).filter(t => t === 'bolt');
  const maths = Array.from(main.querySelectorAll('.katex')).filter(k => k.innerText.includes('ZZMATH')).length;
  const bold = Array.from(main.querySelectorAll('strong, b')).map(e => e.innerText).filter(t => t.trim() === 'ZZBOLD');
  const coloured = Array.from(main.querySelectorAll('span')).filter(s => s.innerText === 'ZZRED').length;
  return {links, images, icons, maths, bold, coloured};
}"""
CLEAN = {"links": [], "images": [], "icons": [], "maths": 0, "bold": [], "coloured": 0}

VISITS = [
    ("", {"year": HOSTILE, "district": HOSTILE}),
    ("action", {"action": "12", "indicator": "A12-06"}),
    ("indicator", {"indicator": "A12-06"}),
    ("map", {"indicator": "A12-06", "district": "330212", "year": HOSTILE}),
    ("district", {"district": HOSTILE}),
    ("compare", {"actions": HOSTILE}),
    ("method", {"indicator": "A12-01", "district": "330200", "year": "2025"}),
    ("", {"present": "1", "slide": "2", "every": HOSTILE}),
]


@pytest.fixture(scope="module")
def hostile_server(demo_warehouse, tmp_path_factory):
    path = build_hostile(demo_warehouse, tmp_path_factory.mktemp("hostile-browser") / "warehouse.duckdb")
    with b.served_app(path) as base:
        yield base


@pytest.mark.parametrize("page,query", VISITS, ids=[f"{p or 'app'}-{'-'.join(q)}" for p, q in VISITS])
def test_outside_text_is_drawn_as_plain_text(hostile_server, chromium, page, query):
    context, tab, log = b.open_page(chromium, f"{hostile_server}/{page}?{urlencode(query)}")
    try:
        shown = tab.evaluate(FROM_DATA_JS, EVIL)
        text = tab.locator('[data-testid="stApp"]').inner_text().replace("\u2060", "")
        b.screenshot(tab, f"hostile-{page or 'app'}-{'-'.join(query)}")
    finally:
        context.close()
    assert shown == CLEAN
    assert log.outside() == []
    assert log.page_errors == []
    # the hostile text is on the page, as written: the colour directive shows as its own letters
    assert f":red[{MARKER}]" in text
    assert text.count(MARKER) == text.count(f":red[{MARKER}]")
