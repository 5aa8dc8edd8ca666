"""A district's scorecard and its place among the districts: read by the district screen, and (the
completion ranking) by the final assessment's deck and report.

A district has two ranks, on purpose, each named for its measure and each derived only here:

- ``by_score``: the district screen's 综合排名 (overall rank), by the mean Open SDG score (−5 to 5)
  of its assessed targets (queries/district_standing.sql, ranked in the stored model 09a among all
  districts), as the design's roll-up of an area is the mean score (DESIGN §6).
- ``by_completion``: the assessment's 完成情况排名, by the share of a district's targets with a
  figure that are completed (before the target year: achieved or on track), from the compare grid
  (tracker.views.compare), with its rank the year before. Final assessments rank districts by
  completion, not pace (DESIGN §6, "judged by completion").

Both rank competition-style: 1 is the best, equal measures share the better rank, the next rank
skips (1, 2, 2, 4), and a district without a measure has no rank.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from tracker import statuses
from tracker.db import records
from tracker.text import finite
from tracker.views import compare
from tracker.words import say

Row = dict[str, Any]
STANDING_QUERY = "district_standing"      # run only here (tests/test_layers.py)


def competition_ranks(measures: Mapping[str, float | None]) -> dict[str, int]:
    """key → rank by ``measures``, highest first: equal measures share the better rank, the next
    rank skips; keys without a measure get none."""
    order = sorted((v for v in measures.values() if v is not None), reverse=True)
    return {key: 1 + order.index(v) for key, v in measures.items() if v is not None}


# ---- the district screen's overall rank: the mean score ----------------------------------------

@dataclass(frozen=True)
class Standing:
    """How a district's assessed targets stand as of a year (one row of district_standing.sql)."""
    area_code: str
    count_targets: int
    count_good: int
    count_off_track: int
    mean_score: float | None
    rank: int | None          # by the mean score, 1 = best; None without a score
    count_ranked: int         # districts with a score


def standing(run: Callable[..., pd.DataFrame], plan_id: str, year: int | None,
             district: str | None = None) -> dict[str, Standing]:
    """area_code → standing and rank by mean score as of ``year`` (``district``: only that one, still
    ranked among all), through the caller's runner (the screen's per-snapshot cache, tracker.db.run)."""
    return by_score(run(STANDING_QUERY, plan_id=plan_id, year=year, district=district))


def by_score(standing: pd.DataFrame | Iterable[Mapping[str, Any]]) -> dict[str, Standing]:
    """area_code → its standing and rank by mean score, from queries/district_standing.sql's rows."""
    rows = records(standing) if isinstance(standing, pd.DataFrame) else list(standing)
    out = {}
    for r in rows:
        rank, ranked = finite(r.get("rank_by_score")), finite(r.get("count_ranked"))
        out[str(r["area_code"])] = Standing(
            str(r["area_code"]), int(finite(r.get("count_targets")) or 0), int(finite(r.get("count_good")) or 0),
            int(finite(r.get("count_off_track")) or 0), finite(r.get("mean_score")),
            None if rank is None else int(rank), int(ranked or 0))
    return out


# ---- the assessment's ranking: the share completed ----------------------------------------------

@dataclass(frozen=True)
class Rank:
    area_code: str
    name: str
    judged: int             # targets with a status in the district
    done: int               # completed (before the target year: achieved or on track)
    unfinished: int
    rate: float | None      # done ÷ judged, in %
    rank: int               # 1 = the highest rate; equal rates share a rank
    rank_before: int | None  # the year before

    def move(self, lang: str) -> str:
        """'↑2' / '↓1' / '持平' / '—' (no rank the year before)."""
        if self.rank_before is None:
            return "—"
        step = self.rank_before - self.rank
        if step == 0:
            return say("brief.rank.same", lang)
        return f"↑{step}" if step > 0 else f"↓{-step}"


def completion(grid) -> dict[str, tuple[str, int, int, int, float | None]]:
    """area_code → (name, targets with a figure, done, off track, done ÷ with a figure in %) over a
    status grid (tracker.views.compare.Grid, or the pack's copy of it): no-data cells are not counted."""
    out = {}
    for j, (code, name) in enumerate(grid.districts):
        judged = [row.cells[j].status for row in grid.rows if row.cells[j].status != "no_data"]
        done = sum(c in statuses.GOOD for c in judged)
        off = sum(c in statuses.OFF_TRACK for c in judged)
        out[code] = (name, len(judged), done, off, 100.0 * done / len(judged) if judged else None)
    return out


def by_completion(grid, before=None) -> tuple[Rank, ...]:
    """The districts by the share of their targets completed, best first (then by area code), each
    with its rank the year before (``before``: the grid of the year before). A district with no
    figure at all comes last."""
    now, then = completion(grid), completion(before) if before is not None else {}
    ranks = competition_ranks({code: v[4] for code, v in now.items()})
    earlier = competition_ranks({code: v[4] for code, v in then.items()})
    rows = [Rank(code, v[0], v[1], v[2], v[3], v[4], ranks.get(code, len(now)), earlier.get(code))
            for code, v in now.items()]
    return tuple(sorted(rows, key=lambda r: (r.rank, r.area_code)))


def own(ranks: Sequence[Rank], area_code: str | None) -> Rank | None:
    """The district's own row of a ranking; None for the whole city or a district not in it."""
    return next((r for r in ranks if r.area_code == area_code), None) if area_code else None


# ---- the rank a district's screen shows ---------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    rank: int | None        # None: not ranked (no measure)
    count: int              # districts ranked
    by_completion: bool     # the target year: the assessment's ranking, not the mean score


def headline(run: Callable[..., pd.DataFrame], plan_id: str, year: int, district: str, *,
             final: bool) -> Headline:
    """The rank the district screen shows: in the target year the assessment's completion ranking
    (the rank the deck and the report give the district), before it the rank by mean score."""
    if final:
        ranks = by_completion(compare.heatmap(compare.rows(run, plan_id, year), "zh"))
        mine = own(ranks, district)
        return Headline(None if mine is None or mine.rate is None else mine.rank,
                        sum(r.rate is not None for r in ranks), True)
    mine_by_score = standing(run, plan_id, year, district).get(district)
    return Headline(None if mine_by_score is None else mine_by_score.rank,
                    0 if mine_by_score is None else mine_by_score.count_ranked, False)


# ---- the scorecard ------------------------------------------------------------------------------

@dataclass
class Scorecard:
    judged: list[Row]   # assessed in each district, worst first: status order, lowest score, action
    split: list[Row]    # city totals split by district (not judged per district), by action and id

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "Scorecard":
        """From queries/district_scorecard.sql's rows for one district and year."""
        rows = records(frame)
        judged = sorted((r for r in rows if r["is_judged"]), key=lambda r: (
            statuses.order(r["status"]), r["score"] is None, r["score"] or 0.0, r["action_no"], r["indicator_id"]))
        split = sorted((r for r in rows if not r["is_judged"]), key=lambda r: (r["action_no"], r["indicator_id"]))
        return cls(judged, split)


def status_counts(card: Scorecard) -> dict[str, int]:
    """Assessed targets per status, worst first, statuses with none left out."""
    counts = Counter(r["status"] for r in card.judged)
    return {code: counts[code] for code in statuses.ORDER if counts[code]}


def best_and_worst(card: Scorecard, n: int = 3) -> tuple[list[Row], list[Row]]:
    """The ``n`` strongest and ``n`` weakest scored targets: by score, then by the district's rank
    among the districts on that target (rank_in_districts).

    With fewer than 2n scored targets the two lists split them, so none appears in both.
    """
    scored = [r for r in card.judged if r["score"] is not None]
    rank = lambda r: r["rank_in_districts"] if r["rank_in_districts"] is not None else float("inf")  # noqa: E731
    best = sorted(scored, key=lambda r: (-r["score"], rank(r), r["indicator_id"]))
    worst = sorted(scored, key=lambda r: (r["score"], -rank(r), r["indicator_id"]))
    k = min(n, (len(scored) + 1) // 2)
    best = best[:k]
    taken = {r["indicator_id"] for r in best}
    worst = [r for r in worst if r["indicator_id"] not in taken][:min(n, len(scored) - k)]
    return best, worst
