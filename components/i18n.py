"""Every word on screen, in Simplified Chinese (default) and English.

``t(key, lang, **values)`` formats with ``str.format``; a missing key raises KeyError so a test
catches it instead of a user seeing a raw key.
"""
from __future__ import annotations

from typing import Any, Mapping

from components import strings

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, tuple[str, str]] = strings.collect()


def t(key: str, lang: str = DEFAULT_LANG, **values: Any) -> str:
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def pick(row: Mapping[str, Any], field: str, lang: str) -> str:
    """A bilingual catalogue field: ``name`` → ``name_en`` in English, ``name_zh`` otherwise."""
    value = row.get(f"{field}_{'en' if lang == 'en' else 'zh'}")
    return "" if value is None or value != value else str(value)
