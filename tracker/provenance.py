"""Where a figure comes from: its source and note (口径说明) as imported, whether it is a demo figure,
and whether a series mixes demo and imported figures. Computed here once; the screens, the deck and
the report read it (they never decide for themselves what counts as demo).

A figure is demo when the batch that brought it is the demo batch (``batch_kind`` 'demo'); every
other batch (an import, a milestone, a roll-up of imported township rows) is imported. Rows are
mappings with ``year``, ``source``, ``note`` and ``batch_kind`` (series.sql, action_series.sql,
indicator_districts.sql, values_in_force).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

DEMO = "demo"
# the note obs_current gives a district or city figure rolled up from township rows (03_obs_current.sql)
ROLLUP = re.compile(r"^乡镇汇总 township roll-up: (\d+)/(\d+) covered \((\d+) townships\)$")


def is_demo(kind: Any) -> bool:
    return kind == DEMO


def text(value: Any) -> str:
    """A source or note as stored, '' when there is none (demo figures have the source 'demo')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


@dataclass(frozen=True)
class Figure:
    year: int
    source: str          # '' for none (and for a demo figure)
    note: str            # the 口径说明, '' for none
    demo: bool
    rollup: tuple[int, int, int] | None = None   # rolled up from township rows: (covered, reported, townships)


def figure(row: Mapping[str, Any]) -> Figure:
    demo, note = is_demo(row.get("batch_kind")), text(row.get("note"))
    rolled = ROLLUP.match(note)
    if rolled:
        return Figure(int(row["year"]), "", "", demo, tuple(int(g) for g in rolled.groups()))
    return Figure(int(row["year"]), "" if demo else text(row.get("source")), note, demo)


def figure_at(rows: Iterable[Mapping[str, Any]], year: Any) -> Figure | None:
    """The figure of ``year`` among a series' rows (None when the year has none)."""
    if year is None or (isinstance(year, float) and math.isnan(year)):
        return None
    for row in rows:
        if int(row["year"]) == int(year) and row.get("batch_kind") is not None:
            return figure(row)
    return None


@dataclass(frozen=True)
class Mix:
    demo_years: tuple[int, ...]
    imported_years: tuple[int, ...]

    @property
    def mixed(self) -> bool:
        return bool(self.demo_years) and bool(self.imported_years)


def mix(rows: Iterable[Mapping[str, Any]], up_to: Any = None) -> Mix:
    """Which years of a series (up to ``up_to``, the status year, when given) are demo and which imported."""
    last = None if up_to is None or (isinstance(up_to, float) and math.isnan(up_to)) else int(up_to)
    demo, imported = set(), set()
    for row in rows:
        kind = row.get("batch_kind")
        if kind is None or (isinstance(kind, float) and math.isnan(kind)):
            continue
        if last is not None and int(row["year"]) > last:
            continue
        (demo if is_demo(kind) else imported).add(int(row["year"]))
    return Mix(tuple(sorted(demo)), tuple(sorted(imported)))


def years_text(years: tuple[int, ...], sep: str = ", ") -> str:
    """2021, 2022, 2023 → '2021–2023'; gaps kept: '2020, 2022–2024'."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return sep.join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
