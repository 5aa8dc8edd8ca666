"""One word catalogue (tracker/words/) for the screens and the pack: no word pair written twice."""
from __future__ import annotations

import ast
from pathlib import Path

from tracker import words
from tracker.brief import words as brief_words
from tracker.words import brief

ROOT = Path(__file__).resolve().parents[2]


def test_the_pack_repeats_no_word_pair_of_the_screens():
    screens = {pair for key, pair in words.collect().items() if not key.startswith("brief.")}
    repeated = {key: pair for key, pair in brief.STRINGS.items() if pair in screens}
    assert repeated == {}


def test_every_shared_word_the_pack_names_exists():
    catalogue = words.collect()
    assert all(key in catalogue and not key.startswith("brief.") for key in brief.SAME_AS.values())
    assert not set(brief.SAME_AS) & {key.removeprefix("brief.") for key in brief.STRINGS}


def test_every_word_the_pack_asks_for_by_name_is_in_the_catalogue():
    asked = set()
    for path in (ROOT / "tracker" / "brief").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "w" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                asked.add(node.args[0].value)
    assert len(asked) > 100
    for key in sorted(asked):
        assert brief_words.w(key, "zh") and brief_words.w(key, "en"), key
