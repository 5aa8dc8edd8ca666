"""What the map screen shows, derived once per snapshot and shared by every session.

Each function takes hashable arguments and reads its own query results (components.data), so a
rerun looks the finished pieces up: the deck (its JSON written once), the legend's spec, the
summary sentence and the table. Results are read-only.
"""
from __future__ import annotations

from typing import Any

from components import data, heatmap, maps
from components.i18n import t


@data.per_snapshot
def targets(plan_id: str, lang: str) -> dict[str, Any]:
    """The coverage targets: their picker labels, the default one, and each one's catalogue row."""
    frame = data.q("map_targets", plan_id=plan_id)
    if frame.empty:
        return {"choices": {}, "default": None, "rows": {}}
    return {"choices": maps.target_choices(frame, lang), "default": maps.default_target(frame),
            "rows": {r["indicator_id"]: r for r in frame.to_dict("records")}}


@data.per_snapshot
def years(indicator_id: str) -> list[int]:
    return [int(y) for y in data.q("map_years", indicator_id=indicator_id)["year"].tolist()]


@data.per_snapshot
def districts(plan_id: str, indicator_id: str, year: int, lang: str) -> dict[str, Any]:
    """One target in one year: the district view, its summary, legend spec and table, the codes a tap
    can name, and the rows behind the side panel (city and districts) by area code."""
    target = targets(plan_id, lang)["rows"][indicator_id]
    values = data.q("map_district_values", indicator_id=indicator_id, year=year)
    view, classes = maps.district_view(values, target, lang)
    return {
        "view": view,
        "summary": maps.summary(view, target, year, lang),
        "legend": heatmap.spec("legend", maps.legend(view, classes, target, lang), t("map.legend", lang)),
        "table": maps.district_table(view, target, lang),
        "codes": maps.district_codes(values),
        "feature_codes": maps.feature_codes(view),
        "panel": {r["area_code"]: r for r in values.to_dict("records")},
    }


@data.per_snapshot
def deck(plan_id: str, indicator_id: str, year: int, lang: str, selected: str | None,
         basemap: str | None) -> maps.CompactDeck:
    """The choropleth with the tapped district outlined, serialised once."""
    view = districts(plan_id, indicator_id, year, lang)["view"]
    return maps.district_map(view, selected=selected, basemap=basemap).frozen()
