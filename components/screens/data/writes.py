"""What the Data screen's three writing parts share: a write button's request, which survives the
rerun its click causes, one way to carry the write out with a progress display and turn every
refusal into a message, and the one-time message after it."""
from __future__ import annotations

import logging
from typing import Any, Callable

import streamlit as st

from components.i18n import t
from components.safe import md
from tracker.importer import apply

log = logging.getLogger("tracker.app")

FLASH = "data_flash"


def request(action: str) -> None:
    """A write button's callback: note the request; the panel carries it out with a progress display.
    (Callbacks run before the script, so a request survives a rerun; the work itself is done where
    its progress can be shown.)"""
    st.session_state["data_pending"] = action


def take(action: str) -> bool:
    if st.session_state.get("data_pending") == action:
        del st.session_state["data_pending"]
        return True
    return False


def flash(lang: str) -> None:
    """The result of the last write, shown once after the rerun that follows it."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def write(lang: str, do: Callable[[], Any], *,
          rejected: Callable[[apply.Rejected], None] | None = None) -> Any | None:
    """``do()`` with a progress display. A refusal (its first finding, or ``rejected``), a busy
    warehouse or any other failure becomes a message and None: the snapshot is untouched then."""
    with st.status(t("data.committing", lang), expanded=False) as status:
        try:
            return do()
        except apply.Rejected as exc:    # the data moved on, or the write itself was refused
            status.update(state="error")
            if rejected is None:
                st.error(md(exc.findings[0].message(lang)))
            else:
                rejected(exc)
        except TimeoutError:
            status.update(state="error")
            st.error(t("data.busy", lang))
        except Exception:  # noqa: BLE001 - the snapshot is untouched; say so, never a traceback
            log.exception("a write from the Data page failed")
            status.update(state="error")
            st.error(t("data.failed", lang))
    return None


def done(message: str) -> None:
    """Show ``message`` once after the rerun that follows a write."""
    st.session_state[FLASH] = message
    st.rerun()
