"""Import files built at test time: good ones, and a table of bad ones with the finding each must give.

Files are made with openpyxl and Python's codecs (GBK, GB18030, UTF-8 with and without a BOM), so
nothing binary is committed and every case says exactly what is wrong with it.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Callable

from openpyxl import Workbook

ZH = ["指标编号", "区域代码", "年份", "数值", "进展状态", "来源", "备注"]
EN = ["indicator_id", "area_code", "year", "value", "milestone", "source", "note"]

# catalogue targets of each kind (data/catalog/indicators.csv)
SHARE = "A09-04"        # %, share, city
COUNT = "A05-01"        # 个, count_new, city
LEVEL = "A04-01"        # 亿元, level, the weaker-area region
QUAL = "A04-02"         # qualitative, the weaker-area region
CITY, REGION, DISTRICT = "330200", "R-WEAK", "330212"


def csv_bytes(rows: list[list], headers: list[str] = ZH, encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], headers: list[str] = ZH, *, merge: str | None = None,
               percent: tuple[str, ...] = (), title: str = "数据") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = title
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for cell in percent:
        ws[cell].number_format = "0%"
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_rows() -> list[list]:
    """Four figures and a milestone, written the ways people write them."""
    return [
        [SHARE, CITY, 2024, "１２.５", None, "市统计局", "全角数字"],
        [LEVEL, REGION, "2024年", "1,234.5", None, "市文旅局", None],
        [COUNT, CITY, 2024, "60", None, None, None],
        [COUNT, DISTRICT, 2024, 7, None, None, None],
        [QUAL, REGION, 2025, None, "已完成", None, "通过验收"],
    ]


@dataclass(frozen=True)
class Bad:
    name: str
    build: Callable[[], tuple[str, bytes]]
    code: str                 # the finding's message code
    row: int | None           # the spreadsheet row it names (None: the whole file)
    column: str | None        # the column it names (canonical field)


def _one(value, indicator=SHARE, area=CITY, year=2024, milestone=None) -> list[list]:
    return [[indicator, area, year, value, milestone, None, None]]


def _huge() -> tuple[str, bytes]:
    from tracker.importer.sheet import MAX_ROWS

    rows = [[SHARE, CITY, 2024, 1, None, None, f"r{i}"] for i in range(MAX_ROWS + 1)]
    return "huge.csv", csv_bytes(rows)


def _merged() -> tuple[str, bytes]:
    rows = [[SHARE, CITY, 2023, 50, None, None, None], [None, CITY, 2024, 55, None, None, None]]
    return "merged.xlsx", xlsx_bytes(rows, merge="A2:A3")


BAD: list[Bad] = [
    Bad("wrong-headers", lambda: ("h.csv", csv_bytes(_one(5), headers=["indicator", "district", "yr", "amount"])),
        "header.missing", 1, "indicator_id"),
    Bad("text-in-number", lambda: ("t.csv", csv_bytes(_one("约五十"))), "value.text", 2, "value"),
    Bad("ambiguous-comma", lambda: ("c.csv", csv_bytes(_one("1,23"))), "value.separator", 2, "value"),
    Bad("gbk-bad-value", lambda: ("g.csv", csv_bytes(_one("五十"), encoding="gbk")), "value.text", 2, "value"),
    Bad("merged-cells", _merged, "cell.merged", 2, "indicator_id"),
    Bad("formula", lambda: ("f.xlsx", xlsx_bytes(_one("=40+20"))), "cell.formula", 2, "value"),
    Bad("duplicate", lambda: ("d.csv", csv_bytes(_one(50) + _one(51))), "row.duplicate", 3, "indicator_id"),
    Bad("huge", _huge, "file.too_many_rows", None, None),
    Bad("too-large", lambda: ("big.csv", b"x" * (5 * 1024 * 1024 + 1)), "file.too_large", None, None),
    Bad("empty", lambda: ("e.csv", b""), "file.empty", None, None),
    Bad("header-only", lambda: ("e2.csv", csv_bytes([])), "file.empty", None, None),
    Bad("unknown-indicator", lambda: ("u.csv", csv_bytes(_one(5, indicator="Z99-99"))), "indicator.unknown", 2,
        "indicator_id"),
    Bad("unknown-area", lambda: ("a.csv", csv_bytes(_one(5, area="330299"))), "area.unknown", 2, "area_code"),
    Bad("share-negative", lambda: ("s.csv", csv_bytes(_one(-5))), "value.share_range", 2, "value"),
    Bad("year-1999", lambda: ("y.csv", csv_bytes(_one(5, year=1999))), "year.range", 2, "year"),
    Bad("percent-not-share", lambda: ("p.csv", csv_bytes(_one("60%", indicator=COUNT))), "value.percent", 2, "value"),
    Bad("value-for-qualitative", lambda: ("q.csv", csv_bytes(_one(1, indicator=QUAL, area=REGION))),
        "value.for_qualitative", 2, "value"),
    Bad("milestone-for-numeric", lambda: ("m.csv", csv_bytes(_one(None, milestone="已完成"))),
        "milestone.for_numeric", 2, "milestone"),
    Bad("old-xls", lambda: ("o.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 600), "file.xls", None, None),
    Bad("utf16", lambda: ("w.csv", "\ufeff指标编号,区域代码\n".encode("utf-16-le")), "file.utf16", None, None),
    Bad("broken-xlsx", lambda: ("b.xlsx", b"PK\x03\x04" + b"\x00" * 100), "file.bad_workbook", None, None),
]


# ---- hostile workbooks, written part by part with zipfile (a 2,000,000-row sheet zips in seconds) ----
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types '
    'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>',
}


def _inline_row(values: list) -> str:
    """A row without row or cell references (they are optional), so that every row is the same text."""
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    return f"<row>{cells}</row>"


def bomb_xlsx(rows: int, shared_strings: int = 0) -> bytes:
    """A workbook whose data sheet holds ``rows`` copies of one good row (and ``shared_strings`` unused
    shared strings), written straight into the zip: 2,000,000 rows make ~190 MB of XML, under 1 MB zipped."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>'.encode())
            for start in range(0, shared_strings, 10_000):
                part.write(("<si><t>x</t></si>" * min(10_000, shared_strings - start)).encode())
            part.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>'.encode())
            part.write(_inline_row(ZH).encode())
            block = (_inline_row([SHARE, CITY, 2024, 1]) * 10_000).encode()
            for start in range(0, rows, 10_000):
                part.write(block if rows - start >= 10_000 else block[:len(block) // 10_000 * (rows - start)])
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def long_field_csv(note_chars: int = 200_000) -> bytes:
    """A good CSV whose second data row carries one note of ``note_chars`` characters."""
    rows = [[SHARE, CITY, 2023, 50, None, None, "短备注"], [SHARE, CITY, 2024, 55, None, None, "长" * note_chars]]
    return csv_bytes(rows)


def unclosed_quote_csv(rows: int = 3000, at: int = 12) -> bytes:
    """A CSV of ``rows`` good rows in which the note of spreadsheet row ``at`` opens a quote never closed."""
    body = [[SHARE, CITY, 2021 + i % 5, i, None, "市统计局", f"备注{i}"] for i in range(rows)]
    text = csv_bytes(body).decode("utf-8").split("\r\n")
    cells = text[at - 1].split(",")
    text[at - 1] = ",".join(cells[:-1] + ['"未闭合的引号 ' + "说明文字" * 10])
    return "\r\n".join(text).encode("utf-8")


def catalogue_csv(table: str, rows: list[dict]) -> bytes:
    """A catalogue file (plans, actions, mechanisms or indicators) with the catalogue's own columns."""
    from tracker.catalog import COLUMNS

    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS[table], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
