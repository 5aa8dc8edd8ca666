"""Text the project did not write, made inert for every Streamlit sink that reads Markdown.

Streamlit renders Markdown not only in ``st.markdown`` but in titles, captions, alerts, widget
labels, tab and expander labels, ``st.metric``, ``st.table`` cells and page links. Besides
CommonMark it turns ``:red[…]`` into colour, ``:material/…:`` into an icon, ``$…$`` into LaTeX,
``:streamlit:`` into a logo, and it links bare addresses (``https://…``, ``www.…``, ``a@b.cn``)
after the Markdown is parsed, so a backslash does not stop those links.

``md(text)`` is the one function for values that come from outside (URL values, catalogue names,
units, plan wording, notes, imported ``source`` and ``note``, file names, user names):

* every ASCII punctuation character gets a backslash, so no Markdown, colour, icon or LaTeX
  syntax survives (CommonMark allows a backslash before any ASCII punctuation);
* an invisible WORD JOINER (U+2060) goes after every ``:`` and ``@`` and between ``www`` and
  its dot, which the link finder does not read past, so no address becomes a link;
* line breaks become spaces, so a value cannot start a heading, list or table of its own.

``t_md(key, lang, **values)`` is ``t`` with every text value passed through ``md``: the project's
own sentence with outside words placed in it. Sinks that do not read Markdown (``st.dataframe``
cells, select-box options, chart specs, downloads) take the plain text, never ``md``'s output.
"""
from __future__ import annotations

import re
from typing import Any

from components.i18n import t

WORD_JOINER = "\u2060"
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")            # the 32 ASCII punctuation characters
_LINKISH = re.compile(r"([:@])|(?<![0-9A-Za-z])(www)(?=\.)", re.IGNORECASE)
_BREAKS = re.compile(r"[\r\n\u2028\u2029\v\f]+")


def _join(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + WORD_JOINER
    return match.group(2) + WORD_JOINER


def md(text: Any) -> str:
    """``text`` as it was written, safe inside any Markdown sink ('' for None or NaN)."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    s = _BREAKS.sub(" ", str(text))
    s = _LINKISH.sub(_join, s)
    return _PUNCT.sub(r"\\\1", s)


def t_md(key: str, lang: str, **values: Any) -> str:
    """The project's sentence ``key`` with every outside text value made inert by ``md``.

    Numbers pass unchanged; text values (names, codes, URL values, notes) are escaped."""
    return t(key, lang, **{k: (md(v) if isinstance(v, str) else v) for k, v in values.items()})
