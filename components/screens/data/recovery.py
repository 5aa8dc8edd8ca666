"""The notice after a damaged snapshot was recovered (tracker/recovery.py)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from components.i18n import t
from components.safe import t_md
from tracker import recovery

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
            "kept": str(event.get("damaged_kept") or ""), "batches": str(event.get("batches") or 0)}


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
