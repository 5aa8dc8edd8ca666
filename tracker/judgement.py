"""The judgement of a target: the verdict at the end of the plan and the grade before it (DESIGN §6).

Decided here once, for the progress engine (tracker/progress.py stores it in table ``status``) and for
every screen, the deck, the report, the exports and ``changes --since``, which only read it:

* **At and after the target year** a target in an area gets a verdict instead of a pace status:
  ``completed`` (已完成) when the target-year figure meets the comparator, ``completed_early`` (提前完成)
  when it met it already in an earlier year and has held since; ``nearly_completed`` (基本完成) when it
  does not, but 完成进度 reaches the plan's ``nearly_pct`` (default 90); ``not_completed`` (未完成)
  otherwise, going backwards included; ``no_data`` (无数据) with no target-year figure (an earlier
  figure is shown with its year and not judged: the SQL macro ``final_status``). A milestone is
  completed when done, otherwise not completed. 序时进度, pace words and projections are dropped.
* **Before the target year** the pace status stays and a mid-term grade stands beside it:
  ``achieved_early`` (提前实现, already met), ``ahead`` (快于预期, R ≥ 1), ``as_expected`` (基本符合预期,
  0.95 ≤ R < 1), ``behind`` (滞后, R < 0.95); milestones done → achieved early, in progress → as
  expected, not started → behind; no usable data → ``no_data``.

The words of both vocabularies live in tracker/statuses.py; the sentences that count them are here.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Mapping

from tracker import statuses

NEARLY_PCT = 90.0       # the plans.csv default: 完成进度 at or above which an unmet target is 基本完成
AHEAD = 1.0             # R at or above which a target is 快于预期
AS_EXPECTED = 0.95      # R at or above which it is 基本符合预期 (Open SDG's on-track threshold)


def is_final(year: int | None, target_year: int | None) -> bool:
    """Whether ``year`` is judged by completion: the target year or any later one."""
    return year is not None and target_year is not None and int(year) >= int(target_year)


def verdict(met: bool, met_since: int | None, target_year: int, progress_pct: float | None,
            nearly_pct: float | None = None) -> str:
    """The verdict of a target-year (or later) figure: met → completed (early when ``met_since`` is an
    earlier year), else nearly completed when 完成进度 ≥ ``nearly_pct``, else not completed."""
    if met:
        return "completed_early" if met_since is not None and met_since < target_year else "completed"
    threshold = NEARLY_PCT if nearly_pct is None or math.isnan(nearly_pct) else float(nearly_pct)
    if progress_pct is not None and not math.isnan(progress_pct) and progress_pct >= threshold:
        return "nearly_completed"
    return "not_completed"


def milestone_verdict(done: bool, done_since: int | None, target_year: int) -> str:
    """A qualitative target at the end of the plan: completed when done, otherwise not completed."""
    return verdict(done, done_since, target_year, None, None) if done else "not_completed"


def grade(status: str, ratio: float | None) -> str:
    """The mid-term grade beside a pace status (before the target year)."""
    if status in ("achieved", "milestone_done"):
        return "achieved_early"
    if status == "milestone_in_progress":
        return "as_expected"
    if status == "milestone_not_started":
        return "behind"
    if status == "no_data" or ratio is None or math.isnan(ratio):
        return "no_data"
    if ratio >= AHEAD:
        return "ahead"
    return "as_expected" if ratio >= AS_EXPECTED else "behind"


# ---- counting them ------------------------------------------------------------------------------

def verdict_counts(codes: Iterable[str | None]) -> dict[str, int]:
    """Targets per verdict, best first, zeros kept; a code that is not a verdict counts as no data."""
    found = Counter(c if c in statuses.VERDICTS else "no_data" for c in codes if c is not None)
    return {code: int(found[code]) for code in statuses.VERDICTS}


def grade_counts(codes: Iterable[str | None]) -> dict[str, int]:
    """Targets per mid-term grade, best first, zeros kept (a missing grade counts as no data)."""
    known = {g.code for g in statuses.GRADES}
    found = Counter(c if c in known else "no_data" for c in codes)
    return {g.code: int(found[g.code]) for g in statuses.GRADES}


def completed(counts: Mapping[str, int]) -> int:
    """Completed targets, those completed early included (已完成X项（其中提前完成Y项）)."""
    return int(counts.get("completed", 0)) + int(counts.get("completed_early", 0))


WORDS: dict[str, tuple[str, str]] = {
    "final": ("{area}{n}项目标：已完成{done}项（其中提前完成{early}项），基本完成{nearly}项，未完成{notdone}项，无数据{none}项。",
              "{area}{n} targets: {done} completed ({early} of them early), {nearly} nearly completed, "
              "{notdone} not completed, {none} without data."),
    "interim": ("截至{year}年，{area}{n}项目标：提前实现{early}项、快于预期{ahead}项、"
                "基本符合预期{expected}项、滞后{behind}项{none}。",
                "As of {year}, {area}{n} targets: {early} achieved early, {ahead} ahead of schedule, "
                "{expected} broadly as expected, {behind} behind{none}."),
    "interim.none": ("、无数据{n}项", ", {n} without data"),
    "area": ("{area}", "{area}: "),
    # a coverage map at the end of the plan (the map screen and the briefing's map pictures)
    "map.final": ("{year}年（目标年），{n_met}/{n_all}个区县已完成目标（{target}）。",
                  "{year}, the target year: {n_met} of {n_all} districts completed the target ({target})."),
    "map.verdict": ("{verdict}：{names}。", "{verdict}: {names}."),
    "action.final": ("{n}项中{done}项已完成", "{done} of {n} completed"),
    "action.final_rest": ("，{nearly}项基本完成，{notdone}项未完成", "; {nearly} nearly completed, {notdone} not completed"),
    "action.final_none": ("，{n}项无数据", "; {n} without data"),
}


def word(key: str, lang: str, **values) -> str:
    zh, en = WORDS[key]
    return (en if lang == "en" else zh).format(**values)


def final_headline(counts: Mapping[str, int], lang: str, area: str = "") -> str:
    """'全市111项目标：已完成X项（其中提前完成Y项），基本完成Z项，未完成W项，无数据V项。' The counts
    are ``verdict_counts``: they add up to the number of targets."""
    return word("final", lang, area=word("area", lang, area=area) if area else "", n=sum(counts.values()),
                done=completed(counts), early=int(counts.get("completed_early", 0)),
                nearly=int(counts.get("nearly_completed", 0)), notdone=int(counts.get("not_completed", 0)),
                none=int(counts.get("no_data", 0)))


def interim_headline(counts: Mapping[str, int], year: int, lang: str, area: str = "") -> str:
    """'截至2023年，全市111项目标：提前实现X项、快于预期Y项、基本符合预期Z项、滞后W项。' from
    ``grade_counts`` (no data named only when there is some)."""
    none = int(counts.get("no_data", 0))
    return word("interim", lang, year=int(year), area=word("area", lang, area=area) if area else "",
                n=sum(counts.values()), early=int(counts.get("achieved_early", 0)), ahead=int(counts.get("ahead", 0)),
                expected=int(counts.get("as_expected", 0)), behind=int(counts.get("behind", 0)),
                none=word("interim.none", lang, n=none) if none else "")


def action_line(counts: Mapping[str, int], lang: str) -> str:
    """An action (or any group of targets) at the end of the plan: 'n项中x项已完成，…'."""
    n = sum(counts.values())
    text = word("action.final", lang, n=n, done=completed(counts))
    nearly, notdone = int(counts.get("nearly_completed", 0)), int(counts.get("not_completed", 0))
    if nearly or notdone:
        text += word("action.final_rest", lang, nearly=nearly, notdone=notdone)
    if counts.get("no_data", 0):
        text += word("action.final_none", lang, n=int(counts["no_data"]))
    return text
