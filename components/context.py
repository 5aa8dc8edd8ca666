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
