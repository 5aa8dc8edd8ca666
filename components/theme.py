"""The app's look beyond .streamlit/config.toml: touch-sized targets, readable type, no horizontal
scroll on a tablet, status colours on keyed containers, meeting mode's large type, and the contrast
and heading rules every screen shares.

``apply(present)`` injects one <style> block (no data in it: only constants and the status colours
from tracker/statuses.py) and sets the document's language to the reader's. Call it once per run,
before the page draws.

Status colour on a container: give the container a key that holds ``status_key(code)``, for example
``key=f"tile-12{status_key('limited')}"``; its left border then takes that status's colour.

Contrast (WCAG 2.2, checked by axe-core in tests/test_accessibility.py): text at least 4.5:1 and
graphics (bars, points, borders, progress fills) at least 3:1, against the page's white and its
tinted panels, and still so on a projector, modelled as ambient light that adds ``PROJECTOR_FLARE``
to the luminance of everything on the screen (the washed-out white of a meeting room). Muted text
(captions, notes under a bar) is drawn in ``MUTED``; a status colour drawn as a graphic on white is
``status_graphic(code)``, the status's own colour deepened in its hue only as far as that needs (the
Okabe–Ito colours that are already dark enough are unchanged). Tinted backgrounds that carry text
(the compare heatmap's cells) keep the status colour and take black or white text by ``ink_on``.

Headings: a page has one h1 (``st.title``); its sections are h2 (``st.header``) and a section's parts
h3 (``st.subheader``), so no level is skipped. The sizes below keep h2 at the size a section heading
has always had on screen, so the levels follow the page's outline rather than the size wanted.
"""
from __future__ import annotations

import colorsys
import functools
import re

import streamlit as st

from tracker import statuses

MIN_TOUCH_PX = 44
PANEL_MIN_PX = 250     # the map screen's district panel beside its map (components.maps.MAP_WIDTH)

# ---- contrast ---------------------------------------------------------------------------------
WHITE = "#FFFFFF"          # the page (config.toml backgroundColor)
TINT = "#F2F5F8"           # panels, the sidebar, code (config.toml secondaryBackgroundColor)
BACKGROUNDS = (WHITE, TINT)
PROJECTOR_FLARE = 0.05     # ambient light on a projected image, as relative luminance added to every colour
TEXT_MIN, LARGE_TEXT_MIN, GRAPHIC_MIN = 4.5, 3.0, 3.0
MUTED = "#58616A"          # captions and notes: 6.3:1 on white, 4.7:1 at worst (Streamlit's own faded grey is 4.17:1)
TEXT = "#1B2631"           # config.toml textColor


def luminance(color: str) -> float:
    """WCAG relative luminance of a '#RRGGBB' colour."""
    channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str, flare: float = 0.0) -> float:
    """WCAG contrast ratio of two colours (1 to 21), with ``flare`` added to both luminances."""
    hi, lo = sorted((luminance(a) + flare, luminance(b) + flare), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def worst_contrast(color: str, backgrounds=BACKGROUNDS) -> float:
    """The lowest contrast of ``color`` against each background, on a screen and on a projector."""
    return min(contrast(color, bg, flare) for bg in backgrounds for flare in (0.0, PROJECTOR_FLARE))


def deepen(color: str, minimum: float, backgrounds=BACKGROUNDS) -> str:
    """``color`` itself when it reaches ``minimum`` against every background, else the same hue and
    saturation made darker, one step of lightness at a time, until it does."""
    r, g, b = (int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    out = color.upper()
    while worst_contrast(out, backgrounds) < minimum and light > 0:
        light = max(0.0, light - 0.005)
        out = "#" + "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, light, sat))
    return out


def ink_on(color: str) -> str:
    """Black or white text, whichever reads better on ``color``."""
    return "#000000" if contrast("#000000", color) >= contrast("#FFFFFF", color) else "#FFFFFF"


@functools.cache
def status_graphic(code: str) -> str:
    """The status's colour for marks, bars, borders and fills drawn on the page: at least 3:1."""
    return deepen(statuses.color(code), GRAPHIC_MIN)


@functools.cache
def status_text(code: str) -> str:
    """The status's colour for text drawn on the page: at least 4.5:1."""
    return deepen(statuses.color(code), TEXT_MIN)


def document_lang(lang: str) -> str:
    """The document's language tag, so a screen reader reads the page in the reader's language."""
    return "en" if lang == "en" else "zh-CN"

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
/* The status glyphs (◐ ◎ ▿ …) from a font that has them whole: Streamlit's Latin face lacks some, and
   the browser's fallback for English pages draws ◐ as a sliver in the count chips. */
[data-testid="stMain"] p, [data-testid="stMain"] li {{
    font-family: "Source Sans", "Source Sans Pro", "Noto Sans CJK SC", sans-serif;
}}
/* Muted text at least 4.5:1: Streamlit draws captions in the text colour at 60 % opacity, 4.17:1 on white. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p, .cp-note {{
    color: {MUTED}; opacity: 1;
}}
/* Headings follow the outline (h1 title, h2 sections, h3 their parts) at the sizes sections have. */
[data-testid="stMain"] h2 {{ font-size: 1.75rem; }}
[data-testid="stMain"] h3 {{ font-size: 1.35rem; }}
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
/* The map screen: the district's panel beside the map while both fit, else under it; room above
   the map for its own buttons (clear, full screen), which otherwise cover the sentence above it. */
[data-testid="stLayoutWrapper"]:has(> .st-key-map_panel), .st-key-map_panel {{
    flex: 1 1 {PANEL_MIN_PX}px !important; min-width: {PANEL_MIN_PX}px;
}}
.st-key-map_box {{ padding-top: 2.5rem; }}
/* The overview's districts as buttons under its small map. */
.st-key-overview-chips-districts [data-testid="stPageLink"] a {{
    border: 1px solid #C9D1DA; border-radius: 0.5rem; justify-content: center; background: {WHITE};
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
.cp-note {{ font-size: 14px; line-height: 1.6; margin: 0.5rem 0 0.4rem 0; }}
"""

_PRESENT = """
/* Meeting mode: no sidebar, header or toolbar; large type for a projector. */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stExpandSidebarButton"] {
    display: none !important;
}
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 1.5rem 0.25rem 1.5rem !important; max-width: 100%; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1rem; }
[class*="-count-"] [data-testid="stMetricValue"] p { font-size: 1.6rem; }
/* The controls stay in view at the bottom of the screen while a long slide scrolls. */
[data-testid="stLayoutWrapper"]:has(> .st-key-present-controls-bar) { position: sticky; bottom: 0; z-index: 10; }
.st-key-present-controls-bar { background: #FFFFFF; padding: 0.5rem 0; border-top: 1px solid #E3E8EE; }
[data-testid="stCaptionContainer"] { font-size: 0.85rem; }
.cp-note { font-size: 1rem; margin-top: 1rem; }
[data-testid="stMain"] h1 { font-size: 2rem; padding-top: 0; }
[data-testid="stMain"] h2 { font-size: 1.5rem; }
[data-testid="stMain"] h3 { font-size: 1.25rem; }
.stButton button { min-height: 64px; font-size: 1rem; }
/* A slide fits the screen with its controls: tighter spacing, compact cards, and on a tablet-sized
   screen a smaller root size (text stays at least 14 px). */
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
[class*="st-key-pt-"], [class*="st-key-poff-"], [class*="st-key-uncovered-"] { padding: 0.45rem 0.8rem 0.6rem 0.8rem !important; }
.st-key-present-top .stButton button, .st-key-present-top summary { min-height: 44px; }
[data-testid="stMain"] h1 { margin-bottom: -0.25rem; }
.cp-note { margin: 0.4rem 0 0 0 !important; }
.st-key-present-top [data-testid="stExpander"] { min-width: 12rem; }
/* Chips and tiles keep their words whole (a status word, "acceleration"). */
[class*="-count-"] p, [class*="-count-"] [data-testid="stMetricLabel"] * {
    overflow-wrap: normal !important; word-break: keep-all;
}
[class*="present-chips-"] { grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr)); }
[class*="-count-"] [data-testid="stMetricValue"] { font-size: 1.4rem; }
@media (max-width: 1100px), (max-height: 800px) {
    html { font-size: 17px; }
    [data-testid="stMain"] h1 { font-size: 1.6rem; }
    [data-testid="stCaptionContainer"] { font-size: max(14px, 0.85rem); }
    .st-key-present-controls-bar .stButton button { min-height: 52px; }
}
"""


def status_key(code: str) -> str:
    """The part of a container's key that gives it ``code``'s colour (see the module docstring)."""
    return f"-is-{code}-"


def _status_css() -> str:
    rules = [
        f'[class*="{status_key(s.code)}"] {{ border-left: 6px solid {status_graphic(s.code)} !important; }}'
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


# On a screen up to a landscape tablet's width, the sidebar closes once a screen is chosen in it
# (Streamlit leaves it open over the page); installed once per browser tab.
NARROW_PX = 1024
_CLOSE_SIDEBAR_JS = (
    "if (!window.__trackerNavCloses) { window.__trackerNavCloses = true;"
    " document.addEventListener('click', (ev) => {"
    f" if (window.innerWidth > {NARROW_PX} || !ev.target.closest('[data-testid=\"stSidebarNavLink\"]')) return;"
    " setTimeout(() => { const b = document.querySelector('[data-testid=\"stSidebarCollapseButton\"] button');"
    " if (b) b.click(); }, 50); }, true); }"
)


@functools.lru_cache(maxsize=2)
def _lang_script(tag: str) -> str:
    # One of two constant tags (document_lang); Streamlit's page itself says lang="en" whatever is shown.
    return f"<script>document.documentElement.lang = {tag!r}; {_CLOSE_SIDEBAR_JS}</script>"


def apply(present: bool = False, lang: str | None = None) -> None:
    """Inject the style sheet (st.html with only a <style> block takes no space on the page) and set
    the document's language (``lang``, else the URL's) for screen readers."""
    from components import url_state

    st.html(_block(bool(present)))
    st.html(_lang_script(document_lang(lang or url_state.lang())), unsafe_allow_javascript=True)
