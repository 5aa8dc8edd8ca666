"""The status vocabulary, defined once: codes, labels in both languages, icons, colours, order.

Every screen, chart, export and SQL file uses these codes. Colour is never the only cue: each status
also has a word and an icon of its own. Colours come from the Okabe–Ito palette (safe for the common
forms of colour blindness), plus Paul Tol's "wine" for going backwards and a neutral grey for no data.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    code: str
    zh: str
    en: str
    icon: str
    color: str
    order: int          # worst first: sort off-track lists by this
    is_off_track: bool  # needs attention: shown in the off-track list
    is_milestone: bool  # a qualitative target's milestone rather than a measured ratio


STATUSES: tuple[Status, ...] = (
    Status("backwards", "倒退", "Going backwards", "▼", "#882255", 0, True, False),
    Status("not_completed", "未完成", "Not completed", "▽", "#D55E00", 1, True, False),
    Status("limited", "进展缓慢", "Limited progress", "●", "#D55E00", 2, True, False),
    Status("accelerate", "需加快", "Needs acceleration", "◆", "#E69F00", 3, True, False),
    Status("nearly_completed", "基本完成", "Nearly completed", "△", "#E69F00", 4, True, False),
    Status("milestone_not_started", "未启动", "Not started", "□", "#F0E442", 5, True, True),
    Status("milestone_in_progress", "推进中", "In progress", "◐", "#56B4E9", 6, False, True),
    Status("no_data", "无数据", "No data", "○", "#999999", 7, False, False),
    Status("on_track", "正常推进", "On track", "▲", "#009E73", 8, False, False),
    Status("milestone_done", "已完成", "Completed", "★", "#0072B2", 9, False, True),
    Status("completed", "已完成", "Completed", "■", "#009E73", 10, False, False),
    Status("achieved", "已达标", "Target achieved", "✓", "#0072B2", 11, False, False),
    Status("completed_early", "提前完成", "Completed early", "◎", "#0072B2", 12, False, False),
)

BY_CODE: dict[str, Status] = {s.code: s for s in STATUSES}

#: every status code, worst first
ORDER: tuple[str, ...] = tuple(s.code for s in sorted(STATUSES, key=lambda s: s.order))
#: the codes that belong in an "off track" list
OFF_TRACK: tuple[str, ...] = tuple(s.code for s in STATUSES if s.is_off_track)
#: the codes that count as "on track or achieved" (before the target year) or completed (at it) in roll-ups
GOOD: tuple[str, ...] = ("achieved", "on_track", "milestone_done", "completed", "completed_early")
#: the verdicts of the plan's target year and after (DESIGN §6), best first; no_data is the fifth
VERDICTS: tuple[str, ...] = ("completed_early", "completed", "nearly_completed", "not_completed", "no_data")
#: the milestone a person enters for a qualitative target -> its status code
MILESTONE_STATUS: dict[str, str] = {
    "not_started": "milestone_not_started",
    "in_progress": "milestone_in_progress",
    "done": "milestone_done",
}


@dataclass(frozen=True)
class Grade:
    """A mid-term grade (before the target year), in the words of China's plan mid-term evaluations."""
    code: str
    zh: str
    en: str
    icon: str


#: the mid-term grades, best first (DESIGN §6): 提前实现, 快于预期, 基本符合预期, 滞后, 无数据
GRADES: tuple[Grade, ...] = (
    Grade("achieved_early", "提前实现", "Achieved early", "◎"),
    Grade("ahead", "快于预期", "Ahead of schedule", "▲"),
    Grade("as_expected", "基本符合预期", "Broadly as expected", "◆"),
    Grade("behind", "滞后", "Behind schedule", "▼"),
    Grade("no_data", "无数据", "No data", "○"),
)
GRADE_BY_CODE: dict[str, Grade] = {g.code: g for g in GRADES}


def grade_label(code: str, lang: str = "zh") -> str:
    grade = GRADE_BY_CODE.get(code, GRADE_BY_CODE["no_data"])
    return grade.en if lang == "en" else grade.zh


def get(code: str) -> Status:
    """The status for ``code``; unknown codes read as no data rather than failing a page."""
    return BY_CODE.get(code, BY_CODE["no_data"])


def label(code: str, lang: str = "zh") -> str:
    """The status's word in ``lang`` ('zh' or 'en'; anything else falls back to Chinese)."""
    status = get(code)
    return status.en if lang == "en" else status.zh


def icon(code: str) -> str:
    return get(code).icon


def color(code: str) -> str:
    return get(code).color


def order(code: str) -> int:
    """Sort key, worst first."""
    return get(code).order


def is_off_track(code: str) -> bool:
    return get(code).is_off_track


def badge(code: str, lang: str = "zh") -> str:
    """Icon and word together, e.g. '▼ 倒退': the plain-text form used in tables and exports."""
    return f"{icon(code)} {label(code, lang)}"
