"""A bad value in a link, on every screen (AppTest): no traceback, a warning that names the parameter
and quotes the value as written, and the screen goes on with its defaults.

One table over the screens of tests/screens.py: (screen, the link's query, the words one warning
must hold, what shows that the screen still works). A new screen or a new link parameter is a row.
"""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.markdown_text import visible
from tests.screens import SCREENS, open_screen

SCREEN = {s.name: s for s in SCREENS}
DISTRICT_NAMES = {"海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "象山县", "宁海县", "余姚市", "慈溪市"}


# ---- what shows that a screen went on with its defaults ---------------------------------------------

def back_link(at: AppTest) -> None:
    assert any(p.proto.label == "返回总览" for p in at.get("page_link"))


def overview_counts_every_target(at: AppTest) -> None:
    assert {m.label: int(m.value) for m in at.metric}["目标合计"] == 111


def overview_title(at: AppTest) -> None:
    assert at.title[0].value == "总览"


def action_cards(at: AppTest) -> None:
    back_link(at)
    assert [b.key for b in at.button if b.key and b.key.startswith("card_")]


def compare_heatmap(at: AppTest) -> None:
    assert set(at.dataframe[0].value["区县"]) == DISTRICT_NAMES


def first_district(at: AppTest) -> None:
    assert at.title[0].value == "区县：海曙区"  # the first district is shown below the message
    back_link(at)


def one_map(at: AppTest) -> None:
    assert len(at.get("deck_gl_json_chart")) == 1


def method_example(at: AppTest) -> None:
    back_link(at)
    assert any("一致" in s.value for s in at.success)   # the default example is still shown


def nothing(at: AppTest) -> None:
    pass


# (screen, query, words one warning holds, check)
CASES = [
    ("overview", {"year": "1900"}, ("year", "1900"), overview_counts_every_target),
    ("overview", {"district": "abc"}, ("district", "abc"), overview_counts_every_target),
    ("overview", {"year": "x'; drop"}, ("year", "x'; drop"), overview_counts_every_target),
    ("overview", {"lang": "xx"}, ("lang",), overview_title),
    ("action", {"action": "99"}, ("“action”",), action_cards),
    ("action", {"action": "abc"}, ("“action”",), action_cards),
    ("action", {"action": "12", "indicator": "NOPE"}, ("“indicator”",), action_cards),
    ("action", {"action": "12", "district": "999999"}, ("“district”",), action_cards),
    ("action", {"action": "12", "year": "1999"}, ("“year”",), action_cards),
    ("indicator", {"indicator": "NOPE"}, ("“indicator”",), back_link),
    ("indicator", {"indicator": "A12-01", "district": "abc"}, ("“district”",), back_link),
    ("district", {"district": "abc"}, ("abc",), first_district),
    ("district", {"district": "999999"}, ("999999",), first_district),
    ("district", {"district": "330212'; drop table status; --"}, ("330212'; drop table status; --",), first_district),
    ("district", {"district": "330212", "year": "1999"}, ("1999",), nothing),
    ("map", {"indicator": "ZZ-99"}, ("indicator", "ZZ-99"), one_map),
    ("map", {"year": "1900"}, ("year", "1900"), one_map),
    ("map", {"district": "999999"}, ("district", "999999"), one_map),
    ("map", {"year": "abc"}, ("year", "abc"), one_map),
    ("compare", {"actions": "99,x"}, ("actions",), compare_heatmap),
    ("compare", {"districts": "123456"}, ("districts",), compare_heatmap),
    ("compare", {"year": "1900"}, ("year",), compare_heatmap),
    ("compare", {"indicator": "ZZ"}, ("indicator",), compare_heatmap),
    ("method", {"indicator": "Z99-99"}, ("Z99-99",), method_example),
    ("method", {"district": "abc"}, ("abc",), method_example),
    ("method", {"year": "1888"}, ("1888",), method_example),
    ("method", {"year": "x' or 1=1 --"}, ("x' or 1=1 --",), method_example),
]


@pytest.mark.parametrize("screen,query,words,still_works", CASES,
                         ids=[f"{s}-{'-'.join(f'{k}={v}' for k, v in q.items())}" for s, q, _, _ in CASES])
def test_a_bad_link_value_is_named_and_the_screen_goes_on(demo_warehouse, screen, query, words, still_works):
    at = open_screen(None if screen == "overview" else SCREEN[screen].page, **query)
    assert not at.exception
    warnings = [visible(w.value) for w in at.warning]
    assert any(all(word in w for word in words) for w in warnings), warnings
    still_works(at)


# An unknown ?plan= is reported like every other bad link value: once, quoted, in the reader's language.
@pytest.mark.parametrize("lang,screen", [("zh", "overview"), ("en", "district"), ("en", "data")])
def test_an_unknown_plan_in_the_link_is_reported(lang, screen, demo_warehouse):
    at = open_screen(SCREEN[screen].page, plan="nope", **({"lang": "en"} if lang == "en" else {}))
    assert not at.exception
    warned = [w.value for w in at.warning if "plan" in w.value]
    assert len(warned) == 1 and "nope" in warned[0]
    assert ("valid" in warned[0]) == (lang == "en")
