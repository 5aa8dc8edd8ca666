"""Number and target formatting: Chinese conventions, units always shown. The result is plain text:
a Markdown sink takes it through ``components.safe``."""
from __future__ import annotations

import math
from typing import Any, Mapping

from components.i18n import pick, t


def finite(x: Any) -> float | None:
    """``x`` as a float, or None when it is missing, not a number or NaN."""
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def pct(x: Any) -> str:
    """A whole percentage ("37%"), or "—" when missing."""
    value = finite(x)
    return "—" if value is None else f"{number(value, 0)}%"


def number(value: Any, digits: int | None = None) -> str:
    """A readable number: thousands separators, trailing zeros dropped, '—' for missing."""
    if value is None:
        return "—"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return "—"
    if math.isnan(x):
        return "—"
    if digits is None:
        digits = 0 if x == int(x) else (1 if abs(x) >= 100 else 2)
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def with_unit(value: Any, row: Mapping[str, Any], lang: str) -> str:
    unit = pick(row, "unit", lang)
    shown = number(value)
    if shown == "—" or not unit:
        return shown
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}" if lang == "en" else f"{shown}{unit}"


def target(row: Mapping[str, Any], lang: str) -> str:
    """'≥ 60%', '≤ 3.5%', '5–6 所', or 'qualitative'."""
    comparator = row.get("comparator")
    if comparator == "qualitative":
        return t("cmp.qualitative", lang)
    if comparator == "range":
        low = number(row.get("target_value"))
        high = with_unit(row.get("target_high"), row, lang)
        return t("cmp.range", lang, v=low, h=high)
    return t(f"cmp.{comparator}", lang, v=with_unit(row.get("target_value"), row, lang))
