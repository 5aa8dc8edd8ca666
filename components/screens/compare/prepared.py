"""What the compare screen draws, derived once per snapshot and filter choice for every session
(``@data.per_snapshot``); results are read-only."""
from __future__ import annotations

from typing import Any

import pandas as pd

from components import charts, data, maps, paging, provenance
from components.i18n import t
from components.screens.compare.grid import (
    action_choices,
    cells,
    district_choices,
    heatmap_chart,
    off_track_count,
    status_legend,
    table,
    target_choices,
)
from components.screens.compare.rankings import ranking, ranking_chart
from components.screens.compare.spread import cv_trend_chart, disparity_chart, disparity_summary, sentences, spread_by_year
from tracker.views import compare as compare_view
from tracker.views import maps as map_view

# --- specs ---------------------------------------------------------------------------------------
_BUILDERS = {"heatmap": heatmap_chart, "legend": charts.swatch_legend, "ranking": ranking_chart,
             "disparity": disparity_chart, "cv_trend": cv_trend_chart}


def spec(name: str, *args: Any) -> dict:
    """The Vega-Lite spec of builder ``name`` for these inputs, ready for st.vega_lite_chart."""
    return charts.for_streamlit(_BUILDERS[name](*args))


# ---- derived once per snapshot ------------------------------------------------------------------

@data.per_snapshot
def choices(plan_id: str, lang: str) -> dict[str, Any]:
    """The years, and the actions and districts that have district figures (the filters' options)."""
    everything = compare_view.rows(data.q, plan_id, None)
    years = data.q("compare_years", plan_id=plan_id)["year"].tolist()
    if not years or everything.empty:
        return {"years": [], "actions": {}, "districts": {}}
    return {"years": years,
            "actions": action_choices(data.q("actions", plan_id=plan_id), everything, lang),
            "districts": district_choices(everything, lang)}


def _cells(plan_id: str, year: int, actions: tuple, districts: tuple) -> pd.DataFrame:
    return compare_view.rows(data.q, plan_id, year, actions or None, districts or None)


@data.per_snapshot
def status_grid(plan_id: str, year: int, actions: tuple, districts: tuple, lang: str) -> dict[str, Any] | None:
    """The heatmap and its legend (specs), the off-track count, the table on screen and the one
    downloaded, and the targets shown (for the ranking's picker); None when there are no cells."""
    found = _cells(plan_id, year, actions, districts)
    if found.empty:
        return None
    view = cells(found, lang)
    sources = {(r["indicator_id"], r["area_code"], int(r["year"])): r
               for r in data.rows("district_figure_sources", plan_id=plan_id)}
    figures = [sources.get((i, a, int(y))) if y == y and y is not None else None
               for i, a, y in zip(view["indicator_id"], view["area_code"], view["year"])]
    tidy = provenance.with_columns(table(view, lang), figures, lang)
    # a demo figure is marked in the heatmap's cell too (its tooltip), not only in the table under it
    view = view.assign(value_text=[f"{text} {provenance.kind_word('demo', lang)}" if f and f.get("batch_kind") == "demo"
                                   else text for text, f in zip(view["value_text"], figures)])
    return {
        "heatmap": spec("heatmap", view, lang),
        "legend": spec("legend", status_legend(view, lang), t("compare.legend", lang), lang),
        "off_track": off_track_count(view),
        "table": paging.lean(tidy),
        "download": tidy,
        "targets": target_choices(found, lang),
    }


@data.per_snapshot
def ranking_view(plan_id: str, year: int, actions: tuple, districts: tuple, indicator_id: str,
                 lang: str) -> dict[str, Any]:
    """One target's districts, best first: the chart's spec (None when no district has a value)
    and the order of ranking in words."""
    found = _cells(plan_id, year, actions, districts)
    target = maps.row(found, "indicator_id", indicator_id)
    values = map_view.values(data.q, indicator_id, year)
    ranked = ranking(values, target, lang, districts)
    return {"spec": None if ranked.empty else spec("ranking", ranked, target, lang),
            "order": t(f"compare.order.{target['direction']}", lang)}


@data.per_snapshot
def disparity(plan_id: str, year: int, actions: tuple, districts: tuple, lang: str) -> dict[str, Any] | None:
    """The disparity lens for the targets shown: the dumbbell chart's spec, one sentence per
    target, and the targets it covers; None when no target has a spread to show."""
    found = _cells(plan_id, year, actions, districts)
    per_year = data.q("disparity", plan_id=plan_id, indicator_id=None)
    spread = disparity_summary(per_year, found, lang)
    if spread.empty:
        return None
    charted = (spread["measure"] == "ratio") & (spread["trend"] != "single")
    return {"spec": spec("disparity", spread, lang) if charted.any() else None, "sentences": sentences(spread, lang),
            "targets": frozenset(spread["indicator_id"])}


@data.per_snapshot
def cv_trend(plan_id: str, indicator_id: str, name: str, lang: str) -> dict:
    """The spec of one target's spread between districts year by year (``spread_by_year``), titled
    with the target's ``name`` and the measure in words."""
    per_year = data.q("disparity", plan_id=plan_id, indicator_id=None)
    measure, rows = spread_by_year(per_year, indicator_id)
    return spec("cv_trend", rows, t(f"compare.trend_title.{measure}", lang, name=name), 1.0 if measure == "ratio" else 0.0)
