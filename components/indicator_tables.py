"""The indicator page's tables, built as plain frames: every area and year, the revision history,
and the indicator's metadata. Pure functions (no Streamlit), so tests can check them directly.

Column headers are in the reader's language; catalogue names through ``pick``; numbers with units
through components.fmt; statuses and milestones as icon and word from tracker.statuses.
"""
from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd

from components import fmt
from components.i18n import pick, t
from tracker import statuses


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and math.isnan(x))


def cell(value: Any, milestone: Any, row: Mapping[str, Any], lang: str) -> str:
    """One observation as text: the value with its unit, or the milestone's icon and word."""
    if isinstance(milestone, str) and milestone in statuses.MILESTONE_STATUS:
        return statuses.badge(statuses.MILESTONE_STATUS[milestone], lang)
    return fmt.with_unit(value, row, lang)


def area_year_table(series: pd.DataFrame, row: Mapping[str, Any], lang: str, *, numeric: bool = False) -> pd.DataFrame:
    """One row per area (city, districts, regions, as series.sql orders them), one column per year.

    On screen (``numeric=False``) each cell is text with its unit; for downloads the cells are numbers
    (milestones as words) with the unit in a column of its own and the area code kept.
    """
    area_col, code_col = t("indicator.col.area", lang), t("indicator.col.code", lang)
    if series.empty:
        return pd.DataFrame(columns=[area_col])
    years = sorted(int(y) for y in series["year"].unique())
    rows = []
    for code, group in series.groupby("area_code", sort=False):
        first = group.iloc[0].to_dict()
        out: dict[str, Any] = {area_col: pick(first, "area_name", lang) or code}
        if numeric:
            out[code_col] = code
            out[t("indicator.col.unit", lang)] = pick(row, "unit", lang)
        by_year = {int(r["year"]): r for r in group.to_dict("records")}
        for year in years:
            r = by_year.get(year)
            if r is None:
                out[str(year)] = None if numeric else "—"
            elif numeric and not isinstance(r.get("milestone"), str):
                out[str(year)] = None if _missing(r.get("value")) else float(r["value"])
            else:
                out[str(year)] = cell(r.get("value"), r.get("milestone"), row, lang)
        rows.append(out)
    return pd.DataFrame(rows)


def _when(x: Any) -> str:
    if _missing(x):
        return "—"
    return pd.Timestamp(x).strftime("%Y-%m-%d %H:%M")


def revisions_table(revisions: pd.DataFrame, row: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """Every stored row for the indicator: area, year, value, which revision, whether in force, and
    the batch (id, kind, file, who, when, state)."""
    def text(key: str, value: Any) -> str:
        return "—" if _missing(value) else t(f"{key}.{value}", lang)

    records = revisions.to_dict("records")
    return pd.DataFrame({
        t("indicator.col.area", lang): [pick(r, "area_name", lang) or r["area_code"] for r in records],
        t("col.year", lang): [int(r["year"]) for r in records],
        t("indicator.col.value", lang): [cell(r.get("value"), r.get("milestone"), row, lang) for r in records],
        t("indicator.col.revision", lang): [int(r["revision_no"]) for r in records],
        t("indicator.col.current", lang): [t("indicator.yes" if r["is_current"] else "indicator.no", lang) for r in records],
        t("indicator.col.batch", lang): [r["batch_id"] for r in records],
        t("indicator.col.kind", lang): [text("indicator.kind", r.get("batch_kind")) for r in records],
        t("indicator.col.file", lang): ["—" if _missing(r.get("file_name")) else r["file_name"] for r in records],
        t("indicator.col.who", lang): ["—" if _missing(r.get("created_by")) else r["created_by"] for r in records],
        t("indicator.col.when", lang): [_when(r.get("created_at")) for r in records],
        t("indicator.col.state", lang): [text("indicator.state", r.get("batch_state")) for r in records],
    })


def metadata_table(row: Mapping[str, Any], action: Mapping[str, Any], lang: str, note: str = "") -> pd.DataFrame:
    """The indicator's catalogue entry as field / value pairs, in the reader's language.

    The source clause stays in Chinese (it is the plan's own wording) in both languages.
    """
    fields = [
        ("indicator.meta.id", row["indicator_id"]),
        ("indicator.meta.name", pick(row, "name", lang)),
        ("indicator.meta.action", t("action.heading", lang, no=int(row["action_no"]), name=pick(action, "name", lang))),
        ("indicator.meta.target", fmt.target(row, lang)),
        ("indicator.meta.unit", pick(row, "unit", lang) or "—"),
        ("indicator.meta.comparator", t(f"indicator.comparator.{row['comparator']}", lang)),
        ("indicator.meta.direction", t(f"indicator.direction.{row['direction']}", lang)),
        ("indicator.meta.measure", t(f"indicator.measure.{row['measure']}", lang)),
        ("indicator.meta.method", t(f"indicator.method.{row['method']}", lang)),
        ("indicator.meta.scope", t(f"scope.{row['scope']}", lang)),
        ("indicator.meta.target_year", str(int(row["target_year"]))),
        ("indicator.meta.baseline_year", str(int(row["baseline_year"]))),
        ("indicator.meta.source", str(row["source_quote"])),
    ]
    if note:
        fields.append(("indicator.meta.note", note))
    return pd.DataFrame({t("indicator.col.field", lang): [t(key, lang) for key, _ in fields],
                         t("indicator.col.content", lang): [value for _, value in fields]})
