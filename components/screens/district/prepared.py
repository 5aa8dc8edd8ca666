"""What the district page draws for one district and year, prepared once per snapshot: the headline
(its rank: by completion in the target year, as the assessment ranks it, by mean score before;
tracker.views.districts.headline), the status counts, the strongest and
weakest targets, the tables, and the township coverage of township-scoped targets."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import pyarrow as pa

from components import data, fmt, townships
from components.i18n import pick, t
from components.safe import md, t_md
from components.screens.district.tables import (
    city_only_table,
    district_names,
    export_table,
    rank_text,
    scorecard_table,
    shares_table,
)
from components.theme import status_key
from tracker import judgement, statuses
from tracker.views import districts as districts_view
from tracker.views.districts import Headline, Scorecard, Standing, best_and_worst, status_counts


@dataclass(frozen=True)
class Item:
    """One of the strongest or weakest targets."""
    key: str
    status: str          # the status as bold Markdown (icon and word)
    indicator_id: str
    label: str           # id · name: the link's text (Markdown, escaped)
    caption: str         # value, target, rank


@dataclass(frozen=True)
class Coverage:
    """A township-scoped target's coverage in the district: "x of y townships" and which are not."""
    key: str
    indicator_id: str
    label: str                 # id · name (Markdown, escaped)
    year: int                  # the year of the township rows shown (the latest up to the page's year)
    lines: tuple[str, ...]     # "x of y townships covered", then the uncovered names (escaped Markdown)


@dataclass(frozen=True)
class View:
    counts: dict[str, int]
    metrics: tuple[tuple[str, str, str | None], ...]   # (label, value, help) of the headline
    best: tuple[Item, ...]
    worst: tuple[Item, ...]
    scorecard: pa.Table | None          # None: no target scored in this district
    export: pd.DataFrame                # every row, for the downloads
    shares: pa.Table | None
    city_only: tuple[str, str, pa.Table] | None    # (note, expander label, table)
    coverage: tuple[Coverage, ...] = ()            # township-scoped targets with township rows


def lead(plan: Mapping[str, Any], name: str, year: int, lang: str) -> str:
    """The sentence under the title: completion in the target year, status and pace before it."""
    key = "district.lead_final" if judgement.is_final(year, plan["target_year"]) else "district.lead"
    return t_md(key, lang, name=name, year=year)




def headline_metrics(rank: Headline, standing: Standing | None, counts: dict[str, int],
                     lang: str) -> tuple[tuple[str, str, str | None], ...]:
    """Rank (in the target year by completion, before it by mean score), mean score, how many targets
    are fine and how many need attention."""
    total = sum(counts.values())
    good = sum(n for code, n in counts.items() if code in statuses.GOOD)
    off = sum(n for code, n in counts.items() if statuses.is_off_track(code))
    score = None if standing is None else standing.mean_score
    final = "_final" if any(code in statuses.VERDICTS and code != "no_data" for code in counts) else ""
    by = "_completion" if rank.by_completion else ""
    return (
        (t(f"district.rank{by}", lang), "—" if rank.rank is None else t(
            "district.rank_value", lang, rank=rank.rank, n=rank.count), t(f"district.rank_help{by}", lang)),
        (t("district.score", lang), "—" if score is None else fmt.number(score, 1), None),
        (t(f"district.good{final}", lang), t("district.of_targets", lang, n=good, total=total), None),
        (t(f"district.off{final}", lang), t("district.of_targets", lang, n=off, total=total), None),
    )


def item(row: Mapping[str, Any], lang: str, key: str) -> Item:
    code = row["status"]
    return Item(f"{key}{status_key(code)}", f"**{statuses.badge(code, lang)}**", row["indicator_id"],
                md(f"{row['indicator_id']} · {pick(row, 'name', lang)}"),
                t_md("district.item", lang, value=fmt.with_unit(row.get("value"), row, lang),
                  target=fmt.target(row, lang), rank=rank_text(row, lang)))


def build(card: Scorecard, rank: Headline, standing: Standing | None, city_only_frame: pd.DataFrame,
          name: str, year: int, lang: str) -> View:
    """Everything the page draws for one district and year (a pure function)."""
    counts = status_counts(card)
    best, worst = best_and_worst(card)
    table, split = scorecard_table(card, lang), shares_table(card, lang)
    only = None
    if not city_only_frame.empty:
        n = len(city_only_frame)
        only = (t("district.city_only", lang, n=n), t("district.city_only_list", lang, n=n),
                data.arrow(city_only_table(city_only_frame, lang)))
    return View(counts=counts, metrics=headline_metrics(rank, standing, counts, lang),
                best=tuple(item(r, lang, f"district-best-{i}") for i, r in enumerate(best)),
                worst=tuple(item(r, lang, f"district-worst-{i}") for i, r in enumerate(worst)),
                scorecard=None if table.empty else data.arrow(table), export=export_table(card, name, year, lang),
                shares=None if split.empty else data.arrow(split), city_only=only)


@data.per_snapshot
def view(plan_id: str, district: str, year: int, name: str, lang: str, target_year: int) -> View:
    """The page for one district and year, once per snapshot."""
    card = Scorecard.from_frame(data.q("district_scorecard", plan_id=plan_id, district=district, year=year))
    standing = districts_view.standing(data.q, plan_id, year, district).get(district)
    rank = districts_view.headline(data.q, plan_id, year, district, final=judgement.is_final(year, target_year))
    built = build(card, rank, standing, data.q("district_city_only", plan_id=plan_id), name, year, lang)
    return dataclasses.replace(built, coverage=coverage_items(card, district, year, lang))


def coverage_items(card: Scorecard, district: str, year: int, lang: str) -> tuple[Coverage, ...]:
    """Each township-scoped target of the scorecard with township rows for the district up to
    ``year``, in catalogue order: its "x of y townships" and the townships not yet covered."""
    figures = townships.totals(district, year)
    out = []
    for row in sorted(card.judged, key=lambda r: (r["action_no"], r["indicator_id"])):
        found = figures.get(row["indicator_id"])
        if row.get("scope") != "township_share" or found is None:
            continue
        lines = townships.summary_md(row["indicator_id"], district, year, lang)
        if lines:
            out.append(Coverage(f"district-townships-{row['indicator_id']}", row["indicator_id"],
                                md(f"{row['indicator_id']} · {pick(row, 'name', lang)}"), int(found["year"]), lines))
    return tuple(out)


@data.per_snapshot
def names_for(lang: str) -> dict[str, str]:
    """area_code → name for the districts, in the areas query's order (shared: do not change)."""
    return district_names(data.q("areas"), lang)
