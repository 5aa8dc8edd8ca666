"""The Data page's pieces: sign-in, templates, upload with its check and preview, history with
rollback, and the milestone editor. Writes go through tracker.importer.apply only, and only for a
signed-in administrator; the page shows what the importer found, in the user's language."""
from __future__ import annotations

import datetime as dt
import functools
import os
from typing import Any

import pandas as pd
import streamlit as st

from components import data, paging
from components.downloads import table_downloads
from components.i18n import pick, t
from components.safe import md, t_md
from tracker import recovery, statuses
from tracker.importer import apply, auth, templates, throttle
from tracker.importer.results import Preview

WHO = "data_admin_who"
CREDENTIAL = "data_admin_credential"  # fingerprint of the hash a password sign-in used
OUTCOME = "data_sign_in_outcome"  # why the last attempt did not sign in: failed, refused, need_name, changed
FLASH = "data_flash"
MILESTONES = ("not_started", "in_progress", "done")


# ---- sign-in ------------------------------------------------------------------------------------
def _secrets():
    try:
        return st.secrets
    except Exception:  # noqa: BLE001 - no secrets file is a normal, read-only deployment
        return None


def _sign_out() -> None:
    """Forget who is signed in and the credential they signed in with."""
    st.session_state.pop(WHO, None)
    st.session_state.pop(CREDENTIAL, None)


def _client() -> str:
    """The address this session's failures count under (see tracker.importer.throttle)."""
    return throttle.client_address(st.context.ip_address, st.context.headers, os.environ)


def _attempt(address: str, name: str, password: str) -> str | None:
    """Check one attempt against the server-wide throttle and the configured hash; sign in on
    success. Returns why it did not sign in, or None. While a wait runs nothing is checked."""
    wait = throttle.GUARD.wait(address)
    if wait:
        auth.note_refused(address, name, wait.seconds, wait.scope)
        return "refused"
    if not name:
        return "need_name"
    stored = auth.stored_hash(_secrets(), os.environ)
    if auth.verify(password, stored):
        throttle.GUARD.success(address)
        auth.note_success(address, name)
        st.session_state[WHO], st.session_state[CREDENTIAL] = name, auth.fingerprint(stored)
        return None
    failure = throttle.GUARD.failure(address)
    auth.note_failure(address, name, failure.count, failure.wait.seconds)
    return "failed"


def _check_password() -> None:
    """The sign-in form's callback (it runs before the script, so the result survives any rerun)."""
    name = str(st.session_state.get("data_admin_name") or "").strip()
    password = st.session_state.get("data_admin_password") or ""
    st.session_state["data_admin_password"] = ""
    st.session_state[OUTCOME] = _attempt(_client(), name, password)


def _wait_text(seconds: float, lang: str) -> str:
    minutes, rest = throttle.describe(seconds)
    return t("data.wait_min_s", lang, m=minutes, s=rest) if minutes else t("data.wait_s", lang, s=rest)


def _sign_in_notice(lang: str) -> None:
    """Why the last attempt failed, and how long this address (or everyone) must still wait."""
    outcome = st.session_state.get(OUTCOME)
    if outcome in ("failed", "need_name"):
        st.error(t("data.sign_in_failed" if outcome == "failed" else "data.sign_in_need_name", lang))
    wait = throttle.GUARD.wait(_client())
    if wait:
        key = "data.sign_in_paused" if wait.scope == throttle.EVERYONE else "data.sign_in_wait"
        st.error(t(key, lang, wait=_wait_text(wait.seconds, lang)), icon=":material/timer:")


def _password_form(lang: str) -> None:
    with st.form("data_sign_in", border=False):
        st.text_input(t("data.name", lang), key="data_admin_name", max_chars=60)
        st.text_input(t("data.password", lang), type="password", key="data_admin_password")
        st.form_submit_button(t("data.sign_in_button", lang), key="data_sign_in_submit", type="primary",
                              on_click=_check_password)
    _sign_in_notice(lang)


def _drop_stale_credential() -> None:
    """Sign out a password session whose hash has since been changed or removed."""
    held = st.session_state.get(CREDENTIAL)
    if held and not auth.same_credential(held, auth.stored_hash(_secrets(), os.environ)):
        _sign_out()
        st.session_state[OUTCOME] = "changed"


def _credential_notices(lang: str) -> None:
    """Say when this session was signed out by a credential change, or the hash is refused."""
    if st.session_state.get(OUTCOME) == "changed":
        st.warning(t("data.credential_changed", lang), icon=":material/key_off:")
    if auth.refused(_secrets(), os.environ):
        st.warning(t("data.credential_refused", lang, min_iterations=auth.MIN_ITERATIONS,
                     salt=auth.MIN_SALT_BYTES), icon=":material/key_off:")


def _request(action: str) -> None:
    """A write button's callback: note the request; the panel carries it out with a progress display.
    (Callbacks run before the script, so a request survives a rerun; the work itself is done where
    its progress can be shown.)"""
    st.session_state["data_pending"] = action


def _take(action: str) -> bool:
    if st.session_state.get("data_pending") == action:
        del st.session_state["data_pending"]
        return True
    return False


def sign_in(lang: str) -> str | None:
    """Who the signed-in administrator is, or None; shows the sign-in, or why the page is read-only."""
    _drop_stale_credential()
    methods = auth.methods(_secrets(), os.environ)
    if "oidc" in methods and st.user.is_logged_in:
        email = str(st.user.get("email") or "")
        if auth.oidc_admin(email, _secrets()):
            st.session_state[WHO] = email
            st.session_state.pop(CREDENTIAL, None)
        else:
            st.warning(t_md("data.not_admin", lang, who=email))
            st.button(t("data.sign_out", lang), key="data_sso_out", on_click=st.logout)
            return None
    who = st.session_state.get(WHO)
    if who:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.success(t_md("data.signed_in", lang, who=who), icon=":material/verified_user:")
        right.button(t("data.sign_out", lang), key="data_sign_out", on_click=st.logout if "@" in who and
                     "oidc" in methods else _sign_out, width="stretch")
        return who
    _credential_notices(lang)
    if not methods:
        if not auth.refused(_secrets(), os.environ):
            st.info(t("data.readonly", lang), icon=":material/lock:")
        return None
    with st.expander(t("data.sign_in", lang), icon=":material/login:", expanded=False):
        st.caption(t("data.sign_in_hint", lang))
        if "password" in methods:
            _password_form(lang)
        if "oidc" in methods:
            st.button(t("data.sign_in_sso", lang), key="data_sso", on_click=st.login)
    return None


def flash(lang: str) -> None:
    """The result of the last write, shown once after the rerun that follows it."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def data_mode(lang: str) -> None:
    mode = data.q("data_mode")
    if len(mode):
        row = mode.iloc[0]
        real = int(row["count_real"])
        st.caption(t("data.mode", lang, real=f"{real:,}", demo=f"{int(row['count_values']) - real:,}"))


# ---- templates, upload, preview, commit ---------------------------------------------------------
def template_downloads(plan: dict, targets: pd.DataFrame, areas: pd.DataFrame, lang: str) -> None:
    st.subheader(t("data.templates", lang))
    mine = targets[targets["plan_id"] == plan["plan_id"]]
    st.caption(t("data.templates_hint", lang, n=len(mine)))
    stem = f"template-{plan['plan_id']}-{lang}"
    left, right = st.columns(2)
    left.download_button(t("data.template_xlsx", lang), key="data_template_xlsx", icon=":material/download:",
                         data=lambda: templates.xlsx_bytes(mine, areas, plan, lang), file_name=f"{stem}.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", width="stretch")
    right.download_button(t("data.template_csv", lang), key="data_template_csv", icon=":material/download:",
                          data=lambda: templates.csv_bytes(mine, areas, lang), file_name=f"{stem}.csv",
                          mime="text/csv", width="stretch")


def _dry_run(uploads: list[tuple[str, bytes]]) -> Preview:
    """The check of an upload, once per snapshot and file contents (a rerun does not check again)."""
    return data.remember("dry_run", apply.digest(uploads), lambda: apply.dry_run(uploads))


def uploads(lang: str) -> list[tuple[str, bytes]]:
    files = st.file_uploader(t("data.upload", lang), type=["xlsx", "csv"], accept_multiple_files=True,
                             key="data_upload")
    return [(f.name, f.getvalue()) for f in files or []]


def findings_table(result: Preview, lang: str) -> pd.DataFrame:
    frame = pd.DataFrame([f.as_record(lang) for f in result.findings], columns=["file", "row", "column", "message"])
    frame["row"] = frame["row"].map(lambda r: "—" if r is None or pd.isna(r) else str(int(r)))
    if frame["file"].nunique() <= 1:
        frame = frame.drop(columns="file")
    return frame.rename(columns={c: t(f"data.col.{c}", lang) for c in frame.columns})


def changes_table(result: Preview, names: dict[str, str], areas: dict[str, str], lang: str) -> pd.DataFrame:
    rows = result.changes
    change = rows["change"].map(lambda c: t(f"data.change.{c}", lang))
    if result.kind == "catalog":
        return pd.DataFrame({t("data.col.row", lang): rows["row"], t("data.col.change", lang): change,
                             t("data.col.table", lang): rows["file_table"], t("data.col.key", lang): rows["key"]})
    milestone = rows["milestone"].map(lambda m: statuses.label(statuses.MILESTONE_STATUS[m], lang)
                                      if isinstance(m, str) else "")
    return pd.DataFrame({
        t("data.col.row", lang): rows["row"],
        t("data.col.change", lang): change,
        t("data.col.value", lang): rows["value"],
        t("data.col.previous", lang): rows["previous_value"],
        t("data.col.milestone", lang): milestone,
        t("data.col.year", lang): rows["year"],
        t("data.col.area", lang): rows["area_code"].map(lambda a: areas.get(a, a)),
        t("data.col.indicator", lang): rows["indicator_id"].map(lambda i: f"{i} {names.get(i, '')}".strip()),
    })


def show_findings(result: Preview, lang: str) -> None:
    st.error(t("data.findings_head", lang, n=len(result.findings)), icon=":material/error:")
    table = findings_table(result, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, "findings", lang, key="data_findings")


def _commit(files: list[tuple[str, bytes]], who: str, lang: str) -> None:
    with st.status(t("data.committing", lang), expanded=False) as status:
        try:
            outcome = apply.commit(files, who)
        except apply.Rejected as exc:  # the data moved on between the preview and the commit
            status.update(state="error")
            show_findings(Preview("observations", "", "", exc.findings), lang)
            return
        except TimeoutError:
            status.update(state="error")
            st.error(t("data.busy", lang))
            return
        except Exception:  # noqa: BLE001 - the snapshot is untouched; say so, never a traceback
            status.update(state="error")
            st.error(t("data.failed", lang))
            return
    st.session_state[FLASH] = (t("data.committed", lang, batch=outcome.batch_id, rows=outcome.rows)
                               if outcome.batch_id else t("write.nothing_recorded", lang))
    st.rerun()


def import_panel(files: list[tuple[str, bytes]], who: str, names: dict[str, str], areas: dict[str, str],
                 lang: str) -> None:
    with st.spinner(t("data.checking", lang)):
        result = _dry_run(files)
    if not result.ok:
        show_findings(result, lang)
        return
    st.subheader(t("data.preview", lang))
    if result.encoding:
        st.caption(t("data.read_as", lang, encoding=result.encoding))
    counts = result.counts()
    cols = st.columns(4)
    for col, key in zip(cols, ("new", "revised", "unchanged")):
        col.metric(t(f"data.count.{key}", lang), f"{counts[key]:,}")
    cols[3].metric(t("data.count.skipped", lang), f"{result.skipped:,}")
    if len(result.changes):
        changes = changes_table(result, names, areas, lang)
        st.dataframe(changes, hide_index=True, width="stretch", height=320 if len(result.changes) > 8 else "auto")
        table_downloads(changes, "preview", lang, key="data_preview")
    if result.to_write().empty:
        st.info(t("data.nothing", lang), icon=":material/info:")
        return
    st.button(t("data.commit", lang), key="data_commit", type="primary", icon=":material/publish:",
              on_click=_request, args=("commit",))
    if _take("commit"):
        _commit(files, who, lang)


# ---- history and rollback -----------------------------------------------------------------------
def batches_table(batches: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("data.col.batch", lang): batches["batch_id"],
        t("data.col.kind", lang): batches["kind"].map(lambda k: t(f"data.kind.{k}", lang)),
        t("data.col.file", lang): batches["file_name"].fillna(""),
        t("data.col.rows", lang): batches["row_count"],
        t("data.col.in_force", lang): batches["count_in_force"],
        t("data.col.by", lang): batches["created_by"],
        t("data.col.at", lang): pd.to_datetime(batches["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
        t("data.col.state", lang): batches["state"].map(lambda s: t(f"data.state.{s}", lang)),
        t("data.col.note", lang): batches["note"].fillna(""),
    })


def history_panel(batches: pd.DataFrame, who: str | None, lang: str) -> None:
    st.caption(t("data.history_lead", lang))
    table = batches_table(batches, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    table_downloads(table, "batches", lang, key="data_batches")
    if not who:
        return
    reversible = batches[batches["is_reversible"]]
    if reversible.empty:
        st.caption(t("data.rollback_none", lang))
        return
    labels = {r["batch_id"]: " · ".join(x for x in (r["batch_id"], t("data.kind." + r["kind"], lang),
                                                     r["file_name"] if isinstance(r["file_name"], str) else "") if x)
              for r in reversible.to_dict("records")}
    pick_id = st.selectbox(t("data.rollback_pick", lang), list(labels), format_func=labels.get,
                           key="data_rollback_pick")
    if pick_id == "demo":
        st.caption(t("data.rollback_demo", lang))
    sure = st.checkbox(t("data.rollback_confirm", lang), key="data_rollback_confirm")
    st.button(t("data.rollback", lang), key="data_rollback", disabled=not sure, icon=":material/undo:",
              on_click=_request, args=("rollback",))
    if _take("rollback") and sure:
        with st.spinner(t("data.committing", lang)):
            try:
                apply.rollback(pick_id, who)
            except apply.Rejected as exc:
                st.error(md(exc.findings[0].message(lang)))
                return
            except TimeoutError:
                st.error(t("data.busy", lang))
                return
        st.session_state[FLASH] = t("data.rolled_back", lang, batch=pick_id)
        st.session_state.pop("data_rollback_confirm", None)
        st.rerun()


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
        indicator = st.selectbox(t("data.ms_indicator", lang), list(names), format_func=names.get, key="data_ms_indicator")
        left, right = st.columns(2)
        area = left.selectbox(t("data.ms_area", lang), list(areas), format_func=areas.get, key="data_ms_area")
        year = right.selectbox(t("data.ms_year", lang), years, key="data_ms_year")
        status = st.segmented_control(t("data.ms_status", lang), MILESTONES, key="data_ms_status", default="in_progress",
                                      format_func=lambda m: statuses.badge(statuses.MILESTONE_STATUS[m], lang))
        note = st.text_area(t("data.ms_note", lang), key="data_ms_note", max_chars=500, height=80)
        st.form_submit_button(t("data.ms_save", lang), key="data_ms_save", type="primary",
                              on_click=_request, args=("milestone",))
    if _take("milestone"):
        with st.spinner(t("data.committing", lang)):
            try:
                outcome = apply.set_milestone(indicator, area, year, status or "", note.strip() or None, who)
            except apply.Rejected as exc:
                st.error(md(exc.findings[0].message(lang)))
                return
            except TimeoutError:
                st.error(t("data.busy", lang))
                return
        st.session_state[FLASH] = (t("data.ms_saved", lang, batch=outcome.batch_id) if outcome.batch_id
                                   else t("data.ms_unchanged", lang))
        st.rerun()


# ---- after a damaged snapshot was recovered (tracker/recovery.py) ---------------------------------
# The event comes from ``recovery.json`` beside the snapshot, so whichever process recovered it, every
# process shows it. An administrator reads what was wrong, what was restored, where the damaged file
# is kept and what to re-import; anyone else reads one sentence. The notice stays for ``RECENT``.
RECENT = dt.timedelta(days=14)


def recent_event(now: dt.datetime | None = None) -> dict[str, Any] | None:
    """The newest recorded recovery if it happened within ``RECENT``, else None."""
    event = recovery.last_event()
    if event is None:
        return None
    try:
        at = dt.datetime.fromisoformat(str(event.get("at")))
    except ValueError:
        return None
    return event if (now or dt.datetime.now()) - at <= RECENT else None


def _when(iso: Any) -> str:
    """An ISO time from the record as ``2025-03-01 14:05``."""
    try:
        return dt.datetime.fromisoformat(str(iso)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(iso or "")


def _values(event: dict[str, Any]) -> dict[str, str]:
    return {"at": _when(event.get("at")), "backup_time": _when(event.get("backup_time")),
            "backup": str(event.get("backup") or ""), "problem": str(event.get("problem") or ""),
            "kept": str(event.get("damaged_kept") or "")}


def recovery_notice(lang: str, who: str | None) -> None:
    """Say on the Data page that the data file was recovered: in detail to a signed-in administrator
    (``who``), in one sentence to anyone else. Nothing when no recovery happened recently."""
    event = recent_event()
    if event is None:
        return
    action = "restored" if event.get("action") == recovery.RESTORED else "rebuilt"
    values = _values(event)
    if not who:
        st.info(t_md(f"recovery.public.{action}", lang, at=values["at"], backup_time=values["backup_time"]),
                icon=":material/restore:")
        return
    body = t_md(f"recovery.admin.{action}", lang, **values)
    earlier = len(recovery.events()) - 1
    if earlier > 0:
        body += " " + t_md("recovery.admin.earlier", lang, n=str(earlier), record=recovery.RECORD_NAME)
    st.warning(f"**{t('recovery.admin.head', lang)}**\n\n{body}", icon=":material/restore:")
