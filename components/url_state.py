"""Every screen's state lives in the URL, so a shared link reopens exactly that screen. This module
is the one place that reads and writes it (``st.query_params``; tests/test_url_state.py finds every
other use, and lists the two screens, meeting mode's and the action's, still to move here).

The rule, the same for every widget kept in the URL (select box, multiselect, switch):

1. a valid value named in the URL wins;
2. with none named, the session's earlier choice is kept when it is still allowed: the widget's
   own, else (for ``district`` and ``year``) the one last shown on any screen, so a district picked
   on the district page is the map's too; else the default;
3. the URL says what is shown: the reader's change is written at once (the widget's callback, before
   the rerun reads the URL again), and after the widget is drawn the URL is made to match it: the
   value, or nothing when it is the default (so links stay short);
4. a value the URL names but the screen cannot show falls back to the default and is reported once,
   in the reader's language, with the bad text shown as written (``report``).

Names are the same on every screen: ``district`` for an area code, ``year``, ``indicator``,
``action``, ``plan``, ``lang``. Links to other screens take ``carried``: the language and the plan
in force, plus the filters the link is about.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from components.i18n import DEFAULT_LANG, LANGS, t
from components.safe import t_md

_UNSET = object()
_KEYS = "url_state_keys"      # session state: param → the key of the widget that shows it
_LAST = "url_state_last"      # session state: param → the value last shown on any screen (CARRIED only)
CARRIED = ("district", "year")


@dataclass
class Context:
    """What app.py reads before routing: the language, meeting mode, and the bad values it found."""
    lang: str = DEFAULT_LANG
    present: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)  # (param name, bad value)


def read_lang(raw: str | None) -> str | None:
    if raw is None:
        return DEFAULT_LANG
    return raw if raw in LANGS else None


def read_int(raw: str | None, lo: int | None = None, hi: int | None = None) -> int | None:
    """An integer within [lo, hi], or None for anything else (text, out of range, empty)."""
    if raw is None:
        return None
    try:
        value = int(str(raw).strip())
    except ValueError:
        return None
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        return None
    return value


_LANG = "url_state_lang"      # session state: the language in force (kept when a link names none)


def current() -> Context:
    params = st.query_params
    ctx = Context()
    if "lang" not in params and st.session_state.get(_LANG, DEFAULT_LANG) != DEFAULT_LANG:
        # a screen chosen in the sidebar (its links name no language) keeps the reader's language
        st.query_params["lang"] = st.session_state[_LANG]
    lang = read_lang(params.get("lang"))
    if lang is None:
        ctx.problems.append(("lang", params.get("lang", "")))
        lang = DEFAULT_LANG
    ctx.lang = st.session_state[_LANG] = lang
    ctx.present = params.get("present") in ("1", "true", "yes")
    return ctx


def set_lang(target: str) -> None:
    """The reader switches language: in the URL (nothing for the default) and for the session."""
    st.session_state[_LANG] = target
    if target == DEFAULT_LANG:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = target


def lang() -> str:
    """The language for this run (pages call this; app.py has already reported a bad one)."""
    return read_lang(st.query_params.get("lang")) or DEFAULT_LANG


# ---- reading ------------------------------------------------------------------------------------

def value(param: str, allowed: Iterable, default=None, cast: Callable = str):
    """The URL's value for ``param`` if it is one of ``allowed`` (after ``cast``), else ``default``.
    Returns (value, bad): ``bad`` is the raw text when the URL held something not allowed."""
    raw = st.query_params.get(param)
    if raw is None or raw == "":
        return default, None
    try:
        found = cast(raw)
    except (TypeError, ValueError):
        return default, raw
    return (found, None) if found in allowed else (default, raw)


def named(param: str) -> bool:
    """Whether the URL names ``param`` at all (whatever its value)."""
    return param in st.query_params


def params() -> dict[str, str]:
    """The URL's parameters as written (the last value of a repeated one), for a reader that checks
    several at once (meeting mode's settings)."""
    return st.query_params.to_dict()


def parse_list(raw: str | None, allowed: Iterable, cast: Callable = str) -> tuple[list, list[str]]:
    """'12,16,x' → ([12, 16], ['x']): the allowed entries of a comma list, in order and without
    repeats, and the others as written."""
    allowed = list(allowed)
    chosen, bad = [], []
    for part in (p.strip() for p in (raw or "").split(",")):
        if not part:
            continue
        try:
            item = cast(part)
        except (TypeError, ValueError):
            bad.append(part)
            continue
        if item not in allowed:
            bad.append(part)
        elif item not in chosen:
            chosen.append(item)
    return chosen, bad


def values(param: str, allowed: Iterable, cast: Callable = str) -> tuple[list, str | None]:
    """A comma list from the URL (``?param=a,b``): the allowed entries, and the others joined (None
    when all are allowed). No value: an empty list."""
    chosen, bad = parse_list(st.query_params.get(param), allowed, cast)
    return chosen, (",".join(bad) if bad else None)


# ---- the rule -----------------------------------------------------------------------------------

def _adopt(key: str, param: str, found: Any, bad: str | None, allowed: Callable[[Any], bool]) -> None:
    """Rules 1 and 2: what the widget ``key`` starts from on this run."""
    st.session_state.setdefault(_KEYS, {})[param] = key
    named = param in st.query_params and bad is None
    held = st.session_state.get(key, _UNSET)
    if held is _UNSET and not named and bad is None:
        found = remembered(param, allowed, found)
    if held is _UNSET or not allowed(held) or (named and held != found) or bad is not None:
        st.session_state[key] = found


def remembered(param: str, allowed: Callable[[Any], bool], default: Any = None) -> Any:
    """The value of ``param`` last shown on any screen of this session, when ``allowed``; else ``default``."""
    last = st.session_state.get(_LAST, {}).get(param, _UNSET)
    return last if last is not _UNSET and allowed(last) else default


def _remember(param: str, shown: Any) -> None:
    if param in CARRIED:
        st.session_state.setdefault(_LAST, {})[param] = shown


def _write(param: str, shown: Any, default: Any, text: Callable[[Any], str] = str) -> None:
    """Rule 3: the URL says what is shown (nothing for the default)."""
    _remember(param, shown)
    if shown is None or shown == default or shown == [] or shown is False:
        if param in st.query_params:
            st.query_params.pop(param, None)
    elif st.query_params.get(param) != text(shown):
        st.query_params[param] = text(shown)


def _joined(items: list) -> str:
    return ",".join(str(v) for v in items)


def placeholder(lang_: str | None = None) -> str:
    """What an empty select box says, in the reader's language (Streamlit's own is English only)."""
    return t("widget.placeholder", lang_ or lang())


def selectbox(label: str, options: list, *, param: str, key: str, default, format_func=str, cast=str,
              clears: tuple[str, ...] = (), container=None, **kwargs):
    """A select box kept in ``?param=``. ``clears`` names parameters that depend on this one (a new
    target has its own areas and years): they are dropped when the reader changes it.
    Returns (value, bad URL text or None)."""
    found, bad = value(param, options, default, cast)
    _adopt(key, param, found, bad, lambda held: held in options)

    def changed() -> None:
        _write(param, st.session_state[key], default)
        for other in clears:      # a dependent choice starts again from its default
            st.query_params.pop(other, None)
            st.session_state.get(_LAST, {}).pop(other, None)
            widget = st.session_state.get(_KEYS, {}).get(other)
            if widget:            # a parameter no widget of this session holds has nothing to reset
                st.session_state.pop(widget, None)

    kwargs.setdefault("placeholder", placeholder())
    chosen = (container or st).selectbox(label, options, key=key, format_func=format_func,
                                         on_change=changed, **kwargs)
    _write(param, chosen, default)
    return chosen, bad


def multiselect(label: str, options: list, *, param: str, key: str, cast=str, format_func=str,
                container=None, **kwargs) -> tuple[list, str | None]:
    """A multiselect kept in ``?param=a,b`` (none chosen: all shown, nothing in the URL).
    Returns (chosen values, the URL's unknown entries joined, or None)."""
    found, bad = values(param, options, cast)
    _adopt(key, param, found, bad, lambda held: isinstance(held, list) and all(v in options for v in held))
    kwargs.setdefault("placeholder", placeholder())
    chosen = (container or st).multiselect(label, options, key=key, format_func=format_func,
                                           on_change=lambda: _write(param, st.session_state[key], [], _joined),
                                           **kwargs)
    _write(param, chosen, [], _joined)
    return chosen, bad


def toggle(label: str, *, param: str, key: str, container=None, **kwargs) -> tuple[bool, str | None]:
    """A switch kept in ``?param=1`` (off: nothing in the URL). Returns (on, bad URL text or None)."""
    found, bad = flag(param)
    _adopt(key, param, found, bad, lambda held: isinstance(held, bool))
    on = (container or st).toggle(label, key=key, on_change=lambda: _write(param, "1" if st.session_state[key] else None, None),
                                  **kwargs)
    _write(param, "1" if on else None, None)
    return on, bad


def flag(param: str) -> tuple[bool, str | None]:
    """Whether ``?param=1`` is in the URL. Returns (on, bad URL text or None)."""
    found, bad = value(param, ["1"])
    return found == "1", bad


def choose(param: str, chosen: str | None) -> None:
    """Put a choice made outside a widget (a tap on the map) into the URL; None removes it."""
    _remember(param, chosen)
    if chosen:
        st.query_params[param] = chosen
    else:
        st.query_params.pop(param, None)


def drop(*names: str) -> None:
    """Take ``names`` out of the URL (a value the screen has set aside, or a mode left)."""
    for name in names:
        st.query_params.pop(name, None)


# ---- links and reports --------------------------------------------------------------------------

def carried(lang: str, **filters: Any) -> dict[str, str]:
    """The query a link to another screen takes: the language and the plan in force, and ``filters``
    (None left out)."""
    params: dict[str, str] = {}
    if lang != DEFAULT_LANG:
        params["lang"] = lang
    plan = st.query_params.get("plan")
    if plan:
        params["plan"] = plan
    params.update({name: str(v) for name, v in filters.items() if v is not None})
    return params


def report(lang: str, problems: Iterable[tuple[str, str | None]], *, back: bool = True) -> None:
    """Rule 4: one warning per bad URL value, the value shown as written; with ``back``, a way to
    the overview under them. Meeting mode passes ``back=False`` (it has no other screen)."""
    found = [(name, bad) for name, bad in problems if bad is not None]
    for name, bad in found:
        st.warning(t_md("error.bad_param", lang, name=name, value=bad), icon=":material/link_off:")
    if found and back:
        try:
            st.page_link("pages/overview.py", label=t("back.overview", lang), icon=":material/arrow_back:",
                         query_params=carried(lang))
        except StreamlitPageNotFoundError:   # a script run outside the app's navigation has no overview
            pass
        st.divider()
