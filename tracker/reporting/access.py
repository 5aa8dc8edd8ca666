"""Who a reporting unit is: its own credential, checked as the administrator's is
(tracker/importer/auth.py: a PBKDF2 hash, never in the repository).

A unit's hash comes from Streamlit's secrets (``[units] 330212 = "pbkdf2_sha256$…"``) or from the
environment variable ``TRACKER_UNIT_PASSWORD_HASH_<UNIT_ID>`` (the id in capitals, anything but
letters and digits as ``_``); ``python -m tracker hash-password`` prints one. Single sign-on maps
addresses to units with ``[units_sso] "someone@example.gov.cn" = "330212"``. Pure functions: the page
hands in ``st.secrets`` and ``os.environ``."""
from __future__ import annotations

import re
from typing import Any, Mapping

from tracker.importer import auth

ENV_PREFIX = "TRACKER_UNIT_PASSWORD_HASH_"


def env_name(unit_id: str) -> str:
    return ENV_PREFIX + re.sub(r"[^A-Za-z0-9]", "_", unit_id).upper()


def stored_hash(unit_id: str, secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> str | None:
    found = auth.secrets_section(secrets, "units").get(unit_id)
    return str(found) if found else env.get(env_name(unit_id)) or None


def units_with_password(unit_ids: list[str], secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> list[str]:
    """The units that can sign in with a password here (an accepted hash configured)."""
    return [u for u in unit_ids if not auth.problem(stored_hash(u, secrets, env))]


def verify(unit_id: str, password: str, secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> bool:
    return auth.verify(password, stored_hash(unit_id, secrets, env))


def sso_unit(email: str | None, secrets: Mapping[str, Any] | None) -> str | None:
    """The unit a single sign-on address reports for, or None."""
    if not email:
        return None
    mapping = {str(k).strip().lower(): str(v) for k, v in auth.secrets_section(secrets, "units_sso").items()}
    return mapping.get(email.strip().lower())
