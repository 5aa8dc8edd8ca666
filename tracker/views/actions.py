"""An action's roll-up: how its targets stand for one area and year. Read by the overview's tiles and
meeting mode's action slides (from the roll-up row, queries/overview_actions.sql), by the action
screen's summary (from the cards it shows, queries/action_targets.sql) and by the deck and the report
(tracker/brief).

In the plan's target year and after, an action is told by its verdicts ('n项中x项已完成，…',
tracker/judgement.py) and there is no pace: ``mean_time_pct`` is None. Before it, by its targets and
how many are off track.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from tracker import judgement, statuses, words
from tracker.text import finite


@dataclass(frozen=True)
class Rollup:
    action_no: int
    status: str | None              # the roll-up status; None when no target is judged for the area
    count_targets: int              # targets judged for the area
    count_off_track: int
    count_city_only: int            # targets with no figures for the area (city figures only)
    counts: dict[str, int]          # targets per status code, worst first, codes with none left out
    verdicts: dict[str, int]        # targets per verdict, best first, zeros kept (the target year)
    mean_progress_pct: float | None  # mean 完成进度 (None: no target with a percentage)
    mean_time_pct: float | None     # mean 序时进度; None in the target year and after (no pace then)
    final: bool                     # the target year or later: verdicts, no pace

    @property
    def judged(self) -> bool:
        return self.count_targets > 0

    @property
    def completed(self) -> int:
        """Targets completed, those completed early included (the target year)."""
        return judgement.completed(self.verdicts)

    @property
    def unfinished(self) -> int:
        """Targets nearly completed or not completed (the target year)."""
        return self.verdicts.get("nearly_completed", 0) + self.verdicts.get("not_completed", 0)


def _int(x: Any) -> int:
    value = finite(x)
    return 0 if value is None else int(value)


def of_row(row: Mapping[str, Any], *, final: bool) -> Rollup:
    """The roll-up of one overview_actions row (its count_<code> columns, means and rollup_status)."""
    judged = _int(row.get("count_targets"))
    counts = {code: _int(row.get(f"count_{code}")) for code in statuses.ORDER}
    return Rollup(
        action_no=int(row["action_no"]),
        status=str(row["rollup_status"]) if judged and row.get("rollup_status") else None,
        count_targets=judged, count_off_track=_int(row.get("count_off_track")),
        count_city_only=_int(row.get("count_city_only")),
        counts={code: n for code, n in counts.items() if n},
        verdicts={code: counts.get(code, 0) for code in statuses.VERDICTS},
        mean_progress_pct=finite(row.get("mean_progress_pct")),
        mean_time_pct=None if final else finite(row.get("mean_time_pct")),
        final=final)


def of_targets(rows: Iterable[Mapping[str, Any]], action_no: int, *, final: bool) -> Rollup:
    """The counts over the targets an action screen shows (action_targets rows: a district's own
    figures and, for the targets it has none of, the city's): every status and verdict counted. The
    roll-up status and the means are the roll-up row's (``of_row``): None here."""
    rows = list(rows)
    found = Counter(str(r.get("status") or "no_data") for r in rows)
    return Rollup(
        action_no=int(action_no), status=None, count_targets=len(rows),
        count_off_track=sum(found[code] for code in statuses.OFF_TRACK),
        count_city_only=sum(bool(r.get("is_city_only")) for r in rows),
        counts={code: found[code] for code in statuses.ORDER if found[code]},
        verdicts=judgement.verdict_counts(found.elements()),
        mean_progress_pct=None, mean_time_pct=None, final=final)


def counts_line(rollup: Rollup, lang: str) -> str:
    """'n项中x项已完成，…' in the target year (tracker/judgement.py); before it 'n项目标，x项未达进度'."""
    if rollup.final:
        return judgement.action_line(rollup.verdicts, lang)
    return words.say("overview.tile_counts", lang, n=rollup.count_targets, off=rollup.count_off_track)
