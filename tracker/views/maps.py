"""A coverage map of one target in one year, as plain data: one row per district with its colour
class, colour, figure, status and township coverage, the legend, and the sentence a leader reads
first. The map screen (its pydeck deck, table and side panel) and the pack's map pictures only draw
what ``districts`` returns, so a district has the same colour, words and numbers in both.

The rows come from queries/map_district_values.sql; the classes are tracker.map_classes'.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from tracker import judgement, map_classes, statuses
from tracker.areas import city_row
from tracker.db import records
from tracker.map_classes import Band, mode
from tracker.text import finite, pick, with_unit
from tracker.text import target as text_target
from tracker.words import say

QUERY = "map_district_values"      # run only here (tests/test_layers.py)
VERDICT_SHORT = ("nearly_completed", "not_completed")   # the verdicts a summary names, in this order


@dataclass(frozen=True)
class MapRow:
    """One district on the map."""
    area_code: str
    name: str
    value: float | None
    band: str                   # its class's key (tracker.map_classes.Band.key)
    color: str
    met: bool                   # meets the target (by value, or completed at the end of the plan)
    status: str                 # status code
    status_text: str            # icon and word, or that the year is the baseline
    value_text: str             # the figure with its unit; a yes/no target's word
    is_baseline_year: bool
    covered: int | None         # townships covered, reported and counted (township-scoped targets)
    reported: int | None
    counted: int | None
    townships_text: str         # "11 of 19 townships covered", '' without township figures
    townships: str              # the same as a table cell: '11/19' ('11 of 19'), '' without
    rank: int | None            # among the districts by the target's direction (rank_in_city)
    count_ranked: int | None


@dataclass(frozen=True)
class LegendItem:
    key: str
    color: str
    label: str                  # the class in words and numbers, with its number of districts
    count: int


@dataclass(frozen=True)
class MapView:
    rows: tuple[MapRow, ...]
    classes: tuple[Band, ...]
    legend: tuple[LegendItem, ...]
    summary: str                # plain text: escape it at a Markdown sink
    city: Mapping[str, Any] | None = None     # the city's row of map_district_values (its townships)

    def row(self, area_code: str | None) -> MapRow | None:
        return next((r for r in self.rows if r.area_code == area_code), None)


def values(run: Callable[..., pd.DataFrame], indicator_id: str, year: int | None) -> pd.DataFrame:
    """queries/map_district_values.sql's rows (the city's, then every district's) through the
    caller's runner (the screens' per-snapshot cache, the pack's Runs)."""
    return run(QUERY, indicator_id=indicator_id, year=year)


def _int(x: Any) -> int | None:
    value = finite(x)
    return None if value is None else int(value)


def coverage_text(row: Mapping[str, Any] | None, lang: str) -> str:
    """'11 of 19 townships covered' over every counted township of the area (and "reported for x of
    y", when not every township reported: those count as not covered), from a row with covered,
    reported and townships; '' when the row has no township figures."""
    if row is None:
        return ""
    covered, reported, total = (finite(row.get(k)) for k in ("covered", "reported", "townships"))
    if covered is None or reported is None or not total:
        return ""
    text = say("townships.covered", lang, covered=int(covered), total=int(total))
    if reported < total:
        text += say("townships.reported", lang, reported=int(reported), total=int(total))
    return text


def townships_text(row: Mapping[str, Any], target: Mapping[str, Any], lang: str) -> str:
    """A township-scoped target's coverage in words; '' for other targets or without township rows."""
    return coverage_text(row, lang) if target.get("scope") == "township_share" else ""


def townships_cell(row: Mapping[str, Any] | None, target: Mapping[str, Any], lang: str,
                   key: str = "brief.map.townships_cell") -> str:
    """'11/19': the townships covered of every counted township of the area (as ``coverage_text``),
    short for a table cell (``key``: or another wording of the two numbers); '' without township figures."""
    if row is None or target.get("scope") != "township_share" or not coverage_text(row, lang):
        return ""
    return say(key, lang, covered=int(finite(row.get("covered"))), total=int(finite(row.get("townships"))))


def value_text(value: Any, band: Band, target: Mapping[str, Any], lang: str) -> str:
    """The figure with its unit; for a yes/no target (every district has it or not) the word."""
    if mode(target) == "binary" and finite(value) is not None:
        return map_classes.label(band, target, lang)
    return with_unit(value, target, lang)


def status_text(row: Mapping[str, Any], lang: str) -> str:
    if bool(row.get("is_baseline_year")):
        return say("map.baseline_year", lang)
    return statuses.badge(str(row.get("status") or "no_data"), lang)


def _rows(values: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return records(values) if isinstance(values, pd.DataFrame) else list(values)


def district_rows(values, target: Mapping[str, Any], lang: str) -> tuple[tuple[Band, ...], tuple[MapRow, ...]]:
    """The map's classes and one row per district of map_district_values (in its order)."""
    districts = [r for r in _rows(values) if r.get("kind") == "district"]
    classes, of_row = map_classes.classify([r.get("value") for r in districts],
                                           [r.get("status") for r in districts], target)
    township_scoped = target.get("scope") == "township_share"
    rows = tuple(MapRow(
        area_code=str(r["area_code"]), name=pick(r, "name", lang), value=finite(r.get("value")), band=band.key,
        color=band.color, met=map_classes.is_met(band), status=str(r.get("status") or "no_data"),
        status_text=status_text(r, lang), value_text=value_text(r.get("value"), band, target, lang),
        is_baseline_year=bool(r.get("is_baseline_year")),
        covered=_int(r.get("covered")) if township_scoped else None,
        reported=_int(r.get("reported")) if township_scoped else None,
        counted=_int(r.get("townships")) if township_scoped else None,
        townships_text=townships_text(r, target, lang), townships=townships_cell(r, target, lang),
        rank=_int(r.get("rank_in_city")),
        count_ranked=_int(r.get("count_ranked"))) for r, band in zip(districts, of_row))
    return tuple(classes), rows


def legend(bands_shown: Sequence[str], classes: Sequence[Band], target: Mapping[str, Any],
           lang: str) -> tuple[LegendItem, ...]:
    """One item per class, in order: its colour and its label with the number of districts in it
    (``bands_shown``: each district's class key)."""
    out = []
    for band in classes:
        n = sum(key == band.key for key in bands_shown)
        out.append(LegendItem(band.key, band.color, say("map.band.count_one" if n == 1 else "map.band.count", lang,
                                                         label=map_classes.label(band, target, lang), n=n), n))
    return tuple(out)


def summary(rows: Sequence[MapRow], target: Mapping[str, Any], year: int, lang: str) -> str:
    """One sentence a leader reads first (plain text): how many districts met the target and which
    fell short, by verdict at the end of the plan; the baseline year and plain magnitudes say so."""
    if any(r.is_baseline_year for r in rows):
        return say("map.summary.baseline", lang, year=year)
    goal = text_target(target, lang)
    if mode(target) == "level":
        return say("map.summary.level", lang, year=year, target=goal)
    with_value = [r for r in rows if r.value is not None]
    final = any(r.band in VERDICT_SHORT + ("completed",) for r in rows)
    counts = dict(year=year, n_met=sum(r.met for r in with_value), n_all=len(with_value), target=goal)
    text = judgement.word("map.final", lang, **counts) if final else say("map.summary.target", lang, **counts)
    short = sorted((r for r in with_value if not r.met), key=lambda r: r.value,
                   reverse=target.get("comparator") != ">=")
    sep, space = say("map.sep", lang), " " if lang == "en" else ""
    if final:       # the districts short of it, by verdict: the words of the colours (tracker/statuses.py)
        for code in VERDICT_SHORT:
            names = [r.name for r in short if r.band == code]
            if names:
                text += space + judgement.word("map.verdict", lang, verdict=statuses.label(code, lang),
                                               names=sep.join(names))
    elif short:
        text += space + say("map.summary.short", lang, names=sep.join(r.name for r in short))
    return text


def districts(values, target: Mapping[str, Any], year: int, lang: str) -> MapView:
    """The map of ``target`` in ``year`` from map_district_values' rows (the city's and every
    district's): the district rows, the classes, the legend and the summary."""
    every = _rows(values)
    classes, rows = district_rows(every, target, lang)
    return MapView(rows, classes, legend([r.band for r in rows], classes, target, lang),
                   summary(rows, target, year, lang),
                   city_row(every))
