"""The overview's small district map (DESIGN §7): the headline coverage target as a small choropleth,
a tap on a district (or its button) opening the map screen on it."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components import charts, data, frame, maps, url_state
from components.i18n import pick, t
from components.safe import md, t_md
from tracker.views.maps import values as map_values

MAP_PAGE = "pages/map.py"
SMALL_MAP_WIDTH, SMALL_MAP_HEIGHT = 400, 380   # the small district map (DESIGN §7), in pixels


@dataclass(frozen=True)
class SmallMap:
    indicator_id: str
    year: int
    is_latest: bool              # the map screen's own default year: its links carry no ?year=
    title: str                   # Markdown (the target's name escaped)
    alt: str
    lines: tuple[str, ...]       # "宁波市：x/y个乡镇（街道）已覆盖" (and the chosen district's), escaped Markdown
    legend: dict
    codes: tuple[str, ...]       # the map layer's area codes, in the order a tap's index points into
    deck: maps.CompactDeck       # its JSON written once
    districts: tuple[tuple[str, str], ...] = ()   # (code, name) of each district: a button each beside the map


@data.per_snapshot
def small_map(plan_id: str, year: int, area_code: str | None, lang: str) -> SmallMap | None:
    """The headline coverage target (the map screen's default, components.maps.default_target) as a
    small choropleth for the overview's year (or the latest year before it with district figures),
    the chosen district outlined; None when the plan has no coverage target with figures."""
    targets = data.q("map_targets", plan_id=plan_id)
    indicator_id = maps.default_target(targets)
    years = [] if indicator_id is None else sorted(int(y) for y in data.q("map_years", indicator_id=indicator_id)["year"])
    if not years:
        return None
    target = maps.row(targets, "indicator_id", indicator_id)
    shown = max((y for y in years if y <= year), default=years[0])
    values = map_values(data.q, indicator_id, shown)
    view, classes = maps.district_view(values, target, lang)
    lines = []
    for row in (maps.row(values, "kind", "city"), area_code and maps.row(values, "area_code", area_code)):
        text = maps.townships_text(row, target, lang) if row else ""
        if text:
            lines.append(f"{md(pick(row, 'name', lang))}{t('townships.name_sep', lang)}{md(text)}")
    name = f"{indicator_id} {pick(target, 'name', lang)}"
    legend = charts.for_streamlit(charts.swatch_legend(maps.legend(view, classes, target, lang), t("map.legend", lang), lang))
    deck = maps.district_map(view, selected=area_code, width_px=SMALL_MAP_WIDTH, height_px=SMALL_MAP_HEIGHT)
    return SmallMap(indicator_id, shown, shown == years[-1], t_md("townships.map_title", lang, name=name),
                    t("townships.map_alt", lang, name=name, year=shown), tuple(lines), legend,
                    tuple(maps.feature_codes(view)), deck.frozen(),
                    tuple(zip(view["area_code"], view["name"])) if len(view) else ())


def map_params(m: SmallMap, lang: str, district: str | None) -> dict[str, str]:
    """The map screen's URL for this target (and a tapped district), keeping language and plan."""
    return url_state.carried(lang, indicator=m.indicator_id, year=None if m.is_latest else m.year, district=district)


def draw_small_map(m: SmallMap | None, lang: str) -> None:
    """The small map: a tap on a district opens the map screen on it (also a plain link, for keyboards)."""
    if m is None:
        return
    with st.container(key="overview-map"):
        st.header(m.title, anchor=False)
        st.caption(t("townships.map_year", lang, year=m.year))
        with st.container(horizontal=True, gap="medium"):
            with st.container(width=SMALL_MAP_WIDTH):
                event = st.pydeck_chart(m.deck, on_select="rerun", selection_mode="single-object", key="overview_map",
                                        height=SMALL_MAP_HEIGHT, width="stretch", alt=m.alt)
            with st.container(width=240, key="overview-map-side"):
                for line in m.lines:
                    st.markdown(f"**{line}**")
                st.vega_lite_chart(m.legend, width="stretch", theme=None)
                frame.link(MAP_PAGE, t("townships.open_map", lang), query_params=map_params(m, lang, None),
                           icon=":material/map:")
        # every district as a button too: on a tablet the small map's districts are small to tap
        st.caption(t("townships.districts_lead", lang))
        with st.container(key="overview-chips-districts", gap="small"):
            for code, name in m.districts:
                frame.link(MAP_PAGE, name, query_params=map_params(m, lang, code), width="stretch")
        tapped = maps.selected_area(event, m.codes)
        if tapped:
            st.switch_page(frame.page(MAP_PAGE) or MAP_PAGE, query_params=map_params(m, lang, tapped))
