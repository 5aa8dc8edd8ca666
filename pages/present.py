"""会议模式 Meeting mode (?present=1): large type, no sidebar or filters, the off-track list and then
one slide per action, advancing by itself every ``every`` seconds or at a tap."""
import streamlit as st

from components import changes, data, filters, frame, theme, url_state
from components.i18n import t
from components.screens import present as screen

frame.routed()

lang = url_state.lang()
theme.apply(present=True)
plan = data.default_plan()
years = [r["year"] for r in data.rows("plan_years", plan_id=plan["plan_id"])]
if not years:
    st.title(t("nav.present", lang))
    st.info(t("overview.no_data", lang), icon=":material/info:")
    st.stop()

year, bad_year = url_state.value("year", years, max(years), int)
names = filters.area_names(lang)
area_code, bad_area = url_state.value("district", list(names), filters.city())
area = None if area_code == filters.city() else area_code
deck = screen.deck_view(plan["plan_id"], year, area, names[area_code] if area else t("filter.whole_city", lang),
                            lang)
since, bad_since = url_state.value(changes.PARAM, list(changes.moments(plan["plan_id"])), None)
slide_list = ([changes.PARAM] if since else []) + list(deck.slides)    # ?since=: what changed comes first
settings = screen.read_settings(url_state.params(), len(slide_list))
url_state.report(lang, [("year", bad_year), ("district", bad_area), ("since", bad_since), *settings.problems],
                 back=False)


def draw(slide) -> None:
    if slide == changes.PARAM:
        scope = names[area_code] if area else t("changes.scope_city", lang)
        changes.draw(changes.changes(plan["plan_id"], since, year, area, lang), lang, key="present", scope=scope,
                      links=False)
    else:
        screen.draw_slide(deck.views[slide], lang)


seconds = ([settings.every] if since else []) + deck.timing(settings.every)
screen.deck(slide_list, settings, draw, lang, seconds, deck.notes)
