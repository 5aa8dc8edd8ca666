"""总览 Overview: what is off track first, then every action as a tile, for the city or one district."""
import streamlit as st

from components import changes, data, filters, frame, freshness, theme, url_state
from components.i18n import t
from components.screens import overview as screen
from tracker.areas import shown_area

frame.routed()

lang = url_state.lang()
theme.apply()
plan = data.default_plan()
years = [r["year"] for r in data.rows("plan_years", plan_id=plan["plan_id"])]
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
    with st.container(width=220):
        since, bad_since = changes.since_picker(plan["plan_id"], lang, key="overview_since")
url_state.report(lang, [("district", bad_area), ("year", bad_year), ("since", bad_since)])

area = shown_area(area_code, filters.city())
is_district = area is not None
area_name = filters.area_names(lang)[area_code] if is_district else t("filter.whole_city", lang)
view = screen.overview(plan["plan_id"], year, area, area_name, lang)
links = screen.link_params(lang, area, year if year != max(years) else None)

screen.draw_headline(view, lang)
st.caption(freshness.line(plan["plan_id"], year, area, lang))
if since:
    changes.draw(changes.changes(plan["plan_id"], since, year, area, lang), lang, key="overview", scope=area_name)
screen.draw_district(view, lang)
screen.draw_off_track(view, lang, links)
screen.draw_small_map(screen.small_map(plan["plan_id"], year, area, lang), lang)
screen.draw_tiles(view, lang, links)
screen.draw_city_only(view, lang)
