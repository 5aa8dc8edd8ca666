"""Checking an observation file, one small function per rule, each returning findings.

The file-level rules look at headers, formulas, text a spreadsheet would run as a formula (the
rule in tracker/cells.py) and merged cells; the row rules look at one row's cells against the
catalogue (``Reference``). ``check`` runs them all and returns the rows it could
read, typed, with every finding; any finding stops the import (apply.py writes nothing then).
A row with neither a value nor a milestone carries nothing to import: it is skipped and counted
(the templates list every target, so a half-filled template is normal).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from tracker import db
from tracker.cells import is_formula_like, shown
from tracker.importer import bounds
from tracker.importer.area_names import AreaNames
from tracker.importer.findings import FIELDS, INFO_FIELDS, Finding, collapse, column_name, finding
from tracker.importer.reading import parse_number, parse_year
from tracker.importer.sheet import Sheet, clean, letter

REQUIRED = ("indicator_id", "area_code", "year")
# the text cells the formula rule (tracker/cells.py) applies to; value and year are read as numbers
TEXT_FIELDS = ("indicator_id", "area_code", "milestone", "source", "note")
MAX_TEXT = 1000
MILESTONE_WORDS: dict[str, str] = {
    "not_started": "not_started", "not started": "not_started", "未启动": "not_started",
    "in_progress": "in_progress", "in progress": "in_progress", "推进中": "in_progress",
    "done": "done", "completed": "done", "complete": "done", "已完成": "done",
}
ROW_COLUMNS = ["row", "indicator_id", "area_code", "year", "value", "milestone", "source", "note"]
# a township row's value: 1 covered, 0 not (numbers, or these words in either language)
COVERED_WORDS: dict[str, float] = {
    "1": 1.0, "是": 1.0, "已覆盖": 1.0, "覆盖": 1.0, "yes": 1.0, "covered": 1.0,
    "0": 0.0, "否": 0.0, "未覆盖": 0.0, "no": 0.0, "not covered": 0.0,
}


@dataclass(frozen=True)
class Reference:
    """What the rules check against: the targets (with their plan's years), the area codes and the
    township registry (code → its row: names, kind, district, counted) and the areas' names as a clerk
    writes them (tracker/importer/area_names.py)."""
    indicators: dict[str, dict[str, Any]]
    areas: frozenset[str]
    townships: dict[str, dict[str, Any]] = field(default_factory=dict)
    names: AreaNames = field(default_factory=AreaNames)

    @classmethod
    def from_frames(cls, targets: pd.DataFrame, areas: pd.DataFrame,
                    townships: pd.DataFrame | None = None) -> "Reference":
        registry = {} if townships is None else {str(r["township_code"]): r for r in townships.to_dict("records")}
        names = AreaNames.build(areas.to_dict("records"), registry.values())
        return cls({r["indicator_id"]: r for r in targets.to_dict("records")},
                   frozenset(areas["area_code"].astype(str)), registry, names)


@dataclass
class Line:
    row: int
    cells: dict[str, str | None]

    def get(self, name: str) -> str | None:
        value = self.cells.get(name)
        return None if value is None or clean(value) == "" else value


@dataclass
class Checked:
    rows: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)
    skipped: int = 0


# ---- file-level rules --------------------------------------------------------------------------
def header_field(header: str) -> str | None:
    text = clean(header).lower()
    for name, (zh, en) in {**FIELDS, **INFO_FIELDS}.items():
        if text in (clean(zh).lower(), clean(en).lower()):
            return name
    return None


def rule_headers(sheet: Sheet) -> tuple[dict[str, int], list[Finding]]:
    """Known headers in either language; every required one present, none twice, none unknown."""
    positions: dict[str, int] = {}
    found: list[Finding] = []
    known = "、".join(zh for zh, _ in FIELDS.values()), ", ".join(en for _, en in FIELDS.values())
    for i, header in enumerate(sheet.headers):
        if clean(header) == "":
            continue
        name = header_field(header)
        if name is None:
            found.append(finding(1, letter(i), "header.unknown", header=header, known=known))
        elif name in positions:
            found.append(finding(1, name, "header.duplicate", name=column_name(name)))
        else:
            positions[name] = i
    for name in REQUIRED:
        if name not in positions:
            found.append(finding(1, name, "header.missing", name=column_name(name)))
    if "value" not in positions and "milestone" not in positions:
        found.append(finding(1, "value", "header.no_value"))
    return positions, found


def rule_unlabelled_data(sheet: Sheet) -> list[Finding]:
    """Data in a column whose header is blank (or beyond the last header)."""
    labelled = {i for i, h in enumerate(sheet.headers) if clean(h) != ""}
    columns = {i for _, cells in sheet.rows for i, c in enumerate(cells) if c is not None and i not in labelled}
    return [finding(1, letter(i), "header.blank") for i in sorted(columns)]


def _column(positions: dict[str, int], index: int) -> str:
    return next((name for name, i in positions.items() if i == index), letter(index))


def is_sheet_formula(sheet: Sheet, text: str | None) -> bool:
    """A cell of a file that starts with '=': a workbook formula, or one typed into a CSV.
    (The milestone form is not a spreadsheet: its text meets the formula-like rule instead.)"""
    return sheet.kind != "form" and text is not None and str(text).startswith("=")


def rule_formulas(sheet: Sheet, positions: dict[str, int]) -> list[Finding]:
    return [
        finding(row, _column(positions, i), "cell.formula", cell=f"{letter(i)}{row}",
                formula=str(text)[:40])
        for row, cells in sheet.rows for i, text in enumerate(cells)
        if is_sheet_formula(sheet, text)
    ]


def rule_formula_like(sheet: Sheet, positions: dict[str, int]) -> list[Finding]:
    """Text cells a spreadsheet might run (leading blanks, full-width signs, a leading tab…: see
    tracker/cells.py); cells already reported by ``rule_formulas`` are not reported twice."""
    found = []
    for row, cells in sheet.rows:
        for name in TEXT_FIELDS:
            i = positions.get(name)
            text = cells[i] if i is not None and i < len(cells) else None
            if is_formula_like(text) and not is_sheet_formula(sheet, text):
                found.append(finding(row, name, "cell.formula_like", value=shown(text)))
    return found


def rule_merged(sheet: Sheet, positions: dict[str, int]) -> list[Finding]:
    return [finding(row, _column(positions, col), "cell.merged", cells=coord) for row, col, coord in sheet.merged]


# ---- row rules ---------------------------------------------------------------------------------
def rule_indicator(line: Line, ref: Reference) -> list[Finding]:
    text = line.get("indicator_id")
    if text is None:
        return [finding(line.row, "indicator_id", "indicator.missing")]
    if clean(text).upper() not in ref.indicators:
        near = difflib.get_close_matches(clean(text).upper(), list(ref.indicators), n=3, cutoff=0.6)
        return [finding(line.row, "indicator_id", "indicator.unknown", value=text, suggest=suggestion(near))]
    return []


def rule_area(line: Line, ref: Reference) -> list[Finding]:
    text = line.get("area_code")
    if text is None:
        return [finding(line.row, "area_code", "area.missing")]
    code = clean(text).upper()
    if code in ref.townships:
        return rule_township(line, ref, code)
    if code not in ref.areas:
        looks_like_township = len(code) == 9 and code.isdigit() and code[:6] in ref.areas
        return [finding(line.row, "area_code", "township.unknown" if looks_like_township else "area.unknown",
                        value=text, suggest=suggestion(ref.names.closest(text)))]
    return []


def suggestion(near: list[str]) -> tuple[str, str]:
    """The closest codes, as the end of a finding's sentence (nothing when none is close)."""
    if not near:
        return "", ""
    return "最接近的是：" + "；".join(near) + "。", " The closest: " + "; ".join(near) + "."


def resolve_area_names(lines: list["Line"], ref: Reference) -> None:
    """An area cell written as a name ("余姚市", "余姚", "Yuyao", "全市", "330281 余姚市", a township's
    name within its district) becomes its code, so every later rule sees codes; a cell it cannot
    read stays as written, and rule_area reports it with the closest codes."""
    for line in lines:
        district = line.get("district_code") or line.get("district_name")
        if district is not None and (code := ref.names.code_of(district)) is not None:
            line.cells["district_code"] = code
            district = code
        written = line.get("area_code")
        if written is not None and (code := ref.names.code_of(written, district)) is not None:
            line.cells["area_code"] = code


def rule_township(line: Line, ref: Reference, code: str) -> list[Finding]:
    """A township row: only for a township-scoped target, never a zone office, under the district
    the row names (when it names one), with a value of 1 or 0."""
    township, target = ref.townships[code], indicator_of(line, ref)
    if target is not None and target["scope"] != "township_share":
        return [finding(line.row, "area_code", "township.not_township_target", value=code)]
    if not bool(township["counted"]):
        return [finding(line.row, "area_code", "township.zone", name_zh=township["name_zh"],
                        name_en=township["name_en"], value=code)]
    found = []
    given = line.cells.get("district_code")
    if given is not None and clean(given) != "" and clean(given).upper() != str(township["district_code"]):
        found.append(finding(line.row, "district_code", "township.wrong_district", value=code,
                             name_zh=township["name_zh"], name_en=township["name_en"], given=given,
                             district_zh=township["district_name_zh"], district_en=township["district_name_en"],
                             parent=township["district_code"]))
    value = line.get("value")
    if value is not None and covered_value(value) is None:
        found.append(finding(line.row, "value", "township.value", value=value))
    return found


def covered_value(text: str | None) -> float | None:
    """1.0 or 0.0 for a township row's value (a number 1 or 0, or a word for either); else None."""
    if text is None:
        return None
    word = clean(str(text)).lower()
    if word in COVERED_WORDS:
        return COVERED_WORDS[word]
    number = parse_number(text)
    return number.value if not number.problem and number.value in (0.0, 1.0) and not number.percent else None


def is_township_row(line: Line, ref: Reference) -> bool:
    text = line.get("area_code")
    return text is not None and clean(text).upper() in ref.townships


def rule_year(line: Line, ref: Reference) -> list[Finding]:
    year, problem = parse_year(line.get("year"))
    if problem:
        return [finding(line.row, "year", problem, value=line.get("year"))]
    target = indicator_of(line, ref)
    if target is not None and not (target["plan_baseline_year"] <= year <= target["plan_target_year"]):
        return [finding(line.row, "year", "year.range", value=year, low=target["plan_baseline_year"],
                        high=target["plan_target_year"])]
    return []


def rule_value(line: Line, ref: Reference) -> list[Finding]:
    text, target = line.get("value"), indicator_of(line, ref)
    if text is None or str(text).startswith("=") or is_township_row(line, ref):
        return []       # a township row's value is checked by rule_township
    number = parse_number(text)
    if number.problem:
        return [finding(line.row, "value", number.problem, value=text)]
    if target is None:
        return []
    if target["comparator"] == "qualitative":
        return [finding(line.row, "value", "value.for_qualitative")]
    if number.percent and "%" not in (target["unit_zh"] or ""):
        return [finding(line.row, "value", "value.percent", value=text,
                        unit=(target["unit_zh"] or "—", target["unit_en"] or "—"))]
    if target["measure"] == "share" and number.value < 0:
        return [finding(line.row, "value", "value.share_range", value=clean(text))]
    return []       # a share over 100 or a negative count is a warning (tracker/importer/plausible.py)


def rule_milestone(line: Line, ref: Reference) -> list[Finding]:
    text, target = line.get("milestone"), indicator_of(line, ref)
    if text is None:
        return []
    if milestone_code(text) is None:
        return [finding(line.row, "milestone", "milestone.unknown", value=text)]
    if target is not None and target["comparator"] != "qualitative":
        return [finding(line.row, "milestone", "milestone.for_numeric")]
    return []


def rule_text(line: Line, ref: Reference) -> list[Finding]:
    return [finding(line.row, name, "text.too_long", n=len(text), limit=MAX_TEXT)
            for name in ("source", "note") if (text := line.get(name)) is not None and len(text) > MAX_TEXT]


def rule_bounds(line: Line, ref: Reference) -> list[Finding]:
    """No control characters in a text cell; a figure within its measure's bound (bounds.py)."""
    found = [f for name in TEXT_FIELDS for f in bounds.control_findings(line.row, name, line.cells.get(name))]
    target = indicator_of(line, ref)
    if target is None or target["measure"] not in bounds.BOUNDED_MEASURES or target["scope"] == "township_share":
        return found
    number = parse_number(line.get("value"))
    return found if number.problem else found + bounds.figure_bounds(line.row, number.value, target)


def rule_rolled_up(line: Line, ref: Reference) -> list[Finding]:
    """A township-reported target takes township rows only: its district and city figures are rolled
    up from them at every write, so one given directly would never take effect."""
    target = indicator_of(line, ref)
    if target is None or target["scope"] != "township_share" or is_township_row(line, ref):
        return []
    text = line.get("area_code")
    return [finding(line.row, "area_code", "township.rolled_up", value=text)] if text and clean(text).upper() in ref.areas else []


ROW_RULES = (rule_indicator, rule_area, rule_year, rule_value, rule_milestone, rule_text, rule_bounds, rule_rolled_up)


def rule_duplicates(lines: list[Line]) -> list[Finding]:
    first: dict[tuple, int] = {}
    found = []
    for line in lines:
        key = (clean(line.get("indicator_id") or "").upper(), clean(line.get("area_code") or "").upper(),
               parse_year(line.get("year"))[0])
        if key in first:
            found.append(finding(line.row, "indicator_id", "row.duplicate", first=first[key]))
        else:
            first[key] = line.row
    return found


# ---- helpers and the whole check ---------------------------------------------------------------
def indicator_of(line: Line, ref: Reference) -> dict[str, Any] | None:
    text = line.get("indicator_id")
    return ref.indicators.get(clean(text).upper()) if text is not None else None


def milestone_code(text: str | None) -> str | None:
    return None if text is None else MILESTONE_WORDS.get(clean(text).lower())


def typed(line: Line, ref: Reference) -> dict[str, Any]:
    value = covered_value(line.get("value")) if is_township_row(line, ref) else parse_number(line.get("value")).value
    source, note = line.get("source"), line.get("note")
    return {"row": line.row, "indicator_id": clean(line.get("indicator_id")).upper(),
            "area_code": clean(line.get("area_code")).upper(), "year": parse_year(line.get("year"))[0],
            "value": value, "milestone": milestone_code(line.get("milestone")),
            "source": as_written(source), "note": as_written(note)}


def as_written(text: str | None) -> str | None:
    """A source or note as the clerk wrote it (full-width punctuation kept: NFKC would turn "，" into
    ","), without outer blanks."""
    return str(text).strip() or None if text is not None else None


def lines_of(sheet: Sheet, positions: dict[str, int]) -> list[Line]:
    def cell(cells: list, name: str):
        i = positions.get(name)
        return cells[i] if i is not None and i < len(cells) else None
    return [Line(row, {name: cell(cells, name) for name in (*FIELDS, "district_code", "district_name")})
            for row, cells in sheet.rows]


def check(sheet: Sheet, ref: Reference) -> Checked:
    """Every rule over a sheet; rows come back typed only when there is no finding at all."""
    empty = pd.DataFrame(columns=ROW_COLUMNS)
    if sheet.findings:
        return Checked(empty, list(sheet.findings))
    positions, found = rule_headers(sheet)
    if found:
        return Checked(empty, found)
    found += (rule_unlabelled_data(sheet) + rule_formulas(sheet, positions) + rule_formula_like(sheet, positions)
              + rule_merged(sheet, positions))
    lines = lines_of(sheet, positions)
    resolve_area_names(lines, ref)
    wanted = [line for line in lines if line.get("value") is not None or line.get("milestone") is not None]
    for line in wanted:
        for rule in ROW_RULES:
            found += rule(line, ref)
    found += rule_duplicates(wanted)
    found.sort(key=lambda f: (f.row or 0, f.column or ""))
    found = collapse(found)
    rows = empty if found else pd.DataFrame([typed(line, ref) for line in wanted], columns=ROW_COLUMNS)
    return Checked(rows, found, skipped=len(lines) - len(wanted))


def reference(con: duckdb.DuckDBPyConnection) -> Reference:
    """The targets, areas and townships a file is checked against, read from the snapshot ``con`` holds."""
    return Reference.from_frames(db.execute(con, "import_targets"), db.execute(con, "areas"),
                                 db.execute(con, "import_townships"))
