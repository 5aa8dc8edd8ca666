"""对比 Compare: the districts side by side — status heatmap, rankings and the disparity lens.

What it draws is derived once per snapshot and filter choice (components.screens.compare)."""
import streamlit as st

from components import data, downloads, filters, frame, theme, url_state
from components.i18n import t
from components.screens import compare as screen

frame.routed()

lang = url_state.lang()
theme.apply()
plan_id = data.default_plan()["plan_id"]
st.title(t("compare.title", lang), anchor=False)
st.caption(t("compare.lead", lang))

options = screen.choices(plan_id, lang)
if not options["years"]:
    st.info(t("compare.no_cells", lang))
    st.stop()

action_names, district_names = options["actions"], options["districts"]
pickers = st.container(horizontal=True, vertical_alignment="bottom")
actions, bad_actions = url_state.multiselect(
    t("compare.actions", lang), list(action_names), param="actions", key="compare_actions", cast=int,
    format_func=action_names.get, placeholder=t("compare.all", lang), container=pickers,
)
districts, bad_districts = url_state.multiselect(
    t("compare.districts", lang), list(district_names), param="districts", key="compare_districts",
    format_func=district_names.get, placeholder=t("compare.all", lang), container=pickers,
)
year, bad_year = filters.year_picker(options["years"], lang, key="compare_year",
                                     container=pickers.container(width=150))

shown = (plan_id, year, tuple(actions), tuple(districts))
grid = screen.status_grid(*shown, lang)
url_state.report(lang, [("actions", bad_actions), ("districts", bad_districts), ("year", bad_year)])
if grid is None:
    st.info(t("compare.no_cells", lang))
    st.stop()

# 1. status heatmap
targets = grid["targets"]
st.header(t("compare.heatmap", lang, year=year), anchor=False)
n_off, n_all = grid["off_track"]
st.caption(f"{t('compare.heatmap_note', lang)} {t('compare.off_track', lang, n=n_off, total=n_all)}")
st.vega_lite_chart(grid["heatmap"], width="stretch")
st.vega_lite_chart(grid["legend"], width="stretch", theme=None)
with st.expander(t("compare.table", lang)):
    st.dataframe(grid["table"], hide_index=True, width="stretch")
    downloads.table_downloads(grid["download"], t("compare.download_name", lang, year=year), lang,
                              key="compare_download")

# 2. rankings
st.header(t("compare.ranking", lang), anchor=False)
indicator_id, bad_indicator = url_state.selectbox(
    t("compare.ranking_target", lang), list(targets), param="indicator", key="compare_indicator",
    default=next(iter(targets)), format_func=targets.get,
)
url_state.report(lang, [("indicator", bad_indicator)])
ranked = screen.ranking_view(*shown, indicator_id, lang)
if ranked["spec"] is None:
    st.info(t("compare.no_ranking", lang, year=year))
else:
    st.caption(t("compare.ranking_note", lang, year=year, order=ranked["order"]))
    st.vega_lite_chart(ranked["spec"], width="stretch")

# 3. disparity lens
st.header(t("compare.disparity", lang), anchor=False)
spread = screen.disparity(*shown, lang)
if spread is None:
    st.info(t("compare.no_disparity", lang))
else:
    st.caption(t("compare.disparity_note", lang))
    if spread["spec"] is not None:
        st.vega_lite_chart(spread["spec"], width="stretch")
    st.markdown("\n".join(spread["sentences"]))
    if indicator_id in spread["targets"]:
        st.vega_lite_chart(screen.cv_trend(plan_id, indicator_id, targets[indicator_id], lang),
                           width="stretch")
