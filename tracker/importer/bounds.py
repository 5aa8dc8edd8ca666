"""Limits on what an import may bring in: finite numbers within a bound that fits their measure,
no control characters in text, and text no longer than its use needs.

Every rule returns findings with the row and column, like the rules in validate.py and
catalog_import.py, which call these. The bounds, once:

- a target of a ``share`` lies within 0–100; a figure of a share within 0–100 too (validate.py's
  own rule), unless its target's value is higher (``limits`` then widens the bound to it);
- a ``growth_rate`` lies within −100 (everything gone) and ``GROWTH_CEILING`` percent;
- a ``level`` or ``count_new`` lies within ±``VALUE_CEILING`` (10¹², the bound the Excel template's
  number check states); a count or level is never negative (validate.py says so already);
- NaN, infinity and a number that overflows (``1e400``) are never numbers;
- whole numbers have ranges per column (``INTEGER_RANGES``): years 1949–2100, and so on;
- text (``TEXT_LIMITS``): a name 400 characters (the plan's longest is 80), a unit 50, a summary, note or source 1,000, the
  plan's quote 2,000; a person's name given with ``--by`` 100; commentary's cause or measures 2,000 and a
  plan's evaluation section 8,000;
- control characters (U+0000–U+001F other than tab, line feed and carriage return, and U+007F;
  ``tracker.cells.has_control``) are refused in every text cell, since no workbook may hold them.
"""
from __future__ import annotations

import math
from typing import Any

from tracker.cells import CONTROLS, has_control
from tracker.importer.findings import Finding, finding

VALUE_CEILING = 1e12
GROWTH_CEILING = 1000.0
SHARE_HIGH = 100.0
INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "start_year": (1949, 2100), "target_year": (1949, 2100), "baseline_year": (1949, 2100),
    "action_no": (1, 999), "mechanism_no": (1, 999), "release_lag_months": (0, 60),
}
NAME_LIMIT, UNIT_LIMIT, NOTE_LIMIT, QUOTE_LIMIT, BY_LIMIT = 400, 50, 1000, 2000, 100
CAUSE_LIMIT, SECTION_LIMIT = 2000, 8000          # commentary: a target's cause or measures, a plan's section
TEXT_LIMITS: dict[str, int] = {
    "name_zh": NAME_LIMIT, "name_en": NAME_LIMIT, "group_zh": NAME_LIMIT, "group_en": NAME_LIMIT,
    "lead_unit_zh": NAME_LIMIT, "lead_unit_en": NAME_LIMIT, "map_layer": NAME_LIMIT,
    "unit_zh": UNIT_LIMIT, "unit_en": UNIT_LIMIT,
    "summary_zh": NOTE_LIMIT, "summary_en": NOTE_LIMIT, "note": NOTE_LIMIT, "source": NOTE_LIMIT,
    "source_quote": QUOTE_LIMIT,
    "cause_zh": CAUSE_LIMIT, "cause_en": CAUSE_LIMIT, "measures_zh": CAUSE_LIMIT, "measures_en": CAUSE_LIMIT,
    "text_zh": SECTION_LIMIT, "text_en": SECTION_LIMIT,
}
DEFAULT_TEXT_LIMIT = NOTE_LIMIT
BOUNDED_MEASURES = ("level", "count_new", "growth_rate")     # a share's bound is validate.py's own rule


def number(text: Any) -> float | None:
    """The text as a finite float, or None (not a number, NaN, infinite, or overflowing)."""
    if text is None:
        return None
    try:
        value = float(str(text).strip())
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def limits(measure: str | None, *values: float | None) -> tuple[float, float] | None:
    """(low, high) for a figure or target of this measure; ``values`` are the target's own values
    (a share target above 100 widens the share's bound to it). None: no numeric bound (qualitative)."""
    if measure == "share":
        return 0.0, max([SHARE_HIGH, *(v for v in values if v is not None and math.isfinite(v))])
    if measure == "growth_rate":
        return -100.0, GROWTH_CEILING
    if measure in ("level", "count_new"):
        return -VALUE_CEILING, VALUE_CEILING
    return None


def _shown(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1e6 else f"{value:g}"


def out_of_bounds(row: int | None, column: str, value: float, measure: str | None,
                  *target: float | None) -> list[Finding]:
    bound = limits(measure, *target)
    if bound is None or bound[0] <= value <= bound[1]:
        return []
    return [finding(row, column, "value.bound", value=_shown(value), low=_shown(bound[0]), high=_shown(bound[1]),
                    measure=measure)]


# ---- figures (called from validate.py) -----------------------------------------------------------
def figure_bounds(row: int, value: float | None, target: dict[str, Any] | None) -> list[Finding]:
    """A figure's value against its target's measure (shares above 100 are validate.py's own rule)."""
    if value is None or target is None or target.get("measure") == "share":
        return []
    return out_of_bounds(row, "value", value, target.get("measure"))


# ---- text, in any import --------------------------------------------------------------------------
def control_finding(row: int | None, column: str, text: str) -> Finding:
    char = CONTROLS.search(text).group(0)
    return finding(row, column, "cell.control", char=f"U+{ord(char):04X}", at=text.index(char) + 1)


def control_findings(row: int | None, column: str, text: Any) -> list[Finding]:
    return [control_finding(row, column, text)] if has_control(text) else []


def text_findings(row: int | None, column: str, text: Any, limit: int | None = None) -> list[Finding]:
    """A control character, or more characters than ``limit`` (by default the column's own limit)."""
    if not isinstance(text, str):
        return []
    found = [control_finding(row, column, text)] if has_control(text) else []
    limit = limit or TEXT_LIMITS.get(column, DEFAULT_TEXT_LIMIT)
    if len(text) > limit:
        found.append(finding(row, column, "text.too_long", n=len(text), limit=limit))
    return found


def by_findings(by: str) -> list[Finding]:
    """Who made a write (``--by``, the signed-in name): no control characters, ``BY_LIMIT`` at most."""
    return text_findings(None, "by", by, BY_LIMIT)


# ---- the catalogue (called from catalog_import.py) ------------------------------------------------
def catalog_numbers(table: str, n: int, rec: dict[str, Any]) -> list[Finding]:
    """Whole numbers within their column's range; a target's values finite and within its measure's
    bound. (A value that is not a number at all is catalog_import's own finding.)"""
    found = []
    for col, (low, high) in INTEGER_RANGES.items():
        text = rec.get(col)
        if text is None:
            continue
        try:
            whole = int(str(text).strip())
        except ValueError:
            continue
        if not low <= whole <= high:
            found.append(finding(n, col, "catalog.bound", name=col, value=str(text)[:40], low=low, high=high))
    if table != "indicators":
        return found
    values = {}
    for col in ("target_value", "target_high"):
        text = rec.get(col)
        if text is None:
            continue
        try:
            float(str(text).strip())
        except ValueError:
            continue            # not a number: catalog.number
        values[col] = number(text)
        if values[col] is None:
            found.append(finding(n, col, "value.not_finite", value=str(text)[:40]))
    for col, value in values.items():
        if value is not None:
            found += out_of_bounds(n, col, value, rec.get("measure"))
    return found


def catalog_text(rows: list[tuple[int, dict[str, Any]]]) -> list[Finding]:
    """Every text cell of a catalogue file: no control characters, within its column's length."""
    return [f for n, rec in rows for col, text in rec.items() for f in text_findings(n, col, text)]
