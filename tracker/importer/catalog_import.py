"""The catalogue import: plans, actions, mechanisms and targets in the format of data/catalog/*.csv.

It adds or corrects rows (actions 1–3 once their text is known, or a whole 2026–2030 plan) and never
deletes. The checks follow the observation import: one small function per rule, each returning
findings with the row and column. Several files may come together (a plans file with its actions
and targets); they are checked against the stored catalogue plus each other, and applied in the
order plans → actions → mechanisms → indicators inside one transaction.
"""
from __future__ import annotations

import re
from typing import Any, Callable

import duckdb
import pandas as pd

from tracker import build, catalog, db, methods
from tracker.cells import is_formula_like, shown
from tracker.importer import bounds
from tracker.importer.findings import Finding, finding, with_file
from tracker.importer.results import Outcome, Preview
from tracker.importer.sheet import Sheet, clean

TABLES = catalog.TABLES
KEYS = {"plans": ("plan_id",), "actions": ("plan_id", "action_no"),
        "mechanisms": ("plan_id", "mechanism_no"), "indicators": ("indicator_id",)}
SIGNATURE = {"plans": "start_year", "actions": "in_source", "mechanisms": "mechanism_no", "indicators": "comparator"}
ID_PATTERNS = {"plan_id": (re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$"), "nb-cp-2026-2030"),
               "indicator_id": (re.compile(r"^[A-Z]{1,3}\d{2}-\d{2,3}$"), "A12-03")}
CHOICES = {
    "comparator": (">=", "<=", "range", "qualitative"), "direction": ("up", "down"),
    "measure": ("level", "share", "count_new", "growth_rate", "qualitative"),
    "method": methods.NAMES,
    "scope": ("city", "region", "each_district", "township_share"),
    "aggregation": ("sum", "weighted", "none"), "in_source": ("true", "false"),
}
OPTIONAL = {"group_zh", "group_en", "summary_zh", "summary_en", "unit_zh", "unit_en", "target_value",
            "target_high", "map_layer", "note", "release_lag_months", "nearly_pct", "lead_unit_zh", "lead_unit_en"}
CODES = set(CHOICES) | set(ID_PATTERNS) | catalog.INTEGER | catalog.FLOAT  # read after NFKC, not verbatim


def table_of(sheet: Sheet) -> str | None:
    """Which catalogue table a file holds, by its headers (None: not a catalogue file)."""
    headers = {clean(h) for h in sheet.headers}
    return next((t for t in TABLES if SIGNATURE[t] in headers and "plan_id" in headers), None)


class Known:
    """The catalogue as stored plus what the upload adds: plans, actions, each indicator's plan."""

    def __init__(self, stored: dict[str, pd.DataFrame], uploaded: dict[str, list[dict]]):
        self.plans = set(stored["plans"]["plan_id"]) | {r["plan_id"] for r in uploaded.get("plans", [])}
        self.actions = {(p, int(n)) for p, n in zip(stored["actions"]["plan_id"], stored["actions"]["action_no"])}
        for r in uploaded.get("actions", []):
            if _int(r.get("action_no")) is not None:
                self.actions.add((r["plan_id"], _int(r["action_no"])))
        self.indicator_plan = dict(zip(stored["indicators"]["indicator_id"], stored["indicators"]["plan_id"]))


def _int(text: Any) -> int | None:
    return int(text) if text is not None and re.fullmatch(r"[+-]?\d+", str(text)) else None


def _float(text: Any) -> float | None:
    try:
        return float(str(text)) if text is not None else None
    except ValueError:
        return None


# ---- rules: each (table, row number, record, known) → findings ------------------------------------
def rule_required(table, n, rec, known) -> list[Finding]:
    return [finding(n, col, "catalog.required", name=col)
            for col in catalog.COLUMNS[table] if col not in OPTIONAL and rec.get(col) is None]


def rule_ids(table, n, rec, known) -> list[Finding]:
    return [finding(n, col, "catalog.id", value=rec[col], example=example)
            for col, (pattern, example) in ID_PATTERNS.items()
            if rec.get(col) is not None and not pattern.match(rec[col])]


def rule_choices(table, n, rec, known) -> list[Finding]:
    return [finding(n, col, "catalog.choice", value=rec[col], allowed=", ".join(CHOICES[col]))
            for col in catalog.COLUMNS[table] if col in CHOICES and rec.get(col) is not None
            and rec[col].lower() not in CHOICES[col]]


def rule_numbers(table, n, rec, known) -> list[Finding]:
    found = [finding(n, col, "catalog.integer", value=rec[col]) for col in catalog.COLUMNS[table]
             if col in catalog.INTEGER and rec.get(col) is not None and _int(rec[col]) is None]
    return found + [finding(n, col, "catalog.number", value=rec[col]) for col in catalog.COLUMNS[table]
                    if col in catalog.FLOAT and rec.get(col) is not None and _float(rec[col]) is None]


def rule_plan_years(table, n, rec, known) -> list[Finding]:
    years = [_int(rec.get(c)) for c in ("baseline_year", "start_year", "target_year")]
    if table != "plans" or None in years or years[0] < years[1] <= years[2]:
        return []
    return [finding(n, "start_year", "catalog.plan_years")]


def rule_targets(table, n, rec, known) -> list[Finding]:
    """Qualitative targets are qualitative throughout; numeric ones have a numeric target (and a
    range an upper bound not below it)."""
    if table != "indicators" or rec.get("comparator") not in CHOICES["comparator"]:
        return []
    qualitative = [rec.get("comparator") == "qualitative", rec.get("measure") == "qualitative",
                   rec.get("method") == "milestone"]
    if any(qualitative) and not all(qualitative):
        return [finding(n, "comparator", "catalog.qualitative")]
    if all(qualitative):
        return [finding(n, col, "catalog.not_empty", name=col) for col in ("target_value", "target_high")
                if rec.get(col) is not None]
    found = [] if rec.get("target_value") is not None else [finding(n, "target_value", "catalog.required",
                                                                     name="target_value")]
    low, high = _float(rec.get("target_value")), _float(rec.get("target_high"))
    if rec["comparator"] == "range":
        if rec.get("target_high") is None:
            found.append(finding(n, "target_high", "catalog.required", name="target_high"))
        elif low is not None and high is not None and high < low:
            found.append(finding(n, "target_high", "catalog.range"))
    elif rec.get("target_high") is not None:
        found.append(finding(n, "target_high", "catalog.not_empty", name="target_high"))
    return found


def rule_years(table, n, rec, known) -> list[Finding]:
    base, target = _int(rec.get("baseline_year")), _int(rec.get("target_year"))
    if table == "indicators" and base is not None and target is not None and base >= target:
        return [finding(n, "baseline_year", "catalog.years")]
    return []


def rule_links(table, n, rec, known) -> list[Finding]:
    """The plan exists (stored or uploaded), a target's action exists, and ids stay in their plan."""
    plan = rec.get("plan_id")
    if table == "plans" or plan is None:
        return []
    if plan not in known.plans:
        return [finding(n, "plan_id", "catalog.plan_unknown", value=plan)]
    if table != "indicators":
        return []
    found = []
    action = _int(rec.get("action_no"))
    if action is not None and (plan, action) not in known.actions:
        found.append(finding(n, "action_no", "catalog.action_unknown", plan=plan, value=action))
    owner = known.indicator_plan.get(rec.get("indicator_id"))
    if owner is not None and owner != plan:
        found.append(finding(n, "indicator_id", "catalog.other_plan", value=rec["indicator_id"], plan=owner))
    return found


def rule_bounds(table, n, rec, known) -> list[Finding]:
    """Finite numbers within their bounds (tracker/importer/bounds.py)."""
    return bounds.catalog_numbers(table, n, rec)


RULES: tuple[Callable[..., list[Finding]], ...] = (
    rule_required, rule_ids, rule_choices, rule_numbers, rule_bounds, rule_plan_years, rule_targets, rule_years,
    rule_links)


def rule_headers(table: str, sheet: Sheet) -> list[Finding]:
    headers = [clean(h) for h in sheet.headers if clean(h)]
    found = [finding(1, col, "header.missing", name=col) for col in catalog.COLUMNS[table]
             if col not in headers and col not in catalog.OPTIONAL_COLUMNS]
    return found + [finding(1, h, "header.unknown", header=h, known=", ".join(catalog.COLUMNS[table]))
                    for h in headers if h not in catalog.COLUMNS[table]]


def rule_formula_like(sheet: Sheet) -> list[Finding]:
    """Every cell of a catalogue file (names, units, notes, the plan's quotes, ids…) that a
    spreadsheet might run as a formula, as the cell was written (see tracker/cells.py)."""
    headers = [clean(h) for h in sheet.headers]
    return [finding(n, header, "cell.formula_like", value=shown(cell))
            for n, cells in sheet.rows for header, cell in zip(headers, cells) if is_formula_like(cell)]


def rule_duplicates(table: str, rows: list[tuple[int, dict]]) -> list[Finding]:
    first: dict[tuple, int] = {}
    found = []
    for n, rec in rows:
        key = tuple(str(rec.get(k)) for k in KEYS[table])
        if key in first:
            found.append(finding(n, KEYS[table][-1], "catalog.duplicate", first=first[key]))
        first.setdefault(key, n)
    return found


# ---- preview and apply --------------------------------------------------------------------------
def records(sheet: Sheet) -> list[tuple[int, dict[str, str | None]]]:
    """Rows as {column: text}: codes and numbers after NFKC, names and quotes verbatim (stripped)."""
    headers = [clean(h) for h in sheet.headers]
    out = []
    for n, cells in sheet.rows:
        rec = {}
        for h, cell in zip(headers, cells):
            text = None if cell is None or str(cell).strip() == "" else str(cell).strip()
            rec[h] = clean(text) if text is not None and h in CODES else text
        for col in CHOICES:
            if rec.get(col) is not None:
                rec[col] = rec[col].lower()
        out.append((n, rec))
    return out


def stored(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {t: db.execute(con, f"import_catalog_{t}") for t in TABLES}


def _equal(a: Any, b: Any) -> bool:
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    fa, fb = _float(a), _float(b)
    return fa == fb if fa is not None and fb is not None else str(a) == str(b)


def changes(table: str, frame: pd.DataFrame, rows: list[int], old: pd.DataFrame) -> pd.DataFrame:
    keyed = {tuple(str(v) for v in r[list(KEYS[table])]): r for _, r in old.iterrows()}
    out = []
    for n, (_, new) in zip(rows, frame.iterrows()):
        key = tuple(str(v) for v in new[list(KEYS[table])])
        before = keyed.get(key)
        change = "new" if before is None else (
            "unchanged" if all(_equal(new[c], before[c]) for c in catalog.COLUMNS[table]) else "revised")
        out.append({"file_table": table, "row": n, "key": " / ".join(key), "change": change})
    return pd.DataFrame(out, columns=["file_table", "row", "key", "change"])


def preview(con: duckdb.DuckDBPyConnection, sheets: list[Sheet], tables: list[str], sha: str) -> Preview:
    names = ", ".join(s.file_name for s in sheets)
    result = Preview("catalog", names, sha)
    have = stored(con)
    parsed = {t: records(s) for s, t in zip(sheets, tables)}
    known = Known(have, {t: [rec for _, rec in rows] for t, rows in parsed.items()})
    for sheet, table in zip(sheets, tables):
        found = list(sheet.findings) or rule_headers(table, sheet) or rule_duplicates(table, parsed[table])
        if not found:
            found = rule_formula_like(sheet) + bounds.catalog_text(parsed[table])
            found += [f for n, rec in parsed[table] for rule in RULES for f in rule(table, n, rec, known)]
        result.findings += with_file(found, sheet.file_name)
    if len(set(tables)) < len(tables):
        result.findings.append(finding(None, None, "file.mixed"))
    if not result.ok:
        return result
    parts = []
    for table in TABLES:
        if table in parsed:
            rows = [n for n, _ in parsed[table]]
            frame = catalog.tidy(table, pd.DataFrame([rec for _, rec in parsed[table]], columns=catalog.COLUMNS[table]))
            result.tables[table] = frame
            parts.append(changes(table, frame, rows, have[table]))
    result.changes = pd.concat(parts, ignore_index=True)
    return result


def apply(con: duckdb.DuckDBPyConnection, result: Preview, by: str, batch_id: str) -> Outcome:
    written = 0
    for table in TABLES:
        if table not in result.tables:
            continue
        mine = result.changes[result.changes["file_table"] == table].reset_index(drop=True)
        frame = result.tables[table].reset_index(drop=True)[(mine["change"] != "unchanged").to_numpy()]
        if len(frame):
            catalog.upsert(con, table, frame)
            written += len(frame)
    counts = result.counts()
    build.record_batch(con, batch_id=batch_id, kind="catalog", rows=written, by=by, file_name=result.file_name,
                       sha256=result.sha256,
                       note=f"new {counts['new']}, revised {counts['revised']}, unchanged {counts['unchanged']}")
    return Outcome(batch_id, result, written)
