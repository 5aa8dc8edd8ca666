"""地图 Map: a coverage target district by district; tap a district to see its figures."""
import functools

import streamlit as st

from components import context, data, filters, frame, heatmap, maps, theme
from components.i18n import t

frame.routed()

lang = context.lang()
theme.apply()
plan = data.default_plan()
st.title(t("map.title", lang), anchor=False)
st.caption(t("map.lead", lang))

targets = data.q("map_targets", plan_id=plan["plan_id"])
if targets.empty:
    st.info(t("map.no_targets", lang))
    st.stop()

choices = maps.target_choices(targets, lang)
pickers = st.container(horizontal=True, vertical_alignment="bottom")
indicator_id, bad_indicator = context.url_selectbox(
    t("map.target", lang), list(choices), param="indicator", key="map_indicator",
    default=maps.default_target(targets), format_func=choices.get, container=pickers,
)
target = maps.row(targets, "indicator_id", indicator_id)
years = data.q("map_years", indicator_id=indicator_id)["year"].tolist()
if not years:
    filters.render_problems(lang, [("indicator", bad_indicator)])
    st.info(t("map.no_data", lang))
    st.stop()
year, bad_year = filters.year_picker(years, lang, key="map_year", container=pickers.container(width=150))

values = data.q("map_district_values", indicator_id=indicator_id, year=year)
codes = maps.district_codes(values)
district, bad_district = context.url_value("district", codes + [filters.CITY])
filters.render_problems(lang, [("indicator", bad_indicator), ("year", bad_year), ("district", bad_district)])

view, classes = maps.district_view(values, target, lang)
st.markdown(f"**{maps.summary(view, target, year, lang)}**")

deck = maps.district_map(view, selected=district, basemap=maps.basemap_from_env())
with st.container(horizontal=True, gap="medium"):
    with st.container(width=maps.MAP_WIDTH):
        st.pydeck_chart(
            deck, on_select=functools.partial(maps.sync_selection, "map", maps.feature_codes(view)),
            selection_mode="single-object", key="map", height=maps.MAP_HEIGHT, width="stretch",
            alt=t("map.alt", lang, name=choices[indicator_id], year=year),
        )
    with st.container(width=320, key="map_panel"):
        legend = maps.legend(view, classes, target, lang)
        st.vega_lite_chart(heatmap.spec("legend", legend, t("map.legend", lang)), width="stretch", theme=None)
        maps.district_panel(maps.row(values, "area_code", district or filters.CITY), target, lang)

st.subheader(t("map.table", lang), anchor=False)
st.dataframe(maps.district_table(view, target, lang), hide_index=True, width="stretch")
