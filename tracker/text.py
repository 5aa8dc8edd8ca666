"""Figures and catalogue fields as text, shared by the screens (components/fmt.py, components/i18n.py)
and the briefing (tracker/brief/): one way to write a number, a percentage and a unit, and to pick a
bilingual field. Plain text: a Markdown sink takes it through components.safe."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Mapping


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


def with_unit(value: Any, row: Mapping[str, Any], lang: str) -> str:
    """The number with the row's unit in ``lang``: '63.1%', '16个' / '16 consortia'."""
    unit, shown = pick(row, "unit", lang), number(value)
    if shown == "—" or not unit:
        return shown
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}" if lang == "en" else f"{shown}{unit}"
