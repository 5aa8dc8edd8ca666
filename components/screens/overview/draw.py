"""Drawing the overview (and, for meeting mode, its count chips): only Streamlit calls on the values
components/screens/overview/parts.py prepared. Every status is shown with its word and icon; its
colour is a third cue on the container's border.
"""
from __future__ import annotations

from typing import Mapping

import streamlit as st

from components import briefing, frame, status_ui
from components.downloads import table_downloads
from components.i18n import t
from components.screens.overview.parts import Overview
from components.theme import status_key

ACTION_PAGE = "pages/action.py"


def action_link(action_no: int, label: str, params: Mapping[str, str], *, key: str | None = None,
                indicator_id: str | None = None) -> None:
    """A tap target to the action page (on ``indicator_id``'s card, selected, when given), or plain
    bold text while that page does not exist."""
    target = {"indicator": indicator_id} if indicator_id else {}
    if not frame.link(ACTION_PAGE, label, query_params={"action": str(action_no), **target, **params},
                      width="stretch"):
        st.markdown(f"**{label}**")


def count_chips(counts: Mapping[str, int], lang: str, *, key: str) -> None:
    """The total and one chip per status that has targets, worst first."""
    with st.container(horizontal=True, key=f"{key}-chips-counts", gap="small"):
        with st.container(border=True, key=f"{key}-count-total", width=120):
            st.metric(t("overview.total", lang), sum(counts.values()))
        for code, n in counts.items():
            if n:
                with st.container(border=True, key=f"{key}-count-{code}{status_key(code)}", width=120):
                    st.metric(status_ui.text(code, lang), n)


def draw_headline(view: Overview, lang: str) -> None:
    st.markdown(view.headline)
    if sum(view.counts.values()):
        count_chips(view.counts, lang, key="overview")
    briefing.control(lang, key="overview_briefing")     # the Briefing control: the deck or report for what is shown


def draw_off_track(view: Overview, lang: str, params: Mapping[str, str], *, key: str = "overview") -> None:
    """Every off-track target, worst first, each a tap away from its action."""
    n = len(view.off_items) + len(view.off_more)
    final = "_final" if view.final else ""
    with st.container(key=f"{key}-offtrack"):
        st.header(t(f"overview.off_title{final}", lang, n=n), anchor=False)
        if not n:
            st.success(t(f"overview.off_none{final}", lang), icon=":material/check_circle:")
            return
        st.caption(t(f"overview.off_order{final}", lang))
        with st.container(key=f"{key}-grid-off"):
            for item in view.off_items:
                with st.container(border=True, key=item.key):
                    action_link(item.action_no, item.label, params, indicator_id=item.indicator_id)
                    st.caption(item.caption)
        if view.off_more:
            with st.expander(t("overview.off_more", lang, n=len(view.off_more))):
                for item in view.off_more:
                    with st.container(key=item.key):
                        action_link(item.action_no, item.label, params, indicator_id=item.indicator_id)


def draw_tiles(view: Overview, lang: str, params: Mapping[str, str]) -> None:
    """The actions in the source as tiles; those not in the source collapsed under one note."""
    st.header(t("overview.tiles_title", lang), anchor=False)
    st.caption(t("overview.tiles_lead_final" if view.final else "overview.tiles_lead", lang))
    with st.container(key="overview-grid-tiles"):
        for item in view.tiles:
            with st.container(border=True, key=item.key):
                action_link(item.action_no, item.title, params)
                if item.judged:
                    st.markdown(item.body, unsafe_allow_html=True)
                else:
                    st.caption(item.body)
    if view.missing is not None:
        label, names = view.missing
        with st.expander(label, expanded=False):
            st.caption(t("action.not_in_source", lang))
            st.markdown(names)


def draw_district(view: Overview, lang: str) -> None:
    if view.district_note:
        st.info(view.district_note, icon=":material/info:")


def draw_city_only(view: Overview, lang: str) -> None:
    """The targets with no figures for the chosen district, named one by one."""
    if view.city_only is None:
        return
    label, table = view.city_only
    with st.expander(label, expanded=False):
        st.caption(t("overview.city_only_why", lang))
        st.dataframe(table, hide_index=True, width="stretch")
        table_downloads(table.to_pandas, t("overview.city_only_file", lang), lang, "overview_city_only")
