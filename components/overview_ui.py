"""The overview's pieces: the headline, the off-track list, the action tiles, the city-only targets.

The pure helpers (``headline_counts``, ``off_track``, ``progress_bar_html``, ``latest_vs_target``,
``link_params``) take frames and return plain values, so tests can check them without a page.
Every status is shown with its word and icon; its colour is a third cue on the container's border.
"""
from __future__ import annotations

import html
import math
from typing import Any, Mapping

import pandas as pd
import streamlit as st

from components import fmt, status_ui
from components.frame import ROOT
from components.i18n import pick, t
from components.theme import status_key
from tracker import statuses

ACTION_PAGE = "pages/action.py"
SHOWN_OFF_TRACK = 12   # off-track items shown at once; the rest sit in an expander below them


# ---- pure helpers -------------------------------------------------------------------------------

def headline_counts(actions: pd.DataFrame) -> dict[str, int]:
    """Targets per status over every action (worst first, zeros kept), from overview_actions."""
    return {code: int(actions[f"count_{code}"].sum()) if f"count_{code}" in actions else 0
            for code in statuses.ORDER}


def off_track(targets: pd.DataFrame) -> pd.DataFrame:
    """The off-track targets, worst first: by status order, then the lowest score, then the action."""
    rows = targets[targets["status"].isin(statuses.OFF_TRACK)].copy()
    rows["_order"] = rows["status"].map(statuses.order)
    rows = rows.sort_values(["_order", "score", "action_no", "indicator_id"], na_position="last")
    return rows.drop(columns="_order").reset_index(drop=True)


def finite(x: Any) -> float | None:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def pct(x: Any) -> str:
    value = finite(x)
    return "—" if value is None else f"{fmt.number(value, 0)}%"


def progress_bar_html(progress_pct: Any, time_pct: Any, color: str, lang: str) -> str:
    """The 完成进度 bar (clipped to 0–100) with a marker at 序时进度. Numbers only: no catalogue text."""
    progress, elapsed = finite(progress_pct), finite(time_pct)
    fill = 0.0 if progress is None else min(max(progress, 0.0), 100.0)
    label = html.escape(t("overview.bar_label", lang, p=pct(progress), t=pct(elapsed)))
    mark = "" if elapsed is None else (
        f'<div class="cp-bar-mark" style="left:{min(max(elapsed, 1.0), 99.0):.1f}%"></div>')
    return (f'<div class="cp-bar" role="img" aria-label="{label}">'
            f'<div class="cp-bar-fill" style="width:{fill:.1f}%;background:{html.escape(color)}"></div>'
            f"{mark}</div>")


def latest_vs_target(row: Mapping[str, Any], lang: str) -> str:
    """'行动12　2025年：85%　目标：≥ 90%' / 'Action 12 · 2025: 85% · target ≥ 90%'."""
    if row.get("comparator") == "qualitative":
        return t("overview.latest_qualitative", lang, action=int(row["action_no"]))
    target = fmt.target(row, lang)
    value = finite(row.get("value"))
    if value is None or finite(row.get("status_year")) is None:
        return t("overview.latest_none", lang, action=int(row["action_no"]), target=target)
    return t("overview.latest_vs_target", lang, action=int(row["action_no"]), year=int(row["status_year"]),
             value=fmt.with_unit(value, row, lang), target=target)


def link_params(lang: str, area_code: str | None, year: int | None) -> dict[str, str]:
    """The URL state a link to another page keeps: language, district, year (defaults left out)."""
    params: dict[str, str] = {}
    if lang != "zh":
        params["lang"] = lang
    if area_code:
        params["district"] = area_code
    if year is not None:
        params["year"] = str(year)
    return params


def badge(code: str, lang: str) -> None:
    """The status as a coloured badge with its icon and word in the label.

    (status_ui.badge passes the icon as st.badge's ``icon``, which takes only emoji or material
    icons, so '▲' fails there; reported to the lead. Same colours, icon kept in the text.)
    """
    st.badge(status_ui.text(code, lang), color=status_ui._BADGE_COLOR.get(code, "gray"))


def action_link(action_no: int, label: str, params: Mapping[str, str], *, key: str | None = None) -> None:
    """A tap target to the action page, or plain bold text while that page does not exist."""
    if (ROOT / ACTION_PAGE).exists():
        st.page_link(ACTION_PAGE, label=label, query_params={"action": str(action_no), **params},
                     width="stretch")
    else:
        st.markdown(f"**{label}**")


# ---- the headline -------------------------------------------------------------------------------

def assessment_line(plan: Mapping[str, Any], year: int, lang: str) -> str:
    key = "overview.final" if year >= int(plan["target_year"]) else "overview.interim"
    return t(key, lang, year=year, start=int(plan["start_year"]), end=int(plan["target_year"]))


def headline(plan: Mapping[str, Any], year: int, area_name: str, actions: pd.DataFrame, lang: str) -> None:
    """One sentence a leader reads first, then the count of targets per status."""
    counts = headline_counts(actions)
    total = sum(counts.values())
    if total == 0:
        st.markdown(f"**{assessment_line(plan, year, lang)}** {t('overview.summary_none', lang, area=area_name)}")
        return
    good = sum(counts[c] for c in statuses.GOOD)
    off = sum(counts[c] for c in statuses.OFF_TRACK)
    summary = t("overview.summary", lang, area=area_name, n=total, good=good, off=off)
    st.markdown(f"**{assessment_line(plan, year, lang)}** {summary}")
    count_chips(counts, lang, key="overview")


def count_chips(counts: Mapping[str, int], lang: str, *, key: str) -> None:
    """The total and one chip per status that has targets, worst first."""
    with st.container(horizontal=True, key=f"{key}-chips-counts", gap="small"):
        with st.container(border=True, key=f"{key}-count-total", width=120):
            st.metric(t("overview.total", lang), sum(counts.values()))
        for code, n in counts.items():
            if n:
                with st.container(border=True, key=f"{key}-count-{code}{status_key(code)}", width=120):
                    st.metric(status_ui.text(code, lang), n)


# ---- the off-track list -------------------------------------------------------------------------

def _off_track_item(row: Mapping[str, Any], lang: str, params: Mapping[str, str]) -> None:
    code = row["status"]
    with st.container(border=True, key=f"off-{row['indicator_id']}{status_key(code)}"):
        label = t("overview.off_item", lang, status=status_ui.text(code, lang), name=pick(row, "name", lang))
        action_link(int(row["action_no"]), label, params)
        st.caption(latest_vs_target(row, lang))


def _off_track_line(row: Mapping[str, Any], lang: str, params: Mapping[str, str]) -> None:
    """The compact form for the rest of the list: one tap target holding status, name and figures."""
    code = row["status"]
    with st.container(key=f"off-{row['indicator_id']}{status_key(code)}"):
        label = t("overview.off_item", lang, status=status_ui.text(code, lang), name=pick(row, "name", lang))
        action_link(int(row["action_no"]), f"{label}{t('overview.off_sep', lang)}{latest_vs_target(row, lang)}", params)


def off_track_list(targets: pd.DataFrame, lang: str, params: Mapping[str, str], *, key: str = "overview") -> None:
    """Every off-track target, worst first, each a tap away from its action."""
    rows = off_track(targets).to_dict("records")
    with st.container(key=f"{key}-offtrack"):
        st.subheader(t("overview.off_title", lang, n=len(rows)), anchor=False)
        if not rows:
            st.success(t("overview.off_none", lang), icon=":material/check_circle:")
            return
        st.caption(t("overview.off_order", lang))
        with st.container(key=f"{key}-grid-off"):
            for row in rows[:SHOWN_OFF_TRACK]:
                _off_track_item(row, lang, params)
        if len(rows) > SHOWN_OFF_TRACK:
            with st.expander(t("overview.off_more", lang, n=len(rows) - SHOWN_OFF_TRACK)):
                for row in rows[SHOWN_OFF_TRACK:]:
                    _off_track_line(row, lang, params)


# ---- the action tiles ---------------------------------------------------------------------------

def progress_block(row: Mapping[str, Any], lang: str, notes: tuple[str, ...] = ()) -> None:
    """The bar and one caption (the two percentages, then ``notes``, one a line); without a
    percentage (qualitative targets) the caption says so."""
    if finite(row.get("mean_progress_pct")) is None:
        lines = [t("overview.tile_qualitative", lang)]
    else:
        st.html(progress_bar_html(row["mean_progress_pct"], row.get("mean_time_pct"),
                                  statuses.color(row["rollup_status"]), lang))
        lines = [t("overview.progress", lang, p=pct(row["mean_progress_pct"]), t=pct(row.get("mean_time_pct")))]
    st.caption("  \n".join(lines + list(notes)))


def _tile(row: Mapping[str, Any], lang: str, params: Mapping[str, str], is_district: bool) -> None:
    no, judged, city_only = int(row["action_no"]), int(row["count_targets"]), int(row["count_city_only"])
    colour = status_key(row["rollup_status"]) if judged else ""
    with st.container(border=True, key=f"tile-{no}{colour}"):
        action_link(no, t("overview.tile_title", lang, no=no, name=pick(row, "name", lang)), params)
        if not judged:
            st.caption(t("overview.tile_no_district", lang, n=city_only))
            return
        badge(row["rollup_status"], lang)
        notes = [t("overview.tile_counts", lang, n=judged, off=int(row["count_off_track"]))]
        if is_district and city_only:
            notes.append(t("overview.tile_city_only", lang, n=city_only))
        progress_block(row, lang, tuple(notes))


def action_tiles(actions: pd.DataFrame, lang: str, params: Mapping[str, str], *, is_district: bool) -> None:
    """The actions in the source as tiles; those not in the source collapsed under one note."""
    st.subheader(t("overview.tiles_title", lang), anchor=False)
    st.caption(t("overview.tiles_lead", lang))
    in_source = actions[actions["in_source"].astype(bool)]
    with st.container(key="overview-grid-tiles"):
        for row in in_source.to_dict("records"):
            _tile(row, lang, params, is_district)
    missing_actions(actions[~actions["in_source"].astype(bool)], lang)


def missing_actions(missing: pd.DataFrame, lang: str) -> None:
    if missing.empty:
        return
    sep = "、" if lang == "zh" else ", "
    nos = sep.join(str(int(n)) for n in missing["action_no"])
    with st.expander(t("overview.not_in_source", lang, nos=nos), expanded=False):
        st.caption(t("action.not_in_source", lang))
        for row in missing.to_dict("records"):
            st.write(pick(row, "name", lang))


# ---- district mode ------------------------------------------------------------------------------

def district_note(area_name: str, targets: pd.DataFrame, lang: str) -> None:
    city_only = int(targets["is_city_only"].sum())
    st.info(t("overview.district_note", lang, area=area_name, n=len(targets) - city_only, c=city_only),
            icon=":material/info:")


def city_only_list(targets: pd.DataFrame, lang: str) -> None:
    """The targets with no figures for the chosen district, named one by one."""
    rows = targets[targets["is_city_only"].astype(bool)]
    if rows.empty:
        return
    with st.expander(t("overview.city_only_title", lang, n=len(rows)), expanded=False):
        st.caption(t("overview.city_only_why", lang))
        table = pd.DataFrame({
            t("overview.col_action", lang): rows["action_no"].astype(int).to_numpy(),
            t("col.indicator", lang): [pick(r, "name", lang) for r in rows.to_dict("records")],
            t("col.scope", lang): [t(f"scope.{s}", lang) for s in rows["scope"]],
        })
        st.dataframe(table, hide_index=True, width="stretch")
