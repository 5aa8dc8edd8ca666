"""Reading an uploaded file into rows of text cells, and reading numbers written by people.

An upload is a workbook (.xlsx, ``workbook.py``) or a CSV (``csv_file.py``); either becomes a
``Sheet`` of text cells, so the rules in validate.py see both alike. A number is read exactly or
refused with a reason, never guessed: "1,234.5" → 1234.5, "１２３" → 123, "60%" → 60 with a flag
saying a percent sign was written.

A hostile file is refused within a bounded amount of work: a workbook whose parts unpack to more than
a real upload needs, or that holds more XML elements than 50,000 rows need, is refused before (or
while) it is read, and reading stops at the first data row past the cap. A CSV field csv.reader
cannot read (over its size limit, or a quote never closed) becomes a finding naming its row and column.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tracker.importer.csv_file import read_csv
from tracker.importer.findings import finding, human_size
from tracker.importer.sheet import Sheet, clean
from tracker.importer.workbook import read_xlsx

MAX_BYTES = 5 * 1024 * 1024          # our own cap, below Streamlit's server.maxUploadSize (10 MB)
_XLSX_MAGIC, _XLS_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


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
        read_xlsx(sheet, data)
    else:
        read_csv(sheet, data)
    if not sheet.findings and not sheet.rows:
        sheet.findings.append(finding(None, None, "file.empty"))
    return sheet
