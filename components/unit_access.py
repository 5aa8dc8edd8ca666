"""A reporting unit's sign-in, shared by the Reporting and Data screens: the unit's own password
(tracker/reporting/access.py, throttled per client like the administrator's), or single sign-on
mapped to a unit. The session remembers the unit, who signed in and a fingerprint of the hash used,
so a changed or removed credential signs the session out."""
from __future__ import annotations

import os

import streamlit as st

from components import data
from components.i18n import pick, t
from components.safe import t_md
from tracker.importer import auth, throttle
from tracker.reporting import access

UNIT, WHO, CREDENTIAL, OUTCOME = "unit_id", "unit_who", "unit_credential", "unit_sign_in_outcome"


def _secrets():
    try:
        return st.secrets
    except Exception:  # noqa: BLE001 - no secrets file is a normal deployment
        return None


def _client() -> str:
    return throttle.client_address(st.context.ip_address, st.context.headers, os.environ)


def sign_out() -> None:
    for key in (UNIT, WHO, CREDENTIAL):
        st.session_state.pop(key, None)


def _check() -> None:
    """The form's callback: one attempt, counted by the server-wide throttle."""
    address = _client()
    unit_id = str(st.session_state.get("unit_pick") or "")
    name = str(st.session_state.get("unit_name") or "").strip()
    password = st.session_state.get("unit_password") or ""
    st.session_state["unit_password"] = ""
    wait = throttle.GUARD.wait(address)
    if wait:
        st.session_state[OUTCOME] = "refused"
        return
    if not name:
        st.session_state[OUTCOME] = "need_name"
        return
    if access.verify(unit_id, password, _secrets(), os.environ):
        throttle.GUARD.success(address)
        stored = access.stored_hash(unit_id, _secrets(), os.environ)
        st.session_state.update({UNIT: unit_id, WHO: name, CREDENTIAL: auth.fingerprint(stored), OUTCOME: None})
        return
    throttle.GUARD.failure(address)
    st.session_state[OUTCOME] = "failed"


def _still_valid() -> None:
    unit_id, held = st.session_state.get(UNIT), st.session_state.get(CREDENTIAL)
    if unit_id and held and not auth.same_credential(held, access.stored_hash(unit_id, _secrets(), os.environ)):
        sign_out()


def returned_notices(round_id: str, unit_id: str, lang: str, shown: int = 5) -> None:
    """The unit's returned submissions in the round, newest first, each with the office's reason."""
    sent = data.q("submissions", round_id=round_id, unit_id=unit_id)
    for r in sent[sent["state"] == "returned"].head(shown).to_dict("records"):
        st.warning(t_md("unit.returned", lang, batch=r["batch_id"], reason=str(r["reason"] or ""),
                        when=f"{r['submitted_at']:%Y-%m-%d %H:%M}"), icon=":material/undo:")


def office_who() -> str | None:
    """The administrator this session signed in as on the Data page (its sign-in keeps these keys:
    components/screens/data/sign_in.py), while that credential is still the configured one; None
    otherwise. The office reviews submissions under this name."""
    who = st.session_state.get("data_admin_who")
    if not who:
        return None
    if "@" in str(who) and auth.oidc_configured(_secrets()):
        return who if st.user.is_logged_in and auth.oidc_admin(str(st.user.get("email") or ""), _secrets()) else None
    held = st.session_state.get("data_admin_credential")
    return who if auth.same_credential(held, auth.stored_hash(_secrets(), os.environ)) else None


def unit_names(lang: str) -> dict[str, str]:
    return {r["unit_id"]: pick(r, "name", lang) for r in data.rows("units")}


def signed_in() -> tuple[str, str] | None:
    """(unit_id, who) for a signed-in unit, or None."""
    _still_valid()
    if auth.oidc_configured(_secrets()) and st.user.is_logged_in:
        email = str(st.user.get("email") or "")
        unit_id = access.sso_unit(email, _secrets())
        if unit_id:
            return unit_id, email
    unit_id = st.session_state.get(UNIT)
    return (unit_id, st.session_state.get(WHO) or unit_id) if unit_id else None


def sign_in(lang: str) -> tuple[str, str] | None:
    """The signed-in unit (drawing who it is and a sign-out), or the sign-in form and None."""
    names = unit_names(lang)
    found = signed_in()
    if found:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.success(t_md("unit.signed_in", lang, unit=names.get(found[0], found[0]), who=found[1]),
                     icon=":material/badge:")
        right.button(t("unit.sign_out", lang), key="unit_sign_out", on_click=sign_out, width="stretch")
        return found
    able = access.units_with_password(list(names), _secrets(), os.environ)
    with st.expander(t("unit.sign_in", lang), icon=":material/badge:",
                     expanded=st.session_state.get(OUTCOME) is not None):
        st.caption(t("unit.sign_in_hint", lang))
        if not able:
            st.info(t("unit.none", lang), icon=":material/lock:")
            return None
        with st.form("unit_sign_in", border=False):
            st.selectbox(t("unit.pick", lang), able, key="unit_pick", format_func=lambda u: names.get(u, u))
            st.text_input(t("unit.name", lang), key="unit_name", max_chars=60)
            st.text_input(t("unit.password", lang), type="password", key="unit_password")
            st.form_submit_button(t("unit.sign_in_button", lang), key="unit_sign_in_submit", type="primary",
                                  on_click=_check)
        outcome = st.session_state.get(OUTCOME)
        if outcome in ("failed", "need_name"):
            st.error(t(f"unit.{outcome}", lang))
        wait = throttle.GUARD.wait(_client())
        if wait:
            minutes, rest = throttle.describe(wait.seconds)
            st.error(t("unit.wait", lang, wait=f"{minutes}:{rest:02d}"), icon=":material/timer:")
    return None
