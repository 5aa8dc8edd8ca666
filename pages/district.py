"""区县 District: one district's scorecard across every target with district figures, its rank among
the ten districts, its strongest and weakest targets, and the targets tracked for the city only."""
import streamlit as st

from components import data, downloads, filters, frame, theme, url_state
from components.i18n import t
from components.safe import t_md
from components.screens import district as screen

frame.routed()

lang = url_state.lang()
theme.apply()
plan = data.default_plan()
names = screen.names_for(lang)
heading = st.empty()

with st.container(horizontal=True, key="district-filters", gap="medium"):
    with st.container(width=260):
        district, bad_district = screen.picker(names, lang, key="district_pick")
    years, year, bad_year = screen.plan_years(plan), None, None
    if years:
        with st.container(width=180):
            year, bad_year = filters.year_picker(years, lang, key="district_year")

name = names[district]
heading.title(t_md("district.title", lang, name=name))
screen.report_bad(lang, bad_district, filters.city(), name)
url_state.report(lang, [("year", bad_year)])
if year is None:
    st.info(t("district.no_data", lang), icon=":material/info:")
    st.stop()
st.caption(screen.lead(plan, name, year, lang))

view = screen.view(plan["plan_id"], district, year, name, lang, int(plan["target_year"]))
links = url_state.carried(lang)

screen.headline(view)
screen.counts_row(view, lang)
screen.best_worst(view, lang, links)
screen.scorecard(view, lang)
st.caption(t("district.download", lang))
downloads.table_downloads(view.export, t("district.file", lang, name=name, year=year), lang, key="district_download")
screen.coverage(view, district, lang, links)
screen.shares(view, name, lang)
screen.city_only(view, lang)
frame.link("pages/overview.py", t_md("district.to_overview", lang, name=name), icon=":material/dashboard:",
           query_params={**links, "district": district, "year": str(year)})
