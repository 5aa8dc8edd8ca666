"""Who may write: the administrators' password check, and which sign-in the deployment offers.

Credentials never live in the repository. The password's hash comes from Streamlit's secrets
(``[admin] password_hash = "pbkdf2_sha256$…"``, or ``password_sha256 = "<hex>"``) or from the
environment variable TRACKER_ADMIN_PASSWORD_HASH; ``python -m tracker hash-password`` prints one.
Single sign-on uses Streamlit's ``st.login`` when secrets hold an ``[auth]`` section, and then
only the addresses listed in ``[admin] emails`` may write. With neither, the Data page is read-only.
Pure functions: the page hands in ``st.secrets`` and ``os.environ``.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets as _random
from typing import Any, Mapping

ENV = "TRACKER_ADMIN_PASSWORD_HASH"
SCHEME = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``: salted, slow to guess."""
    salt = salt if salt is not None else _random.token_bytes(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${key.hex()}"


def verify(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches ``stored`` (a PBKDF2 string or a bare SHA-256 hex digest)."""
    if not password or not stored:
        return False
    stored = stored.strip()
    parts = stored.split("$")
    if len(parts) == 4 and parts[0] == SCHEME:
        try:
            iterations, salt = int(parts[1]), bytes.fromhex(parts[2])
        except ValueError:
            return False
        key = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
        return hmac.compare_digest(key.hex(), parts[3].lower())
    if _HEX64.match(stored.lower()):
        return hmac.compare_digest(hashlib.sha256(password.encode("utf-8")).hexdigest(), stored.lower())
    return False


def _section(secrets: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    try:
        value = secrets.get(name) if secrets is not None else None
    except Exception:  # noqa: BLE001 - st.secrets raises when no secrets file exists
        return {}
    return value if isinstance(value, Mapping) else {}


def stored_hash(secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> str | None:
    admin = _section(secrets, "admin")
    for key in ("password_hash", "password_pbkdf2", "password_sha256"):
        if admin.get(key):
            return str(admin[key])
    return env.get(ENV) or None


def oidc_configured(secrets: Mapping[str, Any] | None) -> bool:
    return bool(_section(secrets, "auth"))


def admin_emails(secrets: Mapping[str, Any] | None) -> set[str]:
    emails = _section(secrets, "admin").get("emails") or []
    return {str(e).strip().lower() for e in ([emails] if isinstance(emails, str) else emails)}


def methods(secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> list[str]:
    """The sign-in methods this deployment offers: "password", "oidc", both, or none (read-only)."""
    found = ["password"] if stored_hash(secrets, env) else []
    return found + (["oidc"] if oidc_configured(secrets) else [])


def oidc_admin(email: str | None, secrets: Mapping[str, Any] | None) -> bool:
    return bool(email) and email.strip().lower() in admin_emails(secrets)
