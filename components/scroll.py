"""Bring what a tap opened into view: a keyed container scrolled to the top of the screen once the
run that drew it has finished (a tablet otherwise keeps showing where the finger was).

``into_view(key, token)`` injects a small script (constants, the container's key and a token: no
data). Streamlit runs an st.html script once when the element first appears, so the token must
change whenever a new scroll is wanted (the tapped target, a tap counter); the same token on the
next rerun leaves the page where the reader put it.
"""
from __future__ import annotations

import json
import re

import streamlit as st

# Waits for the run to finish (the app's script state) and the container to exist, then scrolls it
# below Streamlit's header; once more a moment later, when charts above it have taken their height.
# With ``only_if_hidden`` it scrolls only when the container's top is not on the screen.
_JS = """(() => {
  const sel = %(sel)s, onlyIfHidden = %(hidden)s, t0 = Date.now();
  const hidden = (e) => { const r = e.getBoundingClientRect();
    return r.top < 56 || r.top > window.innerHeight - 120; };
  const go = (again) => {
    const app = document.querySelector('[data-testid="stApp"]'), e = document.querySelector(sel);
    if (e && app && app.getAttribute('data-test-script-state') === 'notRunning') {
      e.style.scrollMarginTop = '64px';
      if (!onlyIfHidden || hidden(e)) e.scrollIntoView({block: 'start'});
      if (again) setTimeout(() => go(false), 700);
      return;
    }
    if (Date.now() - t0 < 15000) setTimeout(() => go(again), 100);
  };
  go(true);
})(); /* %(token)s */"""


def script(key: str, token: str, only_if_hidden: bool = False) -> str:
    """The <script> that scrolls the first container whose key contains ``key`` into view (``token``
    makes it new)."""
    safe_token = re.sub(r"[^\w.-]", "_", str(token))
    return "<script>" + _JS % {"sel": json.dumps(f'[class*="st-key-{key}"]'), "hidden": json.dumps(only_if_hidden),
                               "token": safe_token} + "</script>"


def into_view(key: str, token: str, only_if_hidden: bool = False) -> None:
    """Scroll the container keyed ``key`` to the top of the screen after this run (see the module)."""
    st.html(script(key, token, only_if_hidden), unsafe_allow_javascript=True)
