"""The screen's context, read from the URL: language, plan, year, meeting mode.

Every screen's state lives in the URL so a shared link reopens exactly that screen. Parsing is
forgiving: an unknown value falls back to the default and is reported, never raised.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from components.i18n import DEFAULT_LANG, LANGS


@dataclass
class Context:
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


def current() -> Context:
    params = st.query_params
    ctx = Context()
    lang = read_lang(params.get("lang"))
    if lang is None:
        ctx.problems.append(("lang", params.get("lang", "")))
        lang = DEFAULT_LANG
    ctx.lang = lang
    ctx.present = params.get("present") in ("1", "true", "yes")
    return ctx


def lang() -> str:
    """The language for this run (pages call this; app.py has already validated it)."""
    return read_lang(st.query_params.get("lang")) or DEFAULT_LANG


def url_value(param: str, allowed: list, default=None, cast=str):
    """The URL's value for ``param`` if it is one of ``allowed`` (after ``cast``), else ``default``.

    Returns (value, bad) where ``bad`` is the raw text when the URL held something not allowed.
    """
    raw = st.query_params.get(param)
    if raw is None or raw == "":
        return default, None
    try:
        value = cast(raw)
    except (TypeError, ValueError):
        return default, raw
    return (value, None) if value in allowed else (default, raw)


def _sync(param: str, key: str, default) -> None:
    value = st.session_state[key]
    if value is None or value == default:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = str(value)


def url_selectbox(label: str, options: list, *, param: str, key: str, default, format_func=str,
                  cast=str, container=None, **kwargs):
    """A selectbox whose choice lives in the URL (``?param=value``), so links reopen the same view.

    A value named in the URL wins; with none, the session's earlier choice (say, a district picked
    on another screen) is kept and written back to the URL, so the address always describes what
    is shown. An unknown URL value falls back to ``default`` and is returned as ``bad`` for the
    page to report. Returns (value, bad).
    """
    value, bad = url_value(param, options, default, cast)
    named = param in st.query_params and bad is None
    held = st.session_state.get(key)
    if held not in options or (named and held != value) or bad is not None:
        st.session_state[key] = value
    where = container or st
    chosen = where.selectbox(label, options, key=key, format_func=format_func,
                             on_change=_sync, args=(param, key, default), **kwargs)
    if bad is None:
        if chosen == default:
            st.query_params.pop(param, None)
        elif st.query_params.get(param) != str(chosen):
            st.query_params[param] = str(chosen)
    return chosen, bad
