"""区县 District: one district's scorecard across every target with district figures, its rank among
the ten districts, its strongest and weakest targets, and the targets tracked for the city only."""
import streamlit as st

from components import context, data, district_ui, downloads, filters, frame, theme
from components.i18n import t

frame.routed()

lang = context.lang()
theme.apply()
plan = data.default_plan()
areas = data.q("areas")
names = district_ui.district_names(areas, lang)
heading = st.empty()

with st.container(horizontal=True, key="district-filters", gap="medium"):
    with st.container(width=260):
        district, bad_district = district_ui.picker(names, lang, key="district_pick")
    years, year, bad_year = district_ui.plan_years(plan), None, None
    if years:
        with st.container(width=180):
            year, bad_year = filters.year_picker(years, lang, key="district_year")

name = names[district]
heading.title(t("district.title", lang, name=name))
district_ui.report_bad(lang, bad_district, district_ui.city_code(areas), name)
filters.render_problems(lang, [("year", bad_year)])
if year is None:
    st.info(t("district.no_data", lang), icon=":material/info:")
    st.stop()
st.caption(t("district.lead", lang, name=name, year=year))

card = district_ui.Scorecard.from_frame(
    data.q("district_scorecard", plan_id=plan["plan_id"], district=district, year=year))
standing = data.q("district_standing", plan_id=plan["plan_id"], year=year, district=district)
city_only = data.q("district_city_only", plan_id=plan["plan_id"])
links = {"lang": lang} if lang != "zh" else {}

counts = district_ui.status_counts(card)
district_ui.headline(standing, counts, lang)
district_ui.counts_row(counts, lang)
best, worst = district_ui.best_and_worst(card)
district_ui.best_worst(best, worst, lang, links)
district_ui.scorecard(card, lang)
st.caption(t("district.download", lang))
downloads.table_downloads(district_ui.export_table(card, name, year, lang),
                          t("district.file", lang, name=name, year=year), lang, key="district_download")
district_ui.shares(card, name, lang)
district_ui.city_only(city_only, lang)
st.page_link("pages/overview.py", label=t("district.to_overview", lang, name=name), icon=":material/dashboard:",
             query_params={**links, "district": district, "year": str(year)})
