"""The Briefing control (the word catalogue's ``briefing.label``): the deck or the report for what is on screen.

``control(lang)`` reads the plan, year, district and "since" moment (?since=,
components/changes.py) from the URL (the state every screen keeps there), offers the format and a
Make button, shows progress while tracker.brief makes the file and then a download button. The file
is made once per snapshot, format, plan, year, district, since, language and day, so a second press,
or another session asking for the same, downloads at once. The files made are kept in a cache of
their own bounded in bytes (``Files``, ``MAX_BYTES``, least recently used out), not in the shared
per-snapshot cache, which counts entries: a deck is about 2 MB.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import Callable, Hashable

import streamlit as st

from components import changes, data, filters, url_state
from components.i18n import t
from components.safe import md
from tracker import brief

FORMATS = ("pptx", "pdf")
MAX_BYTES = 48 * 1024 * 1024        # about twenty decks and reports per process


class Files:
    """Made files by key, least recently used out once they hold more than ``max_bytes`` together
    (the newest is always kept). One lock: a file is made once even when sessions ask together."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._held: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def held_bytes(self) -> int:
        return sum(len(v) for v in self._held.values())

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        with self._lock:
            if key in self._held:
                self._held.move_to_end(key)
                return self._held[key]
            made = make()
            self._held[key] = made
            while len(self._held) > 1 and self.held_bytes() > self.max_bytes:
                self._held.popitem(last=False)
            return made


@st.cache_resource(show_spinner=False)
def files() -> Files:
    """The process's briefing files, shared by every session."""
    return Files()


def made(fmt: str, plan_id: str, year: int, area_code: str | None, since: str | None, lang: str,
         day: dt.date) -> bytes:
    """The deck or the report as bytes, once per snapshot and parameters. ``since`` is ?since= (the
    moment of a past write): the changes from that write on, as the screens show them."""
    return files().get((data.version(), fmt, plan_id, year, area_code, since, lang, day), lambda: brief.make(
        fmt, lang=lang, year=year, district=area_code, plan=plan_id, made=day,
        since=dt.datetime.fromisoformat(since) if since else None, inclusive=True))


def shown() -> tuple[str, int, str | None, str | None] | None:
    """(plan id, year, district code or None, ?since= or None) as the URL says, with the screens'
    defaults (a ?since= that is not the moment of a write of the plan counts as none)."""
    plan = data.default_plan()
    years = [int(r["year"]) for r in data.rows("plan_years", plan_id=plan["plan_id"])]
    if not years:
        return None
    year, _ = url_state.value("year", years, max(years), int)
    names = filters.area_names("zh")
    area, _ = url_state.value("district", list(names), filters.city())
    since, _ = url_state.value(changes.PARAM, changes.moments(str(plan["plan_id"])), None)
    return str(plan["plan_id"]), int(year), (None if area == filters.city() else area), since


def file_name(fmt: str, plan_id: str, year: int, area_code: str | None, lang: str, since: str | None = None) -> str:
    changed = "-since-" + since.replace("-", "").replace(":", "")[:13] if since else ""
    return f"{t('briefing.file', lang)}-{plan_id}-{year}{'-' + area_code if area_code else ''}{changed}-{lang}.{fmt}"


def _want(key: str) -> None:
    """The Make button's callback: a flag in the session, so a rerun before the script reaches the
    button (URL-kept filters may rerun once) does not lose the press."""
    st.session_state[f"{key}_wanted"] = True


def control(lang: str, *, key: str = "briefing") -> None:
    """The expander with the format, the Make button, progress, then the download."""
    what = shown()
    if what is None:
        return
    plan_id, year, area, since = what
    with st.expander(t("briefing.label", lang), icon=":material/slideshow:"):
        st.caption(t("briefing.lead", lang))
        fmt = st.radio(t("briefing.format", lang), FORMATS, key=f"{key}_format", horizontal=True,
                       format_func=lambda f: t(f"briefing.{f}", lang))
        request = (fmt, plan_id, year, area, since, lang, dt.date.today())
        st.button(t("briefing.make", lang), key=f"{key}_make", icon=":material/description:",
                  on_click=_want, args=(key,))
        if st.session_state.pop(f"{key}_wanted", False):
            with st.status(t("briefing.making", lang), expanded=False) as progress:
                try:
                    made(*request)
                except brief.BriefError as exc:
                    progress.update(label=t("briefing.failed", lang), state="error")
                    st.error(md(str(exc)))
                    return
                progress.update(label=t("briefing.ready", lang), state="complete")
            st.session_state[f"{key}_ready"] = request
        if st.session_state.get(f"{key}_ready") == request:
            st.download_button(
                t("briefing.download", lang, name=t(f"briefing.{fmt}", lang)), data=made(*request),
                file_name=file_name(fmt, plan_id, year, area, lang, since), mime=brief.MEDIA_TYPES[fmt],
                key=f"{key}_download", icon=":material/download:", on_click="ignore")
