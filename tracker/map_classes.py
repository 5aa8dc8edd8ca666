"""The colour classes of a coverage map, shared by the map screen (components/maps.py) and the
briefing's map pictures (tracker/brief/maps.py), so both colour a district alike.

ColorBrewer RdBu against the target (colour-blind safe: blue = target met, warmer and darker =
further short of it), ColorBrewer Blues for plain magnitudes (district parts of a city total:
darker = more), grey for no data. Pure functions of the district values and the target's row.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from tracker import statuses
from tracker.text import figure, with_unit
from tracker.text import finite as _num
from tracker.words import say

MET = "#2166AC"
GAPS = ("#FDDBC7", "#F4A582", "#D6604D")  # nearest the target first
LEVELS = ("#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
NO_DATA = "#D9D9D9"


@dataclass(frozen=True)
class Band:
    """One colour class: values v with low < v < high, the ends included as the flags say."""
    key: str
    color: str
    low: float | None = None
    high: float | None = None
    include_low: bool = True
    include_high: bool = False

    def contains(self, value: float) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.include_low)):
            return False
        if self.high is not None and (value > self.high or (value == self.high and not self.include_high)):
            return False
        return True


def mode(target: Mapping[str, Any]) -> str:
    """'binary' (every district has it or not), 'target' (rates against the target) or 'level'."""
    comparator, value = target.get("comparator"), _num(target.get("target_value"))
    if comparator not in (">=", "<=") or value is None or target.get("aggregation") == "sum":
        return "level"
    if target.get("scope") == "each_district" and target.get("measure") == "share" and comparator == ">=" \
            and value >= 100:
        return "binary"
    return "target"


def nice_step(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least x."""
    if not x or x <= 0 or math.isnan(x):
        return 1.0
    base = 10.0 ** math.floor(math.log10(x))
    return next(m * base for m in (1, 2, 2.5, 5, 10) if m * base >= x * (1 - 1e-9))


def bands(values: Sequence[float], target: Mapping[str, Any]) -> list[Band]:
    """The colour classes for these district values, best class first (no-data class last)."""
    values = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    kind, goal = mode(target), _num(target.get("target_value"))
    if kind == "binary":
        return [Band("met", MET, low=goal), Band("not_yet", GAPS[2], high=goal), Band("no_data", NO_DATA)]
    if kind == "target":
        up = target["comparator"] == ">="
        short = [goal - v for v in values if v < goal] if up else [v - goal for v in values if v > goal]
        w = nice_step(max(short) / 3 if short else abs(goal) * 0.1)
        if up:
            out = [Band("met", MET, low=goal), Band("gap1", GAPS[0], low=goal - w, high=goal),
                   Band("gap2", GAPS[1], low=goal - 2 * w, high=goal - w), Band("gap3", GAPS[2], high=goal - 2 * w)]
        else:
            out = [Band("met", MET, high=goal, include_high=True),
                   Band("gap1", GAPS[0], low=goal, high=goal + w, include_low=False, include_high=True),
                   Band("gap2", GAPS[1], low=goal + w, high=goal + 2 * w, include_low=False, include_high=True),
                   Band("gap3", GAPS[2], low=goal + 2 * w, include_low=False)]
        return out + [Band("no_data", NO_DATA)]
    if not values:
        return [Band("no_data", NO_DATA)]
    lo, hi = min(values), max(values)
    step = nice_step((hi - lo) / len(LEVELS)) if hi > lo else 0.0
    if step == 0.0:
        return [Band("level1", LEVELS[-1]), Band("no_data", NO_DATA)]
    start = math.floor(lo / step) * step
    edges = [start + i * step for i in range(1, len(LEVELS))]
    out = [Band("level4", LEVELS[3], low=edges[2])]
    out += [Band(f"level{i + 1}", LEVELS[i], low=edges[i - 1], high=edges[i]) for i in (2, 1)]
    out += [Band("level1", LEVELS[0], high=edges[0])]
    return out + [Band("no_data", NO_DATA)]


def band_of(value: Any, classes: Sequence[Band]) -> Band:
    number = _num(value)
    return next((b for b in classes[:-1] if number is not None and b.contains(number)), classes[-1])


#: at the end of the plan a district judged against the target is coloured by its verdict
#: (tracker/judgement.py), so its colour, its word and the legend say the same thing
VERDICT_BANDS = (Band("completed", MET), Band("nearly_completed", GAPS[1]), Band("not_completed", GAPS[2]),
                 Band("no_data", NO_DATA))
_VERDICT_BAND = {"completed_early": "completed", "completed": "completed", "nearly_completed": "nearly_completed",
                 "not_completed": "not_completed"}


def classify(values: Sequence[Any], statuses: Sequence[Any], target: Mapping[str, Any]) -> tuple[list[Band], list[Band]]:
    """The colour classes of a map and each district's class (``values`` and ``statuses`` per district,
    in the same order): by verdict when the districts are judged at the end of the plan, otherwise by
    value against the target (or by magnitude for the parts of a city total)."""
    if mode(target) != "level" and any(s in _VERDICT_BAND for s in statuses):
        classes = list(VERDICT_BANDS)
        by_key = {b.key: b for b in classes}
        return classes, [by_key[_VERDICT_BAND.get(s, "no_data")] for s in statuses]
    classes = bands(list(values), target)
    return classes, [band_of(v, classes) for v in values]


def is_met(band: Band) -> bool:
    """Whether a district in this class meets the target (by value, or completed at the end of the plan)."""
    return band.key in ("met", "completed")


def is_verdict(band: Band) -> bool:
    return band.key in _VERDICT_BAND


def label(band: Band, target: Mapping[str, Any], lang: str) -> str:
    """A class in words and numbers, for the map screen and the pack alike: '≥ 60%  target met',
    '50–60%', 'below 40%', 'No data'; a yes/no target's 'Met' / 'Not yet'; at the end of the plan the
    verdict's word ('已完成', '基本完成', '未完成')."""
    if is_verdict(band):
        return statuses.label(band.key, lang)
    if band.key in ("yes", "not_yet", "no_data") or (band.key == "met" and mode(target) == "binary"):
        return say(f"map.band.{'yes' if band.key == 'met' else band.key}", lang)
    unit = lambda v: with_unit(v, target, lang)  # noqa: E731
    if band.low is not None and band.high is not None:
        text = say("map.range.between", lang, low=figure(band.low, target, lang, beside=band.high), high=unit(band.high))
    elif band.low is not None:
        text = say("map.range.at_least" if band.include_low else "map.range.above", lang, v=unit(band.low))
    elif band.high is not None:
        text = say("map.range.at_most" if band.include_high else "map.range.below", lang, v=unit(band.high))
    else:
        text = say("map.band.no_data", lang)
    return say("map.band.met", lang, range=text) if band.key == "met" else text
