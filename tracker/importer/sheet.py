"""One table read from an upload, as text cells with the spreadsheet's row numbers, and the small
helpers every reader shares: cleaning typed text, naming a column, a workbook value as typed text."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tracker.importer.findings import Finding

MAX_ROWS = 50_000


@dataclass
class Sheet:
    """One table from a file: headers and rows of text cells, with the spreadsheet's row numbers."""
    file_name: str
    kind: str                                   # "csv" or "xlsx"
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str | None]]] = field(default_factory=list)
    merged: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column index, "A2:A3")
    findings: list[Finding] = field(default_factory=list)              # problems with the file itself
    encoding: str | None = None


def clean(text: Any) -> str:
    """NFKC (full-width digits and signs to ASCII), the minus sign to '-', and no outer spaces."""
    s = unicodedata.normalize("NFKC", str(text)).replace("\u2212", "-").replace("\u00a0", " ")
    return s.strip()


def letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet names it."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def value_text(value: Any, data_type: str | None, number_format: str) -> str | None:
    """A workbook value as the text a person typed: percent-formatted numbers get their '%' back."""
    if value is None:
        return None
    if data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        text = getattr(value, "text", value)  # ArrayFormula keeps its text in .text
        return text if str(text).startswith("=") else f"={text}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            shown = (Decimal(repr(float(value))) * 100).normalize()
            return f"{shown:f}%"
        return _number_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
