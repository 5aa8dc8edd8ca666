"""对比 Compare: the districts side by side — status heatmap, rankings and the disparity lens."""
import streamlit as st

from components import context, data, downloads, filters, frame, heatmap, maps, theme
from components.i18n import t

frame.routed()

lang = context.lang()
theme.apply()
plan = data.default_plan()
plan_id = plan["plan_id"]
st.title(t("compare.title", lang), anchor=False)
st.caption(t("compare.lead", lang))

years = data.q("compare_years", plan_id=plan_id)["year"].tolist()
everything = data.q("compare_heatmap", plan_id=plan_id, year=None, action_nos=None, area_codes=None)
if not years or everything.empty:
    st.info(t("compare.no_cells", lang))
    st.stop()

action_names = heatmap.action_choices(data.q("actions", plan_id=plan_id), everything, lang)
district_names = heatmap.district_choices(everything, lang)
pickers = st.container(horizontal=True, vertical_alignment="bottom")
actions, bad_actions = heatmap.url_multiselect(
    t("compare.actions", lang), list(action_names), param="actions", key="compare_actions", cast=int,
    format_func=action_names.get, placeholder=t("compare.all", lang), container=pickers,
)
districts, bad_districts = heatmap.url_multiselect(
    t("compare.districts", lang), list(district_names), param="districts", key="compare_districts",
    format_func=district_names.get, placeholder=t("compare.all", lang), container=pickers,
)
year, bad_year = filters.year_picker(years, lang, key="compare_year", container=pickers.container(width=150))

cells = data.q("compare_heatmap", plan_id=plan_id, year=year, action_nos=tuple(actions) or None,
               area_codes=tuple(districts) or None)
filters.render_problems(lang, [("actions", bad_actions), ("districts", bad_districts), ("year", bad_year)])
if cells.empty:
    st.info(t("compare.no_cells", lang))
    st.stop()

# 1. status heatmap
view = heatmap.cells(cells, lang)
targets = heatmap.target_choices(cells, lang)
st.subheader(t("compare.heatmap", lang, year=year), anchor=False)
n_off, n_all = heatmap.off_track_count(view)
st.caption(f"{t('compare.heatmap_note', lang)} {t('compare.off_track', lang, n=n_off, total=n_all)}")
st.vega_lite_chart(heatmap.spec("heatmap", view, lang), width="stretch")
st.vega_lite_chart(heatmap.spec("legend", heatmap.status_legend(view, lang), t("compare.legend", lang)),
                   width="stretch", theme=None)
with st.expander(t("compare.table", lang)):
    table = heatmap.table(view, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    downloads.table_downloads(table, t("compare.download_name", lang, year=year), lang, key="compare_download")

# 2. rankings
st.subheader(t("compare.ranking", lang), anchor=False)
indicator_id, bad_indicator = context.url_selectbox(
    t("compare.ranking_target", lang), list(targets), param="indicator", key="compare_indicator",
    default=next(iter(targets)), format_func=targets.get,
)
if bad_indicator is not None:
    frame.invalid_param(lang, "indicator", bad_indicator)
target = maps.row(cells, "indicator_id", indicator_id)
values = data.q("map_district_values", indicator_id=indicator_id, year=year)
ranked = heatmap.ranking(values, target, lang, tuple(districts))
if ranked.empty:
    st.info(t("compare.no_ranking", lang, year=year))
else:
    st.caption(t("compare.ranking_note", lang, year=year, order=t(f"compare.order.{target['direction']}", lang)))
    st.vega_lite_chart(heatmap.spec("ranking", ranked, target, lang), width="stretch")

# 3. disparity lens
st.subheader(t("compare.disparity", lang), anchor=False)
per_year = data.q("disparity", plan_id=plan_id, indicator_id=None)
spread = heatmap.disparity_summary(per_year, cells, lang)
if spread.empty:
    st.info(t("compare.no_disparity", lang))
else:
    st.caption(t("compare.disparity_note", lang))
    st.vega_lite_chart(heatmap.spec("disparity", spread, lang), width="stretch")
    for line in heatmap.sentences(spread):
        st.markdown(line)
    if heatmap.has_target(spread, indicator_id):
        st.vega_lite_chart(heatmap.spec("cv_trend", per_year, indicator_id,
                                        t("compare.cv_trend", lang, name=targets[indicator_id])), width="stretch")
