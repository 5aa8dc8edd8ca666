"""One rule for spreadsheet formulas in text cells ("CSV injection"), on the way in and on the way out.

A spreadsheet program opening a CSV (or a cell someone edits in a workbook) runs text that looks like
a formula: ``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``, ``@SUM(…)``. The project therefore refuses such
text in every imported text cell, and neutralises it in every file it writes by putting an apostrophe
in front (``'=1+1``), which spreadsheets read as "this is text".

The rule (``is_formula_like``), precisely:

1. A text that begins with a tab (U+0009) or a carriage return (U+000D) is formula-like, whatever
   follows (spreadsheets treat those leading characters as the start of a cell to evaluate).
2. Otherwise the leading blanks are skipped: every character ``str.isspace`` calls a space (ordinary
   space, tab, CR, LF, vertical tab, form feed, NBSP U+00A0, the ideographic space U+3000, the other
   Unicode spaces), plus the invisible zero-width space U+200B, joiners U+200C/U+200D, word joiner
   U+2060 and the byte order mark U+FEFF.
3. The first character left is read after Unicode compatibility normalisation (NFKC), so the
   full-width ``＝ ＋ － ＠`` and the small forms ``﹦ ﹢ ﹣ ﹫`` count as ``= + - @``; the minus sign
   U+2212 counts as ``-``. If it is ``=`` or ``@`` the text is formula-like.
4. If it is ``+`` or ``-``, the text is formula-like unless the whole of it (blanks skipped, NFKC)
   is a plain number: an optional sign, digits with an optional decimal part (or ``.5``), optional
   thousands commas (``-1,234.5``), an optional exponent and an optional trailing ``%``. So ``-3.5``,
   ``+5``, ``-12%`` are numbers and stay as they are; ``-x``, ``+cmd``, ``-2+3+cmd|…`` and a phone
   number such as ``+86 574 8718 0000`` are formula-like. A sign followed by a digit is not enough:
   ``-2+3+cmd|' /C calc'!A0`` is the classic payload, and a spreadsheet would also try to evaluate
   the phone number (write ``0086 574…`` or ``电话 +86 574…`` instead). A value cell of an
   import is read as a number (``tracker.importer.reading.parse_number`` accepts ``+5``), so the
   rule concerns text cells.
5. Anything else (empty text, plain Chinese, text starting with a letter, digit or ``'``) is not.

Text that already starts with an apostrophe is not formula-like, so neutralising twice changes
nothing. Non-text values (numbers, dates, missing) are never formula-like.

A carriage return inside a text is a second way in: Python's csv writer (and so pandas) quotes a
cell holding a line feed but not one holding a lone carriage return when lines end in a line feed,
and a spreadsheet starts a new row at that carriage return, so a note written as "note", carriage
return, "=1+1" would put ``=1+1`` at the start of a cell of its own. On the way out ``safe_text`` therefore also turns every lone
carriage return into a line feed (the cell is then quoted and stays one cell).

Control characters are a third hazard: U+0000–U+001F other than tab, line feed and carriage return
(and U+007F) are not allowed in an Excel workbook's XML at all, so one such character in stored text
would make every workbook holding it fail to save. ``has_control`` finds them on the way in (an
import refuses them); ``safe_text`` removes them on the way out, before the formula rule looks at
the text, so no stored text can break a download, a deck or a report.

On the way in the rule applies to text cells only: in an observation file the indicator id, area
code, milestone, source and note (the value and year are read as a number and a year and refused
otherwise); in a catalogue file every column. On the way out ``safe_frame`` applies it to every
text column and to the column headers, right before a CSV or workbook is written.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

import pandas as pd

APOSTROPHE = "'"
LEADING_CONTROLS = ("\t", "\r")
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
TRIGGERS = frozenset("=+-@")
SIGNS = frozenset("+-")
# A text starting with one of these (and holding no carriage return) cannot need ``safe_text``: a
# quick vectorised filter, so that a large export calls the rule only on the few cells that might.
_PLAINLY_SAFE_START = r"[0-9A-Za-z\u3400-\u9fff]"
_LONE_CR = re.compile(r"\r(?!\n)")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# what sends a cell down the slow path of ``safe_column``: a carriage return or a control character
_NEEDS_LOOK = r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?([eE][+-]?\d+)?%?$")


def _is_blank(char: str) -> bool:
    return char.isspace() or char in INVISIBLE


def without_leading_blanks(text: str) -> str:
    """The text from its first character that is neither a space of any kind nor invisible."""
    for i, char in enumerate(text):
        if not _is_blank(char):
            return text[i:]
    return ""


def _ascii_form(text: str) -> str:
    """NFKC (full-width and small forms to ASCII) with the minus sign U+2212 read as '-'."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-")


def is_plain_number(text: str) -> bool:
    """True for text a spreadsheet reads as a number: '-3.5', '+5', '-1,234.5', '1e3', '-12%'."""
    s = _ascii_form(text).strip()
    return any(ch.isdigit() for ch in s) and bool(_PLAIN_NUMBER.match(s))


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet might run this cell as a formula (the rule in the module docstring)."""
    if not isinstance(value, str) or value == "":
        return False
    if value.startswith(LEADING_CONTROLS):
        return True
    rest = without_leading_blanks(value)
    if rest == "":
        return False
    first = _ascii_form(rest[0])[:1]
    if first not in TRIGGERS:
        return False
    return not (first in SIGNS and is_plain_number(rest))


def has_control(value: Any) -> bool:
    """Whether text holds a control character other than tab, line feed and carriage return."""
    return isinstance(value, str) and CONTROLS.search(value) is not None


def without_controls(value: Any) -> Any:
    """Text with its control characters (other than tab and line breaks) removed; other values as given."""
    return CONTROLS.sub("", value) if isinstance(value, str) and CONTROLS.search(value) else value


def safe_text(value: Any) -> Any:
    """The value to write into a spreadsheet cell: control characters removed, formula-like text
    gets a leading apostrophe and a lone carriage return in any text becomes a line feed (see the
    module docstring); everything else (other text, numbers, dates, missing) is returned unchanged."""
    if not isinstance(value, str):
        return value
    value = without_controls(value)
    text = APOSTROPHE + value if is_formula_like(value) else value
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def _is_text_column(series: pd.Series) -> bool:
    dtype = series.dtype
    return (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
            or isinstance(dtype, pd.CategoricalDtype))


def safe_column(series: pd.Series) -> pd.Series:
    """A text column with ``safe_text`` applied to every cell (a category column comes back as
    plain text); only cells that do not plainly start with a letter, digit or Chinese character,
    or that hold a carriage return or a control character, are looked at one by one."""
    values = series.astype(object) if isinstance(series.dtype, pd.CategoricalDtype) else series
    try:
        plain = values.str.match(_PLAINLY_SAFE_START, na=True) & ~values.str.contains(_NEEDS_LOOK, regex=True, na=False)
    except (AttributeError, TypeError):  # an object column without text: no fast path
        return values.map(safe_text)
    todo = ~plain.astype(bool)
    if not todo.any():
        return values.copy()
    out = values.copy()
    out[todo] = values[todo].map(safe_text)
    return out


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` ready to be written as CSV or Excel: formula-like text in any text
    column, and in the headers, is neutralised with ``safe_text``. Numeric columns are untouched."""
    safe = frame.copy()
    for i in range(safe.shape[1]):
        series = safe.iloc[:, i]
        if _is_text_column(series):
            safe.isetitem(i, safe_column(series))
    safe.columns = [safe_text(c) if isinstance(c, str) else c for c in safe.columns]
    return safe


def shown(text: Any, limit: int = 40) -> str:
    """The text as a message quotes it: control characters made visible (\\t, \\r, \\n), cut at ``limit``."""
    visible = str(text).replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
    return visible if len(visible) <= limit else visible[:limit] + "…"
