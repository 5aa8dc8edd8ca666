"""Status on screen: always the word and the icon, the colour only as a third cue."""
from __future__ import annotations

import streamlit as st

from tracker import statuses

# st.badge offers a fixed palette; each status maps to the nearest of its colours.
_BADGE_COLOR = {
    "backwards": "violet",
    "limited": "red",
    "accelerate": "orange",
    "milestone_not_started": "yellow",
    "milestone_in_progress": "blue",
    "no_data": "gray",
    "on_track": "green",
    "milestone_done": "blue",
    "achieved": "blue",
    "not_completed": "red",
    "nearly_completed": "orange",
    "completed": "green",
    "completed_early": "blue",
}


def text(code: str, lang: str) -> str:
    """'▼ 倒退' / '▼ Going backwards': for tables, captions and exports."""
    return statuses.badge(code, lang)


def badge_md(code: str, lang: str, suffix: str = "") -> str:
    """The badge as a Markdown directive (``:red-badge[▼ 倒退]``), to put inside a longer
    ``st.markdown`` instead of drawing one more element: what ``st.badge`` itself sends."""
    label = (text(code, lang) + suffix).replace("[", "\\[").replace("]", "\\]")
    return f":{_BADGE_COLOR.get(code, 'gray')}-badge[{label}]"


def badge(code: str, lang: str, container=None, suffix: str = "") -> None:
    """A coloured badge holding the icon and the word (st.badge's own icon takes only emoji or
    Material names, so the status symbol goes into the label), then ``suffix``."""
    (container or st).badge(text(code, lang) + suffix, color=_BADGE_COLOR.get(code, "gray"))
