"""Templates for the observation import, per plan: an Excel workbook with drop-downs and a CSV.

Both list one row per target (its id, name and unit, with the city, or the weaker-area region, as the
area); a row left without a value or milestone is skipped on import, so a half-filled template is
fine. The workbook adds drop-down lists (indicator ids, area codes, the plan's years, milestones)
fed from its Indicators and Areas sheets, a number check on the value column, and instructions.
Headers are Chinese in the Chinese template and English in the English one; both are accepted.
Every cell written passes through tracker/cells.py, so catalogue text that looks like a formula
reaches the spreadsheet as text with a leading apostrophe.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from tracker.cells import safe_frame, safe_text
from tracker.importer.findings import FIELDS, INFO_FIELDS

COLUMNS = ["indicator_id", "indicator_name", "unit", "area_code", "year", "value", "milestone", "source", "note"]
WIDTHS = [12, 40, 14, 22, 10, 14, 14, 24, 30]
MIN_ROWS = 2000   # drop-downs reach at least this far, so rows added under the list keep them
SHEETS = {"data": ("数据", "data"), "indicators": ("指标", "Indicators"), "areas": ("区域", "Areas"),
          "help": ("说明", "Instructions")}
MILESTONES = ("未启动,推进中,已完成", "not started,in progress,done")
TEXT = {
    "ind_headers": (["指标编号", "指标名称", "单位", "目标", "目标年份", "类型", "范围", "规划原文"],
                    ["indicator_id", "name", "unit", "target", "target year", "kind", "scope", "plan wording"]),
    "area_headers": (["可选填写", "区域代码", "名称", "英文名称", "类别"],
                     ["choice", "area_code", "name", "Chinese name", "kind"]),
    "numeric": ("数值", "numeric"), "qualitative": ("定性（填进展状态）", "qualitative (fill in the milestone)"),
    "value_error": ("请填写数字（不带千位分隔符和单位）。", "Enter a number (no thousands separators, no unit)."),
    "help": (
        ["{plan}：数据导入模板",
         "在“数据”表每行填写一个指标、一个区域、一个年份的数值。区域可从下拉列表选择（如“330281 余姚市”），"
         "也可只填代码或名称（330200、全市、宁波市；330281、余姚市、余姚）。",
         "年份须在规划期{low}—{high}年内。比例类指标填百分数（如60表示60%），可带或不带%号。",
         "定性目标不填数值，在“进展状态”列选择：未启动、推进中、已完成。",
         "没有数值也没有进展状态的行在导入时跳过。需要区县数据时，复制该行并改区域代码。",
         "请勿合并单元格、请勿使用公式；同一指标、区域、年份只填一行。",
         "同一指标、区域、年份已有数值时，新数值作为修订导入，原数值保留在修订记录中，可按批次撤销。"],
        ["{plan}: data import template",
         "On the data sheet, each row holds one figure: one indicator, one area, one year. Pick the area from "
         "the drop-down list (such as “330281 Yuyao”), or write its code or name alone (330200, 全市, Ningbo; "
         "330281, 余姚市, Yuyao).",
         "Years must fall within the plan, {low}–{high}. Shares are percentages (60 means 60%), with or "
         "without a % sign.",
         "Qualitative targets take no value: pick a milestone (not started, in progress, done).",
         "Rows with neither a value nor a milestone are skipped. For district figures, copy the row and "
         "change the area code.",
         "Do not merge cells or use formulas; give each indicator, area and year one row only.",
         "A figure for an indicator, area and year that already has one is imported as a revision; the "
         "earlier figure stays in the history, and a whole import can be rolled back."],
    ),
}
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def header(name: str, lang: str) -> str:
    return {**FIELDS, **INFO_FIELDS}[name][_i(lang)]


def default_area(scope: str, areas: pd.DataFrame, lang: str = "zh") -> str:
    """The area a target's row starts with, as the drop-down writes it: "330200 宁波市"."""
    kind = "region" if scope == "region" else "city"
    rows = areas[areas["kind"] == kind]
    return area_choice((rows if len(rows) else areas).iloc[0].to_dict(), lang)


def area_choice(row: dict, lang: str) -> str:
    """An area as the template offers it, its code then its name: "330281 余姚市" (the importer
    reads this form, the code alone and the name alone: tracker/importer/area_names.py)."""
    return f"{row['area_code']} {row['name_en' if lang == 'en' else 'name_zh']}"


def target_text(row: dict, lang: str) -> str:
    if row["comparator"] == "qualitative":
        return TEXT["qualitative"][_i(lang)]
    unit = row.get(f"unit_{'en' if lang == 'en' else 'zh'}") or ""
    low = f"{row['target_value']:g}"
    if row["comparator"] == "range":
        return f"{low}–{row['target_high']:g} {unit}".strip()
    return f"{row['comparator'].replace('>=', '≥').replace('<=', '≤')} {low} {unit}".strip()


def rows(targets: pd.DataFrame, areas: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The data rows: one per target, value left blank, with the column headers in ``lang``."""
    suffix = "en" if lang == "en" else "zh"
    data = [[r["indicator_id"], r[f"name_{suffix}"], r[f"unit_{suffix}"] or "", default_area(r["scope"], areas, lang),
             None, None, None, None, None] for r in targets.to_dict("records")]
    return pd.DataFrame(data, columns=[header(c, lang) for c in COLUMNS])


def csv_bytes(targets: pd.DataFrame, areas: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly."""
    return safe_frame(rows(targets, areas, lang)).to_csv(index=False).encode("utf-8-sig")


def style_header(ws, widths: list[int]) -> None:
    """The header row in bold on a tint, the columns' widths, the header frozen."""
    for i, width in enumerate(widths):
        cell = ws.cell(row=1, column=i + 1)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"


def _append(ws, values: list) -> None:
    """One row, each text neutralised (openpyxl would store text starting with '=' as a formula)."""
    ws.append([safe_text(v) for v in values])


def _list(ws, formula: str, cells: str) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
    dv.add(cells)
    ws.add_data_validation(dv)


def xlsx_bytes(targets: pd.DataFrame, areas: pd.DataFrame, plan: dict, lang: str) -> bytes:
    i = _i(lang)
    book = Workbook()
    data = book.active
    data.title = SHEETS["data"][i]
    frame = safe_frame(rows(targets, areas, lang))
    _append(data, list(frame.columns))
    for record in frame.itertuples(index=False):
        _append(data, list(record))
    style_header(data, WIDTHS)
    last = max(MIN_ROWS, len(frame) + 1)

    ind = book.create_sheet(SHEETS["indicators"][i])
    _append(ind, TEXT["ind_headers"][i])
    suffix = "en" if lang == "en" else "zh"
    for r in targets.to_dict("records"):
        kind = TEXT["qualitative" if r["comparator"] == "qualitative" else "numeric"][i]
        _append(ind, [r["indicator_id"], r[f"name_{suffix}"], r[f"unit_{suffix}"] or "", target_text(r, lang),
                      int(r["target_year"]), kind, r["scope"], r.get("source_quote") or ""])
    style_header(ind, [12, 40, 14, 18, 10, 16, 14, 60])

    area_sheet = book.create_sheet(SHEETS["areas"][i])
    _append(area_sheet, TEXT["area_headers"][i])
    for r in areas.to_dict("records"):
        _append(area_sheet, [area_choice(r, lang), r["area_code"], r[f"name_{suffix}"],
                             r["name_zh" if lang == "en" else "name_en"], r["kind"]])
    style_header(area_sheet, [30, 12, 36, 36, 10])

    low, high = int(plan["baseline_year"]), int(plan["target_year"])
    _list(data, f"'{ind.title}'!$A$2:$A${len(targets) + 1}", f"A2:A{last}")
    _list(data, f"'{area_sheet.title}'!$A$2:$A${len(areas) + 1}", f"D2:D{last}")
    _list(data, '"' + MILESTONES[i] + '"', f"G2:G{last}")
    years = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
    years.add(f"E2:E{last}")
    data.add_data_validation(years)
    value = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
                           allow_blank=True, showErrorMessage=True, error=TEXT["value_error"][i])
    value.add(f"F2:F{last}")
    data.add_data_validation(value)

    help_sheet(book, SHEETS["help"][i], [line.format(plan=plan[f"name_{suffix}"], low=low, high=high)
                                         for line in TEXT["help"][i]])
    return book_bytes(book)


def help_sheet(book: Workbook, title: str, lines: list[str]) -> None:
    """An instruction sheet: one wrapped line a row, the first in bold."""
    sheet = book.create_sheet(title)
    for n, line in enumerate(lines):
        _append(sheet, [line])
        sheet.cell(row=n + 1, column=1).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 110
    sheet.cell(row=1, column=1).font = Font(bold=True)


def book_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
