"""说明 Methodology: how status is decided, one status recomputed by hand, the sources, the data notes."""
import streamlit as st

from components import data, frame, method_ui, theme, url_state
from components.i18n import t

frame.routed()

lang = url_state.lang()
theme.apply()
plan = data.default_plan()
plan_id = plan["plan_id"]
st.title(t("method.title", lang))
st.caption(t("method.lead", lang))

method_ui.method(plan, lang)

st.header(t("method.section.example", lang), anchor="example")
st.caption(t("method.example_lead", lang))
choices = method_ui.choices(plan_id, lang)
if not choices.by_id:
    st.info(t("method.no_targets", lang), icon=":material/info:")
else:
    indicator_id, bad_target = url_state.selectbox(
        t("method.pick_target", lang), list(choices.labels), param="indicator", key="method_target",
        default=choices.default, format_func=choices.labels.get, clears=("district", "year"))
    options = method_ui.options(plan_id, indicator_id, lang)
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

    worked = method_ui.worked(plan_id, indicator_id, area, year, lang)
    method_ui.target_header(choices.by_id[indicator_id], lang)
    st.markdown(f"**{t('method.data', lang, year=year)}**")
    st.table(worked.table, hide_index=True, border="horizontal")
    method_ui.steps(worked.example, lang)
    method_ui.verdict(worked.example, worked.stored, lang)

method_ui.sources(plan, method_ui.demo_data(), lang)
method_ui.notes(method_ui.notes_tables(plan_id, lang), lang)
