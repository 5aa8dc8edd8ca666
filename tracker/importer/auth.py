"""Who may write: the administrators' password check, and which sign-in the deployment offers.

Credentials never live in the repository. The password's hash comes from Streamlit's secrets
(``[admin] password_hash = "pbkdf2_sha256$…"``) or from the environment variable
TRACKER_ADMIN_PASSWORD_HASH; ``python -m tracker hash-password`` prints one.
Only that format is accepted: ``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`` with at least
MIN_ITERATIONS iterations, a salt of at least MIN_SALT_BYTES bytes and a 32-byte hash. Anything else
(a bare SHA-256 hex digest, say, as older versions accepted under ``password_sha256``) is refused:
``problem`` says why, ``methods`` leaves password sign-in out, and ``verify`` is always False.
``fingerprint`` lets a session remember which hash it signed in with, without keeping the hash.
Single sign-on uses Streamlit's ``st.login`` when secrets hold an ``[auth]`` section, and then
only the addresses listed in ``[admin] emails`` may write. With neither, the Data page is read-only.
Pure functions: the page hands in ``st.secrets`` and ``os.environ``.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets as _random
from typing import Any, Mapping

ENV = "TRACKER_ADMIN_PASSWORD_HASH"
SCHEME = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256
MIN_ITERATIONS = 100_000  # below this a stolen hash is cheap to guess; refused
MAX_ITERATIONS = 10_000_000  # above this one check would hold a server thread for many seconds
MIN_SALT_BYTES = 16  # what hash_password makes
_HEX = re.compile(r"^(?:[0-9a-f]{2})+$")
_KEY = _random.token_bytes(32)  # this process's key for fingerprints; never leaves memory
LOG = logging.getLogger("tracker.auth")


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``: salted, slow to guess."""
    salt = salt if salt is not None else _random.token_bytes(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${key.hex()}"


def problem(stored: str | None) -> str | None:
    """Why ``stored`` is not an accepted hash ("scheme", "iterations", "salt" or "hash"), or None
    when it is one. A missing hash is "scheme" too."""
    parts = (stored or "").strip().split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        return "scheme"
    if not (parts[1].isascii() and parts[1].isdigit()) or not MIN_ITERATIONS <= int(parts[1]) <= MAX_ITERATIONS:
        return "iterations"
    if not _HEX.match(parts[2].lower()) or len(parts[2]) < 2 * MIN_SALT_BYTES:
        return "salt"
    if not _HEX.match(parts[3].lower()) or len(parts[3]) != 64:
        return "hash"
    return None


def verify(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches ``stored``; False whenever ``stored`` is not an accepted hash."""
    if not password or not stored or problem(stored):
        return False
    _, iterations, salt, expected = stored.strip().split("$")
    key = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    return hmac.compare_digest(key.hex(), expected.lower())


def fingerprint(stored: str | None) -> str | None:
    """A stand-in for ``stored`` to keep in a session: equal for equal hashes, useless to a guesser
    (keyed with a secret of this process), None for no hash."""
    if not stored:
        return None
    return hmac.new(_KEY, stored.strip().encode("utf-8"), hashlib.sha256).hexdigest()


def same_credential(held: str | None, stored: str | None) -> bool:
    """Whether a session's remembered ``fingerprint`` is that of ``stored``, and ``stored`` is still
    an accepted hash (a removed or refused hash matches nothing)."""
    if not held or problem(stored):
        return False
    return hmac.compare_digest(held, fingerprint(stored) or "")


def note_failure(address: str, count: int, wait: float) -> None:
    """Log a wrong password: where from, the outcome, the count and the wait it earned. Never the
    name typed (a mistyped password is often typed there), the password, nor the hash."""
    LOG.warning("administrator sign-in failed: address=%s failures=%d wait=%.0fs", address, count, wait)


def note_refused(address: str, wait: float, scope: str) -> None:
    """Log an attempt refused unchecked because its address (or everyone) must still wait."""
    LOG.warning("administrator sign-in refused unchecked: address=%s wait=%.0fs scope=%s", address, wait, scope)


def note_success(address: str) -> None:
    LOG.info("administrator signed in: address=%s", address)


def secrets_section(secrets: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    """One table of the secrets (``[admin]``, ``[units]`` …), empty when there is none."""
    try:
        value = secrets.get(name) if secrets is not None else None
    except Exception:  # noqa: BLE001 - st.secrets raises when no secrets file exists
        return {}
    return value if isinstance(value, Mapping) else {}


def stored_hash(secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> str | None:
    """The configured hash as written, accepted or not (a ``password_sha256`` entry is still read,
    so the page can say it is refused)."""
    admin = secrets_section(secrets, "admin")
    for key in ("password_hash", "password_pbkdf2", "password_sha256"):
        if admin.get(key):
            return str(admin[key])
    return env.get(ENV) or None


def refused(secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> str | None:
    """Why a configured hash is refused, or None when none is configured or it is accepted."""
    stored = stored_hash(secrets, env)
    return problem(stored) if stored else None


def oidc_configured(secrets: Mapping[str, Any] | None) -> bool:
    return bool(secrets_section(secrets, "auth"))


def admin_emails(secrets: Mapping[str, Any] | None) -> set[str]:
    emails = secrets_section(secrets, "admin").get("emails") or []
    return {str(e).strip().lower() for e in ([emails] if isinstance(emails, str) else emails)}


def methods(secrets: Mapping[str, Any] | None, env: Mapping[str, str]) -> list[str]:
    """The sign-in methods this deployment offers: "password" (only with an accepted hash), "oidc",
    both, or none (read-only)."""
    found = ["password"] if not problem(stored_hash(secrets, env)) else []
    return found + (["oidc"] if oidc_configured(secrets) else [])


def oidc_admin(email: str | None, secrets: Mapping[str, Any] | None) -> bool:
    return bool(email) and email.strip().lower() in admin_emails(secrets)
