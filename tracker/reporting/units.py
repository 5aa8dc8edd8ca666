"""The office's edits to who reports what: units added or renamed from a CSV shaped like
data/catalog/units.csv, and assignments of single figures (target and area) to a unit, over the
default rule (queries/schema/12a_assigned_cells.sql). Both are checked whole before anything is written;
any finding refuses the file."""
from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pandas as pd

from tracker import build, db, warehouse
from tracker.importer import bounds
from tracker.importer.findings import Finding
from tracker.importer.results import Rejected
from tracker.reporting.schema import UNIT_COLUMNS

ASSIGN_COLUMNS = ["indicator_id", "area_code", "unit_id"]
KINDS = ("department", "district")


def _bad(row: int | None, column: str | None, zh: str, en: str) -> Finding:
    return Finding(row, column, "reporting.file", zh, en)


def read_csv(data: bytes, columns: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError) as exc:
        raise Rejected([_bad(None, None, f"无法读取这个 CSV 文件（{exc}）。", f"The CSV file cannot be read ({exc}).")]) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise Rejected([_bad(1, c, f"缺少“{c}”列。", f"The column {c} is missing.") for c in missing])
    frame = frame[columns].apply(lambda col: col.str.strip())
    found = []
    for n, rec in enumerate(frame.to_dict("records"), start=2):
        for c in columns:
            found += bounds.text_findings(n, c, rec[c], bounds.NAME_LIMIT)
            if not rec[c] and c != "area_code":
                found.append(_bad(n, c, f"“{c}”不能为空。", f"{c} is empty."))
    if found:
        raise Rejected(found)
    return frame


def check_units(frame: pd.DataFrame, areas: pd.DataFrame) -> list[Finding]:
    codes = set(areas["area_code"].astype(str))
    found = []
    for n, rec in enumerate(frame.to_dict("records"), start=2):
        if rec["kind"] not in KINDS:
            found.append(_bad(n, "kind", "类别应为 department 或 district。", "kind must be department or district."))
        if rec["area_code"] not in codes:
            found.append(_bad(n, "area_code", f"区域代码“{rec['area_code']}”不存在。",
                              f"There is no area {rec['area_code']}."))
    if frame["unit_id"].duplicated().any():
        found.append(_bad(None, "unit_id", "单位编号有重复。", "A unit_id appears twice."))
    return found


def load_units(data: bytes, path: Path | None = None) -> int:
    """Add or replace units (by unit_id) from a CSV; the number of rows. Rejected on any finding."""
    frame = read_csv(data, UNIT_COLUMNS)

    def change(con: duckdb.DuckDBPyConnection) -> int:
        found = check_units(frame, db.execute(con, "areas"))
        if found:
            raise Rejected(found)
        con.register("_units", frame)
        try:
            con.execute("insert or replace into units select unit_id, name_zh, name_en, kind, area_code from _units")
        finally:
            con.unregister("_units")
        build.refresh_stored(con)          # who sends which figure (queries/schema/12a_assigned_cells.sql)
        return len(frame)

    return warehouse.write_snapshot(change, path=path, check=build.check_snapshot)


def assign(data: bytes, path: Path | None = None) -> int:
    """Assign figures (target and area) to units from a CSV; a blank unit_id gives the figure back to
    the default rule. Rejected when a row names a unit, or a target and area, that is not there."""
    frame = read_csv(data, ASSIGN_COLUMNS)

    def change(con: duckdb.DuckDBPyConnection) -> int:
        cells = {(r[0], r[1]) for r in con.execute("select indicator_id, area_code from assigned_cells_live").fetchall()}
        units = {r[0] for r in con.execute("select unit_id from units").fetchall()}
        found = []
        for n, rec in enumerate(frame.to_dict("records"), start=2):
            if (rec["indicator_id"], rec["area_code"]) not in cells:
                found.append(_bad(n, "area_code", f"{rec['indicator_id']} 在区域 {rec['area_code']} 没有应报数据。",
                                  f"{rec['indicator_id']} expects no figure for area {rec['area_code']}."))
            if rec["unit_id"] and rec["unit_id"] not in units:
                found.append(_bad(n, "unit_id", f"没有编号为“{rec['unit_id']}”的填报单位。",
                                  f"There is no reporting unit “{rec['unit_id']}”."))
        if found:
            raise Rejected(found)
        for rec in frame.to_dict("records"):
            con.execute("delete from assignments where indicator_id = $i and area_code = $a",
                        {"i": rec["indicator_id"], "a": rec["area_code"]})
            if rec["unit_id"]:
                con.execute("insert into assignments values ($i, $a, $u)",
                            {"i": rec["indicator_id"], "a": rec["area_code"], "u": rec["unit_id"]})
        build.refresh_stored(con)
        return len(frame)

    return warehouse.write_snapshot(change, path=path, check=build.check_snapshot)
