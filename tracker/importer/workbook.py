"""A workbook upload (.xlsx) as a Sheet, streamed through expat within a bounded amount of work.

The zip is checked before anything is unpacked, every part is parsed with a budget of XML elements,
and reading stops at the first data row past the cap. Formulas are kept as formulas, merged ranges are
noted, and shared strings, number formats and dates follow openpyxl's rules.
"""
from __future__ import annotations

import io
import posixpath
import pyexpat
import zipfile
from dataclasses import dataclass
from typing import Any

from tracker.importer.findings import Finding, finding, human_size
from tracker.importer.sheet import MAX_ROWS, Sheet, letter, value_text

DATA_SHEETS = ("数据", "data", "Data", "DATA")

# The caps below bound the work a workbook can ask for before it is refused; they were chosen from
# bench/hostile.py's measurements (see its docstring for the numbers):
#  * MAX_UNZIPPED_BYTES: a 50,000-row workbook in the template's nine columns, with a 40-character
#    Chinese note on every row and every string stored inline (openpyxl's way, the bulkier one), is
#    4.5 MB zipped and unpacks to 30 MB; with 80-character notes it is 6.6 MB zipped, already over the
#    5 MB upload limit, and unpacks to 36 MB. No file that fits the upload limit honestly needs more
#    than that, so 64 MB leaves about twice the room. (Excel's own files, with shared strings, are
#    smaller still.) The 2,000,000-row bomb (558 KB zipped) unpacks to 160 MB and is refused here
#    before a byte of it is inflated: the sizes in the zip directory are enforced by zipfile, which
#    stops at the declared size and then fails the CRC check.
#  * MAX_ELEMENTS: that full 50,000-row workbook holds 1.15 million XML elements (read in about 4.5 s
#    on the 2-core test machine); 2 million leaves 1.7 times that, and bounds the time any part of a
#    workbook (sheet, shared strings, styles) can take to parse: a shared-strings bomb at the budget is
#    refused in about 3 s.
#  * MAX_PARTS: Excel writes a dozen or two parts; thousands mean something else made the file.
# A compression-ratio test would add nothing: deflate cannot exceed about 1,032:1, and whatever the
# ratio, the unpacked total is what the cap looks at.
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_ELEMENTS = 2_000_000
MAX_PARTS = 500
MAX_COLUMNS = 200                 # cells further right are not read (a finding if they hold anything)
LAST_ROW = 1_048_576              # Excel's last row
_CHUNK = 64 * 1024
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class _Refusal(Exception):
    """Raised while reading a workbook to refuse it with one finding."""

    def __init__(self, found: Finding):
        super().__init__(found.code)
        self.finding = found


class _Enough(Exception):
    """Raised inside the XML handlers to stop parsing once the answer is known."""


def _unusual(zh: str, en: str) -> _Refusal:
    return _Refusal(finding(None, None, "file.workbook_unusual", reason=(zh, en)))


def _check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a zip that unpacks to more than a real upload needs, or is not built the way Excel builds one."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise _Refusal(finding(None, None, "file.unzipped_too_large", size=human_size(total),
                               limit=human_size(MAX_UNZIPPED_BYTES), rows=f"{MAX_ROWS:,}"))
    if len(infos) > MAX_PARTS:
        raise _unusual(f"内含{len(infos):,}个部件", f"it holds {len(infos):,} parts")
    if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in infos):
        raise _unusual("使用了 Excel 不用的压缩方式", "it uses a compression method Excel does not use")


class _Budget:
    """The XML elements a workbook may still spend, across all its parts."""

    def __init__(self, elements: int = MAX_ELEMENTS):
        self.left = elements

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _Refusal(finding(None, None, "file.workbook_too_complex", limit=f"{MAX_ELEMENTS:,}",
                                   rows=f"{MAX_ROWS:,}"))


def _no_dtd(*_args) -> None:
    raise _unusual("含有 DTD 声明", "it declares a DTD")


def _parse(archive: zipfile.ZipFile, path: str, budget: _Budget, start, end=None, text=None) -> None:
    """Stream one part of the workbook through expat, element names without their namespace."""
    parser = pyexpat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _no_dtd

    def on_start(name: str, attrs: dict[str, str]) -> None:
        budget.spend()
        start(name.rpartition("}")[2], attrs)

    parser.StartElementHandler = on_start
    if end is not None:
        parser.EndElementHandler = lambda name: end(name.rpartition("}")[2])
    if text is not None:
        parser.CharacterDataHandler = text
    with archive.open(path) as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _relations(archive: zipfile.ZipFile, path: str, budget: _Budget) -> dict[str, tuple[str, str]]:
    """A relationships part: id → (type, target part's path in the zip)."""
    folder = posixpath.dirname(posixpath.dirname(path))
    found: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            where = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), where)

    if path in archive.NameToInfo:
        _parse(archive, path, budget, start)
    return found


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


@dataclass
class _Book:
    """What reading a data sheet needs from the rest of the workbook."""
    sheet_path: str
    strings_path: str | None
    styles_path: str | None
    epoch: Any


def _locate(archive: zipfile.ZipFile, budget: _Budget) -> _Book:
    """Find the data sheet (by name, else the first worksheet), the shared strings and the styles."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    office = [where for kind, where in _relations(archive, "_rels/.rels", budget).values()
              if kind.endswith("/officeDocument")]
    book_path = office[0] if office else "xl/workbook.xml"
    sheets: list[tuple[str, str]] = []
    epoch = [CALENDAR_WINDOWS_1900]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "sheet":
            sheets.append((attrs.get("name", ""), attrs.get(f"{_OFFICE}}}id", "")))
        elif name == "workbookPr" and attrs.get("date1904") in ("1", "true"):
            epoch[0] = CALENDAR_MAC_1904

    _parse(archive, book_path, budget, start)
    rels = _relations(archive, _rels_path(book_path), budget)
    worksheets = {name: rels[rid][1] for name, rid in sheets if rels.get(rid, ("",))[0].endswith("/worksheet")}
    if not worksheets:
        raise _unusual("找不到工作表", "it has no worksheet")
    chosen = next((name for name in DATA_SHEETS if name in worksheets), next(iter(worksheets)))
    part = {kind.rpartition("/")[2]: where for kind, where in rels.values()}
    return _Book(worksheets[chosen], part.get("sharedStrings"), part.get("styles"), epoch[0])


def _shared_strings(archive: zipfile.ZipFile, path: str | None, budget: _Budget) -> list[str]:
    """The shared strings: each the text of its runs, phonetic guides (rPh) left out, as openpyxl does."""
    strings: list[str] = []
    parts: list[str] = []
    state = {"t": False, "rph": 0}

    def start(name: str, _attrs) -> None:
        if name == "si":
            parts.clear()
        elif name == "rPh":
            state["rph"] += 1
        elif name == "t" and not state["rph"]:
            state["t"] = True

    def end(name: str) -> None:
        if name == "t":
            state["t"] = False
        elif name == "rPh":
            state["rph"] -= 1
        elif name == "si":
            strings.append("".join(parts).replace("x005F_", ""))

    def text(data: str) -> None:
        if state["t"]:
            parts.append(data)

    if path is not None and path in archive.NameToInfo:
        _parse(archive, path, budget, start, end, text)
    return strings


def _number_formats(archive: zipfile.ZipFile, path: str | None, budget: _Budget) -> list[str]:
    """Each cell style's number format code, by the style's index (the ``s`` of a cell)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    custom: dict[int, str] = {}
    ids: list[int] = []
    inside = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "General")
        elif name == "cellXfs":
            inside[0] = True
        elif name == "xf" and inside[0]:
            ids.append(int(attrs.get("numFmtId", "0")))

    def end(name: str) -> None:
        if name == "cellXfs":
            inside[0] = False

    if path is not None and path in archive.NameToInfo:
        _parse(archive, path, budget, start, end)
    return [BUILTIN_FORMATS.get(i, "General") if i < BUILTIN_FORMATS_MAX_SIZE else custom.get(i, "General")
            for i in ids]


def _column_index(ref: str) -> int:
    """'AB12' → 28 (from 1)."""
    from openpyxl.utils.cell import column_index_from_string

    return column_index_from_string(ref.rstrip("0123456789"))


class _SheetReader:
    """Expat handlers for the data sheet: each cell to text, each row into the Sheet, merged ranges noted.

    Stops (raising _Enough) at the first data row past MAX_ROWS, so at most MAX_ROWS + 1 are read.
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
            raise _unusual(f"第{number}行的编号不合规", f"row number {number} is out of order or past Excel's last row")
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
            raise _Enough
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
            _check_archive(archive)
            budget = _Budget()
            book = _locate(archive, budget)
            strings = _shared_strings(archive, book.strings_path, budget)
            formats = _number_formats(archive, book.styles_path, budget)
            reader = _SheetReader(sheet, strings, formats, book.epoch)
            try:
                _parse(archive, book.sheet_path, budget, reader.start, reader.end, reader.characters)
            except _Enough:
                pass
    except _Refusal as refusal:
        sheet.findings.append(refusal.finding)
    except Exception:  # noqa: BLE001 - any other failure to open is the same message to a user
        sheet.findings.append(finding(None, None, "file.bad_workbook"))
    while sheet.headers and sheet.headers[-1] == "":
        sheet.headers.pop()
