"""Import files built at test time: good ones, and a table of bad ones with the finding each must give.

Files are made with openpyxl and Python's codecs (GBK, GB18030, UTF-8 with and without a BOM), so
nothing binary is committed and every case says exactly what is wrong with it.
"""
from __future__ import annotations

import csv
import io
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
    from tracker.importer.reading import MAX_ROWS

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
    Bad("share-120", lambda: ("s.csv", csv_bytes(_one(120))), "value.share_range", 2, "value"),
    Bad("negative-count", lambda: ("n.csv", csv_bytes(_one(-3, indicator=COUNT))), "value.negative", 2, "value"),
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
