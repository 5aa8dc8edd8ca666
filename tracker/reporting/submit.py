"""A unit's submission: its figures for a round, checked like any import and, on top, against the
unit's own items. A row outside them is a finding (nothing written). What passes is written as a batch
of kind 'observations' in state 'submitted': stored, listed, not in force (every value in force is
from an applied batch: queries/schema/03_obs_current.sql) until the office accepts it (review.py).
Every row of the file is kept, a figure equal to the one in force too: it is the unit's answer. A row
may carry the cause and measures of its figure (tracker/reporting/causes.py), stored with it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from tracker import build, commentary_store, db
from tracker.importer import apply, bounds, catalog_import
from tracker.importer.findings import FIELDS, Finding, with_file
from tracker.importer.reading import read_upload
from tracker.importer.results import Outcome, Preview, Rejected, Unconfirmed
from tracker.reporting import causes, rounds
from tracker.reporting.messages import problem

PREFIX = "sub"


def unit_of(con: duckdb.DuckDBPyConnection, unit_id: str) -> dict:
    found = con.execute("select * from units where unit_id = $u", {"u": unit_id}).df()
    if found.empty:
        raise Rejected([problem(None, None, "unit.unknown", value=unit_id)])
    return found.iloc[0].to_dict()


def outside(result: Preview, items: pd.DataFrame, unit: dict) -> list[Finding]:
    """A finding for every row of the file that is not one of the unit's items in the round."""
    keys = ["indicator_id", "area_code", "year"]
    mine = set(map(tuple, items[keys].astype({"year": int}).astype(str).to_numpy())) if len(items) else set()
    names = dict(zip(items["area_code"], zip(items["area_name_zh"], items["area_name_en"]))) if len(items) else {}
    found = []
    for row in result.changes.to_dict("records"):
        key = (str(row["indicator_id"]), str(row["area_code"]), str(int(row["year"])))
        if key not in mine:
            area = names.get(key[1], (key[1], key[1]))
            found.append(problem(int(row["row"]), "area_code", "submit.not_assigned", indicator=key[0],
                                 area=area, year=key[2], unit=(unit["name_zh"], unit["name_en"])))
    return with_file(found, result.file_name)


def checked(con: duckdb.DuckDBPyConnection, uploads: list[apply.Upload], unit_id: str, round_id: str,
            accept_warnings: bool) -> Preview:
    """The file's preview, refused (Rejected, Unconfirmed) as an import is, and for rows outside the
    unit's items. The causes and measures it carries are in ``tables["causes"]`` (causes.rows)."""
    unit = unit_of(con, unit_id)
    if len(uploads) != 1:
        raise Rejected([problem(None, None, "submit.catalog")])
    sheet = read_upload(*uploads[0])
    if catalog_import.table_of(sheet):
        raise Rejected([problem(None, None, "submit.catalog")])
    figures, texts = causes.split(sheet)
    result = apply.preview_sheet(con, figures, apply.digest(uploads))
    if not result.ok:
        raise Rejected(result.findings)
    items = db.execute(con, "round_cells", round_id=round_id, unit_id=unit_id)
    found = outside(result, items, unit)
    notes, bad = causes.rows(texts, result.changes)
    found += with_file(bad, result.file_name)
    if found:
        raise Rejected(found)
    if result.warnings and not accept_warnings:
        raise Unconfirmed(result.warnings)
    result.tables["causes"] = notes
    return result


def preview(uploads: list[apply.Upload], unit_id: str, round_id: str | None = None, path: Path | None = None,
            accept_warnings: bool = True) -> Preview:
    """What a submission would hold, read-only (raises as ``submit`` does)."""
    rnd = rounds.find_round(round_id, path)
    from tracker.warehouse import READER

    cursor = READER.cursor(path)
    try:
        return checked(cursor, uploads, unit_id, str(rnd["round_id"]), accept_warnings)
    finally:
        cursor.close()


def store_causes(con: duckdb.DuckDBPyConnection, notes: pd.DataFrame, batch_id: str) -> int:
    """Store commentary rows (causes.COLUMNS) under ``batch_id``, as the commentary import does."""
    return commentary_store.append(con, "targets", notes, batch_id) if len(notes) else 0


def submit(uploads: list[apply.Upload], unit_id: str, by: str, round_id: str | None = None,
           path: Path | None = None, accept_warnings: bool = False) -> Outcome:
    """Record the unit's file as a submission to the round (the newest when none is named): all or
    nothing. Raises Rejected (findings, rows outside the unit's items) or Unconfirmed (warnings)."""
    found = bounds.by_findings(by)
    if found:
        raise Rejected(found)
    rnd = rounds.find_round(round_id, path)
    round_id = str(rnd["round_id"])
    first = preview(uploads, unit_id, round_id, path, accept_warnings)
    if first.changes.empty:
        return Outcome(None, first)

    def change(con: duckdb.DuckDBPyConnection) -> Outcome:
        result = checked(con, uploads, unit_id, round_id, accept_warnings)   # again, on the writer's copy
        rows = result.changes
        batch_id = apply.new_batch_id(PREFIX)
        build.record_batch(con, batch_id=batch_id, kind="observations", rows=len(rows), by=by,
                           file_name=result.file_name or None, sha256=result.sha256,
                           note=f"submission of {unit_id} to round {round_id}" + apply.accepted_note(result))
        con.execute("update batches set state = 'submitted' where batch_id = $b", {"b": batch_id})
        build.append_observations(con, rows[list(FIELDS)], batch_id)
        store_causes(con, result.tables["causes"], batch_id)
        con.execute("insert into submissions (batch_id, round_id, unit_id, submitted_at) values ($b, $r, $u, $at)",
                    {"b": batch_id, "r": round_id, "u": unit_id, "at": dt.datetime.now()})
        return Outcome(batch_id, result, len(rows))

    return apply._write(change, path)
