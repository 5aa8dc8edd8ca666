"""The parts of an .xlsx upload a reader needs, taken apart within a bounded amount of work.

The zip is checked before anything is unpacked (``check_archive``), every XML part is parsed with
expat against one budget of elements and no DTD (``Budget``, ``parse``), the data sheet is found by
name through the workbook's relations (``locate``), and the shared strings and number formats are read
as openpyxl reads them. A workbook that asks for more is refused with one finding (``Refusal``).
workbook.py streams the data sheet itself.
"""
from __future__ import annotations

import posixpath
import pyexpat
import zipfile
from dataclasses import dataclass
from typing import Any

from tracker.importer.findings import Finding, finding, human_size
from tracker.importer.sheet import MAX_ROWS

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


_CHUNK = 64 * 1024


_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Refusal(Exception):
    """Raised while reading a workbook to refuse it with one finding."""

    def __init__(self, found: Finding):
        super().__init__(found.code)
        self.finding = found


class Enough(Exception):
    """Raised inside the XML handlers to stop parsing once the answer is known."""


def unusual(zh: str, en: str) -> Refusal:
    return Refusal(finding(None, None, "file.workbook_unusual", reason=(zh, en)))


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a zip that unpacks to more than a real upload needs, or is not built the way Excel builds one."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise Refusal(finding(None, None, "file.unzipped_too_large", size=human_size(total),
                               limit=human_size(MAX_UNZIPPED_BYTES), rows=f"{MAX_ROWS:,}"))
    if len(infos) > MAX_PARTS:
        raise unusual(f"内含{len(infos):,}个部件", f"it holds {len(infos):,} parts")
    if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in infos):
        raise unusual("使用了 Excel 不用的压缩方式", "it uses a compression method Excel does not use")


class Budget:
    """The XML elements a workbook may still spend, across all its parts."""

    def __init__(self, elements: int = MAX_ELEMENTS):
        self.left = elements

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise Refusal(finding(None, None, "file.workbook_too_complex", limit=f"{MAX_ELEMENTS:,}",
                                   rows=f"{MAX_ROWS:,}"))


def _no_dtd(*_args) -> None:
    raise unusual("含有 DTD 声明", "it declares a DTD")


def parse(archive: zipfile.ZipFile, path: str, budget: Budget, start, end=None, text=None) -> None:
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


def _relations(archive: zipfile.ZipFile, path: str, budget: Budget) -> dict[str, tuple[str, str]]:
    """A relationships part: id → (type, target part's path in the zip)."""
    folder = posixpath.dirname(posixpath.dirname(path))
    found: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            where = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), where)

    if path in archive.NameToInfo:
        parse(archive, path, budget, start)
    return found


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


@dataclass
class Book:
    """What reading a data sheet needs from the rest of the workbook."""
    sheet_path: str
    strings_path: str | None
    styles_path: str | None
    epoch: Any


def locate(archive: zipfile.ZipFile, budget: Budget) -> Book:
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

    parse(archive, book_path, budget, start)
    rels = _relations(archive, _rels_path(book_path), budget)
    worksheets = {name: rels[rid][1] for name, rid in sheets if rels.get(rid, ("",))[0].endswith("/worksheet")}
    if not worksheets:
        raise unusual("找不到工作表", "it has no worksheet")
    chosen = next((name for name in DATA_SHEETS if name in worksheets), next(iter(worksheets)))
    part = {kind.rpartition("/")[2]: where for kind, where in rels.values()}
    return Book(worksheets[chosen], part.get("sharedStrings"), part.get("styles"), epoch[0])


def shared_strings(archive: zipfile.ZipFile, path: str | None, budget: Budget) -> list[str]:
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
        parse(archive, path, budget, start, end, text)
    return strings


def number_formats(archive: zipfile.ZipFile, path: str | None, budget: Budget) -> list[str]:
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
        parse(archive, path, budget, start, end)
    return [BUILTIN_FORMATS.get(i, "General") if i < BUILTIN_FORMATS_MAX_SIZE else custom.get(i, "General")
            for i in ids]
