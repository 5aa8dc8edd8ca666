"""Reading an uploaded file into rows of text cells, and reading numbers written by people.

.xlsx through openpyxl (formulas kept as formulas, merged ranges noted) and .csv in UTF-8, UTF-8
with a BOM, GBK or GB18030 (tried strictly in that order: utf-8-sig, then gb18030, which contains
GBK). Every cell becomes text, so the rules in validate.py see a CSV and a workbook alike. A number
is read exactly or refused with a reason, never guessed: "1,234.5" → 1234.5, "１２３" → 123, "60%"
→ 60 with a flag saying a percent sign was written.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tracker.importer.findings import FIELDS, INFO_FIELDS, Finding, finding, human_size

MAX_BYTES = 5 * 1024 * 1024          # our own cap, below Streamlit's server.maxUploadSize (10 MB)
MAX_ROWS = 50_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a workbook that inflates beyond this is refused (zip bombs)
DATA_SHEETS = ("数据", "data", "Data", "DATA")
_XLSX_MAGIC, _XLS_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


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


# ---- numbers ----------------------------------------------------------------------------------
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class Number:
    value: float | None
    percent: bool = False          # the text ended in a percent sign
    problem: str | None = None     # a message code when the text is not a number


def parse_number(text: str | None) -> Number:
    if text is None:
        return Number(None)
    s = clean(text)
    if s == "":
        return Number(None)
    percent = s.endswith("%")
    if percent:
        s = s[:-1].rstrip()
    if "," in s:
        if not _GROUPED.match(s):
            return Number(None, percent, "value.separator")
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        return Number(None, percent, "value.text")
    value = float(s)
    if not math.isfinite(value):
        return Number(None, percent, "value.text")
    return Number(value, percent)


def parse_year(text: str | None) -> tuple[int | None, str | None]:
    """(year, problem code): '2023', '２０２３', '2023年' and '2023.0' read as 2023."""
    if text is None or clean(text) == "":
        return None, "year.missing"
    s = clean(text).removesuffix("年").strip()
    if re.fullmatch(r"\d{4}(\.0+)?", s):
        return int(float(s)), None
    return None, "year.text"


# ---- cells from a workbook ----------------------------------------------------------------------
def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def cell_text(cell) -> str | None:
    """A workbook cell as the text a person typed: percent-formatted numbers get their '%' back."""
    value = cell.value
    if value is None:
        return None
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
        text = getattr(value, "text", value)  # ArrayFormula keeps its text in .text
        return text if str(text).startswith("=") else f"={text}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            shown = (Decimal(repr(float(value))) * 100).normalize()
            return f"{shown:f}%"
        return _number_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# ---- whole files -------------------------------------------------------------------------------
def read_upload(file_name: str, data: bytes) -> Sheet:
    """Read an upload; problems with the file itself land in ``sheet.findings``."""
    kind = "xlsx" if data[:4] == _XLSX_MAGIC else "csv"
    sheet = Sheet(file_name, kind)
    if len(data) > MAX_BYTES:
        sheet.findings.append(finding(None, None, "file.too_large", size=human_size(len(data)),
                                      limit=human_size(MAX_BYTES)))
    elif not data.strip():
        sheet.findings.append(finding(None, None, "file.empty"))
    elif data[:4] == _XLS_MAGIC:
        sheet.findings.append(finding(None, None, "file.xls"))
    elif kind == "xlsx":
        _read_xlsx(sheet, data)
    else:
        _read_csv(sheet, data)
    if not sheet.findings and not sheet.rows:
        sheet.findings.append(finding(None, None, "file.empty"))
    return sheet


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, encoding name) or (None, problem code)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, "file.utf16"
    if b"\x00" in data:
        return None, "file.binary"
    for encoding, name in (("utf-8-sig", "UTF-8"), ("gb18030", "GB18030")):
        try:
            return data.decode(encoding, errors="strict"), name
        except UnicodeDecodeError:
            continue
    return None, "file.encoding"


KNOWN_HEADERS = {clean(h).lower() for pair in (*FIELDS.values(), *INFO_FIELDS.values()) for h in pair}


def _delimiter(first_line: str) -> str:
    """The separator that turns the header line into the most known column names (comma on a tie)."""
    def score(sep: str) -> int:
        return sum(clean(h).lower() in KNOWN_HEADERS for h in first_line.split(sep))
    return max((",", "\t", ";"), key=score)


def _read_csv(sheet: Sheet, data: bytes) -> None:
    text, how = decode(data)
    if text is None:
        sheet.findings.append(finding(None, None, how))
        return
    sheet.encoding = how
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    for number, record in enumerate(reader, start=1):
        cells = [c if c.strip() != "" else None for c in record]
        if number == 1:
            sheet.headers = [c or "" for c in cells]
            continue
        if not any(c is not None for c in cells):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            sheet.findings.append(finding(None, None, "file.too_many_rows", limit=f"{MAX_ROWS:,}"))
            return
        sheet.rows.append((number, cells))


def _read_xlsx(sheet: Sheet, data: bytes) -> None:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                sheet.findings.append(finding(None, None, "file.too_large", size=human_size(len(data)),
                                              limit=human_size(MAX_BYTES)))
                return
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # noqa: BLE001 - any failure to open is the same message to a user
        sheet.findings.append(finding(None, None, "file.bad_workbook"))
        return
    ws = next((book[name] for name in DATA_SHEETS if name in book.sheetnames), book.worksheets[0])
    sheet.merged = [(r.min_row, r.min_col - 1, r.coord) for r in ws.merged_cells.ranges]
    for cells in ws.iter_rows():
        texts = [cell_text(c) for c in cells]
        texts = [t if t is None or str(t).strip() != "" else None for t in texts]
        number = cells[0].row if cells else 0
        if number == 1:
            sheet.headers = [t or "" for t in texts]
            continue
        if not any(t is not None for t in texts):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            sheet.findings.append(finding(None, None, "file.too_many_rows", limit=f"{MAX_ROWS:,}"))
            return
        sheet.rows.append((number, texts))
    while sheet.headers and sheet.headers[-1] == "":
        sheet.headers.pop()
