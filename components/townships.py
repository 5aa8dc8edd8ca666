"""Township coverage in words: "x of y townships covered", who reported, and which are not yet covered.

The figures come from the warehouse's roll-up of township rows (queries/schema/02b_township_rollup.sql,
through map_district_values.sql and the screens' own queries) and the township list of one area
(queries/township_coverage.sql). Shared by the map, district, indicator and meeting screens.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from components import data
from components.i18n import pick, t
from components.safe import md
from tracker.views.maps import coverage_text  # "x of y townships covered": the map's own words

MAX_NAMES = 12       # names listed before "and n more": a panel or slide stays readable


@data.per_snapshot
def townships(indicator_id: str, area_code: str, year: int) -> pd.DataFrame:
    """Every counted township of ``area_code`` (a district or the city) with its state that year."""
    return data.q("township_coverage", indicator_id=indicator_id, area_code=area_code, year=year)


@data.per_snapshot
def totals(area_code: str, year: int | None) -> dict[str, dict[str, Any]]:
    """indicator_id → the township figures of ``area_code`` (a district or the city) as of ``year``
    (null = latest): year, covered, reported, townships (queries/township_totals.sql). Read-only."""
    return {r["indicator_id"]: r for r in data.rows("township_totals", area_code=area_code, year=year)}


def summary_md(indicator_id: str, area_code: str, year: int | None, lang: str) -> tuple[str, ...]:
    """What a card or slide shows under a township-scoped target: "x of y townships covered", then
    the townships not yet covered (and not reported), each line escaped Markdown; () without township
    rows for that area up to ``year``."""
    row = totals(area_code, year).get(indicator_id)
    text = "" if row is None else coverage_text(row, lang)
    if not text:
        return ()
    lines = uncovered_lines(indicator_id, area_code, int(row["year"]), lang)
    return (md(text), *(md(line) for line in lines))


def names(frame: pd.DataFrame, state: str, lang: str, *, with_district: bool = False) -> list[str]:
    rows = frame[frame["state"] == state].to_dict("records")
    if with_district:
        return [f"{pick(r, 'district_name', lang)} {pick(r, 'name', lang)}" for r in rows]
    return [pick(r, "name", lang) for r in rows]


def listed(items: list[str], lang: str) -> str:
    """Up to MAX_NAMES names joined, then 'and n more'."""
    shown = t("townships.sep", lang).join(items[:MAX_NAMES])
    return shown + (t("townships.uncovered_more", lang, n=len(items) - MAX_NAMES) if len(items) > MAX_NAMES else "")


def uncovered_lines(indicator_id: str, area_code: str, year: int, lang: str) -> list[str]:
    """The sentences a panel shows under 'x of y': the townships not yet covered, and those not
    reported; plain text (names come from the registry: callers escape them for Markdown)."""
    frame = townships(indicator_id, area_code, year)
    if frame.empty or not (frame["state"] != "unreported").any():
        return []
    city = frame["district_code"].nunique() > 1
    out = []
    uncovered = names(frame, "uncovered", lang, with_district=city)
    out.append(t("townships.uncovered", lang, names=listed(uncovered, lang)) if uncovered
               else t("townships.none_uncovered", lang))
    unreported = names(frame, "unreported", lang, with_district=city)
    if unreported:
        out.append(t("townships.unreported", lang, names=listed(unreported, lang)))
    return out


def table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """queries/township_rows.sql as a table for reading and downloading, in ``lang``."""
    return pd.DataFrame({
        t("townships.col.year", lang): rows["year"].astype("Int64"),
        t("townships.col.district", lang): [pick(r, "district_name", lang) for r in rows.to_dict("records")],
        t("townships.col.code", lang): rows["township_code"],
        t("townships.col.township", lang): [pick(r, "name", lang) for r in rows.to_dict("records")],
        t("townships.col.state", lang): [t("townships.yes" if v >= 1 else "townships.no", lang) for v in rows["value"]],
        t("townships.col.note", lang): rows["note"].fillna(""),
    })
