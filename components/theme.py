"""The app's look beyond .streamlit/config.toml: touch-sized targets, readable type, no horizontal
scroll on a tablet, status colours on keyed containers, and meeting mode's large type.

``apply(present)`` injects one <style> block (no data in it: only constants and the status colours
from tracker/statuses.py). Call it once per run, before the page draws.

Status colour on a container: give the container a key that holds ``status_key(code)``, for example
``key=f"tile-12{status_key('limited')}"``; its left border then takes that status's colour.
"""
from __future__ import annotations

import functools
import re

import streamlit as st

from tracker import statuses

MIN_TOUCH_PX = 44

_BASE = f"""
/* Touch targets at least {MIN_TOUCH_PX} px: buttons, links, selects, expanders, the sidebar's links. */
.stButton button, .stDownloadButton button, .stLinkButton a, .stFormSubmitButton button,
[data-testid="stPageLink"] a, [data-testid="stSidebarNavLink"],
[data-testid="stExpander"] summary, .stSelectbox [role="group"], .stMultiSelect [role="group"],
.stSelectbox [data-baseweb="select"] > div, .stMultiSelect [data-baseweb="select"] > div,
.stTextInput input, .stNumberInput input,
[data-testid="stBaseButton-elementToolbar"] {{
    min-height: {MIN_TOUCH_PX}px;
}}
[data-testid="stBaseButton-elementToolbar"] {{ min-width: {MIN_TOUCH_PX}px; }}
[data-testid="stPageLink"] a {{ display: flex; align-items: center; }}
/* Body text at least 14 px; long names wrap instead of pushing the page sideways. */
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stCaptionContainer"],
[data-testid="stWidgetLabel"] p, [data-testid="stMetricLabel"] p {{
    font-size: max(14px, 1em);
}}
[data-testid="stCaptionContainer"] {{ font-size: 14px; }}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stPageLink"] p,
[data-testid="stExpander"] summary p {{
    overflow-wrap: anywhere;
}}
[data-testid="stMain"] {{ overflow-x: clip; }}
[data-testid="stMainBlockContainer"] {{ max-width: 100%; }}
/* Tablets: less side padding, so two tiles fit at 768 px. */
@media (max-width: 1100px) {{
    [data-testid="stMainBlockContainer"] {{ padding-left: 1.25rem; padding-right: 1.25rem; padding-top: 3rem; }}
}}
/* Tile grids: as many columns as fit, at least 280 px each (two at 768 px portrait). */
[class*="-grid-"] {{
    display: grid !important;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
    gap: 0.75rem;
    align-items: stretch;
}}
[class*="-grid-"] > div {{ width: auto !important; min-width: 0; }}
[class*="-chips-"] {{
    display: grid !important;
    grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
    gap: 0.5rem;
}}
[class*="-chips-"] > div {{ width: auto !important; min-width: 0; }}
/* Labels wrap rather than end in an ellipsis: page links, metric labels. */
[data-testid="stPageLink-NavLink"] span, [data-testid="stPageLink-NavLink"] p,
[data-testid="stMetricLabel"] .stMarkdownEllipsis, [data-testid="stMetricLabel"] p {{
    white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
[class*="st-key-tile-"] [data-testid="stPageLink"] p {{ font-weight: 600; font-size: 1.05rem; }}
/* Count chips: compact, so the off-track list starts above the fold on a tablet. */
[class*="-count-"] {{ padding: 0.4rem 0.7rem !important; }}
[class*="-count-"] [data-testid="stMetricValue"] {{ font-size: 1.6rem; }}
/* The progress bar with its time-elapsed marker. */
.cp-bar {{ position: relative; height: 12px; border-radius: 6px; background: #E3E8EE; margin: 0.25rem 0; }}
.cp-bar-fill {{ position: absolute; left: 0; top: 0; bottom: 0; border-radius: 6px; }}
.cp-bar-mark {{ position: absolute; top: -4px; bottom: -4px; width: 3px; background: #1B2631;
               transform: translateX(-50%); border-radius: 1px; }}
/* The notes under a bar, drawn in the same Markdown as the bar: caption size. */
.cp-note {{ font-size: 14px; line-height: 1.6; opacity: 0.6; margin: 0.5rem 0 0.4rem 0; }}
"""

_PRESENT = """
/* Meeting mode: no sidebar, header or toolbar; large type for a projector. */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stExpandSidebarButton"] {
    display: none !important;
}
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { padding: 1rem 1.5rem 2rem 1.5rem !important; max-width: 100%; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1rem; }
[class*="-count-"] [data-testid="stMetricValue"] p { font-size: 1.6rem; }
/* The controls stay in view at the bottom of the screen while a long slide scrolls. */
[data-testid="stLayoutWrapper"]:has(> .st-key-present-controls-bar) { position: sticky; bottom: 0; z-index: 10; }
.st-key-present-controls-bar { background: #FFFFFF; padding: 0.5rem 0; border-top: 1px solid #E3E8EE; }
[data-testid="stCaptionContainer"] { font-size: 0.85rem; }
.cp-note { font-size: 1rem; margin-top: 1rem; }
[data-testid="stMain"] h1 { font-size: 2rem; padding-top: 0; }
.stButton button { min-height: 64px; font-size: 1rem; }
"""


def status_key(code: str) -> str:
    """The part of a container's key that gives it ``code``'s colour (see the module docstring)."""
    return f"-is-{code}-"


def _status_css() -> str:
    rules = [
        f'[class*="{status_key(s.code)}"] {{ border-left: 6px solid {s.color} !important; }}'
        for s in statuses.STATUSES
    ]
    return "\n".join(rules)


def css(present: bool = False) -> str:
    """The style sheet for one run: the base, the status colours, and meeting mode's when asked."""
    return _BASE + _status_css() + (_PRESENT if present else "")


def compact(sheet: str) -> str:
    """The sheet as sent: comments dropped and runs of blanks collapsed (about a quarter fewer bytes
    on every page's first message; the rules themselves are unchanged)."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    sheet = re.sub(r"\s+", " ", sheet)
    sheet = re.sub(r":\s+", ":", sheet)        # declarations and media queries; selectors have none
    return re.sub(r"\s*([{};,])\s*", r"\1", sheet).strip()


@functools.lru_cache(maxsize=2)
def _block(present: bool) -> str:
    # The sheet holds only constants, so it is built once per process, not on every run.
    return f"<style>{compact(css(present))}</style>"


def apply(present: bool = False) -> None:
    """Inject the style sheet (st.html with only a <style> block takes no space on the page)."""
    st.html(_block(bool(present)))
