"""说明 Methodology: how status is decided, one status recomputed by hand, the sources, the data notes."""
import streamlit as st

from components import data, frame, theme, url_state
from components.i18n import t
from components.screens import method as screen

frame.routed()

lang = url_state.lang()
theme.apply()
plan = data.default_plan()
plan_id = plan["plan_id"]
st.title(t("method.title", lang))
st.caption(t("method.lead", lang))

screen.method(plan, lang)
screen.kinds(screen.kind_examples(plan_id, lang), lang)

st.header(t("method.section.example", lang), anchor="example")
st.caption(t("method.example_lead", lang))
choices = screen.choices(plan_id, lang)
if not choices.by_id:
    st.info(t("method.no_targets", lang), icon=":material/info:")
else:
    indicator_id, bad_target = url_state.selectbox(
        t("method.pick_target", lang), list(choices.labels), param="indicator", key="method_target",
        default=choices.default, format_func=choices.labels.get, clears=("district", "year"))
    options = screen.options(plan_id, indicator_id, lang)
    left, right = st.columns([3, 2])
    with left:
        area, bad_area = url_state.selectbox(
            t("method.pick_area", lang), list(options.areas), param="district", key="method_area",
            default=next(iter(options.areas)), format_func=options.areas.get, clears=("year",))
    years = options.years[area]
    with right:
        year, bad_year = url_state.selectbox(
            t("method.pick_year", lang), years, param="year", key="method_year", default=years[0], cast=int)
    url_state.report(lang, [("indicator", bad_target), ("district", bad_area), ("year", bad_year)])

    worked = screen.worked(plan_id, indicator_id, area, year, lang)
    screen.target_header(choices.by_id[indicator_id], lang)
    st.markdown(f"**{t('method.data', lang, year=year)}**")
    st.table(worked.table, hide_index=True, border="horizontal")
    screen.steps(worked.example, lang)
    screen.verdict(worked.example, worked.stored, lang)

screen.sources(plan, screen.demo_data(), lang)
screen.notes(screen.notes_tables(plan_id, lang), lang)
