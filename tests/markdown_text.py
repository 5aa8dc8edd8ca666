"""What a reader sees of a Markdown string the app sends: backslash escapes and the invisible word
joiners of ``components.safe.md`` removed. Tests compare screen text with this, not with the raw
Markdown, so they keep checking words and numbers while the app keeps outside text inert."""
from __future__ import annotations

import re

from components.safe import WORD_JOINER

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def visible(markdown: str) -> str:
    return _ESCAPED.sub(r"\1", str(markdown)).replace(WORD_JOINER, "")
