"""总览 Overview: what is off track first, then every action as a tile, for the city or one district."""
import streamlit as st

from components import context, data, filters, frame, overview_ui, theme
from components.i18n import t

frame.routed()

lang = context.lang()
theme.apply()
plan = data.default_plan()
years = data.q("overview_years", plan_id=plan["plan_id"])["year"].tolist()
if not years:
    st.title(t("overview.title", lang), anchor=False)
    st.info(t("overview.no_data", lang), icon=":material/info:")
    st.stop()

with st.container(horizontal=True, key="overview-top", gap="medium", vertical_alignment="bottom"):
    st.title(t("overview.title", lang), width="content", anchor=False)
    with st.container(width=240):
        area_code, bad_area = filters.district_picker(lang, key="overview_district")
    with st.container(width=160):
        year, bad_year = filters.year_picker(years, lang, key="overview_year")
filters.render_problems(lang, [("district", bad_area), ("year", bad_year)])

is_district = area_code != filters.CITY
area = area_code if is_district else None
area_name = filters.area_names(lang)[area_code] if is_district else t("filter.whole_city", lang)
targets = data.q("overview_targets", plan_id=plan["plan_id"], year=year, area_code=area)
actions = data.q("overview_actions", plan_id=plan["plan_id"], year=year, area_code=area)
links = overview_ui.link_params(lang, area, year if year != max(years) else None)

overview_ui.headline(plan, year, area_name, actions, lang)
if is_district:
    overview_ui.district_note(area_name, targets, lang)
overview_ui.off_track_list(targets, lang, links)
overview_ui.action_tiles(actions, lang, links, is_district=is_district)
if is_district:
    overview_ui.city_only_list(targets, lang)
