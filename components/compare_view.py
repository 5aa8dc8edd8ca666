"""What the compare screen draws, derived once per snapshot and shared by every session.

Each function takes only hashable arguments (the plan, year, filters, language) and reads its
query results itself, so a rerun looks the finished pieces up instead of hashing frames to find
cached ones (components.data.per_snapshot). Results are read-only: specs, tables and dicts.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from components import data, heatmap, maps, paging
from components.i18n import t


@data.per_snapshot
def choices(plan_id: str, lang: str) -> dict[str, Any]:
    """The years, and the actions and districts that have district figures (the filters' options)."""
    everything = data.q("compare_heatmap", plan_id=plan_id, year=None, action_nos=None, area_codes=None)
    years = data.q("compare_years", plan_id=plan_id)["year"].tolist()
    if not years or everything.empty:
        return {"years": [], "actions": {}, "districts": {}}
    return {"years": years,
            "actions": heatmap.action_choices(data.q("actions", plan_id=plan_id), everything, lang),
            "districts": heatmap.district_choices(everything, lang)}


def _cells(plan_id: str, year: int, actions: tuple, districts: tuple) -> pd.DataFrame:
    return data.q("compare_heatmap", plan_id=plan_id, year=year, action_nos=actions or None,
                  area_codes=districts or None)


@data.per_snapshot
def status_grid(plan_id: str, year: int, actions: tuple, districts: tuple, lang: str) -> dict[str, Any] | None:
    """The heatmap and its legend (specs), the off-track count, the table on screen and the one
    downloaded, and the targets shown (for the ranking's picker); None when there are no cells."""
    cells = _cells(plan_id, year, actions, districts)
    if cells.empty:
        return None
    view = heatmap.cells(cells, lang)
    table = heatmap.table(view, lang)
    return {
        "heatmap": heatmap.spec("heatmap", view, lang),
        "legend": heatmap.spec("legend", heatmap.status_legend(view, lang), t("compare.legend", lang)),
        "off_track": heatmap.off_track_count(view),
        "table": paging.lean(table),
        "download": table,
        "targets": heatmap.target_choices(cells, lang),
    }


@data.per_snapshot
def ranking(plan_id: str, year: int, actions: tuple, districts: tuple, indicator_id: str,
            lang: str) -> dict[str, Any]:
    """One target's districts, best first: the chart's spec (None when no district has a value)
    and the order of ranking in words."""
    cells = _cells(plan_id, year, actions, districts)
    target = maps.row(cells, "indicator_id", indicator_id)
    values = data.q("map_district_values", indicator_id=indicator_id, year=year)
    ranked = heatmap.ranking(values, target, lang, districts)
    return {"spec": None if ranked.empty else heatmap.spec("ranking", ranked, target, lang),
            "order": t(f"compare.order.{target['direction']}", lang)}


@data.per_snapshot
def disparity(plan_id: str, year: int, actions: tuple, districts: tuple, lang: str) -> dict[str, Any] | None:
    """The disparity lens for the targets shown: the dumbbell chart's spec, one sentence per
    target, and the targets it covers; None when no target has a spread to show."""
    cells = _cells(plan_id, year, actions, districts)
    per_year = data.q("disparity", plan_id=plan_id, indicator_id=None)
    spread = heatmap.disparity_summary(per_year, cells, lang)
    if spread.empty:
        return None
    return {"spec": heatmap.spec("disparity", spread, lang), "sentences": heatmap.sentences(spread),
            "targets": frozenset(spread["indicator_id"])}


@data.per_snapshot
def cv_trend(plan_id: str, indicator_id: str, title: str) -> dict:
    """The spec of one target's spread (coefficient of variation) year by year."""
    per_year = data.q("disparity", plan_id=plan_id, indicator_id=None)
    return heatmap.spec("cv_trend", per_year, indicator_id, title)
