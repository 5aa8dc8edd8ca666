"""Meeting mode (?present=1): one slide for the off-track list, then one per action in the source.

All state lives in the URL: ``slide`` (1-based), ``every`` (seconds, 5–600, default 20), ``paused``.
A fragment reruns itself every ``every`` seconds and moves to the next slide when the current one
has been shown that long; a tap on next/previous moves at once. The pure helpers (``read_settings``,
``step``, ``is_due``) carry the rules and are tested without a page.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

import pandas as pd
import streamlit as st

from components import briefing, data, filters, fmt, frame, freshness, provenance, status_ui, townships, url_state
from components.i18n import pick, t
from components.safe import md, t_md
from components.screens import overview
from components.theme import status_key
from tracker import judgement
from tracker.views import actions as action_views
from tracker.views import counts_line

EVERY_DEFAULT, EVERY_MIN, EVERY_MAX = 20, 5, 600
OFF_SLIDE = "off"
SHOWN_OFF_TRACK = 6    # items on the off-track slides; the rest are counted
# What one slide holds so that it fits a tablet's screen (1024×768 and 768×1024) with its title,
# chips or bar, and the controls: cards weigh 1, more with a township line or a list of townships
# not yet covered (tests/test_browser_tablet.py measures every slide of the demo data).
PAGE_WEIGHT = {"off": 3.0, "action": 6.0}
CARDS_IN_EVERY = 4     # cards a reader takes in within ``every`` seconds; a fuller slide stays longer
CLOCK = "present_clock"


@dataclass
class Settings:
    slide: int = 1
    every: int = EVERY_DEFAULT
    paused: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)


def read_settings(params: Mapping[str, str], n_slides: int) -> Settings:
    """The URL's slide, interval and pause flag; anything invalid falls back and is reported."""
    out = Settings()
    raw_every = params.get("every")
    if raw_every is not None:
        every = url_state.read_int(raw_every, EVERY_MIN, EVERY_MAX)
        if every is None:
            out.problems.append(("every", raw_every))
        else:
            out.every = every
    raw_slide = params.get("slide")
    if raw_slide is not None:
        slide = url_state.read_int(raw_slide, 1, max(n_slides, 1))
        if slide is None:
            out.problems.append(("slide", raw_slide))
        else:
            out.slide = slide
    out.paused = params.get("paused") in ("1", "true", "yes")
    return out


def slides(actions: pd.DataFrame) -> list[Any]:
    """The off-track slide first, then each action in the source, in order."""
    return [OFF_SLIDE] + [int(n) for n in actions.loc[actions["in_source"].astype(bool), "action_no"]]


def step(slide: int, n_slides: int, by: int) -> int:
    """The slide ``by`` steps on, wrapping round (1-based)."""
    return (slide - 1 + by) % n_slides + 1


def dwell(n_cards: int, every: int) -> int:
    """Seconds a slide of ``n_cards`` stays: ``every``, longer for a slide with more cards than a
    reader takes in within it."""
    return max(every, -(-every * n_cards // CARDS_IN_EVERY))


def card_weight(card: "Card") -> float:
    """How much of a slide a card takes (see PAGE_WEIGHT)."""
    return 1.0 + 0.5 * bool(card.townships) + 2.5 * (len(card.townships) > 1)


def pages(cards: tuple["Card", ...], budget: float) -> list[tuple["Card", ...]]:
    """The cards in order, cut into slides of at most ``budget`` weight (one card at least each)."""
    out: list[list[Card]] = [[]]
    used = 0.0
    for card in cards:
        w = card_weight(card)
        if out[-1] and used + w > budget:
            out.append([])
            used = 0.0
        out[-1].append(card)
        used += w
    return [tuple(p) for p in out]


def is_due(shown_since: float, now: float, every: int) -> bool:
    """Whether a slide shown since ``shown_since`` has had its time (a second's slack for the timer)."""
    return now - shown_since >= every - 1


def _goto(slide: int) -> None:
    url_state.choose("slide", str(slide))


def current_slide(settings: Settings, n_slides: int, seconds: list[int] | None = None) -> int:
    """The slide to show on this run: the URL's, or the next one when its time (``seconds`` per
    slide, else ``every``) is up."""
    slide, now = settings.slide, time.monotonic()
    clock = st.session_state.get(CLOCK)
    if clock is not None and clock["slide"] == slide:
        if not settings.paused and is_due(clock["since"], now, seconds[slide - 1] if seconds else settings.every):
            slide = step(slide, n_slides, 1)
            _goto(slide)
            clock = {"slide": slide, "since": now}
    else:
        clock = {"slide": slide, "since": now}
    st.session_state[CLOCK] = clock
    return slide


def _toggle_pause(paused: bool) -> None:
    url_state.choose("paused", None if paused else "1")


def _leave() -> None:
    url_state.drop("present", "slide", "every", "paused")


def controls(slide: int, n_slides: int, settings: Settings, lang: str, seconds: int | None = None,
             notes: str = "") -> None:
    """Previous, pause/play and next as large tap targets (also the arrow keys), and where we are."""
    with st.container(key="present-controls-bar"), \
            st.container(horizontal=True, key="present-controls", gap="small", vertical_alignment="center"):
        st.button(t("present.prev", lang), key="present_prev", icon=":material/chevron_left:",
                  shortcut="Left", on_click=_goto, args=(step(slide, n_slides, -1),))
        st.button(t("present.play" if settings.paused else "present.pause", lang), key="present_pause",
                  icon=":material/play_arrow:" if settings.paused else ":material/pause:",
                  on_click=_toggle_pause, args=(settings.paused,))
        st.button(t("present.next", lang), key="present_next", icon=":material/chevron_right:",
                  icon_position="right", shortcut="Right", on_click=_goto, args=(step(slide, n_slides, 1),),
                  width="stretch")
        timing = t("present.paused", lang) if settings.paused else t("present.auto", lang, s=seconds or settings.every)
        st.caption(" · ".join(filter(None, (t("present.position", lang, k=slide, n=n_slides), timing, notes))),
                   width="content")


def deck(slide_list: list[Any], settings: Settings, draw: Callable[[Any], None], lang: str,
         seconds: list[int] | None = None, notes: str = "") -> None:
    """Show one slide; the fragment's timer ticks after the slide's ``seconds`` (``every`` when not
    given) and, unless the URL says paused, moves on. Pause, previous and next rerun only the
    fragment (and the whole page when the next slide needs another interval); leaving reruns the app.
    ``notes`` (the area, demo data) go beside the slide's position in the controls.
    Leaving and the briefing come first, so that they stay on the screen with the slide."""
    n_slides = len(slide_list)
    seconds = seconds or [settings.every] * n_slides
    with st.container(horizontal=True, key="present-top", gap="small", vertical_alignment="top"):
        st.button(t("present.exit", lang), key="present_exit", icon=":material/close:", on_click=_leave)
        briefing.control(lang, key="present_briefing")      # the Briefing control: the deck or report for these slides
    tick = seconds[settings.slide - 1]

    @st.fragment(run_every=tick)
    def _deck() -> None:
        now = read_settings(url_state.params(), n_slides)
        now.every = settings.every
        slide = current_slide(now, n_slides, seconds)
        if seconds[slide - 1] != tick:      # the timer must tick after this slide's own time
            st.rerun()
        # the timer reruns this fragment on its own, outside the page's boundary: give it one too
        with frame.boundary(lang, f"meeting mode, slide {slide}"):
            with st.container(key=f"present-slide-{slide}"):
                draw(slide_list[slide - 1])
            controls(slide, n_slides, now, lang, seconds[slide - 1], notes)

    _deck()


# ---- the slides: prepared once per snapshot -------------------------------------------------------

@dataclass(frozen=True)
class Card:
    key: str
    body: str        # Markdown: status and name (escaped), or name and badge
    caption: str
    townships: tuple[str, ...] = ()   # a township-scoped target: "x of y townships", the uncovered (escaped)
    name: str = ""                    # the target's name (escaped), over its uncovered townships below the cards


@dataclass(frozen=True)
class Slide:
    title: str
    counts: dict[str, int] | None = None    # the off-track slide's chips
    cards: tuple[Card, ...] = ()
    more: str | None = None                 # "and N more" under the off-track cards
    status: str | None = None               # an action slide's roll-up status (None: no district figures)
    summary: str = ""                       # "N targets, M off track"
    progress: str = ""                      # the bar and its notes (Markdown with a little HTML)


def township_lines(row: Mapping[str, Any], area_code: str | None, year: int | None, lang: str) -> tuple[str, ...]:
    """For a township-scoped target: "x of y townships covered" in the area (the city when None) as of
    ``year`` and the townships not yet covered, with their districts for the city (escaped Markdown)."""
    if row.get("scope") != "township_share":
        return ()
    return townships.summary_md(row["indicator_id"], area_code or filters.city(), year, lang)


def with_source(caption: str, row: Mapping[str, Any], sources: Mapping[tuple[str, str], list] | None,
                lang: str) -> str:
    """A card's caption and, under it, where its figure comes from (source and note, or demo) and
    whether its status mixes demo and imported figures (escaped Markdown)."""
    if not sources:
        return caption
    rows = sources.get((row["indicator_id"], row.get("area_code")), [])
    return "  \n".join([caption, *provenance.status_lines(rows, row.get("status_year"), lang)])


def off_track_slide_view(plan: Mapping[str, Any], year: int, targets: pd.DataFrame, actions: pd.DataFrame,
                         lang: str, area_code: str | None = None,
                         sources: Mapping[tuple[str, str], list] | None = None) -> Slide:
    final = judgement.is_final(year, plan["target_year"])
    rows = overview.off_track(targets).to_dict("records")
    cards = tuple(Card(f"poff-{row['indicator_id']}{status_key(row['status'])}",
                       f"**{status_ui.text(row['status'], lang)}**\n\n{md(pick(row, 'name', lang))}",
                       with_source(overview.latest_vs_target(row, lang), row, sources, lang),
                       township_lines(row, area_code, year, lang),
                       md(pick(row, 'name', lang))) for row in rows[:SHOWN_OFF_TRACK])
    more = t("present.off_more_final" if final else "present.off_more", lang,
             n=len(rows) - SHOWN_OFF_TRACK) if len(rows) > SHOWN_OFF_TRACK else None
    return Slide(t("present.off_title_final" if final else "present.off_title", lang, year=year),
                 counts=overview.headline_counts(actions), cards=cards, more=more)


def action_slide_view(action: Mapping[str, Any], targets: pd.DataFrame, lang: str, area_code: str | None = None,
                      year: int | None = None, final: bool = False,
                      sources: Mapping[tuple[str, str], list] | None = None) -> Slide:
    no = int(action["action_no"])
    title = t_md("overview.tile_title", lang, no=no, name=pick(action, "name", lang))
    judged = targets[(targets["action_no"] == no) & ~targets["is_city_only"].astype(bool)]
    if judged.empty:
        return Slide(title)
    cards = tuple(Card(f"pt-{row['indicator_id']}{status_key(row['status'])}",
                       f"**{md(pick(row, 'name', lang))}**  \n{status_ui.badge_md(row['status'], lang)}",
                       with_source(_latest(row, lang), row, sources, lang), township_lines(row, area_code, year, lang),
                       md(pick(row, 'name', lang)))
                  for row in judged.to_dict("records"))
    rollup = action_views.of_row(action, final=final)      # 'n项中x项已完成，…' in the target year
    return Slide(title, cards=cards, status=rollup.status, summary=counts_line(rollup, lang),
                 progress=overview.progress_md(rollup, lang))


@dataclass(frozen=True)
class Deck:
    slides: tuple[Any, ...]                 # OFF_SLIDE, then the action numbers (their further parts "16-2" …)
    views: dict[Any, Slide]
    notes: str                              # the area and, with demo data, a word about it

    def slide_of(self, key: Any) -> int:
        """The 1-based number of the slide ``key`` (OFF_SLIDE, or an action's first part)."""
        return self.slides.index(key) + 1

    def timing(self, every: int) -> list[int]:
        """Each slide's seconds at an interval of ``every``."""
        return [dwell(len(self.views[k].cards), every) for k in self.slides]


def split(key: Any, view: Slide, budget: float, lang: str) -> list[tuple[Any, Slide]]:
    """A slide whose cards do not fit one screen as several, titled "行动16（1/3）" …; the note under
    the off-track cards on the last."""
    parts = pages(view.cards, budget) if view.cards else [()]
    if len(parts) == 1:
        return [(key, view)]
    out = []
    for k, cards in enumerate(parts, 1):
        title = t("present.part", lang, title=view.title, k=k, n=len(parts))
        out.append((key if k == 1 else f"{key}-{k}",
                    replace(view, title=title, cards=cards, more=view.more if k == len(parts) else None)))
    return out


@data.per_snapshot
def deck_view(plan_id: str, year: int, area_code: str | None, area_name: str, lang: str) -> Deck:
    """Every slide of meeting mode for one plan, year and area, once per snapshot."""
    plan = next(p for p in data.rows("plans") if p["plan_id"] == plan_id)
    params = dict(plan_id=plan_id, year=year, area_code=area_code)
    targets, actions = data.q("overview_targets", **params), data.q("overview_actions", **params)
    in_source = slides(actions)
    sources = provenance.sources_by_target(plan_id, area_code)
    parts = split(OFF_SLIDE, off_track_slide_view(plan, year, targets, actions, lang, area_code, sources),
                  PAGE_WEIGHT["off"], lang)
    for row in actions.to_dict("records"):
        if int(row["action_no"]) in in_source:
            view = action_slide_view(row, targets, lang, area_code, year,
                                     judgement.is_final(year, plan["target_year"]), sources)
            parts += split(int(row["action_no"]), view, PAGE_WEIGHT["action"], lang)
    mode = data.rows("data_mode")
    notes = [t_md("present.area", lang, area=area_name)]
    if mode and bool(mode[0]["is_demo"]):
        notes.append(t("present.demo", lang))
    views = dict(parts)
    keys = tuple(k for k, _ in parts)
    return Deck(keys, views, " · ".join(notes))


def draw_slide(view: Slide, lang: str) -> None:
    st.title(view.title, anchor=False)
    if view.counts is not None:                       # the off-track slide
        overview.count_chips(view.counts, lang, key="present")
        with st.container(key="present-grid-off"):
            for card in view.cards:
                with st.container(border=True, gap="small", key=card.key):
                    st.markdown(card.body)
                    st.caption(card.caption)
                    draw_townships(card)
        if view.more:
            st.caption(view.more)
        draw_uncovered(view.cards)
        return
    if view.status is None:
        st.info(t("present.no_district", lang), icon=":material/info:")
        return
    with st.container(horizontal=True, key="present-action-head", vertical_alignment="center"):
        status_ui.badge(view.status, lang)
        st.caption(view.summary)
    st.markdown(view.progress, unsafe_allow_html=True)
    with st.container(key="present-grid-targets"):
        for card in view.cards:
            with st.container(border=True, gap="small", key=card.key):
                st.markdown(card.body)
                st.caption(card.caption)
                draw_townships(card)
    draw_uncovered(view.cards)


def draw_townships(card: Card) -> None:
    """On a township-scoped target's card: "x of y townships covered"."""
    if card.townships:
        st.markdown(f"**{card.townships[0]}**")


def draw_uncovered(cards: tuple[Card, ...]) -> None:
    """Below the cards, the full width of the slide: each township-scoped target's townships not yet
    covered (and not reported), up to components.townships.MAX_NAMES names each."""
    for card in cards:
        if len(card.townships) > 1:
            with st.container(border=True, gap="small", key=f"uncovered-{card.key.split('-', 1)[1]}"):
                st.markdown(f"**{card.name}** · {card.townships[0]}")
                for line in card.townships[1:]:
                    st.caption(line)


def _latest(row: Mapping[str, Any], lang: str) -> str:
    """'2025年：63.1%　目标：≥ 60%'; a qualitative target says only that."""
    if row.get("comparator") == "qualitative":
        return t("qualitative", lang)
    target = t_md("present.target", lang, target=fmt.target(row, lang))
    value = overview.finite(row.get("value"))
    if value is None or overview.finite(row.get("status_year")) is None:
        return f"{t('present.no_value', lang)}　{target}"
    latest = t_md("present.latest", lang, year=int(row["status_year"]), value=fmt.with_unit(value, row, lang))
    fresh = freshness.text(row, lang)
    return f"{latest}　{target}" + (f"  \n{md(fresh)}" if fresh else "")
