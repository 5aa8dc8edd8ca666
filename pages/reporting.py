"""填报 Reporting: the round, each unit's state, the review queue, the missing figures, a unit's own items.

A signed-in unit sees only its own row and items; the office (an administrator signed in on the Data
page) sees every unit's missing figures and reviews submissions (components.screens.reporting)."""
import streamlit as st

from components import frame, theme, unit_access, url_state
from components.i18n import t
from components.screens import reporting as screen

frame.routed()
theme.apply()

lang = url_state.lang()
st.title(t("reporting.title", lang), anchor=False)
st.caption(t("reporting.lead", lang))
screen.flash()
rnd = screen.round_picker(lang)
if rnd is None:
    st.stop()

unit = unit_access.sign_in(lang)
office = unit_access.office_who()
status = screen.unit_status(rnd)
if unit and not office:
    screen.units_section(rnd, status[status["unit_id"] == unit[0]], lang)
    screen.my_items(rnd, unit[0], lang)
else:
    screen.units_section(rnd, status, lang)
    screen.review_queue(rnd, office, lang)
    if office:
        screen.missing_section(rnd, status, lang)
