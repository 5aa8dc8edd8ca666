"""Who may write: the password form (throttled per client address and overall, tracker/importer/
throttle.py), single sign-on, and signing out a session whose credential has since changed."""
from __future__ import annotations

import os

import streamlit as st

from components.i18n import t
from components.safe import t_md
from tracker.importer import auth, throttle

WHO = "data_admin_who"


CREDENTIAL = "data_admin_credential"  # fingerprint of the hash a password sign-in used


OUTCOME = "data_sign_in_outcome"  # why the last attempt did not sign in: failed, refused, need_name, changed


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
        auth.note_refused(address, wait.seconds, wait.scope)
        return "refused"
    if not name:
        return "need_name"
    stored = auth.stored_hash(_secrets(), os.environ)
    if auth.verify(password, stored):
        throttle.GUARD.success(address)
        auth.note_success(address)
        st.session_state[WHO], st.session_state[CREDENTIAL] = name, auth.fingerprint(stored)
        return None
    failure = throttle.GUARD.failure(address)
    auth.note_failure(address, failure.count, failure.wait.seconds)
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
