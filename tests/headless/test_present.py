"""Meeting mode (?present=1): no sidebar or filters, one slide per action plus the off-track list,
advancing by tap or by itself, with every setting in the URL."""
from __future__ import annotations

import re
import time

import pytest

from components.screens import present as screen_present
from tests.headless.test_overview import CJK, PLAN, keyed, run_app, texts
from tracker import db

POSITION = re.compile(r"第(\d+)页，共(\d+)页")


def deck(lang: str = "zh") -> screen_present.Deck:
    """Meeting mode's slides for the city at the latest year: the off-track list, then each action in
    the source, the long ones in several parts."""
    year = int(db.run("plan_years", plan_id=PLAN)["year"].max())
    return screen_present.deck_view(PLAN, year, None, "全市", lang)


def n_slides() -> int:
    return len(deck().slides)


def position(at) -> tuple[int, int]:
    for caption in at.caption:
        found = POSITION.search(caption.value)
        if found:
            return int(found.group(1)), int(found.group(2))
    raise AssertionError("no slide position on the page")


def url(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


# ---- pure rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize("params,slide,every,paused,bad", [
    ({}, 1, 20, False, []),
    ({"every": "5", "slide": "3", "paused": "1"}, 3, 5, True, []),
    ({"every": "600"}, 1, 600, False, []),
    ({"every": "4"}, 1, 20, False, ["every"]),
    ({"every": "601"}, 1, 20, False, ["every"]),
    ({"every": "soon"}, 1, 20, False, ["every"]),
    ({"slide": "0"}, 1, 20, False, ["slide"]),
    ({"slide": "17"}, 1, 20, False, ["slide"]),
])
def test_settings_are_read_from_the_url_and_validated(params, slide, every, paused, bad):
    settings = screen_present.read_settings(params, 16)
    assert (settings.slide, settings.every, settings.paused) == (slide, every, paused)
    assert [name for name, _ in settings.problems] == bad


def test_steps_wrap_round():
    assert screen_present.step(1, 16, 1) == 2
    assert screen_present.step(16, 16, 1) == 1
    assert screen_present.step(1, 16, -1) == 16


def test_a_slide_is_due_after_its_interval():
    assert not screen_present.is_due(100.0, 102.0, 5)
    assert screen_present.is_due(100.0, 104.5, 5)     # the timer may fire a little early


def test_a_fuller_slide_stays_longer():
    assert screen_present.dwell(0, 20) == 20 and screen_present.dwell(4, 20) == 20
    assert screen_present.dwell(6, 20) == 30 and screen_present.dwell(6, 5) == 8
    assert screen_present.dwell(6, 600) == 900


def test_cards_are_cut_into_slides_by_weight_in_order():
    card = lambda i, towns=(): screen_present.Card(f"pt-X{i}-is-on_track-", "b", "c", towns)  # noqa: E731
    cards = (card(1), card(2, ("3 of 5",)), card(3, ("3 of 5", "not yet: a")), card(4), card(5))
    parts = screen_present.pages(cards, 3.0)
    # 1 + 1.5 (a township line) fit; 4 (a list of townships not yet covered) stands alone; then 1 + 1
    assert [[c.key[4] for c in p] for p in parts] == [["1", "2"], ["3"], ["4", "5"]]
    assert screen_present.pages((), 3.0) == [()]


def test_a_long_action_continues_on_titled_parts_each_within_its_budget(demo_warehouse):
    d = deck()
    parts = [k for k in d.slides if str(k).startswith("16")]
    assert len(parts) > 1 and parts[0] == 16
    titles = [d.views[k].title for k in parts]
    assert all(title.endswith(f"（{i}/{len(parts)}）") for i, title in enumerate(titles, 1))
    assert all(sum(map(screen_present.card_weight, d.views[k].cards)) <= screen_present.PAGE_WEIGHT["action"]
               for k in parts)
    shown = [c.key for k in parts for c in d.views[k].cards]
    assert len(shown) == len(set(shown)) == len(db.run("indicators", plan_id=PLAN, action_no=16))


# ---- the page -----------------------------------------------------------------------------------

def test_meeting_mode_has_no_sidebar_or_filters(demo_warehouse):
    at = run_app(present="1")
    assert not at.exception
    assert len(at.sidebar.children) == 0
    assert not at.selectbox and not at.get("page_link")
    assert "未完成和基本完成的目标" in at.title[0].value     # 2025, the target year: verdicts
    assert position(at) == (1, n_slides())
    assert any("演示数据" in c.value for c in at.caption)


def test_slide_count_is_the_actions_in_the_source_plus_one_and_their_further_parts(demo_warehouse):
    actions = db.run("actions", plan_id=PLAN)
    slides = deck().slides
    firsts = [k for k in slides if isinstance(k, int)]
    assert firsts == sorted(int(n) for n in actions.loc[actions["in_source"].astype(bool), "action_no"])
    assert slides[0] == screen_present.OFF_SLIDE and len(slides) > len(firsts) + 1     # parts of long ones
    expected = n_slides()
    assert position(run_app(present="1", slide=str(expected))) == (expected, expected)
    at = run_app(present="1", slide=str(expected + 1))
    assert any("slide" in w.value for w in at.warning)
    assert position(at) == (1, expected)


def test_next_and_previous_move_one_slide_and_wrap(demo_warehouse):
    at = run_app(present="1")
    first = at.title[0].value
    at.button(key="present_next").click().run()
    assert url(at, "slide") == "2" and position(at)[0] == 2
    assert at.title[0].value != first and at.title[0].value == deck().views[deck().slides[1]].title
    at.button(key="present_prev").click().run()
    assert position(at)[0] == 1 and at.title[0].value == first
    at.button(key="present_prev").click().run()
    assert position(at)[0] == n_slides()


def test_a_slide_advances_by_itself_when_its_time_is_up(demo_warehouse):
    at = run_app(present="1", every="5")
    assert position(at)[0] == 1
    at.run()                                             # a rerun within the interval stays put
    assert position(at)[0] == 1
    at.session_state[screen_present.CLOCK] = {"slide": 1, "since": time.monotonic() - 6}
    at.run()                                             # what the fragment's timer does after 5 s
    assert position(at)[0] == 2 and url(at, "slide") == "2"


def test_paused_slides_stay_put(demo_warehouse):
    at = run_app(present="1", every="5")
    at.button(key="present_pause").click().run()
    assert url(at, "paused") == "1"
    assert any("已暂停" in c.value for c in at.caption)
    at.session_state[screen_present.CLOCK] = {"slide": 1, "since": time.monotonic() - 60}
    at.run()
    assert position(at)[0] == 1


@pytest.mark.parametrize("every,shown,warned", [("5", "每5秒", False), ("600", "每600秒", False),
                                                ("3", "每20秒", True), ("abc", "每20秒", True)])
def test_every_is_honoured_or_falls_back(demo_warehouse, every, shown, warned):
    at = run_app(present="1", every=every)
    assert not at.exception
    assert any(shown in c.value for c in at.caption)
    assert any("every" in w.value for w in at.warning) == warned


def test_an_action_slide_shows_each_target_with_its_status(demo_warehouse):
    parts = [i + 1 for i, key in enumerate(deck().slides) if key == 12 or str(key).startswith("12-")]
    cards = []
    for k in parts:                       # the action's targets over its parts, each once
        at = run_app(present="1", slide=str(k))
        assert "甬有颐养" in at.title[0].value
        cards += keyed(at, "pt-")
    targets = db.run("indicators", plan_id=PLAN, action_no=12)
    assert sorted(c.split("-is-")[0][3:] for c in cards) == sorted(targets["indicator_id"])
    assert all("-is-" in c for c in cards)


def test_leaving_meeting_mode_returns_to_the_overview(demo_warehouse):
    at = run_app(present="1", slide="3", lang="en")
    at.button(key="present_exit").click().run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert url(at, "lang") == "en" and url(at, "present") is None


def test_every_slide_in_english_has_no_chinese(demo_warehouse):
    for k in range(1, n_slides() + 1):
        at = run_app(present="1", lang="en", slide=str(k), district="330213")
        assert not at.exception, k
        leaks = [text for text in texts(at) if CJK.search(text)]
        assert leaks == [], (k, leaks)
