"""Templates for the commentary import (tracker/importer/commentary_import.py), per plan: an Excel
workbook and a CSV of each kind.

- targets: one row per target of the plan, at the city (or the weaker-area region) and the plan's
  target year, with the target's name for reference; the cause and measures left blank (a row left
  blank is skipped on import, so a half-filled template is fine; copy a row for a district or year);
- plan: one row per section of the evaluation for the plan's target year.

Given the texts in force, each template carries them (in its starting rows, and a row for every other
area and year that has text), so the office edits what is there and imports it again: unchanged rows
are recognised as such, changed ones become revisions.

The headers are the import's own (``indicator_id, area_code, year, cause_zh, measures_zh`` …), the same
in both languages; the instruction sheet is in the template's language. Every cell passes through
tracker/cells.py, as in the figures' template.
"""
from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

from tracker import commentary
from tracker.cells import safe_frame, safe_text
from tracker.importer import bounds, commentary_import, templates

COLUMNS = {"targets": ["indicator_id", "indicator_name", "area_code", "year", "cause_zh", "cause_en",
                       "measures_zh", "measures_en"],
           "plan": ["plan_id", "year", "section", "section_name", "text_zh", "text_en"]}
WIDTHS = {"targets": [12, 36, 20, 8, 48, 48, 48, 48], "plan": [18, 8, 14, 14, 80, 80]}
WRAPPED = {"cause_zh", "cause_en", "measures_zh", "measures_en", "text_zh", "text_en"}
SHEETS = (("数据", "说明"), ("data", "Instructions"))
HELP = {
    "targets": (
        ["{plan}：原因分析与下一步措施填报模板",
         "每行填写一个指标、一个区域、一个年份的原因分析（cause_zh）和下一步措施（measures_zh）；英文（cause_en、measures_en）可不填。",
         "区域可填代码或名称（330200、全市；330281、余姚市），按全市或区县填写。需要区县或其他年份时，复制该行并修改区域或年份。",
         "年份须在规划期{low}—{high}年内。没有填写任何文字的行在导入时跳过。",
         "已有原因或措施的，新填的内容作为修订导入，原内容保留在修订记录中，可按批次撤销；某项两种语言都不填的，保留原内容。",
         "文字按原样显示，不作格式处理。每项不超过{cause}字。请勿合并单元格、请勿使用公式，文字不要以 =、+、-、@ 开头。"],
        ["{plan}: causes and measures template",
         "Each row holds one target, area and year: the cause (cause_zh) and the measures planned (measures_zh); "
         "the English (cause_en, measures_en) is optional.",
         "Write the area as its code or name (330200, 全市, Ningbo; 330281, 余姚市, Yuyao), for the city or a "
         "district. For a district or another year, copy the row and change the area or year.",
         "Years must fall within the plan, {low}–{high}. Rows without any text are skipped.",
         "Where a cause or measures are already in force, the new text is imported as a revision; the earlier "
         "text stays in the history, and a whole import can be rolled back. A text left blank in both "
         "languages keeps the text in force.",
         "Text is shown as written, without formatting, up to {cause} characters each. Do not merge cells or "
         "use formulas, and do not start a text with =, +, - or @."],
    ),
    "plan": (
        ["{plan}：评估报告文字填报模板",
         "每行填写一个部分：overall 总体评价、achievements 主要成效、problems 存在问题、next_steps 下一步建议；"
         "“section”列也可填中文名称。text_zh 为中文，text_en 为英文（可不填）。",
         "年份须在规划期{low}—{high}年内；需要其他年份时，复制该行并修改年份。没有填写文字的行在导入时跳过。",
         "已有文字的，新填的内容作为修订导入，原内容保留在修订记录中，可按批次撤销。",
         "文字按原样显示，不作格式处理，单元格内可换行分段。每部分不超过{section}字。请勿使用公式，文字不要以 =、+、-、@ 开头。"],
        ["{plan}: evaluation text template",
         "Each row holds one part: overall, achievements, problems, next_steps (the section column also takes "
         "the Chinese titles). text_zh is the Chinese text, text_en the English (optional).",
         "Years must fall within the plan, {low}–{high}; for another year, copy the row and change the year. "
         "Rows without text are skipped.",
         "Where a part already has text, the new text is imported as a revision; the earlier text stays in the "
         "history, and a whole import can be rolled back.",
         "Text is shown as written, without formatting; line breaks inside a cell start a new paragraph. Up to "
         "{section} characters a part. Do not use formulas, and do not start a text with =, +, - or @."],
    ),
}


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def rows(kind: str, plan: dict, targets: pd.DataFrame, areas: pd.DataFrame, lang: str,
         current: pd.DataFrame | None = None) -> pd.DataFrame:
    """The template's data rows (``targets`` are the plan's): the starting rows with the text in force
    filled in, then a row for every other text in force (``current``: the rows of
    import_commentary_<kind>.sql), so a download edited and imported again revises only what changed."""
    year = int(plan["target_year"])
    suffix = "en" if lang == "en" else "zh"
    texts = list(commentary_import.TEXTS[kind])
    have = {} if current is None else {tuple(str(v) for v in r[list(commentary_import.KEYS[kind])]): r
                                       for _, r in current.iterrows()}

    def filled(key: tuple) -> list:
        found = have.pop(tuple(str(v) for v in key), None)
        return [None if found is None or not isinstance(found[c], str) else found[c] for c in texts]

    if kind == "targets":
        names = {r["indicator_id"]: r[f"name_{suffix}"] for r in targets.to_dict("records")}
        by_code = {str(r["area_code"]): r for r in areas.to_dict("records")}
        data = []
        for r in targets.to_dict("records"):
            area = templates.default_area(r["scope"], areas, lang)
            data.append([r["indicator_id"], r[f"name_{suffix}"], area, year, *filled((r["indicator_id"], area.split()[0], year))])
        for (indicator_id, area_code, in_year), _ in sorted(have.items()) if current is not None else []:
            if indicator_id in names and area_code in by_code:
                data.append([indicator_id, names[indicator_id], templates.area_choice(by_code[area_code], lang), int(in_year),
                             *filled((indicator_id, area_code, in_year))])
    else:
        data = [[plan["plan_id"], year, section, commentary.SECTION_TITLES[section][suffix],
                 *filled((plan["plan_id"], year, section))] for section in commentary.SECTIONS]
        for (plan_id, in_year, section), _ in sorted(have.items()) if current is not None else []:
            if plan_id == plan["plan_id"] and section in commentary.SECTION_TITLES:
                data.append([plan_id, int(in_year), section, commentary.SECTION_TITLES[section][suffix],
                             *filled((plan_id, in_year, section))])
    return pd.DataFrame(data, columns=COLUMNS[kind])


def csv_bytes(kind: str, plan: dict, targets: pd.DataFrame, areas: pd.DataFrame, lang: str,
              current: pd.DataFrame | None = None) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly."""
    return safe_frame(rows(kind, plan, targets, areas, lang, current)).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(kind: str, plan: dict, targets: pd.DataFrame, areas: pd.DataFrame, lang: str,
               current: pd.DataFrame | None = None) -> bytes:
    i = _i(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEETS[i][0]
    frame = safe_frame(rows(kind, plan, targets, areas, lang, current))
    sheet.append([safe_text(c) for c in frame.columns])
    for record in frame.itertuples(index=False):
        sheet.append([safe_text(v) for v in record])
    templates.style_header(sheet, WIDTHS[kind])
    last = max(templates.MIN_ROWS, len(frame) + 1)
    for n, name in enumerate(COLUMNS[kind]):
        if name in WRAPPED:
            letter = sheet.cell(row=1, column=n + 1).column_letter
            for row in range(2, len(frame) + 2):
                sheet[f"{letter}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    low, high = int(plan["baseline_year"]), int(plan["target_year"])
    years = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
    years.add(f"{'D' if kind == 'targets' else 'B'}2:{'D' if kind == 'targets' else 'B'}{last}")
    sheet.add_data_validation(years)
    if kind == "plan":
        sections = DataValidation(type="list", formula1='"' + ",".join(commentary.SECTIONS) + '"', allow_blank=True,
                                  showErrorMessage=True)
        sections.add(f"C2:C{last}")
        sheet.add_data_validation(sections)
    suffix = "en" if lang == "en" else "zh"
    templates.help_sheet(book, SHEETS[i][1], [
        line.format(plan=plan[f"name_{suffix}"], low=low, high=high, cause=f"{bounds.CAUSE_LIMIT:,}",
                    section=f"{bounds.SECTION_LIMIT:,}") for line in HELP[kind][i]])
    return templates.book_bytes(book)
