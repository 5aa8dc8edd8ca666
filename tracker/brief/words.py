"""The briefing's words in Chinese and English, and its number formats.

The words live in the one catalogue, tracker/words/ (the briefing's own in tracker/words/brief.py,
the rest shared with the screens); the formats follow the screens' conventions (components/fmt.py):
units always shown, thousands separators, trailing zeros dropped, '—' for a missing figure.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from tracker import statuses, words
from tracker.text import figure, finite, number, pct, pick, with_unit  # noqa: F401  (the screens' formatting)
from tracker.words.brief import SAME_AS


def w(key: str, lang: str, **values: Any) -> str:
    """The words for ``key`` in ``lang`` ('en' or Chinese), formatted with ``values``: the briefing's own
    (``brief.<key>``), or the screens' that it shares (tracker/words/brief.py SAME_AS, or ``key`` itself)."""
    own = f"brief.{key}"
    return words.say(own if own in words.catalogue() else SAME_AS.get(key, key), lang, **values)


def target(row: Mapping[str, Any], lang: str) -> str:
    """'≥ 60%', '≤ 3.5%', '5—6所', or 'qualitative'."""
    comparator = row.get("comparator")
    if comparator == "qualitative":
        return w("action.qualitative", lang)
    if comparator == "range":
        sep = "–" if lang == "en" else "—"
        low = figure(row.get('target_value'), row, lang, beside=row.get('target_high'))
        return f"{low}{sep}{with_unit(row.get('target_high'), row, lang)}"
    op = {">=": "≥", "<=": "≤"}.get(str(comparator), "")
    return f"{op} {with_unit(row.get('target_value'), row, lang)}".strip()


def status(code: str, lang: str) -> str:
    """'▼ 倒退' / '▼ Going backwards': the icon and the word, never the colour alone."""
    return statuses.badge(code, lang)


def date(day: dt.date, lang: str) -> str:
    return day.strftime("%-d %B %Y") if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def moment(at: dt.datetime, lang: str) -> str:
    """'2026年11月20日 14:03' / '20 November 2026, 14:03' (the date alone at midnight, seconds when given)."""
    day = date(at.date(), lang)
    if at.time() == dt.time(0):
        return day
    clock = at.strftime("%H:%M:%S" if at.second else "%H:%M")
    return f"{day}, {clock}" if lang == "en" else f"{day} {clock}"


def plain(markdown: str) -> str:
    """The method's Markdown as plain text (bold markers and list dashes dropped)."""
    return markdown.replace("**", "")


def title_lines(name: str) -> list[str]:
    """The plan's name with its period on a line of its own: '…行动计划' / '（2021—2025年）', so a
    line never breaks inside '2021—2025'."""
    for mark in ("（", " ("):
        at = name.rfind(mark)
        if at > 0:
            return [name[:at].rstrip(), name[at:].strip()]
    return [name]
