"""Every word on screen, in Simplified Chinese (default) and English.

``t(key, lang, **values)`` formats with ``str.format``; a missing key raises KeyError so a test
catches it instead of a user seeing a raw key.
"""
from __future__ import annotations

from typing import Any

from tracker import words as strings
from tracker.text import pick  # noqa: F401  (components.i18n.pick: a bilingual catalogue field)

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, tuple[str, str]] = strings.catalogue()


def t(key: str, lang: str = DEFAULT_LANG, **values: Any) -> str:
    """The screens' words (tracker/words/, the one catalogue the pack reads too)."""
    return strings.say(key, lang, **values)
