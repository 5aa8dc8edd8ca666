"""A CSV upload as a Sheet: the encoding (UTF-8, UTF-8 with a BOM, GBK or GB18030, tried strictly in
that order), the separator, and every record as text cells. A record csv.reader cannot read (a field
over its size limit, a quote never closed) becomes a finding naming its row and column."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from tracker.importer.findings import FIELDS, INFO_FIELDS, Finding, finding
from tracker.importer.sheet import MAX_ROWS, Sheet, clean, letter


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


HEADER_FIELDS = {clean(h).lower(): name for name, pair in (*FIELDS.items(), *INFO_FIELDS.items()) for h in pair}


class _Lines:
    """The text's lines for csv.reader, counting the characters handed out so far.

    csv.reader asks for a line only when the record it is reading needs one, so the count taken just
    before asking for a record is where that record starts in the text.
    """

    def __init__(self, text: str):
        self._stream = io.StringIO(text, newline="")
        self.offset = 0

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = self._stream.readline()
        if not line:
            raise StopIteration
        self.offset += len(line)
        return line


def _keep_record(sheet: Sheet, number: int, record: list[str]) -> bool:
    """File one CSV record as the header or a data row; False once the row cap is passed."""
    cells = [c if c.strip() != "" else None for c in record]
    if number == 1:
        sheet.headers = [c or "" for c in cells]
    elif any(c is not None for c in cells):
        if len(sheet.rows) >= MAX_ROWS:
            sheet.findings.append(finding(None, None, "file.too_many_rows", limit=f"{MAX_ROWS:,}"))
            return False
        sheet.rows.append((number, cells))
    return True


def read_csv(sheet: Sheet, data: bytes) -> None:
    """Fill ``sheet`` from a CSV upload's bytes; problems land in ``sheet.findings``."""
    text, how = decode(data)
    if text is None:
        sheet.findings.append(finding(None, None, how))
        return
    sheet.encoding = how
    delimiter = _delimiter(text.split("\n", 1)[0])
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter)
    number, last_start = 0, 0
    while True:
        start = lines.offset
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            sheet.findings.append(_csv_problem(sheet, text, start, number + 1, delimiter))
            return
        number, last_start = number + 1, start
        if not _keep_record(sheet, number, record):
            return
    if number and _scan_record(text, last_start, delimiter).unclosed is not None:
        sheet.findings.append(_csv_problem(sheet, text, last_start, number, delimiter))


@dataclass(frozen=True)
class _Scan:
    """Where a walk over one CSV record stopped, and why."""
    field: int                  # the field (from 0) the walk stopped in
    unclosed: int | None = None   # a quote opened in this field is never closed
    too_long: bool = False        # this field is over csv's field size limit
    end_line: int = 0             # the file's line (from 1) the field ran on to


def _closing_quote(text: str, i: int) -> int | None:
    """The quote that closes a quoted field whose text starts at ``i`` ("" inside is a literal quote)."""
    while True:
        j = text.find('"', i)
        if j < 0:
            return None
        if text.startswith('""', j):
            i = j + 2
            continue
        return j


def _scan_record(text: str, start: int, delimiter: str) -> _Scan:
    """Walk one record from ``start`` the way csv.reader does (not strictly), field by field.

    Stops at the record's end, at the first field longer than csv's limit, or at a quote that no later
    quote closes (the rest of the file would then be that one field).
    """
    limit, ends = csv.field_size_limit(), re.compile("[\r\n" + re.escape(delimiter) + "]")
    i, field, n = start, 0, len(text)
    while True:
        length = 0
        if text.startswith('"', i):
            close = _closing_quote(text, i + 1)
            if close is None:
                return _Scan(field, unclosed=field)
            length, i = close - i - 1, close + 1
        stop = ends.search(text, i)
        end = stop.start() if stop else n
        length += end - i
        if length > limit:
            return _Scan(field, too_long=True, end_line=text.count("\n", 0, end) + 1)
        if end >= n or text[end] in "\r\n":
            return _Scan(field)
        field, i = field + 1, end + 1


def _column_words(sheet: Sheet, index: int) -> tuple[str, tuple[str, str]]:
    """(the finding's column, its label in each language) for field ``index`` of a record."""
    spot = letter(index)
    header = sheet.headers[index] if index < len(sheet.headers) else ""
    name = HEADER_FIELDS.get(clean(header).lower())
    if name is None:
        return spot, (f"{spot}列", f"column {spot}")
    zh, en = {**FIELDS, **INFO_FIELDS}[name]
    return name, (f"“{zh}”列（{spot}）", f"column {en} ({spot})")


def _csv_problem(sheet: Sheet, text: str, start: int, number: int, delimiter: str) -> Finding:
    """The finding for a record csv.reader could not read, or read only by swallowing the file's end."""
    scan = _scan_record(text, start, delimiter)
    column, words = _column_words(sheet, scan.field)
    limit = f"{csv.field_size_limit():,}"
    if scan.unclosed is not None:
        return finding(number, column, "csv.unclosed_quote", at=number, where=words)
    if scan.too_long and text.startswith('"', _field_start(text, start, delimiter, scan.field)) \
            and scan.end_line > text.count("\n", 0, start) + 1:
        return finding(number, column, "csv.quote_runs_on", at=number, where=words, line=f"{scan.end_line:,}",
                       limit=limit)
    if scan.too_long:
        return finding(number, column, "csv.field_too_long", at=number, where=words, limit=limit)
    return finding(number, None, "csv.unreadable", at=number)


def _field_start(text: str, start: int, delimiter: str, field: int) -> int:
    """Where field ``field`` of the record at ``start`` begins (fields before it are all short)."""
    i = start
    for _ in range(field):
        if text.startswith('"', i):
            i = (_closing_quote(text, i + 1) or len(text)) + 1
        stop = re.compile("[\r\n" + re.escape(delimiter) + "]").search(text, i)
        i = (stop.start() if stop else len(text)) + 1
    return i
