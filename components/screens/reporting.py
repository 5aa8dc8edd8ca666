"""The Reporting screen (填报): the round, each unit's counts with its escalation state (word, icon
and colour), the lists of missing figures to send round, the office's review queue with the preview of
what accepting would change, and a signed-in unit's own items.

Who sees what: anyone sees each unit's counts and state; a signed-in unit sees only its own row,
items and submissions; the office (an administrator signed in on the Data page) sees every unit's
missing figures and reviews submissions. The state and the counts come from tracker/reporting/rounds.py."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import data, frame, status_ui, unit_access, url_state
from components.downloads import table_downloads
from components.i18n import pick, t
from components.safe import md
from tracker import freshness, statuses
from tracker.importer.results import Rejected
from tracker.reporting import review, rounds, templates

BADGE = {"green": "green", "blue": "blue", "yellow": "orange", "red": "red", "open": "gray"}
FLASH, PENDING = "reporting_flash", "reporting_pending"


# ---- the round ----------------------------------------------------------------------------------
def round_label(rnd: dict, lang: str) -> str:
    return t("reporting.round_label", lang, year=int(rnd["year"]), deadline=_date(rnd["deadline"]).isoformat())


def _date(value) -> dt.date:
    return pd.Timestamp(value).date()


def round_picker(lang: str) -> dict | None:
    """The round in ``?round=`` (the newest by default), or None when none is open (said so)."""
    found = data.q("rounds", plan_id=None)
    if found.empty:
        st.info(t("reporting.no_round", lang), icon=":material/event_busy:")
        return None
    by_id = {r["round_id"]: r for r in found.to_dict("records")}
    chosen, bad = url_state.selectbox(t("reporting.round", lang), list(by_id), param="round", key="reporting_round",
                                      default=next(iter(by_id)),
                                      format_func=lambda r: f"{round_label(by_id[r], lang)} · {r}")
    url_state.report(lang, [("round", bad)])
    return by_id[chosen]


def deadline_line(rnd: dict, lang: str) -> str:
    today = freshness.today()
    days = (_date(rnd["deadline"]) - today).days
    key = "reporting.today" if days >= 0 else "reporting.today_late"
    return t(key, lang, today=today.isoformat(), days=abs(days))


def cells(round_id: str) -> pd.DataFrame:
    return data.q("round_cells", round_id=round_id, unit_id=None)


def unit_status(rnd: dict) -> pd.DataFrame:
    """Each unit's counts and state, once per snapshot and day."""
    return data.remember("round_status", rnd["round_id"], lambda: rounds.unit_status(
        cells(rnd["round_id"]), _date(rnd["deadline"]), freshness.today()))


# ---- each unit's row ----------------------------------------------------------------------------
def state_word(state: str, lang: str) -> str:
    return t(f"reporting.state.{state}", lang)


def units_frame(status: pd.DataFrame, lang: str) -> pd.DataFrame:
    on_time = (100 * status["on_time"] / status["expected"].where(status["expected"] > 0)).round(0)
    return pd.DataFrame({
        t("reporting.col.unit", lang): [pick(r, "name", lang) for r in status.to_dict("records")],
        t("reporting.col.state", lang): status["state"].map(lambda s: state_word(s, lang)),
        t("reporting.col.expected", lang): status["expected"],
        t("reporting.col.received", lang): status["received"],
        t("reporting.col.accepted", lang): status["accepted"],
        t("reporting.col.returned", lang): status["returned"],
        t("reporting.col.missing", lang): status["missing"],
        t("reporting.col.on_time", lang): on_time.map(lambda v: "" if pd.isna(v) else f"{v:.0f}%"),
    })


def state_badges(status: pd.DataFrame, lang: str) -> str:
    """One line per unit: the state as a coloured badge holding its icon and word, then the unit."""
    return "  \n".join(
        f":{BADGE[r['state']]}-badge[{state_word(r['state'], lang)}] {md(pick(r, 'name', lang))} · "
        + t("reporting.col.missing", lang) + f" {r['missing']}"
        for r in status.to_dict("records"))


def units_section(rnd: dict, status: pd.DataFrame, lang: str) -> None:
    st.header(t("reporting.units", lang), anchor=False)
    total = status[["expected", "received", "accepted", "returned", "missing"]].sum()
    st.caption(t("reporting.summary", lang, **{k: int(v) for k, v in total.items()}) + " " + deadline_line(rnd, lang))
    st.markdown(state_badges(status, lang))
    table = units_frame(status, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, t("reporting.download_units", lang, round=rnd["round_id"]), lang, key="reporting_units")
    st.caption(t("reporting.legend", lang))


# ---- items --------------------------------------------------------------------------------------
def items_frame(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    suffix = "en" if lang == "en" else "zh"
    return pd.DataFrame({
        t("reporting.col.unit", lang): items[f"unit_name_{suffix}"],
        t("reporting.col.target", lang): items["indicator_id"] + " " + items[f"indicator_name_{suffix}"],
        t("reporting.col.area", lang): items["area_code"] + " " + items[f"area_name_{suffix}"].fillna(""),
        t("reporting.col.year", lang): items["year"],
        t("reporting.col.item_state", lang): items["cell_state"].map(lambda s: t(f"reporting.item.{s}", lang)),
        t("reporting.col.value", lang): [sent_value(r, lang) for r in items.to_dict("records")],
        t("reporting.col.reason", lang): items["reason"].fillna(""),
    })


def sent_value(item: dict, lang: str) -> str:
    """The figure a unit sent (its milestone's word for a qualitative target); blank when none."""
    if isinstance(item.get("milestone"), str):
        return statuses.label(statuses.MILESTONE_STATUS[item["milestone"]], lang)
    value = item.get("value")
    return "" if value is None or pd.isna(value) else f"{value:g}"


def missing_section(rnd: dict, status: pd.DataFrame, lang: str) -> None:
    """The office's lists of missing figures, per unit or all, to send round as CSV or Excel."""
    st.header(t("reporting.missing", lang), anchor=False)
    st.caption(t("reporting.missing_note", lang))
    names = {r["unit_id"]: pick(r, "name", lang) for r in status.to_dict("records")}
    options = ["", *names]
    unit_id, bad = url_state.selectbox(t("reporting.missing_unit", lang), options, param="unit", key="reporting_unit",
                                       default="", format_func=lambda u: names.get(u, t("reporting.all_units", lang)))
    url_state.report(lang, [("unit", bad)])
    found = cells(rnd["round_id"])
    found = found[found["cell_state"].isin(templates.OPEN_STATES)]
    if unit_id:
        found = found[found["unit_id"] == unit_id]
    if found.empty:
        st.info(t("reporting.missing_none", lang))
        return
    table = items_frame(found, lang)
    st.dataframe(table, hide_index=True, width="stretch", height=320 if len(table) > 8 else "auto")
    table_downloads(table, t("reporting.missing_name", lang, round=f"{rnd['round_id']}-{unit_id or 'all'}"), lang,
                    key="reporting_missing")


def my_items(rnd: dict, unit_id: str, lang: str) -> None:
    """A signed-in unit's own items: their states, the reasons of returns, its template."""
    st.header(t("reporting.mine", lang), anchor=False)
    unit_access.returned_notices(rnd["round_id"], unit_id, lang)
    items = data.q("round_cells", round_id=rnd["round_id"], unit_id=unit_id)
    missing = int(items["cell_state"].isin(templates.OPEN_STATES).sum())
    name = unit_access.unit_names(lang).get(unit_id, unit_id)
    st.caption(t("reporting.mine_summary", lang, unit=name, expected=len(items), missing=missing))
    table = items_frame(items, lang).drop(columns=t("reporting.col.unit", lang))
    st.dataframe(table, hide_index=True, width="stretch", height=320 if len(table) > 8 else "auto")
    st.markdown(f"**{t('reporting.mine_template', lang)}**")
    table_downloads(templates.unit_template(items, lang),
                    t("reporting.template_name", lang, unit=unit_id, year=int(rnd["year"])), lang, key="reporting_template")
    frame.link("pages/data.py", t("reporting.to_data", lang), icon=":material/upload_file:",
               query_params=url_state.carried(lang))
    sent = data.q("submissions", round_id=rnd["round_id"], unit_id=unit_id)
    if len(sent):
        st.subheader(t("reporting.history", lang), anchor=False)
        st.dataframe(submissions_frame(sent, lang), hide_index=True, width="stretch")


# ---- review -------------------------------------------------------------------------------------
def submissions_frame(sent: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("reporting.col.batch", lang): sent["batch_id"],
        t("reporting.col.unit", lang): [pick(r, "unit_name", lang) for r in sent.to_dict("records")],
        t("reporting.col.item_state", lang): sent["state"].map(lambda s: t(f"reporting.item.{s}", lang)),
        t("reporting.col.rows", lang): sent["row_count"],
        t("reporting.col.by", lang): sent["created_by"],
        t("reporting.col.when", lang): pd.to_datetime(sent["submitted_at"]).dt.strftime("%Y-%m-%d %H:%M"),
        t("reporting.col.reason", lang): sent["reason"].fillna(""),
    })


def effect_frame(effect: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = {r["area_code"]: pick(r, "name", lang) for r in data.rows("areas")}
    status = lambda s: status_ui.text(s, lang) if isinstance(s, str) else "—"   # noqa: E731
    return pd.DataFrame({
        t("reporting.col.target", lang): effect["indicator_id"],
        t("reporting.col.area", lang): effect["area_code"].map(lambda a: names.get(a, a)),
        t("reporting.col.year", lang): effect["year"],
        t("reporting.col.before", lang): effect["value_before"],
        t("reporting.col.after", lang): effect["value_after"],
        t("reporting.col.status_before", lang): effect["status_before"].map(status),
        t("reporting.col.status_after", lang): effect["status_after"].map(status),
    })


def effect_sentence(effect: pd.DataFrame, lang: str, shown: int = 5) -> str:
    """'采纳后2项数据生效，状态改变2项：A07-02 海曙区 ✗ 未完成 → ✓ 已完成；…' (the first few changes)."""
    names = {r["area_code"]: pick(r, "name", lang) for r in data.rows("areas")}
    changed = effect[effect["status_before"].fillna("") != effect["status_after"].fillna("")]
    status = lambda s: status_ui.text(s, lang) if isinstance(s, str) else "—"   # noqa: E731
    parts = [f"{md(r['indicator_id'])} {md(names.get(r['area_code'], r['area_code']))} {r['year']}："
             f"{status(r['status_before'])} → {status(r['status_after'])}" for r in changed.head(shown).to_dict("records")]
    more = len(changed) - shown
    return (t("reporting.effect", lang, n=len(effect), changed=len(changed))
            + ("；".join(parts) if lang == "zh" else "; ".join(parts)) + (f" (+{more})" if more > 0 else ""))


def _ask(action: str) -> None:
    st.session_state[PENDING] = action


def flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def _carry_out(action: str, batch_id: str, who: str, reason: str, lang: str) -> None:
    try:
        with st.spinner(t("data.committing", lang)):
            if action == "accept":
                outcome = review.accept(batch_id, who)
                message = t("reporting.accepted", lang, batch=batch_id, applied=outcome.batch_id)
            else:
                review.send_back(batch_id, reason, who)
                message = t("reporting.returned_done", lang, batch=batch_id)
    except Rejected as exc:
        st.error(md(exc.findings[0].message(lang)))
        return
    except TimeoutError:
        st.error(t("data.busy", lang))
        return
    st.session_state[FLASH] = message
    st.session_state.pop("reporting_reason", None)
    st.rerun()


def review_queue(rnd: dict, who: str | None, lang: str) -> None:
    st.header(t("reporting.queue", lang), anchor=False)
    if not who:
        st.caption(t("reporting.queue_office_only", lang))
        return
    sent = data.q("submissions", round_id=rnd["round_id"], unit_id=None)
    pending = sent[sent["state"] == "submitted"]
    if pending.empty:
        st.info(t("reporting.queue_empty", lang), icon=":material/inbox:")
    else:
        labels = {r["batch_id"]: t("reporting.batch_label", lang, unit=pick(r, "unit_name", lang), rows=r["row_count"],
                                   when=pd.Timestamp(r["submitted_at"]).strftime("%Y-%m-%d %H:%M"))
                  for r in pending.to_dict("records")}
        batch_id, bad = url_state.selectbox(t("reporting.pick_batch", lang), list(labels), param="review",
                                            key="reporting_review", default=next(iter(labels)),
                                            format_func=lambda b: f"{labels[b]} · {b}")
        url_state.report(lang, [("review", bad)])
        st.markdown(f"**{t('reporting.preview', lang)}**")
        with st.spinner(t("reporting.previewing", lang)):
            effect = data.remember("submission_effect", batch_id, lambda: review.effect(batch_id))
        st.markdown(effect_sentence(effect, lang))
        table = effect_frame(effect, lang)
        st.dataframe(table, hide_index=True, width="stretch")
        table_downloads(table, f"preview-{batch_id}", lang, key="reporting_preview")
        reason = st.text_input(t("reporting.reason", lang), key="reporting_reason", max_chars=500)
        left, right = st.columns(2)
        left.button(t("reporting.accept", lang), key="reporting_accept", type="primary", icon=":material/done_all:",
                    on_click=_ask, args=("accept",), width="stretch")
        right.button(t("reporting.return", lang), key="reporting_return", icon=":material/undo:",
                     on_click=_ask, args=("return",), width="stretch", disabled=not reason.strip())
        action = st.session_state.pop(PENDING, None)
        if action:
            _carry_out(action, batch_id, who, reason, lang)
    if len(sent):
        st.subheader(t("reporting.history", lang), anchor=False)
        st.dataframe(submissions_frame(sent, lang), hide_index=True, width="stretch")
