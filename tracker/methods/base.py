"""What every progress method is: its arithmetic on one year's point, its explanation and its words.

``tracker.progress`` makes a ``Point`` (where the compared quantity stands against the target in one
year) and asks the target's method for its ``Pace``: the ratio R, the projection and the effort, and
the intermediate values behind them (``parts``). ``tracker.methodology`` prints those parts as the
worked example, so the page shows the engine's own numbers rather than a second copy of its sums.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

ZERO = 0.001            # Open SDG's stand-in for a zero base or target
HOLD_BROKEN = -1.0      # R when a met target with no margin is lost


def n(x) -> str:
    """A number in an explanation: six significant digits with thousands commas; '—' when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{float(x):,.6g}"


def tex(x) -> str:
    """A number for LaTeX: as ``n``, the thousands comma braced, a negative bracketed."""
    text = n(x).replace(",", "{,}")
    return f"({text})" if text.startswith("-") else text


def pct(x) -> str:
    return "—" if x is None or math.isnan(x) else f"{x:.2f}%"


@dataclass
class Step:
    text: str                    # one plain sentence with the numbers
    latex: tuple[str, ...] = ()  # the same arithmetic as formulas, one a line


@dataclass(frozen=True)
class Point:
    """One year of a level, share or summed quantity ``q`` (its first point the base) against its target."""
    target: Any                  # tracker.progress.Target
    years: np.ndarray
    q: np.ndarray
    year: int
    base_year: int
    b: float                     # the base
    v: float                     # the compared quantity this year
    op: str                      # '>=' or '<=' (a range: its nearer bound)
    goal: float                  # T, the bound compared with
    d: int                       # +1 when at least, −1 when at most
    achieved: bool
    hold: bool                   # the base already met the target
    progress: float | None       # 完成进度, %
    time_pct: float | None       # 序时进度, %

    @property
    def left(self) -> int:
        return self.target.target_year - self.year


@dataclass
class Pace:
    """A method's answer for one point: only the fields it sets (None: left as the engine had them)."""
    ratio: float | None = None
    projected_value: float | None = None
    achieved_annual_change: float | None = None
    required_annual_change: float | None = None
    kind: str = "none"           # the explanation to print: the method's own, or 'hold', 'hold_lost', 'none'
    parts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Method:
    """One progress method: name, words and arithmetic. A new method is a module that makes one."""
    name: str
    label: dict[str, str]              # for the indicator page: zh, en
    final_label: dict[str, str]        # the same at the target year
    text: dict[str, str]               # its bullet of the method text (Markdown we wrote), zh, en
    formula_title: dict[str, str]      # the method page's heading over its formulas
    formulas: Callable[[dict[str, str]], tuple[str, ...]]   # LaTeX, given the words progress/elapsed
    pace: Callable[[Point], Pace] | None = None              # None: a milestone, entered by people
    explain: Callable[[Point, Pace, str], Step] | None = None
    compounds: bool = False            # growth compounds (a summed quantity falls back to linear)
    measures_as: str | None = None     # 'sum': the compared quantity is the sum of yearly additions

    def words(self, field_name: str, lang: str) -> str:
        return getattr(self, field_name)["en" if lang == "en" else "zh"]
