"""The commentary import: the office's own words (DESIGN §4, Commentary), as a file of either kind.

- per target, area and year (headers ``indicator_id, area_code, year, cause_zh, measures_zh``, with
  ``cause_en`` and ``measures_en`` optional): the cause of the outcome (原因分析) and the measures
  planned (下一步措施);
- per plan and year (headers ``plan_id, year, section, text_zh``, ``text_en`` optional): the sections
  of an evaluation, ``overall`` 总体评价, ``achievements`` 主要成效, ``problems`` 存在问题,
  ``next_steps`` 下一步建议 (the Chinese or English title is read as its code too).

The checks follow the observation import (one small function per rule, each returning findings with
the row and column; any finding stops the import): unknown target, area, plan or section, a year
outside the plan, formulas, merged cells, control characters, text over its limit, a key given
twice. A row without any text carries nothing to import and is skipped (the templates list every
target, so a half-filled one is normal); a text a row gives in neither language keeps the text in
force (a revision of the cause alone keeps the measures), and one given in either language replaces
both (so no stale translation stays beside a revised text). Rows are appended as one batch of kind
'commentary': the newest row of a batch still applied is in force (queries/schema/03a, 03b), so a
revision wins and a rollback brings back what was there before, as for figures.
"""
from __future__ import annotations

import difflib
from typing import Any

import duckdb
import pandas as pd

from tracker import build, commentary, db
from tracker.cells import is_formula_like, shown
from tracker.commentary_store import KEYS, TEXTS, append, columns
from tracker.importer import bounds, validate
from tracker.importer.findings import Finding, collapse, finding, with_file
from tracker.importer.reading import parse_year
from tracker.importer.results import Outcome, Preview
from tracker.importer.sheet import Sheet, clean, letter

KIND = "commentary"
REQUIRED = {"targets": ("indicator_id", "area_code", "year", "cause_zh", "measures_zh"),
            "plan": ("plan_id", "year", "section", "text_zh")}
# columns the templates carry for the reader's convenience: accepted, not stored
INFO = {"targets": ("indicator_name", "area_name", "status"), "plan": ("section_name",)}
SECTION_WORDS = {word.lower(): section for section in commentary.SECTIONS
                 for word in (section, commentary.SECTION_TITLES[section]["zh"],
                              commentary.SECTION_TITLES[section]["en"])}
SECTION_WORDS |= {"存在问题及原因": "problems", "下一步": "next_steps", "对策建议": "next_steps", "next steps": "next_steps"}


def kind_of(sheet: Sheet) -> str | None:
    """Which commentary file a sheet holds, by its headers ("targets", "plan"; None: neither): its key
    columns and a text column (a file lacking another required column is then told which)."""
    headers = {clean(h).lower() for h in sheet.headers}
    return next((kind for kind in ("targets", "plan")
                 if set(KEYS[kind]) <= headers and headers & set(TEXTS[kind])), None)


# ---- file-level rules ---------------------------------------------------------------------------
def rule_headers(kind: str, sheet: Sheet) -> tuple[dict[str, int], list[Finding]]:
    """Every header known (the file's columns and the template's reference columns), none twice."""
    known = (*columns(kind), *INFO[kind])
    positions: dict[str, int] = {}
    found = []
    for i, header in enumerate(sheet.headers):
        name = clean(header).lower()
        if name == "":
            continue
        if name not in known:
            found.append(finding(1, letter(i), "header.unknown", header=header, known=", ".join(known)))
        elif name in positions:
            found.append(finding(1, name, "header.duplicate", name=name))
        else:
            positions[name] = i
    found += [finding(1, name, "header.missing", name=name) for name in REQUIRED[kind] if name not in positions]
    labelled = {i for i, h in enumerate(sheet.headers) if clean(h) != ""}
    found += [finding(1, letter(i), "header.blank")
              for i in sorted({i for _, cells in sheet.rows for i, c in enumerate(cells) if c is not None} - labelled)]
    return positions, found


def rule_cells(sheet: Sheet, positions: dict[str, int]) -> list[Finding]:
    """Formulas, text a spreadsheet would run as one (tracker/cells.py), merged cells."""
    name_of = {i: name for name, i in positions.items()}
    found = [finding(row, name_of.get(i, letter(i)), "cell.formula", cell=f"{letter(i)}{row}", formula=str(text)[:40])
             for row, cells in sheet.rows for i, text in enumerate(cells) if validate.is_sheet_formula(sheet, text)]
    found += [finding(row, name_of[i], "cell.formula_like", value=shown(text))
              for row, cells in sheet.rows for i, text in enumerate(cells)
              if i in name_of and is_formula_like(text) and not validate.is_sheet_formula(sheet, text)]
    found += [finding(row, name_of.get(col, letter(col)), "cell.merged", cells=coord) for row, col, coord in sheet.merged]
    return found


# ---- row rules: each (kind, line, context) → findings ---------------------------------------------
class Context:
    """What the rules check against: the targets and areas (validate.Reference) and the plans."""

    def __init__(self, ref: validate.Reference, plans: pd.DataFrame):
        self.ref = ref
        self.plans = {r["plan_id"]: r for r in plans.to_dict("records")}


def rule_target(kind, line, ctx) -> list[Finding]:
    if kind != "targets":
        return []
    found = validate.rule_indicator(line, ctx.ref)
    code = clean(line.get("area_code") or "").upper()
    if code in ctx.ref.townships:
        found.append(finding(line.row, "area_code", "commentary.township", value=line.get("area_code")))
    else:
        found += validate.rule_area(line, ctx.ref)
    return found + validate.rule_year(line, ctx.ref)


def rule_plan(kind, line, ctx) -> list[Finding]:
    if kind != "plan":
        return []
    found = []
    plan = ctx.plans.get(clean(line.get("plan_id") or ""))
    if line.get("plan_id") is None:
        found.append(finding(line.row, "plan_id", "catalog.required", name="plan_id"))
    elif plan is None:
        near = difflib.get_close_matches(clean(line.get("plan_id")), list(ctx.plans), n=3, cutoff=0.5)
        found.append(finding(line.row, "plan_id", "commentary.plan_unknown", value=line.get("plan_id"),
                             suggest=validate.suggestion(near)))
    if section_code(line.get("section")) is None:
        found.append(finding(line.row, "section", "commentary.section", value=line.get("section") or ""))
    year, problem = parse_year(line.get("year"))
    if problem:
        found.append(finding(line.row, "year", problem, value=line.get("year")))
    elif plan is not None and not int(plan["baseline_year"]) <= year <= int(plan["target_year"]):
        found.append(finding(line.row, "year", "year.range", value=year, low=int(plan["baseline_year"]),
                             high=int(plan["target_year"])))
    return found


def rule_text(kind, line, ctx) -> list[Finding]:
    """No control characters in any cell, and each text within its limit (bounds.py)."""
    found = [f for name in KEYS[kind] for f in bounds.control_findings(line.row, name, line.cells.get(name))]
    return found + [f for name in TEXTS[kind] for f in bounds.text_findings(line.row, name, line.cells.get(name))]


ROW_RULES = (rule_target, rule_plan, rule_text)


def section_code(text: str | None) -> str | None:
    return None if text is None else SECTION_WORDS.get(clean(text).lower())


def key_of(kind: str, line: validate.Line) -> tuple:
    if kind == "targets":
        return (clean(line.get("indicator_id") or "").upper(), clean(line.get("area_code") or "").upper(),
                parse_year(line.get("year"))[0])
    return (clean(line.get("plan_id") or ""), parse_year(line.get("year"))[0], section_code(line.get("section")))


def rule_duplicates(kind: str, lines: list[validate.Line]) -> list[Finding]:
    first: dict[tuple, int] = {}
    found = []
    for line in lines:
        key = key_of(kind, line)
        if key in first:
            found.append(finding(line.row, KEYS[kind][0], "commentary.duplicate", first=first[key]))
        first.setdefault(key, line.row)
    return found


# ---- the check, the preview and the write --------------------------------------------------------
def lines_of(kind: str, sheet: Sheet, positions: dict[str, int]) -> list[validate.Line]:
    def cell(cells: list, name: str):
        i = positions.get(name)
        return cells[i] if i is not None and i < len(cells) else None
    return [validate.Line(row, {name: cell(cells, name) for name in columns(kind)}) for row, cells in sheet.rows]


def text_of(value: Any) -> str | None:
    """A text as written (full-width punctuation and inner line breaks kept), without outer blanks."""
    return validate.as_written(value)


def typed(kind: str, line: validate.Line) -> dict[str, Any]:
    key = key_of(kind, line)
    return {"row": line.row, **dict(zip(KEYS[kind], key)), **{name: text_of(line.get(name)) for name in TEXTS[kind]}}


def check(kind: str, sheet: Sheet, ctx: Context) -> tuple[pd.DataFrame, list[Finding], int]:
    """Every rule over a sheet: (typed rows with text, findings, rows skipped for having no text)."""
    empty = pd.DataFrame(columns=["row", *columns(kind)])
    if sheet.findings:
        return empty, list(sheet.findings), 0
    positions, found = rule_headers(kind, sheet)
    if found:
        return empty, found, 0
    found += rule_cells(sheet, positions)
    lines = lines_of(kind, sheet, positions)
    if kind == "targets":
        validate.resolve_area_names(lines, ctx.ref)
    wanted = [line for line in lines if any(line.get(name) is not None for name in TEXTS[kind])]
    for line in wanted:
        for rule in ROW_RULES:
            found += rule(kind, line, ctx)
    found += rule_duplicates(kind, wanted)
    found.sort(key=lambda f: (f.row or 0, f.column or ""))
    found = collapse(found)
    rows = empty if found else pd.DataFrame([typed(kind, line) for line in wanted], columns=["row", *columns(kind)])
    return rows, found, len(lines) - len(wanted)


def in_force(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    return db.execute(con, f"import_commentary_{kind}")


def _pairs(kind: str) -> list[tuple[str, str]]:
    """The texts by field, each in both languages: (cause_zh, cause_en), (measures_zh, measures_en)…"""
    names = TEXTS[kind]
    return [(names[i], names[i + 1]) for i in range(0, len(names), 2)]


def merged(kind: str, rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Each row as it will stand (a blank cell keeps the text in force) with ``change``: new (nothing
    in force), unchanged (the same texts) or revised; ``previous_<text>`` the texts in force."""
    keys = list(KEYS[kind])
    prev = current[keys + list(TEXTS[kind])].rename(columns={c: f"previous_{c}" for c in TEXTS[kind]})
    prev = prev.assign(in_force=True)
    out = rows.merge(prev, on=keys, how="left")
    for pair in _pairs(kind):        # a text given in neither language keeps both texts in force
        given = out[list(pair)].notna().any(axis=1)
        for name in pair:
            out[name] = [mine if keep_mine else (old if isinstance(old, str) else None)
                         for mine, old, keep_mine in zip(out[name], out[f"previous_{name}"], given)]

    def change(r) -> str:
        if r["in_force"] is not True:
            return "new"
        same = all(r[n] == (r[f"previous_{n}"] if isinstance(r[f"previous_{n}"], str) else None) for n in TEXTS[kind])
        return "unchanged" if same else "revised"

    out["change"] = [change(r) for r in out.to_dict("records")] if len(out) else []
    return out.drop(columns="in_force").sort_values("row").reset_index(drop=True)


def context(con: duckdb.DuckDBPyConnection) -> Context:
    return Context(validate.reference(con), db.execute(con, "plans"))


def preview(con: duckdb.DuckDBPyConnection, sheet: Sheet, kind: str, sha256: str) -> Preview:
    rows, found, skipped = check(kind, sheet, context(con))
    result = Preview(KIND, sheet.file_name, sha256, with_file(found, sheet.file_name), skipped=skipped,
                     encoding=sheet.encoding)
    if result.ok:
        result.changes = merged(kind, rows, in_force(con, kind)).assign(file_table=kind)
    return result


def apply(con: duckdb.DuckDBPyConnection, result: Preview, by: str, batch_id: str) -> Outcome:
    """Record the new and revised rows as one 'commentary' batch (the caller makes sure there are some)."""
    rows = result.to_write()
    kind = str(rows["file_table"].iloc[0])
    counts = result.counts()
    build.record_batch(con, batch_id=batch_id, kind=KIND, rows=len(rows), by=by, file_name=result.file_name or None,
                       sha256=result.sha256,
                       note=f"{kind}: new {counts['new']}, revised {counts['revised']}, unchanged {counts['unchanged']}")
    append(con, kind, rows, batch_id)
    return Outcome(batch_id, result, len(rows))
