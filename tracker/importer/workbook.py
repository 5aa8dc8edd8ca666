"""A workbook upload (.xlsx) as a Sheet: the data sheet streamed row by row (xlsx_parts.py checks the
zip and finds the sheet, its shared strings and number formats first), stopping at the first data row
past the cap. Formulas are kept as formulas, merged ranges are noted, and values, dates and percents
read as openpyxl reads them.
"""
from __future__ import annotations

import io
import zipfile
from typing import Any

from tracker.importer.findings import finding
from tracker.importer.sheet import MAX_ROWS, Sheet, letter, value_text
from tracker.importer.xlsx_parts import (
    Budget,
    Enough,
    Refusal,
    check_archive,
    locate,
    number_formats,
    parse,
    shared_strings,
    unusual,
)

MAX_COLUMNS = 200                 # cells further right are not read (a finding if they hold anything)
LAST_ROW = 1_048_576              # Excel's last row


def _column_index(ref: str) -> int:
    """'AB12' → 28 (from 1)."""
    from openpyxl.utils.cell import column_index_from_string

    return column_index_from_string(ref.rstrip("0123456789"))


class _SheetReader:
    """Expat handlers for the data sheet: each cell to text, each row into the Sheet, merged ranges noted.

    Stops (raising Enough) at the first data row past MAX_ROWS, so at most MAX_ROWS + 1 are read.
    """

    def __init__(self, sheet: Sheet, strings: list[str], formats: list[str], epoch: Any):
        self.sheet, self.strings, self.formats, self.epoch = sheet, strings, formats, epoch
        self.row, self.column = 0, 0
        self.cells: dict[int, str | None] = {}
        self.attrs: dict[str, str] = {}
        self.value: str | None = None
        self.formula: tuple[str, dict[str, str]] | None = None
        self.inline: list[str] | None = None
        self.text: list[str] | None = None
        self.phonetic = 0
        self.shared: dict[str, Any] = {}
        self.wide = False

    # -- expat handlers
    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "row":
            self._start_row(attrs)
        elif name == "c":
            ref = attrs.get("r")
            self.column = _column_index(ref) if ref else self.column + 1
            self.attrs, self.value, self.formula, self.inline = attrs, None, None, None
        elif name in ("v", "f") or (name == "t" and self.inline is not None and not self.phonetic):
            self.text = []
            if name == "f":
                self.formula = ("", attrs)
        elif name == "is":
            self.inline = []
        elif name == "rPh":
            self.phonetic += 1
        elif name == "mergeCell" and attrs.get("ref"):
            self._merge(attrs["ref"])

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        if name == "v" and self.text is not None:
            self.value, self.text = "".join(self.text), None
        elif name == "f" and self.formula is not None and self.text is not None:
            self.formula, self.text = ("".join(self.text), self.formula[1]), None
        elif name == "t" and self.text is not None and self.inline is not None:
            self.inline.append("".join(self.text))
            self.text = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c":
            self._finish_cell()
        elif name == "row":
            self._finish_row()

    # -- rows and cells
    def _start_row(self, attrs: dict[str, str]) -> None:
        number = int(attrs["r"]) if attrs.get("r") else self.row + 1
        if number <= self.row or number > LAST_ROW:
            raise unusual(f"第{number}行的编号不合规", f"row number {number} is out of order or past Excel's last row")
        self.row, self.column, self.cells = number, 0, {}

    def _finish_cell(self) -> None:
        text = self._cell_text()
        if text is None or str(text).strip() == "":
            return
        if self.column > MAX_COLUMNS:
            if not self.wide:
                self.wide = True
                self.sheet.findings.append(finding(self.row, letter(self.column - 1), "file.too_many_columns",
                                                   cell=f"{letter(self.column - 1)}{self.row}",
                                                   limit=f"{MAX_COLUMNS} ({letter(MAX_COLUMNS - 1)})"))
            return
        self.cells[self.column - 1] = text

    def _finish_row(self) -> None:
        width = max(len(self.sheet.headers), max(self.cells) + 1 if self.cells else 0)
        texts: list[str | None] = [None] * width        # as wide as the header, like a spreadsheet
        for i, text in self.cells.items():
            texts[i] = text
        if self.row == 1:
            self.sheet.headers = [t or "" for t in texts]
            return
        if not self.cells:
            return
        if len(self.sheet.rows) >= MAX_ROWS:
            self.sheet.findings.append(finding(None, None, "file.too_many_rows", limit=f"{MAX_ROWS:,}"))
            raise Enough
        self.sheet.rows.append((self.row, texts))

    def _merge(self, ref: str) -> None:
        from openpyxl.utils.cell import range_boundaries

        min_col, min_row, _, _ = range_boundaries(ref)
        self.sheet.merged.append((min_row, min_col - 1, ref))

    def _coordinate(self) -> str:
        return self.attrs.get("r") or f"{letter(self.column - 1)}{self.row}"

    def _cell_text(self) -> str | None:
        """The cell as openpyxl would give it (formula text, shared string, number, date...), as text."""
        kind = self.attrs.get("t", "n")
        style = int(self.attrs.get("s") or 0)
        number_format = self.formats[style] if style < len(self.formats) else "General"
        if self.formula is not None:
            return value_text(self._formula_text(), "f", number_format)
        if kind == "inlineStr":
            return None if self.inline is None else "".join(self.inline)
        if not self.value:
            return None
        return value_text(*self._typed(kind, self.value, number_format), number_format)

    def _formula_text(self) -> str:
        """'=' and the formula; a cell sharing another's formula gets it moved to its own place."""
        from openpyxl.formula.translate import Translator

        text, attrs = self.formula
        formula = "=" + text
        if attrs.get("t") == "shared":
            key = attrs.get("si", "")
            if key in self.shared:
                try:
                    return self.shared[key].translate_formula(self._coordinate())
                except Exception:  # noqa: BLE001 - an untranslatable formula is still a formula
                    return formula
            if formula != "=":
                self.shared[key] = Translator(formula, self._coordinate())
        return formula

    def _typed(self, kind: str, raw: str, number_format: str) -> tuple[Any, str]:
        """A cell's stored text as a Python value, following openpyxl's reader."""
        from openpyxl.styles.numbers import is_date_format, is_timedelta_format
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        if kind == "n":
            number = float(raw) if any(c in raw for c in ".eE") else int(raw)
            if is_date_format(number_format):
                try:
                    return from_excel(number, self.epoch, timedelta=is_timedelta_format(number_format)), "d"
                except (OverflowError, ValueError):
                    return "#VALUE!", "e"
            return number, "n"
        if kind == "s":
            return self.strings[int(raw)], "s"
        if kind == "b":
            return bool(int(raw)), "b"
        if kind == "d":
            try:
                return from_ISO8601(raw), "d"
            except ValueError:
                return raw, "s"
        return raw, "s"


def read_xlsx(sheet: Sheet, data: bytes) -> None:
    """Stream the data sheet of a workbook, after checking the zip, within a budget of XML elements."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive)
            budget = Budget()
            book = locate(archive, budget)
            strings = shared_strings(archive, book.strings_path, budget)
            formats = number_formats(archive, book.styles_path, budget)
            reader = _SheetReader(sheet, strings, formats, book.epoch)
            try:
                parse(archive, book.sheet_path, budget, reader.start, reader.end, reader.characters)
            except Enough:
                pass
    except Refusal as refusal:
        sheet.findings.append(refusal.finding)
    except Exception:  # noqa: BLE001 - any other failure to open is the same message to a user
        sheet.findings.append(finding(None, None, "file.bad_workbook"))
    while sheet.headers and sheet.headers[-1] == "":
        sheet.headers.pop()
