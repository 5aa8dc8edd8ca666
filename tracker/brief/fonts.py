"""The fonts the briefing uses: Debian's Noto Sans CJK (fonts-noto-cjk) for the PDF and the map
pictures, embedded there as subsets; the deck names 微软雅黑 (Microsoft YaHei), which every office
PC in China has, and leaves the drawing to the machine that opens it."""
from __future__ import annotations

import functools
import os
from pathlib import Path

DECK_FONT = "Microsoft YaHei"       # the deck's Latin and East-Asian typeface (a:latin and a:ea)
FAMILY = "Noto Sans CJK SC"         # the PDF's and the maps' family
SC_INDEX = 2                        # Simplified Chinese in the .ttc collections (JP, KR, SC, TC, HK, ...)
FOLDERS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/opentype/noto-cjk"),
           Path("/usr/share/fonts/noto-cjk"), Path("/usr/local/share/fonts"))


class FontMissing(RuntimeError):
    pass


def _folders() -> tuple[Path, ...]:
    extra = os.environ.get("TRACKER_CJK_FONTS")
    return ((Path(extra),) if extra else ()) + FOLDERS


@functools.lru_cache(maxsize=1)
def cjk() -> tuple[Path, Path]:
    """(regular, bold) Noto Sans CJK collections; FontMissing when fonts-noto-cjk is not installed."""
    for folder in _folders():
        regular, bold = folder / "NotoSansCJK-Regular.ttc", folder / "NotoSansCJK-Bold.ttc"
        if regular.is_file():
            return regular, bold if bold.is_file() else regular
    raise FontMissing("Noto Sans CJK (fonts-noto-cjk) not found")
