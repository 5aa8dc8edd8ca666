"""Figures and catalogue fields as text, shared by the screens (components/fmt.py, components/i18n.py)
and the briefing (tracker/brief/): one way to write a number, a percentage and a unit, and to pick a
bilingual field. Plain text: a Markdown sink takes it through components.safe."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Mapping

from tracker.words import say


def pick(row: Mapping[str, Any], field: str, lang: str) -> str:
    """A bilingual catalogue field: ``name`` → ``name_en`` in English, ``name_zh`` otherwise."""
    value = row.get(f"{field}_{'en' if lang == 'en' else 'zh'}")
    return "" if value is None or value != value else str(value)


def finite(x: Any) -> float | None:
    """``x`` as a float, or None when it is missing, not a number or NaN."""
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def rounded(value: Any, digits: int = 0) -> float | None:
    """The one rounding rule (DESIGN §6): half away from zero on the number as written (62.5 → 63,
    0.125 → 0.13 at two digits), so a chart label, a table and a sentence show the same figure.
    Every displayed number goes through here; a chart is given the rounded value, not a format."""
    x = finite(value)
    if x is None or math.isinf(x):
        return x
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def digits_for(x: float) -> int:
    """The digits a figure is shown with: whole numbers none, from 100 one, else two."""
    return 0 if x == int(x) else (1 if abs(x) >= 100 else 2)


def number(value: Any, digits: int | None = None) -> str:
    """A readable number: thousands separators, trailing zeros dropped, '—' for missing."""
    x = finite(value)
    if x is None:
        return "—"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if digits is None:
        digits = digits_for(x)
    text = f"{rounded(x, digits):,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def pct(x: Any) -> str:
    """A whole percentage ("37%"), or "—" when missing."""
    value = finite(x)
    return "—" if value is None else f"{number(value, 0)}%"


# The catalogue writes 亿 and 万 in English units as "100m …" and "10k …" (unit_en "100m m³/yr",
# "10k kW", "per 10k people"). Nobody writes "38.53 100m m³/yr": a figure in such a unit is scaled
# into the way people write it ("3.853 billion m³/yr", "6.11 million kW", "780,000 people"), and a
# unit standing alone reads "100 million yuan", "10,000 kW", "per 10,000 people".
_SCALES = {"100m": (Decimal(10) ** 8, "100 million"), "10k": (Decimal(10) ** 4, "10,000")}
_WORDS = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _scale(unit: str) -> tuple[Decimal, str] | None:
    """(factor, the rest of the unit) when an English unit starts with a 亿/万 prefix, else None."""
    head, _, rest = unit.partition(" ")
    return (_SCALES[head][0], rest) if head in _SCALES and rest else None


def unit(row: Mapping[str, Any], lang: str) -> str:
    """The row's unit in ``lang`` as it stands alone (an axis, a table's unit column): in English
    the 亿/万 shorthands in words, '100m yuan' → '100 million yuan', 'per 10k people' → 'per
    10,000 people'."""
    text = pick(row, "unit", lang)
    if lang != "en":
        return text
    return " ".join(_SCALES[w][1] if w in _SCALES else w for w in text.split(" "))


def _large(value: Decimal) -> tuple[str, str]:
    """A whole figure as people write it, and its magnitude word: ('3.853', 'billion'), ('6.11',
    'million'), ('780,000', '')."""
    for size, word in _WORDS:
        if abs(value) >= size:
            return f"{(value / size).normalize():,f}", word
    return number(float(value)), ""


def _scaled(value: Any, row: Mapping[str, Any], lang: str) -> tuple[str, str] | None:
    scale = _scale(pick(row, "unit", lang)) if lang == "en" else None
    x = finite(value)
    if scale is None or x is None or math.isinf(x):
        return None
    # the figure rounded as the Chinese text shows it (38.53亿), then scaled exactly
    return _large(Decimal(repr(rounded(x, digits_for(x)))) * scale[0])


def figure(value: Any, row: Mapping[str, Any], lang: str, *, beside: Any = None) -> str:
    """The number alone as ``with_unit`` writes it: in English a 亿/万 unit's figure scaled ('6.11
    million' for 611 in '10k kW'), else ``number``. As the low end of a range whose high end is
    ``beside`` it drops a magnitude word the high end repeats ('5–6 million kW', '800,000–1 million')."""
    scaled = _scaled(value, row, lang)
    if scaled is None:
        return number(value)
    shown, word = scaled
    high = _scaled(beside, row, lang) if beside is not None else None
    return shown if not word or (high and high[1] == word) else f"{shown} {word}"


def with_unit(value: Any, row: Mapping[str, Any], lang: str) -> str:
    """The number with the row's unit in ``lang``: '63.1%', '16个' / '16 consortia', '38.53亿方/年' /
    '3.853 billion m³/yr'."""
    unit_text, shown = pick(row, "unit", lang), figure(value, row, lang)
    if shown == "—" or not unit_text:
        return shown
    if unit_text == "%":
        return f"{shown}%"
    if lang != "en":
        return f"{shown}{unit_text}"
    scale = _scale(unit_text)
    return f"{shown} {scale[1] if scale else unit(row, lang)}"


def target(row: Mapping[str, Any], lang: str) -> str:
    """A target as the screens write it: '≥ 60%', '≤ 3.5%', '5–6 所', or 'qualitative'."""
    comparator = row.get("comparator")
    if comparator == "qualitative":
        return say("cmp.qualitative", lang)
    if comparator == "range":
        low = figure(row.get("target_value"), row, lang, beside=row.get("target_high"))
        high = with_unit(row.get("target_high"), row, lang)
        return say("cmp.range", lang, v=low, h=high)
    return say(f"cmp.{comparator}", lang, v=with_unit(row.get("target_value"), row, lang))
