"""说明 Methodology: how status is decided, one status recomputed by hand, the sources, the data notes."""
import streamlit as st

from components import context, data, frame, method_ui, theme
from components.i18n import t
from tracker import methodology

frame.routed()

lang = context.lang()
theme.apply()
plan = data.default_plan()
plan_id = plan["plan_id"]
st.title(t("method.title", lang))
st.caption(t("method.lead", lang))

method_ui.method(plan, lang)

st.header(t("method.section.example", lang), anchor="example")
st.caption(t("method.example_lead", lang))
targets = data.q("method_targets", plan_id=plan_id)
if targets.empty:
    st.info(t("method.no_targets", lang), icon=":material/info:")
else:
    choices = method_ui.by_id(targets)
    indicator_id, bad_target = method_ui.linked_select(
        t("method.pick_target", lang), list(choices), param="indicator", key="method_target",
        default=method_ui.default_target(targets), format_func=method_ui.target_label(choices, lang),
        clears=("area", "year"))
    rows = data.q("method_status_rows", plan_id=plan_id, indicator_id=indicator_id)
    areas = method_ui.area_names(rows, lang)
    left, right = st.columns([3, 2])
    with left:
        area, bad_area = method_ui.linked_select(
            t("method.pick_area", lang), list(areas), param="area", key="method_area",
            default=next(iter(areas)), format_func=areas.get, clears=("year",))
    years = method_ui.years_for(rows, area)
    with right:
        year, bad_year = method_ui.linked_select(
            t("method.pick_year", lang), years, param="year", key="method_year", default=years[0], cast=int)
    method_ui.report_bad(lang, [("indicator", bad_target), ("area", bad_area), ("year", bad_year)])

    indicator, stored = choices[indicator_id], method_ui.status_row(rows, area, year)
    method_ui.target_header(indicator, lang)
    series = data.q("method_series", indicator_id=indicator_id, area_code=area, year=year)
    st.markdown(f"**{t('method.data', lang, year=year)}**")
    st.table(method_ui.series_table(series, indicator, lang), hide_index=True, border="horizontal")
    example = methodology.explain(stored, indicator, lang, method_ui.series_pairs(series))
    method_ui.steps(example, lang)
    method_ui.verdict(example, stored, lang)

method_ui.sources(plan, method_ui.is_demo(data.q("data_mode")), lang)
method_ui.notes(data.q("method_townships"), data.q("method_notes", plan_id=plan_id), lang)
