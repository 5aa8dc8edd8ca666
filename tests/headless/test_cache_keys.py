"""Every cached value is keyed by everything its builder reads: the day as well as the snapshot.

"Figure overdue" marks read today's date (tracker/freshness.py) inside views that are cached per
snapshot (components/data.py). Under one snapshot, moving the clock across a figure's due date must
move the marks on the overview, the action's cards and meeting mode's slides, as it moves the
headline count above them.
"""
from __future__ import annotations

import pytest

from tests import bad_files as bf
from tests.screens import open_screen
from tracker import db, freshness
from tracker.importer import apply

PLAN = "nb-cp-2021-2025"
# The 2024 figure is due by 31 March 2025 (the default release lag of three months).
BEFORE, AFTER = "2025-03-30", "2025-04-01"
WORDS = {"zh": ("数据逾期", "1项目标的数据逾期"), "en": ("figure overdue", "1 target(s) have an overdue figure")}


def slide_of(action: int, lang: str) -> int:
    """Meeting mode's slide number for the action (its title begins with the action's number)."""
    start = f"行动{action}\u3000" if lang == "zh" else f"{action}. "
    for k in range(2, 40):
        at = open_screen(None, present="1", paused="1", slide=str(k), **({"lang": lang} if lang == "en" else {}))
        if any(t.value.startswith(start) for t in at.title):
            return k
    raise AssertionError(f"no slide for action {action}")


def marks(lang: str, action: int, slide: int) -> tuple[bool, int, int]:
    """(the overview's count line is shown, marks on the action's cards, marks on the action's slide)."""
    mark, count = WORDS[lang]
    query = {"lang": lang} if lang == "en" else {}
    overview = open_screen(None, **query)
    cards = open_screen("action", action=str(action), **query)
    shown = open_screen(None, present="1", paused="1", slide=str(slide), **query)
    for at in (overview, cards, shown):
        assert not at.exception
    return (any(count in c.value for c in overview.caption),
            sum(mark in m.value for m in cards.markdown),
            sum(mark in text for text in [m.value for m in shown.markdown] + [c.value for c in shown.caption]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overdue_marks_follow_the_clock_under_one_snapshot(private, monkeypatch, lang):
    """With the demo rolled back and one target's figures only up to 2023: on 30 March 2025 nothing is
    overdue, on 1 April its 2024 figure is, on every screen, with no write in between."""
    apply.rollback("demo", "test")
    rows = [[bf.SHARE, bf.CITY, year, 60 + year - 2020, None, None, None] for year in range(2020, 2024)]
    apply.commit([("old.csv", bf.csv_bytes(rows))], "test")
    action = int(db.run("indicators", plan_id=PLAN, action_no=None).set_index("indicator_id").loc[bf.SHARE, "action_no"])
    snapshot, slide = db.version(), slide_of(action, lang)

    monkeypatch.setenv(freshness.TODAY_ENV, BEFORE)
    shown, cards, slides = marks(lang, action, slide)       # (the action's targets without figures are overdue)
    assert not shown
    monkeypatch.setenv(freshness.TODAY_ENV, AFTER)
    assert db.version() == snapshot                          # the same snapshot: only the day moved
    assert marks(lang, action, slide) == (True, cards + 1, slides + 1)
    monkeypatch.setenv(freshness.TODAY_ENV, BEFORE)          # and back: nothing kept from the later day
    assert marks(lang, action, slide) == (False, cards, slides)
