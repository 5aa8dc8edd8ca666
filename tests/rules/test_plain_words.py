"""Plain words: figures in 亿/万 units read in English as people write them, on the screens and in
the briefing alike; no internal code in a sentence; select boxes speak the reader's language."""
from __future__ import annotations

import re

import pytest

from components import fmt
from tests.markdown_text import visible
from tests.screens import open_screen
from tracker import catalog, map_classes, text
from tracker.brief import words as brief_words

GAS = {"unit_zh": "亿方/年", "unit_en": "100m m³/yr", "comparator": ">=", "target_value": 38}
POWER = {"unit_zh": "万千瓦", "unit_en": "10k kW", "comparator": ">=", "target_value": 600}
PEOPLE = {"unit_zh": "万人", "unit_en": "10k people"}
RATE = {"unit_zh": "人/万人", "unit_en": "per 10k people"}


@pytest.mark.parametrize("value, row, en, zh", [
    (38.53, GAS, "3.853 billion m³/yr", "38.53亿方/年"),
    (611, POWER, "6.11 million kW", "611万千瓦"),
    (78, PEOPLE, "780,000 people", "78万人"),
    (620, PEOPLE, "6.2 million people", "620万人"),
    (1, PEOPLE, "10,000 people", "1万人"),
    (5.8, RATE, "5.8 per 10,000 people", "5.8人/万人"),
    (None, POWER, "—", "—"),
])
def test_figures_in_yi_and_wan_units_read_as_people_write_them(value, row, en, zh):
    assert text.with_unit(value, row, "en") == en
    assert text.with_unit(value, row, "zh") == zh


def test_a_unit_standing_alone_is_in_words_in_english():
    assert text.unit(GAS, "en") == "100 million m³/yr"
    assert text.unit(POWER, "en") == "10,000 kW"
    assert text.unit(RATE, "en") == "per 10,000 people"
    assert text.unit(GAS, "zh") == "亿方/年"


def test_no_catalogue_figure_is_written_with_a_shorthand_prefix():
    rows = catalog.load()["indicators"].to_dict("records")
    shown = [text.with_unit(row["target_value"], row, "en") for row in rows] + [text.unit(row, "en") for row in rows]
    assert [s for s in shown if re.search(r"\b(100m|10k)\b", s)] == []
    assert any("billion" in s for s in shown) and any("million" in s for s in shown)


def test_a_range_and_a_map_band_scale_both_ends_on_screen_and_in_the_briefing():
    ranged = dict(POWER, comparator="range", target_value=500, target_high=600)
    assert fmt.target(ranged, "en") == brief_words.target(ranged, "en") == "5–6 million kW"
    band = map_classes.Band("on_track", "#000000", 500.0, 600.0)
    assert "5–6 million kW" in map_classes.label(band, POWER, "en")
    # ends of different sizes keep their own words
    wide = map_classes.Band("on_track", "#000000", 80.0, 100.0)
    assert "800,000–1 million people" in map_classes.label(wide, PEOPLE, "en")
    assert map_classes.label(wide, PEOPLE, "zh") == "80—100万人"


CODES = re.compile(r"\b(cagr|linear|cumulative|milestone|level|share|count_new|growth_rate)\b")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_method_facts_name_the_method_and_measure_in_words(demo_warehouse, lang):
    at = open_screen("method", **({"lang": "en"} if lang == "en" else {}))
    facts = [visible(c.value) for c in at.caption if c.value.startswith(("比较方式", "Comparator"))]
    assert facts, "the method screen shows the target's facts"
    assert [f for f in facts if CODES.search(f)] == []
    assert ("复合增长率法" if lang == "zh" else "Compound growth") in facts[0]


@pytest.mark.parametrize("lang, word", [("zh", "请选择"), ("en", "Choose an option")])
def test_select_boxes_say_choose_in_the_readers_language(demo_warehouse, lang, word):
    at = open_screen("method", **({"lang": "en"} if lang == "en" else {}))
    boxes = at.selectbox
    assert len(boxes) >= 2
    assert {b.proto.placeholder for b in boxes} == {word}
