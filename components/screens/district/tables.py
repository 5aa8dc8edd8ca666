"""The district page's tables: the scorecard, the shares of city totals, the download and the
targets tracked for the city only, from the scorecard (tracker.views.districts.Scorecard) as display
frames, labels in the page's language. Pure functions, so tests check them without a page."""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from components import fmt, freshness, provenance
from components.i18n import pick, t
from tracker import statuses
from tracker.db import records
from tracker.views.districts import Row, Scorecard

_num, pct = fmt.finite, fmt.pct


def plan_years(plan: Mapping[str, Any]) -> list[int]:
    """The plan's years from its first to the latest with data (none when there is no data)."""
    last = _num(plan.get("last_year"))
    return [] if last is None else list(range(int(plan["start_year"]), int(last) + 1))


def district_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """area_code → name for the districts, in the areas query's order."""
    return {row["area_code"]: pick(row, "name", lang) for row in records(areas) if row["kind"] == "district"}


def rank_text(row: Mapping[str, Any], lang: str) -> str:
    rank, count = _num(row.get("rank_in_districts")), _num(row.get("count_ranked"))
    if rank is None or not count:
        return "—"
    return t("district.rank_of", lang, rank=int(rank), n=int(count))


def scorecard_table(card: Scorecard, lang: str) -> pd.DataFrame:
    """One display row per assessed target, worst first."""
    c = lambda key: t(f"district.col.{key}", lang)  # noqa: E731
    rows = [{
        c("status"): statuses.badge(row["status"], lang),
        c("indicator"): pick(row, "name", lang),
        c("value"): fmt.with_unit(row.get("value"), row, lang),
        c("target"): fmt.target(row, lang),
        c("progress"): pct(row.get("progress_pct")),
        c("elapsed"): pct(row.get("time_pct")),
        c("rank"): rank_text(row, lang),
        c("city"): fmt.with_unit(row.get("city_value"), row, lang),
        c("action"): int(row["action_no"]),
        c("id"): row["indicator_id"],
        c("updated"): freshness.updated_on(row) or "—",
    } for row in card.judged]
    return with_provenance(_without_elapsed(pd.DataFrame(rows), card, lang), card.judged, lang)


def _without_elapsed(table: pd.DataFrame, card: Scorecard, lang: str) -> pd.DataFrame:
    """No time-elapsed column in the target year (tracker/judgement.py), where no row has one."""
    if any(_num(row.get("time_pct")) is not None for row in card.judged):
        return table
    return table.drop(columns=[t("district.col.elapsed", lang)], errors="ignore")


def with_provenance(table: pd.DataFrame, rows: list[Row], lang: str) -> pd.DataFrame:
    """The table with each figure's kind (demo or imported), source and note (``prov.col.note``) beside it."""
    if not rows or "batch_kind" not in rows[0]:
        return table
    figures = pd.DataFrame(rows).rename(columns={"value_year": "year"})
    for name, values in provenance.columns(figures, lang).items():
        table[name] = values
    return table


def shares_table(card: Scorecard, lang: str) -> pd.DataFrame:
    """One display row per city total split by district: the district's figure and share."""
    c = lambda key: t(f"district.col.{key}", lang)  # noqa: E731
    rows = [{
        c("indicator"): pick(row, "name", lang),
        c("share"): pct(row.get("share_of_city_pct")),
        c("value"): fmt.with_unit(row.get("value"), row, lang),
        c("rank"): rank_text(row, lang),
        c("city"): fmt.with_unit(row.get("city_value"), row, lang),
        c("action"): int(row["action_no"]),
        c("id"): row["indicator_id"],
    } for row in card.split]
    return with_provenance(pd.DataFrame(rows), card.split, lang)


def export_table(card: Scorecard, district: str, year: int, lang: str) -> pd.DataFrame:
    """The whole scorecard for download: labels in ``lang``, numbers as numbers, units beside them."""
    c = lambda key: t(f"district.col.{key}", lang)  # noqa: E731
    rows = []
    for row in card.judged + card.split:
        is_judged = bool(row["is_judged"])
        rows.append({
            t("filter.district", lang): district,
            t("year.label", lang): year,
            c("id"): row["indicator_id"],
            c("action"): int(row["action_no"]),
            c("indicator"): pick(row, "name", lang),
            c("kind"): t("district.kind.judged" if is_judged else "district.kind.split", lang),
            c("status"): statuses.label(row["status"], lang) if is_judged else "",
            c("value"): _num(row.get("value")),
            t("col.unit", lang): fmt.unit(row, lang),
            c("target"): fmt.target(row, lang),
            c("progress"): _num(row.get("progress_pct")),
            c("elapsed"): _num(row.get("time_pct")),
            c("score"): _num(row.get("score")),
            c("rank"): _num(row.get("rank_in_districts")),
            c("city"): _num(row.get("city_value")),
            c("share"): _num(row.get("share_of_city_pct")),
            c("year"): _num(row.get("value_year")),
        })
    return with_provenance(_without_elapsed(pd.DataFrame(rows), card, lang), card.judged + card.split, lang)


def city_only_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame([{
        t("district.col.id", lang): row["indicator_id"],
        t("district.col.indicator", lang): pick(row, "name", lang),
        t("district.col.scope", lang): t(f"scope.{row['scope']}", lang),
        t("district.col.action", lang): int(row["action_no"]),
    } for row in records(frame)])
