"""The meeting pack: a briefing deck (PPTX) and a final-assessment report (PDF), made from the
warehouse in Chinese or English (``python -m tracker brief``, and the overview's Briefing control).

``make(fmt, lang=, year=, district=, plan=, since=)`` returns the file's bytes (with ``since``, a
moment, the deck and the report also show what changed since then); ``make_all`` makes the city's
pack and one per district in one run, the shared queries and map pictures made once. ``content`` reads the figures
into plain dataclasses, ``deck`` and ``report`` lay them out, ``maps`` draws the coverage maps as
pictures and ``words`` keeps the words in both languages.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tracker.brief.content import BriefError, Runs, gather
from tracker.cells import without_controls

FORMATS = ("pptx", "pdf")
MEDIA_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}

__all__ = ["ALL", "FORMATS", "MEDIA_TYPES", "BriefError", "make", "make_all"]
ALL = "all"             # --district all: the city and every district


def make(fmt: str, *, lang: str = "zh", year: int | None = None, district: str | None = None,
         plan: str | None = None, made: dt.date | None = None, since: dt.datetime | None = None,
         inclusive: bool = False, issuer: str | None = None, runs: Runs | None = None) -> bytes:
    """The deck (``fmt='pptx'``) or the report (``'pdf'``) as bytes; BriefError for a bad request.
    ``since``: add what changed since that moment (``inclusive``: from the write at that moment on,
    the screens' meaning of ?since=)."""
    from tracker.brief import fonts
    from tracker.brief.words import w

    if fmt not in FORMATS:
        raise BriefError(w("error.format", lang, value=fmt))
    brief = scrubbed(gather(lang=lang, year=year, district=district, plan=plan, made=made, since=since,
                            inclusive=inclusive, issuer=issuer, runs=runs))
    try:
        if fmt == "pptx":
            from tracker.brief import deck

            return deck.make(brief)
        from tracker.brief import report

        return report.make(brief)
    except fonts.FontMissing as exc:          # the maps and the PDF draw Chinese with fonts-noto-cjk
        raise BriefError(w("error.font", lang)) from exc


def scrubbed(value: Any) -> Any:
    """The gathered content with control characters removed from every text in it (tracker/cells.py):
    stored text that holds one must not break the deck's XML or the report."""
    if isinstance(value, str):
        return without_controls(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: scrubbed(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, (list, tuple)):
        return type(value)(scrubbed(v) for v in value) if not hasattr(value, "_fields") else \
            type(value)(*(scrubbed(v) for v in value))
    if isinstance(value, dict):
        return {scrubbed(k): scrubbed(v) for k, v in value.items()}
    return value


def areas() -> list[tuple[str, str]]:
    """(code, file stem) of the city and every district, the city first."""
    from tracker import db
    from tracker.areas import city_code, district_codes

    found = db.run("areas")
    city = city_code(found)
    return [(code, code) for code in ([city] if city else []) + district_codes(found)]


def make_all(fmt: str, **options: Any) -> list[tuple[str, bytes]]:
    """The pack for the city and for each district, as (area code, bytes): one run, the catalogue,
    heatmaps, coverage maps and method read once (content.Runs) and the map pictures drawn once per
    district shown."""
    runs = Runs()
    return [(code, make(fmt, district=code, runs=runs, **options)) for code, _ in areas()]
