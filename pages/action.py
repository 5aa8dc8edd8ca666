"""行动 Action (?action=N): each target as a card; the selected target's trend, districts and wording."""
import streamlit as st

from components import context, data, filters, frame, target_cards, theme
from components.i18n import pick, t

frame.routed()

lang = context.lang()
theme.apply()
plan = data.default_plan()
plan_id = plan["plan_id"]
actions = data.q("actions", plan_id=plan_id)
by_no = {int(a["action_no"]): a for a in actions.to_dict("records")}
years = data.q("action_years", plan_id=plan_id)["year"].tolist()

with st.container(horizontal=True, key="action-filters", gap="medium"):
    with st.container(width=280):
        action_no, bad_action = context.url_selectbox(
            t("action.pick", lang), list(by_no), param="action", key="action_pick",
            default=target_cards.first_in_source(actions), cast=int, format_func=lambda no: t("action.option", lang, no=no, name=pick(by_no[no], "name", lang)))
    with st.container(width=170):
        area_code, bad_area = filters.district_picker(lang, key="action_district")
    bad_year, year = None, None
    if years:
        with st.container(width=130):
            year, bad_year = filters.year_picker(years, lang, key="action_year")

action = by_no[action_no]
st.title(t("action.heading", lang, no=action_no, name=pick(action, "name", lang)))
filters.render_problems(lang, [("action", bad_action), ("district", bad_area), ("year", bad_year)])
if not action["in_source"]:
    st.info(t("action.not_in_source", lang), icon=":material/info:")
if summary := pick(action, "summary", lang):
    st.caption(target_cards.md(summary))

is_district = area_code != filters.CITY
area_names = filters.area_names(lang)
targets = data.q("action_targets", plan_id=plan_id, action_no=action_no, year=year,
                 area_code=area_code if is_district else None)
if targets.empty:
    st.caption(t("action.no_targets", lang))
    st.stop()
if not years:
    st.info(t("action.no_data", lang), icon=":material/info:")

# The selected target lives in the URL; an id from another action (a stale link) quietly falls back.
ids = targets["indicator_id"].tolist()
selected, bad_indicator = context.url_value("indicator", ids, default=ids[0])
if bad_indicator is not None:
    known = set(data.q("indicators", plan_id=plan_id, action_no=None)["indicator_id"])
    if bad_indicator in known:
        st.query_params.pop("indicator", None)
    else:
        filters.render_problems(lang, [("indicator", bad_indicator)])

series = data.q("action_series", plan_id=plan_id, action_no=action_no, year=year,
                area_code=area_code if is_district else None)
target_cards.status_summary(targets, year, target_cards.shown_area_name(targets, area_code, area_names), lang)
st.caption(t("action.pick_hint", lang))
target_cards.cards(targets, series, lang, selected)

row = target_cards.row_for(targets, selected)
points = target_cards.points_for(series, row)
districts = data.q("indicator_districts", indicator_id=selected, year=year)
target_cards.detail(row, points, districts, area_names.get(row["area_code"], row["area_code"]), year, lang)
