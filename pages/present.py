"""会议模式 Meeting mode (?present=1): large type, no sidebar or filters, the off-track list and then
one slide per action, advancing by itself every ``every`` seconds or at a tap."""
import streamlit as st

from components import context, data, filters, frame, present_ui, theme
from components.i18n import t

frame.routed()

lang = context.lang()
theme.apply(present=True)
plan = data.default_plan()
years = data.q("overview_years", plan_id=plan["plan_id"])["year"].tolist()
if not years:
    st.title(t("nav.present", lang))
    st.info(t("overview.no_data", lang), icon=":material/info:")
    st.stop()

year, bad_year = context.url_value("year", years, max(years), int)
names = filters.area_names(lang)
area_code, bad_area = context.url_value("district", list(names), filters.CITY)
area = None if area_code == filters.CITY else area_code
targets = data.q("overview_targets", plan_id=plan["plan_id"], year=year, area_code=area)
actions = data.q("overview_actions", plan_id=plan["plan_id"], year=year, area_code=area)
slide_list = present_ui.slides(actions)
settings = present_ui.read_settings(st.query_params, len(slide_list))
present_ui.problems([(n, v) for n, v in (("year", bad_year), ("district", bad_area)) if v is not None]
                    + settings.problems, lang)

mode = data.q("data_mode")
notes = [t("present.area", lang, area=names[area_code] if area else t("filter.whole_city", lang))]
if len(mode) and bool(mode.iloc[0]["is_demo"]):
    notes.append(t("present.demo", lang))
by_no = {int(row["action_no"]): row for row in actions.to_dict("records")}


def draw(slide) -> None:
    if slide == present_ui.OFF_SLIDE:
        present_ui.off_track_slide(plan, year, targets, actions, lang)
    else:
        present_ui.action_slide(by_no[slide], targets, lang)
    st.caption(" · ".join(notes))


present_ui.deck(slide_list, settings, draw, lang)
