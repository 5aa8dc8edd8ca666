"""A finding: one problem in an uploaded file, with its row, its column and a message in both languages.

Every rule in reading.py, validate.py and catalog_import.py returns findings; any finding stops the
whole import. Messages live here, once, as (Chinese, English) templates keyed by a short code, so the
command line and the Data page say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# canonical field → (Chinese header, English header): the observation file's columns
FIELDS: dict[str, tuple[str, str]] = {
    "indicator_id": ("指标编号", "indicator_id"),
    "area_code": ("区域代码", "area_code"),
    "year": ("年份", "year"),
    "value": ("数值", "value"),
    "milestone": ("进展状态", "milestone"),
    "source": ("来源", "source"),
    "note": ("备注", "note"),
}
# reference columns the templates carry for the reader's convenience; not stored (a township row's
# district_code is checked against the registry)
INFO_FIELDS: dict[str, tuple[str, str]] = {
    "indicator_name": ("指标名称", "indicator_name"),
    "unit": ("单位", "unit"),
    "district_code": ("所属区县代码", "district_code"),    # township templates: checked, not stored
    "district_name": ("区县名称", "district_name"),
    "township_name": ("乡镇（街道）名称", "township_name"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # the file as a whole
    "file.empty": ("文件是空的，没有可导入的数据行。", "The file is empty: there are no data rows to import."),
    "file.too_large": ("文件大小为{size}，超过{limit}的上限。请拆分后分批导入。",
                       "The file is {size}, over the {limit} limit. Split it and import the parts one by one."),
    "file.too_many_rows": ("数据超过{limit}行的上限。请拆分后分批导入。",
                           "The file has more than {limit} data rows, the limit. Split it and import the parts one by one."),
    "file.encoding": ("无法识别文件的文字编码（支持 UTF-8、GBK、GB18030）。请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）。",
                      "The file's text encoding is not UTF-8, GBK or GB18030. Save it as “CSV UTF-8” or as an Excel workbook (.xlsx)."),
    "file.utf16": ("文件为 UTF-16（“Unicode 文本”）格式。请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）。",
                   "The file is UTF-16 (“Unicode text”). Save it as “CSV UTF-8” or as an Excel workbook (.xlsx)."),
    "file.binary": ("这不是 CSV 或 Excel（.xlsx）文件。", "This is not a CSV or Excel (.xlsx) file."),
    "file.xls": ("这是旧版 Excel 格式（.xls）。请另存为 Excel 工作簿（.xlsx）后再上传。",
                 "This is the old Excel format (.xls). Save it as an Excel workbook (.xlsx) and upload it again."),
    "file.bad_workbook": ("无法打开这个 Excel 工作簿，文件可能已损坏。", "This Excel workbook cannot be opened; the file may be damaged."),
    "file.mixed": ("一次只能导入一个数据文件，或若干目录文件（plans / actions / indicators）。",
                   "Import one data file at a time, or several catalogue files (plans / actions / indicators)."),
    "file.none": ("没有选择文件。", "No file was chosen."),
    "file.unzipped_too_large": ("这个工作簿解压后为{size}，而{rows}行数据最多只需{limit}。文件中可能藏有大量多余内容或已损坏。"
                                "请把数据复制到新建的工作簿，或另存为 CSV，再导入。",
                                "The workbook unpacks to {size}; a file of {rows} rows needs at most {limit}. It may "
                                "hold a great deal of hidden content, or be damaged: copy the data into a new workbook, "
                                "or save it as CSV, and import that."),
    "file.workbook_too_complex": ("这个工作簿内部的 XML 元素超过{limit}个，远多于{rows}行数据所需。"
                                  "请把数据复制到新建的工作簿，或另存为 CSV，再导入。",
                                  "The workbook holds more than {limit} XML elements, far more than {rows} rows need. "
                                  "Copy the data into a new workbook, or save it as CSV, and import that."),
    "file.workbook_unusual": ("这个工作簿的内部结构不是 Excel 保存的样子（{reason}）。请在 Excel 中另存为 .xlsx 后再导入。",
                              "The workbook is not built the way Excel builds one ({reason}). Save it again from "
                              "Excel as .xlsx and import that."),
    "file.too_many_columns": ("单元格{cell}有内容，但数据表最多读取{limit}列。请删除右侧多余的内容。",
                              "Cell {cell} holds something, but a data sheet is read up to column {limit} only. "
                              "Delete what lies that far right."),
    "csv.unclosed_quote": ("第{at}行{where}中的引号没有闭合，文件其余部分都会被读成这一格的文字。"
                           "请去掉这个多余的引号，或在它后面补上闭合的引号。",
                           "A quotation mark opened in row {at}, {where} is never closed, so the rest of the file "
                           "would read as that one cell. Remove the stray quote, or close it."),
    "csv.quote_runs_on": ("第{at}行{where}以引号开头，其内容一直延续到文件第{line}行，超过{limit}字，多半是少了一个闭合的引号。"
                          "请检查这一格的引号。",
                          "The quoted text starting in row {at}, {where} runs on to line {line} of the file, "
                          "over {limit} characters: a closing quotation mark is probably missing. Check that cell's quotes."),
    "csv.field_too_long": ("第{at}行{where}的内容超过{limit}字，无法读取。",
                           "Row {at}, {where}: the text is over {limit} characters and cannot be read."),
    "csv.unreadable": ("第{at}行无法按 CSV 格式读取。请在 Excel 中打开后另存为“CSV UTF-8”。",
                       "Row {at} cannot be read as CSV. Open the file in Excel and save it as “CSV UTF-8”."),
    # headers
    "header.missing": ("缺少“{name}”列。", "The “{name}” column is missing."),
    "header.no_value": ("缺少“数值”列或“进展状态”列，至少需要其中之一。",
                        "The file needs a “value” column, a “milestone” column, or both."),
    "header.unknown": ("无法识别的列“{header}”。可用的列：{known}。", "Unknown column “{header}”. The columns are: {known}."),
    "header.duplicate": ("“{name}”列出现了两次。", "The “{name}” column appears twice."),
    "header.blank": ("有数据的列没有表头。", "This column holds data but has no header."),
    # cells
    "cell.formula": ("单元格{cell}含公式“{formula}”。请复制后“粘贴为数值”再导入。",
                     "Cell {cell} holds the formula “{formula}”. Copy it and paste as values before importing."),
    "cell.merged": ("单元格{cells}为合并单元格。请取消合并，并在每一行填写完整。",
                    "Cells {cells} are merged. Unmerge them and fill in every row."),
    "text.too_long": ("内容过长（{n}字），上限为{limit}字。", "Too long ({n} characters; the limit is {limit})."),
    # text a spreadsheet would run as a formula (the rule is in tracker/cells.py)
    "cell.formula_like": ("“{value}”的开头像公式（=、+、-、@ 或其全角形式，开头的空白不计；或以制表符、回车符开头），"
                          "电子表格软件可能把它当作公式运行，因此不予导入。请改写开头，例如在前面加上文字。",
                          "“{value}” starts like a formula (=, +, -, @ or their full-width forms, after any leading "
                          "blanks; or a tab or carriage return), which a spreadsheet program may run, so it is not "
                          "imported. Reword the start, for example by putting a word in front."),
    # row values
    "indicator.missing": ("缺少指标编号。", "The indicator id is missing."),
    "indicator.unknown": ("未知的指标编号“{value}”。指标编号列在导入模板和“说明”页中。{suggest}",
                          "Unknown indicator id “{value}”. The ids are listed in the import templates and on the "
                          "Methodology page.{suggest}"),
    "area.missing": ("缺少区域代码。", "The area code is missing."),
    "area.unknown": ("无法识别的区域“{value}”。区域可填代码或名称，如 330200、全市、宁波市，330281、余姚市、余姚。{suggest}",
                     "Unknown area “{value}”. Write an area's code or its name, such as 330200, 全市, Ningbo, or "
                     "330281, 余姚市, Yuyao.{suggest}"),
    "township.unknown": ("未知的乡镇（街道）代码“{value}”。各乡镇（街道）代码见该指标的乡镇模板。{suggest}",
                         "Unknown township code “{value}”. The townships' codes are in the target's township template.{suggest}"),
    "township.not_township_target": ("该指标按区县和全市填报，不接受乡镇（街道）代码“{value}”。",
                                     "This target is reported by district and for the city; it takes no township code such as “{value}”."),
    "township.zone": ("“{name_zh}”（{value}）是功能区管理机构，不计入乡镇（街道）覆盖比例。请删除这一行。",
                      "“{name_en}” ({value}) is a zone office, which is left out of township shares. Delete this row."),
    "township.wrong_district": ("乡镇（街道）“{name_zh}”（{value}）属于{district_zh}（{parent}），不属于所填的区县“{given}”。",
                                "Township “{name_en}” ({value}) belongs to {district_en} ({parent}), not to the district given, “{given}”."),
    "township.value": ("乡镇（街道）一行的数值应为1（已覆盖）或0（未覆盖），也可填是/否、已覆盖/未覆盖；这里是“{value}”。",
                       "A township row's value is 1 (covered) or 0 (not covered), or yes/no, covered/not covered; this one is “{value}”."),
    "year.missing": ("缺少年份。", "The year is missing."),
    "year.text": ("“{value}”不是年份。", "“{value}” is not a year."),
    "year.range": ("年份{value}不在规划期（{low}—{high}年）内。", "Year {value} is outside the plan's years ({low}–{high})."),
    "value.text": ("“{value}”不是数字。", "“{value}” is not a number."),
    "value.separator": ("“{value}”中的逗号不是标准千位分隔符（如 1,234.5）。请去掉逗号或改正。",
                        "The commas in “{value}” are not thousands separators (as in 1,234.5). Remove or correct them."),
    "value.percent": ("“{value}”带百分号，但该指标的单位是“{unit}”，不是百分比。",
                      "“{value}” has a percent sign, but this target is measured in {unit}, not in percent."),
    "value.share_range": ("比例应在0到100之间，这里是{value}。", "A share must be between 0 and 100; this one is {value}."),
    "value.negative": ("数量不能为负数，这里是{value}。", "A count or amount cannot be negative; this one is {value}."),
    "value.for_qualitative": ("这是定性目标：请在“进展状态”列填写未启动、推进中或已完成，不填数值。",
                              "This is a qualitative target: put not started, in progress or done in the “milestone” column, not a number."),
    "milestone.for_numeric": ("这是数值目标：请填写“数值”，不填进展状态。",
                              "This is a numeric target: fill in the “value”, not a milestone."),
    "milestone.unknown": ("进展状态“{value}”无法识别，应为未启动、推进中或已完成。",
                          "Milestone “{value}” is not one of: not started, in progress, done."),
    "row.duplicate": ("与第{first}行重复（同一指标、区域和年份）。", "Repeats row {first} (the same indicator, area and year)."),
    # commentary files (tracker/importer/commentary_import.py)
    "commentary.township": ("原因和措施按全市或区县填写，不接受乡镇（街道）“{value}”。",
                            "Causes and measures are written for the city or a district, not for a township such as “{value}”."),
    "commentary.plan_unknown": ("未知的规划编号“{value}”。{suggest}", "Unknown plan id “{value}”.{suggest}"),
    "commentary.section": ("“{value}”不是评估报告的部分，应为 overall（总体评价）、achievements（主要成效）、"
                           "problems（存在问题）或 next_steps（下一步建议）。",
                           "“{value}” is not a part of the evaluation; use overall, achievements, problems or next_steps."),
    "commentary.duplicate": ("与第{first}行重复（同一指标、区域和年份，或同一规划、年份和部分）。",
                             "Repeats row {first} (the same target, area and year, or the same plan, year and section)."),
    # batches
    "batch.unknown": ("没有编号为“{value}”的导入批次。", "There is no import batch “{value}”."),
    "batch.rolled_back": ("批次“{value}”已经撤销过。", "Batch “{value}” has already been rolled back."),
    "batch.not_reversible": ("“{kind}”类批次不能撤销。目录的更正请再导入一份改正后的目录文件。",
                             "A “{kind}” batch cannot be rolled back. To undo a catalogue change, import a corrected catalogue file."),
    # catalogue files
    "catalog.id": ("编号“{value}”格式不正确，应如{example}。", "The id “{value}” is not well formed; it should look like {example}."),
    "catalog.required": ("“{name}”不能为空。", "“{name}” cannot be empty."),
    "catalog.choice": ("“{value}”不是有效取值，应为：{allowed}。", "“{value}” is not allowed; use one of: {allowed}."),
    "catalog.number": ("“{value}”不是数字。", "“{value}” is not a number."),
    "catalog.integer": ("“{value}”不是整数。", "“{value}” is not a whole number."),
    "catalog.not_empty": ("定性目标不填“{name}”。", "A qualitative target leaves “{name}” empty."),
    "catalog.range": ("区间目标的上限应不小于下限。", "A range's upper bound must not be below its lower bound."),
    "catalog.years": ("基期年份应早于目标年份。", "The baseline year must come before the target year."),
    "catalog.plan_years": ("年份应为：基期 < 起始年 ≤ 目标年。", "The years must run baseline < start ≤ target."),
    "catalog.qualitative": ("定性目标的 comparator、measure、method 应分别为 qualitative、qualitative、milestone。",
                            "A qualitative target has comparator, measure and method qualitative, qualitative and milestone."),
    "catalog.plan_unknown": ("规划“{value}”不存在，请先导入（或同时导入）plans 文件。",
                             "Plan “{value}” does not exist; import it first (or together) in a plans file."),
    "catalog.action_unknown": ("规划“{plan}”没有第{value}大行动，请先导入（或同时导入）actions 文件。",
                               "Plan “{plan}” has no action {value}; import it first (or together) in an actions file."),
    "catalog.other_plan": ("指标“{value}”已属于规划“{plan}”，编号不能跨规划重复使用。",
                           "Indicator “{value}” already belongs to plan “{plan}”; ids cannot move between plans."),
    "catalog.duplicate": ("与第{first}行重复（同一编号）。", "Repeats row {first} (the same id)."),
    # limits (tracker/importer/bounds.py)
    "cell.control": ("第{at}个字符是控制字符（{char}），电子表格、演示文稿和报告都无法保存它，因此不予导入。请删除这个字符。",
                     "Character {at} is a control character ({char}), which no spreadsheet, deck or report can "
                     "hold, so it is not imported. Delete that character."),
    "value.not_finite": ("“{value}”不是有限的数字（非数字、无穷大或超出可表示的范围）。",
                         "“{value}” is not a finite number (not a number, infinite, or too large to hold)."),
    "value.bound": ("{value}超出了这类指标（{measure}）的合理范围{low}至{high}。",
                    "{value} is outside the range a {measure} figure can take, {low} to {high}."),
    "catalog.bound": ("“{name}”应在{low}到{high}之间，这里是{value}。",
                      "“{name}” must lie between {low} and {high}; this one is {value}."),
    "township.rolled_up": ("该指标按乡镇（街道）填报，区县和全市的数值由各乡镇（街道）汇总得出，不能直接填写“{value}”的数值。"
                           "请填写各乡镇（街道）的覆盖情况（1或0）。",
                           "This target is reported township by township: district and city figures are rolled "
                           "up from the townships, so a figure for “{value}” cannot be entered directly. Give each "
                           "township's coverage (1 or 0) instead."),
}


@dataclass(frozen=True)
class Finding:
    row: int | None        # the row as a spreadsheet shows it (the header is row 1); None: the whole file
    column: str | None     # a canonical field name, a catalogue column, or a column letter
    code: str
    message_zh: str
    message_en: str
    file_name: str | None = None
    rows: tuple[int, ...] = ()   # a finding that repeats: every row it was found in (``collapse``)

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh

    def column_label(self, lang: str) -> str:
        if self.column is None:
            return ""
        pair = FIELDS.get(self.column) or INFO_FIELDS.get(self.column)
        return pair[1 if lang == "en" else 0] if pair else self.column

    def as_record(self, lang: str) -> dict[str, Any]:
        return {"file": self.file_name or "", "row": self.row_label(lang) if self.rows else self.row,
                "column": self.column_label(lang), "message": self.message(lang)}

    def row_label(self, lang: str) -> str:
        """The row, or the rows of a repeated finding as runs: "2–27, 30"."""
        return row_runs(self.rows or ((self.row,) if self.row is not None else ()), lang)


def row_runs(rows: tuple[int, ...], lang: str) -> str:
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    sep = "、" if lang == "zh" else ", "
    return sep.join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def collapse(findings: list[Finding]) -> list[Finding]:
    """Findings that say the same thing about the same column in different rows become one, naming
    every row (26 identical "unknown area" lines are one line for rows 2–27); order is kept."""
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.file_name, f.column, f.code, f.message_zh, f.message_en), []).append(f)
    out: list[Finding] = []
    for f in findings:
        group = groups.get((f.file_name, f.column, f.code, f.message_zh, f.message_en))
        if group is None:
            continue
        if len(group) == 1 or f.row is None:
            out.append(f)
        else:
            rows = tuple(g.row for g in group if g.row is not None)
            out.append(Finding(f.row, f.column, f.code, f.message_zh, f.message_en, f.file_name, rows))
        del groups[(f.file_name, f.column, f.code, f.message_zh, f.message_en)]
    return out


def _pick(value: Any, i: int) -> Any:
    return value[i] if isinstance(value, tuple) else value


def finding(row: int | None, column: str | None, code: str, **values: Any) -> Finding:
    """A finding from a message code; a value given as a (zh, en) pair is used per language."""
    zh, en = MESSAGES[code]
    return Finding(row, column, code,
                   zh.format(**{k: _pick(v, 0) for k, v in values.items()}),
                   en.format(**{k: _pick(v, 1) for k, v in values.items()}))


def column_name(field: str) -> tuple[str, str]:
    """A field's header in each language, for messages that name a column."""
    return FIELDS.get(field, (field, field))


def with_file(findings: list[Finding], file_name: str) -> list[Finding]:
    return [Finding(f.row, f.column, f.code, f.message_zh, f.message_en, file_name, f.rows) for f in findings]


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"
