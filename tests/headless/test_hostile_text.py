"""No outside text acts as Markdown on any screen (AppTest: the text every page sends).

A hostile catalogue and hostile figures go in through the real imports (tests/hostile_data.py),
hostile values go into every URL parameter, and every page is run. Every string that Streamlit
would read as Markdown (titles, captions, alerts, Markdown, metric labels and values, widget
labels, expander and tab labels, page links, ``st.table`` cells) is checked for a live piece of
the hostile text. The browser test (test_browser_hostile.py) checks the drawn page.
"""
from __future__ import annotations

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from tests.hostile_data import EVIL, HOSTILE, build_hostile, live_parts
from tests.markdown_text import visible
from tests.screens import open_screen

PLAIN_ELEMENTS = {"arrow_data_frame", "vega_lite_chart", "deck_gl_json_chart", "text", "code", "html", "json"}
PLAIN_FIELDS = {"options", "default", "raw_value", "form_id", "id", "page", "url_path", "spec", "json",
                "data", "icon", "placeholder", "query_string"}   # option lists are drawn as plain text; the rest are not text
URL = HOSTILE

# (page, query): every page, each URL parameter it reads given the hostile text
VISITS = [
    (None, {"year": URL, "district": URL, "plan": URL, "lang": URL}),
    (None, {"lang": "en", "district": "330212"}),
    ("pages/action.py", {"action": URL, "district": URL, "year": URL}),
    ("pages/action.py", {"action": "12", "indicator": URL}),
    ("pages/action.py", {"action": "12", "indicator": "A12-06", "lang": "en"}),
    ("pages/indicator.py", {"indicator": URL, "district": URL, "townships": URL}),
    ("pages/indicator.py", {"indicator": "A12-06"}),
    ("pages/indicator.py", {"indicator": "A12-01", "lang": "en"}),
    ("pages/district.py", {"district": URL, "year": URL}),
    ("pages/district.py", {"district": "330212", "lang": "en"}),
    ("pages/map.py", {"indicator": URL}),
    ("pages/map.py", {"indicator": "A12-06", "year": URL, "district": URL}),
    ("pages/map.py", {"indicator": "A12-06", "district": "330212", "lang": "en"}),
    ("pages/compare.py", {"actions": URL, "districts": URL, "year": URL, "indicator": URL}),
    ("pages/compare.py", {"lang": "en"}),
    ("pages/data.py", {}),
    ("pages/method.py", {"indicator": URL, "district": URL, "year": URL}),
    ("pages/method.py", {"indicator": "A12-01", "district": "330200", "lang": "en"}),
    (None, {"present": "1", "every": URL, "slide": URL, "year": URL, "district": URL}),
    (None, {"present": "1", "slide": "2"}),
]


@pytest.fixture(scope="module")
def hostile_warehouse(demo_warehouse, tmp_path_factory, request):
    path = build_hostile(demo_warehouse, tmp_path_factory.mktemp("hostile") / "warehouse.duckdb")
    patch = pytest.MonkeyPatch()
    patch.setenv("TRACKER_WAREHOUSE", str(path))
    request.addfinalizer(patch.undo)
    return path


def run(page: str | None, query: dict[str, str]) -> AppTest:
    return open_screen(page, **query)


def _strings(message: Message, skip: set[str]):
    for field, value in message.ListFields():
        if field.name in skip:
            continue
        items = value if isinstance(value, (list, tuple)) or hasattr(value, "extend") else [value]
        for item in items:
            if isinstance(item, str):
                yield field.name, item
            elif isinstance(item, Message):
                yield from _strings(item, skip)


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every string on the page that Streamlit reads as Markdown."""
    found: list[tuple[str, str]] = []
    for node in _nodes(at._tree):
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "")
        if not isinstance(proto, Message) or kind in PLAIN_ELEMENTS:
            continue
        found += [(f"{kind}.{name}", text) for name, text in _strings(proto, PLAIN_FIELDS)]
    for table in at.table:     # st.table draws every cell as Markdown
        found += [("table.cell", str(v)) for v in table.value.astype(str).to_numpy().ravel()]
        found += [("table.column", str(c)) for c in table.value.columns]
    return found


@pytest.mark.parametrize("page,query", VISITS, ids=[f"{p or 'app'}?{'&'.join(q)}" for p, q in VISITS])
def test_no_outside_text_acts_as_markdown(hostile_warehouse, page, query):
    at = run(page, query)
    assert not at.exception
    texts = markdown_texts(at)
    live = [(kind, text[:160], live_parts(text)) for kind, text in texts if live_parts(text)]
    assert live == []


def test_the_hostile_text_reaches_the_screens_it_should(hostile_warehouse):
    """The test above would pass on a page that shows nothing: check the text is really there."""
    shown = {}
    for page, query in [(None, {"year": URL}), ("pages/action.py", {"action": "12"}),
                        ("pages/indicator.py", {"indicator": "A12-06"}), ("pages/map.py", {"indicator": "A12-06"}),
                        ("pages/method.py", {"indicator": "A12-01", "district": "330200", "year": "2025"}),
                        ("pages/district.py", {"district": "330212"}), (None, {"present": "1", "slide": "2"})]:
        at = run(page, query)
        shown[page or str(query)] = sum(EVIL in visible(text) for _, text in markdown_texts(at))
    assert all(n > 0 for n in shown.values()), shown
    at = run("pages/method.py", {"indicator": "A12-01", "district": "330200", "year": "2025"})
    # the imported source of the 2025 figure is in the worked example's table, word for word
    cells = [visible(v) for t in at.table for v in t.value.astype(str).to_numpy().ravel()]
    assert any(HOSTILE in c for c in cells)


def test_a_bad_url_value_is_quoted_as_written(hostile_warehouse):
    at = run(None, {"year": URL})
    warnings = [visible(w.value) for w in at.warning]
    assert any(URL in w for w in warnings)
