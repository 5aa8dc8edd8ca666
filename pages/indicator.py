"""指标 Indicator (?indicator=ID): the trend, every area and year, the revision history, the metadata,
and downloads of the numbers."""
import functools

import streamlit as st

from components import data, filters, frame, paging, targets, theme, url_state
from components.downloads import table_downloads
from components.i18n import pick, t
from components.safe import md, t_md
from components.screens import indicator as screen
from tracker.areas import shown_area

REVISIONS_PER_PAGE = 100

frame.routed()

lang = url_state.lang()
theme.apply()
plan = data.default_plan()
plan_id = plan["plan_id"]
names = screen.names(plan_id, lang)
ids = list(names)
if not ids:                            # a plan whose targets are not imported yet
    st.title(t("nav.indicator", lang))
    st.info(t("indicator.no_targets", lang), icon=":material/info:")
    st.stop()

with st.container(horizontal=True, key="indicator-filters", gap="medium"):
    with st.container(width=420):
        indicator_id, bad_indicator = url_state.selectbox(
            t("indicator.pick", lang), ids, param="indicator", key="indicator_pick", default=ids[0],
            format_func=lambda i: t("indicator.option", lang, id=i, name=names[i]))
    with st.container(width=220):
        area_code, bad_area = filters.district_picker(lang, key="indicator_district")

row = screen.catalogue(plan_id)[indicator_id]
action_no = int(row["action_no"])
action = screen.action(plan_id, action_no)
st.title(md(pick(row, "name", lang)), anchor=False)
st.caption(t_md("indicator.lead", lang, id=indicator_id, no=action_no, action=pick(action, "name", lang)))
st.markdown(targets.lead_unit_md(row, lang))
_, bad_townships = url_state.flag(paging.TOWNSHIPS_PARAM)
url_state.report(lang, [("indicator", bad_indicator), ("district", bad_area),
                               (paging.TOWNSHIPS_PARAM, bad_townships)])

area = shown_area(area_code, filters.city())
in_action = data.q("action_targets", plan_id=plan_id, action_no=action_no, year=None, area_code=area)
status_row = targets.row_for(in_action, indicator_id)
series = data.q("series", indicator_id=indicator_id, area_code=None)
districts = data.q("indicator_districts", indicator_id=indicator_id, year=None)
area_names = filters.area_names(lang)

targets.headline(status_row, area_names.get(status_row["area_code"], status_row["area_code"]), lang)
points = targets.points_for(series, status_row)
if shown_provenance := targets.provenance_md(status_row, points, lang):
    st.markdown(shown_provenance)
targets.trend(status_row, points, lang, key="indicator_series_chart")
targets.wording(row, lang)
targets.breakdown(status_row, districts, None, lang, key="indicator_districts")
screen.draw_notes(plan_id, indicator_id, status_row["area_code"], area_names, lang)

st.header(t("indicator.table_title", lang), anchor=False)
extra = {"count_new": "indicator.table_count_new", "growth_rate": "indicator.table_growth",
         "qualitative": "indicator.table_qualitative"}.get(row["measure"])
st.caption(t("indicator.table_caption", lang, extra=t(extra, lang) if extra else ""))
if series.empty:
    st.info(t("indicator.no_values", lang), icon=":material/info:")
else:
    townships = screen.values(plan_id, indicator_id, lang, False)["townships"]
    township_rows = screen.township_rows_count(indicator_id) if row["scope"] == "township_share" else 0
    with_townships = paging.township_switch(townships or township_rows, lang, key="indicator_townships")
    table = screen.values(plan_id, indicator_id, lang, with_townships)["table"]
    st.dataframe(table, hide_index=True, width="stretch")
    if townships and not with_townships:
        st.caption(t("indicator.townships_hidden", lang, n=f"{townships:,}"))
    # every area, townships included, built only when a download button is pressed
    table_downloads(functools.partial(screen.area_year_table, series, row, lang, numeric=True),
                    f"{indicator_id}-values", lang, "indicator_values")
    if township_rows and with_townships:
        screen.draw_townships(indicator_id, area, lang)
    screen.draw_figures(plan_id, indicator_id, lang, with_townships)

st.header(t("indicator.revisions_title", lang), anchor=False)
st.caption(t("indicator.revisions_caption", lang))
stored = int(data.q("revisions_count", indicator_id=indicator_id)["stored_rows"].iloc[0])
rows = paging.pager(stored, REVISIONS_PER_PAGE, lang, key=f"indicator_revisions_page_{indicator_id}")
st.dataframe(screen.history(plan_id, indicator_id, lang, rows.limit, rows.offset), hide_index=True,
             width="stretch", height=300)
# the whole history (by area and year), read and built only when a download button is pressed
table_downloads(functools.partial(screen.history_download, indicator_id, row, lang),
                f"{indicator_id}-revisions", lang, "indicator_revisions")

st.header(t("indicator.meta_title", lang), anchor=False)
st.table(screen.metadata(plan_id, indicator_id, lang, screen.is_final(status_row)), hide_index=True)
st.page_link("pages/action.py", label=t("indicator.to_action", lang, no=action_no), icon=":material/arrow_back:",
             query_params=url_state.carried(lang, action=action_no, indicator=indicator_id))
