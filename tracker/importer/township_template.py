"""A template per township-scoped coverage target: every counted township of every district, one row
each, ready to tick (已覆盖 / 未覆盖, or 1 / 0), with the district's code for the import to check.

Zone offices are left out (they are not counted in shares, and the import refuses them). The
workbook adds a drop-down on the value column and a short instruction sheet; the CSV is UTF-8 with
a BOM. Every cell passes through tracker/cells.py, as in the general template.
"""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from tracker.cells import safe_frame, safe_text
from tracker.importer import templates
from tracker.importer.findings import FIELDS, INFO_FIELDS

COLUMNS = ["indicator_id", "indicator_name", "district_code", "district_name", "area_code", "township_name",
           "year", "value", "note"]
WIDTHS = [12, 36, 14, 14, 14, 22, 8, 12, 40]
VALUES = ("已覆盖,未覆盖", "covered,not covered")
SHEETS = (("数据", "说明"), ("data", "Instructions"))
HELP = (
    ["{id} {name}：各乡镇（街道）填报模板（{year}年）",
     "每个乡镇（街道）一行。在“数值”列选择“已覆盖”或“未覆盖”（也可填1或0）；“备注”可写设施名称和建成时间。",
     "区县和全市的数值由系统按已覆盖的乡镇（街道）占已上报乡镇（街道）的比例计算，并替换该年的区县和全市数值。",
     "功能区管理机构不计入比例，未列入本表。请勿修改乡镇（街道）代码和所属区县代码。"],
    ["{id} {name}: township template ({year})",
     "One row per township. In the value column choose covered or not covered (or 1 or 0); the note may name "
     "the facility and when it opened.",
     "The district and city figures are worked out as the share of reported townships that are covered, and "
     "replace that year's district and city figures.",
     "Zone offices are not counted in the share and are not listed. Keep the township and district codes as they are."],
)


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def rows(target: Mapping[str, Any], townships: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """One row per counted township (queries/import_townships.sql), value and note blank."""
    suffix = "en" if lang == "en" else "zh"
    counted = townships[townships["counted"].astype(bool)]
    data = [[target["indicator_id"], target[f"name_{suffix}"], r["district_code"], r[f"district_name_{suffix}"],
             r["township_code"], r[f"name_{suffix}"], year, None, None] for r in counted.to_dict("records")]
    headers = {**FIELDS, **INFO_FIELDS}
    return pd.DataFrame(data, columns=[headers[c][_i(lang)] for c in COLUMNS])


def csv_bytes(target: Mapping[str, Any], townships: pd.DataFrame, year: int, lang: str) -> bytes:
    return safe_frame(rows(target, townships, year, lang)).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(target: Mapping[str, Any], townships: pd.DataFrame, year: int, lang: str) -> bytes:
    i = _i(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEETS[i][0]
    frame = safe_frame(rows(target, townships, year, lang))
    sheet.append([safe_text(c) for c in frame.columns])
    for record in frame.itertuples(index=False):
        sheet.append([safe_text(v) for v in record])
    templates.style_header(sheet, WIDTHS)
    last = len(frame) + 1
    values = DataValidation(type="list", formula1=f'"{VALUES[i]},1,0"', allow_blank=True, showErrorMessage=True)
    values.add(f"H2:H{last}")
    sheet.add_data_validation(values)

    suffix = "en" if lang == "en" else "zh"
    templates.help_sheet(book, SHEETS[i][1], [line.format(id=target["indicator_id"], name=target[f"name_{suffix}"],
                                                          year=year) for line in HELP[i]])
    return templates.book_bytes(book)
