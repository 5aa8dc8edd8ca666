"""A reporting unit on the Data page: its sign-in, its open items with the template that holds
exactly them, and the upload that sends them as a submission (tracker/reporting/submit.py), which
counts once the office accepts it on the Reporting screen. A file with a row outside the unit's items
is refused whole, each such row named."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, unit_access
from components.downloads import table_downloads
from components.i18n import t
from components.screens.data.imports import findings_table
from components.screens.data.writes import done, request, take, write
from tracker.importer.results import Preview, Rejected
from tracker.reporting import submit, templates

UPLOADS = "unit_upload_round"


def _round() -> dict | None:
    found = data.q("rounds", plan_id=None)
    return found.iloc[0].to_dict() if len(found) else None


def _items(round_id: str, unit_id: str) -> pd.DataFrame:
    return data.q("round_cells", round_id=round_id, unit_id=unit_id)


def _check(files, unit_id: str, round_id: str) -> tuple[Preview | None, list]:
    """The submission's preview, or the findings that refuse it; once per snapshot and file."""
    from tracker.importer import apply

    def run():
        try:
            return submit.preview(files, unit_id, round_id, accept_warnings=True), []
        except Rejected as exc:
            return None, exc.findings
    return data.remember("unit_submission", (unit_id, round_id, apply.digest(files)), run)


def _findings(found: list, lang: str) -> None:
    st.error(t("unit.refused", lang), icon=":material/error:")
    table = findings_table(Preview("observations", "", "", found), lang)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, "findings", lang, key="unit_findings")


def _send(files, unit_id: str, who: str, round_id: str, accept: bool, lang: str) -> None:
    outcome = write(lang, lambda: submit.submit(files, unit_id, who, round_id, accept_warnings=accept),
                    rejected=lambda exc: _findings(exc.findings, lang))
    if outcome is None or outcome.batch_id is None:
        return
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    done(t("unit.submitted", lang, batch=outcome.batch_id, n=outcome.rows))


def unit_panel(lang: str) -> None:
    """The unit's part of the Data page (nothing but the sign-in until a unit signs in)."""
    found = unit_access.sign_in(lang)
    if not found:
        return
    unit_id, who = found
    rnd = _round()
    st.header(t("unit.submit_title", lang), anchor=False)
    if rnd is None:
        st.info(t("unit.no_round", lang))
        return
    round_id = str(rnd["round_id"])
    unit_access.returned_notices(round_id, unit_id, lang)
    items = _items(round_id, unit_id)
    missing = int(items["cell_state"].isin(templates.OPEN_STATES).sum())
    names = unit_access.unit_names(lang)
    st.caption(t("reporting.mine_summary", lang, unit=names.get(unit_id, unit_id), expected=len(items), missing=missing)
               + " " + t("reporting.round_label", lang, year=int(rnd["year"]),
                         deadline=pd.Timestamp(rnd["deadline"]).date().isoformat()))
    template = templates.unit_template(items, lang)
    st.markdown(f"**{t('reporting.mine_template', lang)}**")
    table_downloads(template, t("reporting.template_name", lang, unit=unit_id, year=int(rnd["year"])), lang,
                    key="unit_template")
    st.caption(t("unit.submit_hint", lang))
    n = st.session_state.get(UPLOADS, 0)
    upload = st.file_uploader(t("unit.upload", lang), type=["xlsx", "csv"], key=f"unit_upload_{n}")
    if upload is None:
        return
    files = [(upload.name, upload.getvalue())]
    result, problems = _check(files, unit_id, round_id)
    if problems:
        _findings(problems, lang)
        return
    st.markdown(t("unit.preview", lang, n=len(result.changes)))
    shown = result.changes[["row", "indicator_id", "area_code", "year", "value", "previous_value"]].rename(columns={
        "row": t("data.col.row", lang), "indicator_id": t("data.col.indicator", lang), "area_code": t("data.col.area", lang),
        "year": t("data.col.year", lang), "value": t("data.col.value", lang), "previous_value": t("data.col.previous", lang)})
    st.dataframe(shown, hide_index=True, width="stretch")
    accepted = True
    if result.warnings:
        st.warning(t("unit.warnings", lang), icon=":material/warning:")
        st.dataframe(findings_table(result, lang, warnings=True), hide_index=True, width="stretch")
        accepted = st.checkbox(t("unit.accept_warnings", lang), key="unit_accept_warnings")
    st.button(t("unit.submit", lang), key="unit_submit", type="primary", icon=":material/send:",
              on_click=request, args=("unit_submit",), disabled=not accepted or result.changes.empty)
    if take("unit_submit"):
        _send(files, unit_id, who, round_id, bool(result.warnings) and accepted, lang)


