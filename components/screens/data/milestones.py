"""Qualitative targets' milestones: those in force (townships behind a switch) and the editor."""
from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from components import paging
from components.downloads import table_downloads
from components.i18n import pick, t
from components.screens.data.writes import done, request, take, write
from tracker import statuses
from tracker.importer import apply

MILESTONES = ("not_started", "in_progress", "done")


# ---- milestones ---------------------------------------------------------------------------------
MILESTONES_PER_PAGE = 300


def milestones_table(current: pd.DataFrame, areas: dict[str, str], lang: str) -> pd.DataFrame:
    """The milestones in force, one row per qualitative target and area (from whole columns)."""
    badges = {m: statuses.badge(statuses.MILESTONE_STATUS.get(m, "no_data"), lang)
              for m in current["milestone"].unique().tolist()}
    names = current[f"name_{'en' if lang == 'en' else 'zh'}"].tolist()
    return pd.DataFrame({
        t("data.col.indicator", lang): [f"{i} {'' if n is None or n != n else n}"
                                       for i, n in zip(current["indicator_id"].tolist(), names)],
        t("data.col.area", lang): [areas.get(a, a) for a in current["area_code"].tolist()],
        t("data.col.year", lang): current["year"],
        t("data.col.milestone", lang): current["milestone"].map(badges),
        t("data.col.note", lang): current["note"].fillna(""),
        t("data.col.by", lang): current["created_by"],
        t("data.col.at", lang): pd.to_datetime(current["created_at"]).dt.strftime("%Y-%m-%d"),
    })


def milestone_panel(plan: dict, current: pd.DataFrame, targets: pd.DataFrame, areas: dict[str, str],
                    who: str | None, lang: str, townships: frozenset[str] = frozenset()) -> None:
    """The milestones in force (the city, districts and regions; the townships among ``townships``
    behind a switch, long lists a page at a time; the downloads hold every row), then the form."""
    st.caption(t("data.ms_lead", lang))
    if current.empty:
        st.caption(t("data.ms_none", lang))
    else:
        in_township = current["area_code"].isin(townships)
        count = int(current.loc[in_township, "area_code"].nunique())
        shown = current if paging.township_switch(count, lang, key="data_ms_townships") else current[~in_township]
        rows = paging.pager(len(shown), MILESTONES_PER_PAGE, lang, key="data_ms_page")
        shown = shown.iloc[rows.offset:rows.offset + rows.limit]
        st.dataframe(paging.lean(milestones_table(shown, areas, lang)), hide_index=True, width="stretch",
                     height=320 if len(shown) > 8 else "auto")
        table_downloads(functools.partial(milestones_table, current, dict(areas), lang),
                        f"milestones-{plan['plan_id']}", lang, key="data_milestones")
    if not who:
        return
    qualitative = targets[(targets["plan_id"] == plan["plan_id"]) & (targets["comparator"] == "qualitative")]
    if qualitative.empty:
        st.caption(t("data.ms_no_targets", lang))
        return
    names = {r["indicator_id"]: f"{r['indicator_id']} {pick(r, 'name', lang)}" for r in qualitative.to_dict("records")}
    years = list(range(int(plan["target_year"]), int(plan["baseline_year"]) - 1, -1))
    with st.form("data_ms_form", border=True):
        st.markdown(f"**{t('data.ms_form', lang)}**")
        indicator = st.selectbox(t("data.ms_indicator", lang), list(names), format_func=names.get, key="data_ms_indicator",
                                 placeholder=t("widget.placeholder", lang))
        left, right = st.columns(2)
        area = left.selectbox(t("data.ms_area", lang), list(areas), format_func=areas.get, key="data_ms_area",
                              placeholder=t("widget.placeholder", lang))
        year = right.selectbox(t("data.ms_year", lang), years, key="data_ms_year", placeholder=t("widget.placeholder", lang))
        status = st.segmented_control(t("data.ms_status", lang), MILESTONES, key="data_ms_status", default="in_progress",
                                      format_func=lambda m: statuses.badge(statuses.MILESTONE_STATUS[m], lang))
        note = st.text_area(t("data.ms_note", lang), key="data_ms_note", max_chars=500, height=80)
        st.form_submit_button(t("data.ms_save", lang), key="data_ms_save", type="primary",
                              on_click=request, args=("milestone",))
    if take("milestone"):
        outcome = write(lang, lambda: apply.set_milestone(indicator, area, year, status or "", note.strip() or None, who))
        if outcome is not None:
            done(t("data.ms_saved", lang, batch=outcome.batch_id) if outcome.batch_id
                 else t("data.ms_unchanged", lang))
