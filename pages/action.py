"""行动 Action (?action=N): each target as a card; the selected target's trend, districts and wording."""
import streamlit as st

from components import data, filters, frame, theme, url_state
from components.i18n import t
from components.screens import action as screen
from tracker import areas

frame.routed()

lang = url_state.lang()
theme.apply()
plan = data.default_plan()
plan_id = plan["plan_id"]
menu = screen.action_menu(plan_id, lang)
if not menu.by_no:                     # a plan whose actions are not imported yet
    st.title(t("nav.action", lang))
    st.info(t("action.no_actions", lang), icon=":material/info:")
    st.stop()
years = [r["year"] for r in data.rows("plan_years", plan_id=plan_id)]

with st.container(horizontal=True, key="action-filters", gap="medium"):
    with st.container(width=280):
        action_no, bad_action = url_state.selectbox(
            t("action.pick", lang), list(menu.labels), param="action", key="action_pick",
            default=menu.default, cast=int, format_func=menu.labels.get)
    with st.container(width=170):
        area_code, bad_area = filters.district_picker(lang, key="action_district")
    bad_year, year = None, None
    if years:
        with st.container(width=130):
            year, bad_year = filters.year_picker(years, lang, key="action_year")

action = menu.by_no[action_no]
st.title(menu.headings[action_no])
url_state.report(lang, [("action", bad_action), ("district", bad_area), ("year", bad_year)])
if not action["in_source"]:
    st.info(t("action.not_in_source", lang), icon=":material/info:")
if summary := menu.summaries[action_no]:
    st.caption(summary)

area = areas.shown_area(area_code, filters.city())
targets = data.rows("action_targets", plan_id=plan_id, action_no=action_no, year=year, area_code=area)
if not targets:
    st.caption(t("action.no_targets", lang))
    st.stop()
if not years:
    st.info(t("action.no_data", lang), icon=":material/info:")

# The selected target lives in the URL; an id from another action (a stale link) quietly falls back.
ids = [r["indicator_id"] for r in targets]
selected, bad_indicator = url_state.value("indicator", ids, default=ids[0])
if bad_indicator is not None:
    known = {r["indicator_id"] for r in data.rows("indicators", plan_id=plan_id, action_no=None)}
    if bad_indicator in known:
        url_state.drop("indicator")
    else:
        url_state.report(lang, [("indicator", bad_indicator)])

shown_area = screen.shown_area_name(targets, area_code, filters.area_names(lang))
screen.status_summary(targets, action_no, year, shown_area, lang, target_year=int(plan["target_year"]))
st.caption(t("action.pick_hint", lang))
screen.cards(screen.action_cards(plan_id, action_no, year, area, lang), lang, selected)
screen.detail(screen.action_detail(plan_id, action_no, year, area, selected, lang), lang)
screen.bring_into_view(action_no, selected, linked=bad_indicator is None and url_state.named("indicator"))
