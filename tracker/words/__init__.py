"""Every word the product shows, one module per area, each a dict key → (Chinese, English): the
screens' (read through components.i18n.t) and the briefing's (``brief.``, read through
tracker.brief.words.w, which also reads the screens' words it shares).

Keys are namespaced by screen ("overview.", "map.", "brief.", ...); ``collect`` refuses a key defined twice.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from typing import Any


def collect() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in merged:
                raise ValueError(f"string key {key!r} defined twice (in {info.name})")
            merged[key] = pair
    return merged


@functools.cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every key → (Chinese, English), collected once."""
    return collect()


def say(key: str, lang: str, **values: Any) -> str:
    """The words for ``key`` in ``lang`` ('en', else Chinese), formatted with ``values``."""
    zh, en = catalogue()[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
