"""The overview screen: the headline, the off-track list, the action tiles, the city-only targets and
the small district map. Meeting mode (components/screens/present.py) reads its pieces from here by
design.

One module per part: ``parts`` prepares every text, link and count from the overview queries (pure
functions); ``draw`` draws them; ``district_map`` is the small district map. ``overview`` caches the
prepared view per snapshot, plan, year, area and language (components/data.py), so a rerun only
draws: preparing it from the frames costs more than drawing it.
"""
from __future__ import annotations

from components import data, provenance
from components.screens.overview.district_map import (
    MAP_PAGE,
    SMALL_MAP_HEIGHT,
    SMALL_MAP_WIDTH,
    SmallMap,
    draw_small_map,
    map_params,
    small_map,
)
from components.screens.overview.draw import (
    ACTION_PAGE,
    action_link,
    count_chips,
    draw_city_only,
    draw_district,
    draw_headline,
    draw_off_track,
    draw_tiles,
)
from components.screens.overview.parts import (
    SHOWN_OFF_TRACK,
    OffItem,
    Overview,
    Tile,
    assessment_line,
    build,
    city_only_part,
    finite,
    grade_counts,
    headline_text,
    latest_vs_target,
    link_params,
    missing_part,
    off_items,
    pct,
    progress_bar_html,
    progress_md,
    tile,
)
from tracker.views import headline_counts, off_track

__all__ = [
    "ACTION_PAGE", "MAP_PAGE", "SHOWN_OFF_TRACK", "SMALL_MAP_HEIGHT", "SMALL_MAP_WIDTH", "OffItem", "Overview",
    "SmallMap", "Tile", "action_link", "assessment_line", "build", "city_only_part", "count_chips",
    "draw_city_only", "draw_district", "draw_headline", "draw_off_track", "draw_small_map", "draw_tiles", "finite",
    "grade_counts", "headline_counts", "headline_text", "latest_vs_target", "link_params", "map_params",
    "missing_part", "off_items", "off_track", "overview", "pct", "progress_bar_html", "progress_md", "small_map",
    "tile",
]


@data.per_snapshot
def overview(plan_id: str, year: int, area_code: str | None, area_name: str, lang: str) -> Overview:
    """The overview of one plan, year and area (None: the whole city), once per snapshot."""
    plan = next(p for p in data.rows("plans") if p["plan_id"] == plan_id)
    params = dict(plan_id=plan_id, year=year, area_code=area_code)
    return build(plan, year, area_name, data.q("overview_targets", **params), data.q("overview_actions", **params),
                 lang, is_district=area_code is not None, sources=provenance.sources_by_target(plan_id, area_code))
