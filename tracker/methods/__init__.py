"""Progress methods as a registry: each method is one module (its arithmetic, its explanation, its
words) that makes a ``Method``; ``REGISTRY`` lists them in the catalogue's order. Adding a method is
one module here, its words in it, and its test; the catalogue import, the engine, the method text,
the indicator page and the method page read this registry."""
from __future__ import annotations

from typing import Any

from tracker.methods import cagr, cumulative, linear, milestone
from tracker.methods.base import Method, Pace, Point, Step

REGISTRY: dict[str, Method] = {m.METHOD.name: m.METHOD for m in (cagr, linear, cumulative, milestone)}
NAMES: tuple[str, ...] = tuple(REGISTRY)

__all__ = ["NAMES", "REGISTRY", "Method", "Pace", "Point", "Step", "get", "measuring", "sums"]


def get(name: str) -> Method:
    """The method called ``name``; KeyError names the known ones."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown progress method {name!r}; known: {', '.join(NAMES)}") from None


def sums(target: Any) -> bool:
    """Whether the compared quantity is the sum of the yearly additions since the base year: a count
    of new facilities (measure count_new), or a method that measures so."""
    return target.measure == "count_new" or get(target.method).measures_as == "sum"


def measuring(target: Any) -> Method:
    """The method whose arithmetic measures ``target``: its own, except that a summed quantity does
    not compound (a compounding method measures it linearly)."""
    method = get(target.method)
    return REGISTRY["linear"] if method.compounds and sums(target) else method
