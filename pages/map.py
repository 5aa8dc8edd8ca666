"""地图 Map: a coverage target district by district; tap a district to see its figures.

What it draws is derived once per snapshot, target, year and tap (components.screens.map)."""
import functools

import streamlit as st

from components import data, downloads, filters, frame, maps, theme, url_state
from components.i18n import t
from components.screens import map as screen

frame.routed()

lang = url_state.lang()
theme.apply()
plan_id = data.default_plan()["plan_id"]
st.title(t("map.title", lang), anchor=False)
st.caption(t("map.lead", lang))

targets = screen.targets(plan_id, lang)
if not targets["choices"]:
    st.info(t("map.no_targets", lang))
    st.stop()

choices = targets["choices"]
pickers = st.container(horizontal=True, vertical_alignment="bottom")
indicator_id, bad_indicator = url_state.selectbox(
    t("map.target", lang), list(choices), param="indicator", key="map_indicator",
    default=targets["default"], format_func=choices.get, container=pickers,
)
target = targets["rows"][indicator_id]
years = screen.years(indicator_id)
if not years:
    url_state.report(lang, [("indicator", bad_indicator)])
    st.info(t("map.no_data", lang))
    st.stop()
year, bad_year = filters.year_picker(years, lang, key="map_year", container=pickers.container(width=150))

shown = screen.districts(plan_id, indicator_id, year, lang)
district, bad_district = url_state.value("district", shown["codes"] + [filters.city()])
if district is None and bad_district is None:   # none named: the district last shown on another screen
    district = url_state.remembered("district", lambda code: code in shown["codes"])
    url_state.choose("district", district)
url_state.report(lang, [("indicator", bad_indicator), ("year", bad_year), ("district", bad_district)])

st.markdown(f"**{shown['summary']}**")

deck = screen.deck(plan_id, indicator_id, year, lang, district, maps.basemap_from_env())
# Beside the map while both fit (a tablet either way up), under it on a narrower screen; a tap
# brings the map and the district's figures to the top of the screen.
with st.container(horizontal=True, gap="small", key="map_row"):
    with st.container(width=maps.MAP_WIDTH, key="map_box"):
        key = screen.chart_key()
        st.pydeck_chart(
            deck, on_select=functools.partial(screen.sync_selection, key, shown["feature_codes"]),
            selection_mode="single-object", key=key, height=maps.MAP_HEIGHT, width="stretch",
            alt=t("map.alt", lang, name=choices[indicator_id], year=year),
        )
    with st.container(key="map_panel"):
        screen.district_panel(shown["panel"].get(district or filters.city()), target, year, lang)
        st.vega_lite_chart(shown["legend"], width="stretch", theme=None)
screen.bring_into_view()

st.header(t("map.table", lang), anchor=False)
st.dataframe(shown["table"], hide_index=True, width="stretch")
downloads.table_downloads(shown["table"], f"{indicator_id}-{year}-districts", lang, "map_table")
