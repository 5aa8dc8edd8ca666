"""The shapes of what the deck and the report show: plain frozen dataclasses, filled by
tracker/brief/content.py's ``gather`` and only laid out by the deck and the report. An action's counts
and what changed since a moment are the view layer's (tracker/views/), as the screens show them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker import judgement, statuses
from tracker.brief import maps
from tracker.brief.words import w
from tracker.views.actions import Rollup
from tracker.views.changes import GROUPS, Change
from tracker.views.compare import Grid as Heatmap  # the compare screen's grid, read as it is
from tracker.views.compare import GridCell as Cell
from tracker.views.compare import GridRow as HeatRow  # noqa: F401  (callers import it from here)


class BriefError(ValueError):
    """A request the briefing cannot answer (unknown plan, year or district): one sentence."""


@dataclass(frozen=True)
class Target:
    indicator_id: str
    action_no: int
    name: str
    status: str                 # status code
    status_text: str            # icon and word
    value: float | None         # the value compared with the target (None: no figure)
    value_text: str
    target_text: str
    status_year: int | None
    progress_pct: float | None
    time_pct: float | None
    score: float | None
    is_qualitative: bool
    is_city_only: bool = False
    baseline_text: str = "—"
    baseline_year: int | None = None
    target_year: int | None = None
    projected_text: str = "—"
    target_value: float | None = None
    source_quote: str = ""
    area_name: str = ""
    series: tuple[tuple[int, float], ...] = ()        # (year, plotted value) of the area shown
    districts: tuple[Cell, ...] = ()                # every district's figure, when judged per district
    provenance: tuple[str, ...] = ()                  # the figure's source and note, demo, a mixed series
    area_code: str = ""
    unit: str = ""
    measure: str = ""
    direction: str = "up"
    baseline_value: float | None = None
    lead_unit: str = ""                               # 牵头单位 (tracker/commentary.py: 未指定 when blank)
    cause: str = ""                                   # the office's 原因分析 for this target and area
    measures: str = ""                                # the office's 下一步措施

    @property
    def unfinished(self) -> bool:
        return self.status in ("not_completed", "nearly_completed") or self.status in statuses.OFF_TRACK

    @property
    def done(self) -> bool:
        return self.status in statuses.GOOD

    def latest(self, lang: str) -> str:
        """'63.1%（2025）' / '63.1% (2025)', '—' without a figure, the word for a qualitative target."""
        if self.is_qualitative:
            return w("action.qualitative", lang)
        if self.value is None or self.status_year is None:
            return "—"
        return f"{self.value_text}（{self.status_year}）" if lang == "zh" else f"{self.value_text} ({self.status_year})"


@dataclass(frozen=True)
class Action:
    action_no: int
    name: str
    summary: str
    rollup: Rollup                     # its targets' counts, means and status for the area (tracker/views/actions.py)
    targets: tuple[Target, ...]        # the targets judged for the area (all of them for the city)
    quotes: tuple[str, ...]            # the plan's wording, each clause once, in catalogue order

    @property
    def status(self) -> str | None:
        """The roll-up; None when the area has no figures for it."""
        return self.rollup.status

    @property
    def count_targets(self) -> int:
        return self.rollup.count_targets

    @property
    def count_off_track(self) -> int:
        return self.rollup.count_off_track

    @property
    def count_city_only(self) -> int:
        return self.rollup.count_city_only

    @property
    def mean_progress_pct(self) -> float | None:
        return self.rollup.mean_progress_pct

    @property
    def mean_time_pct(self) -> float | None:
        return self.rollup.mean_time_pct

    @property
    def verdicts(self) -> dict[str, int]:
        """Targets per verdict (the target year)."""
        return self.rollup.verdicts


CHANGE_GROUPS = GROUPS      # worst group first (tracker/views/changes.py)


@dataclass(frozen=True)
class Brief:
    lang: str
    plan_id: str
    plan_name: str
    start_year: int
    target_year: int
    baseline_year: int
    year: int
    area_code: str | None
    area_name: str
    made: dt.date
    is_demo: bool
    data_line: str                            # where the figures come from
    counts: dict[str, int]                    # targets per status, worst first (zeros kept)
    actions: tuple[Action, ...]               # the actions in the source text
    not_in_source: tuple[str, ...]            # the names of those that are not
    heatmap: Heatmap
    maps: tuple[maps.MapPart, ...]
    method: str                               # the full method in words
    readings: tuple[tuple[str, str, str], ...] = field(default=())   # (indicator_id, name, note)
    since: dt.datetime | None = None          # --since: the moment the changes are counted from
    changes: tuple[Change, ...] = ()          # what changed since then (tracker/views/changes.py)
    grades: dict[str, int] = field(default_factory=dict)   # mid-term grades (before the target year)
    nearly_pct: float = judgement.NEARLY_PCT                # the plan's 基本完成 threshold
    heat_before: Heatmap = Heatmap((), ())                  # the heatmap of the year before (district ranks then)
    sections: dict[str, str] = field(default_factory=dict)  # the office's plan-level text per section
    issuer: str = ""                                        # the issuing unit on the cover
    city_only_actions: tuple[str, ...] = ()                 # a district pack: actions with city figures only
    city_only_count: int = 0                                # targets with city figures only

    @property
    def targets(self) -> tuple[Target, ...]:
        """Every target judged for the area shown, in catalogue order (the annex's rows)."""
        return tuple(t for a in self.actions for t in a.targets)

    def changed(self, group: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.group == group)

    @property
    def is_final(self) -> bool:
        return judgement.is_final(self.year, self.target_year)

    def lead(self) -> str:
        """The headline sentence: the verdict counts in the target year (tracker/judgement.py); before
        it the mid-term grades, then the pace counts."""
        lang = self.lang
        if not self.total:
            return w("counts.none", lang, area=self.area_name)
        if self.is_final:
            return judgement.final_headline(self.counts, lang, self.area_name)
        pace = w("counts.lead", lang, area=self.area_name, n=self.total, good=self.good, off=self.off)
        grades = judgement.interim_headline(self.grades, self.year, lang, self.area_name) if self.grades else ""
        return f"{grades}{' ' if grades and lang == 'en' else ''}{pace}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def good(self) -> int:
        return sum(self.counts[c] for c in statuses.GOOD)

    @property
    def off(self) -> int:
        return sum(self.counts[c] for c in statuses.OFF_TRACK)

