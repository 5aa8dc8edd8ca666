"""The district × target status grid (queries/compare_heatmap.sql): the compare screen's heatmap and
the pack's district annex and ranking read it, so a cell says the same status and figure in both."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from tracker.text import pick, with_unit

QUERY = "compare_heatmap"      # run only here (tests/test_layers.py)


@dataclass(frozen=True)
class GridCell:
    area_code: str
    name: str                 # the district's name ('' when the district has no row for the target)
    status: str               # status code; no_data without a status up to the year asked for
    value: float | None
    value_text: str           # the figure with its unit, '—' without one


@dataclass(frozen=True)
class GridRow:
    indicator_id: str
    action_no: int
    name: str
    cells: tuple[GridCell, ...]     # one per district, in the order of Grid.districts


@dataclass(frozen=True)
class Grid:
    districts: tuple[tuple[str, str], ...]     # (area_code, name), by area code
    rows: tuple[GridRow, ...]                  # one per district-level target, in the query's order

    def cells(self):
        """(row, cell) for every cell, row by row."""
        return ((row, cell) for row in self.rows for cell in row.cells)


def rows(run: Callable[..., pd.DataFrame], plan_id: str, year: int | None, action_nos=None,
         area_codes=None) -> pd.DataFrame:
    """queries/compare_heatmap.sql's rows through the caller's runner (the screens' per-snapshot
    cache, the pack's Runs): one row per district-level target and district."""
    return run(QUERY, plan_id=plan_id, year=year, action_nos=action_nos, area_codes=area_codes)


def _value(x) -> float | None:
    return None if x is None or x is pd.NA or (isinstance(x, float) and x != x) else float(x)


def heatmap(frame: pd.DataFrame, lang: str) -> Grid:
    """compare_heatmap's rows as a grid: one row per district-level target, one cell per district
    (a district without a row for a target gets a no-data cell)."""
    if frame.empty:
        return Grid((), ())
    records = frame.to_dict("records")
    districts = tuple(dict.fromkeys((str(r["area_code"]), pick(r, "area_name", lang))
                                    for r in sorted(records, key=lambda r: str(r["area_code"]))))
    by_target: dict[str, dict[str, dict]] = {}
    for r in records:
        by_target.setdefault(str(r["indicator_id"]), {})[str(r["area_code"])] = r
    rows = []
    for indicator_id, by_code in by_target.items():
        first = next(iter(by_code.values()))
        cells = tuple(
            GridCell(code, pick(by_code[code], "area_name", lang), str(by_code[code]["status"] or "no_data"),
                     _value(by_code[code]["value"]), with_unit(by_code[code]["value"], by_code[code], lang))
            if code in by_code else GridCell(code, "", "no_data", None, "—") for code, _ in districts)
        rows.append(GridRow(indicator_id, int(first["action_no"]), pick(first, "name", lang), cells))
    return Grid(districts, tuple(rows))
