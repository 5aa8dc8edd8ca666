"""Screen text, one module per area of the app, each a dict key → (Chinese, English).

Keys are namespaced by screen ("overview.", "map.", ...); ``collect`` refuses a key defined twice.
"""
from __future__ import annotations

import importlib
import pkgutil


def collect() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in merged:
                raise ValueError(f"string key {key!r} defined twice (in {info.name})")
            merged[key] = pair
    return merged
