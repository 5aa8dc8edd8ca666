"""What the overview draws, prepared from the two overview queries as plain values: the headline, the
off-track list, the action tiles, the actions not in the source and the city-only targets.

The pure helpers (``progress_bar_html``, ``latest_vs_target``, ``link_params``) take rows and return
plain values, so tests can check them without a page. ``build`` turns the queries' frames into an
``Overview``: every text, link and count the page draws. Catalogue text (names) goes only into links,
captions and escaped Markdown; the one Markdown drawn with HTML allowed (a tile's badge, bar and
notes) holds numbers and the app's own words. An action's roll-up is tracker/views/actions.py's.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import pyarrow as pa

from components import data, fmt, freshness, provenance, status_ui, theme, url_state
from components.i18n import pick, t
from components.safe import md, t_md
from components.theme import status_key
from tracker import judgement, statuses
from tracker.views import Rollup, counts_line, grade_counts, headline_counts, off_track
from tracker.views import actions as action_views

SHOWN_OFF_TRACK = 12   # off-track items shown at once; the rest sit in an expander below them


# ---- pure helpers -------------------------------------------------------------------------------

finite, pct = fmt.finite, fmt.pct


def progress_bar_html(progress_pct: Any, time_pct: Any, color: str, lang: str) -> str:
    """The progress bar (clipped to 0–100) with a marker at the time elapsed (none in the target year, where
    ``time_pct`` is None). Numbers only: no catalogue text."""
    progress, elapsed = finite(progress_pct), finite(time_pct)
    fill = 0.0 if progress is None else min(max(progress, 0.0), 100.0)
    label = html.escape(t("overview.bar_label", lang, p=pct(progress), t=pct(elapsed)) if elapsed is not None
                        else t("overview.bar_label_final", lang, p=pct(progress)))
    mark = "" if elapsed is None else (
        f'<div class="cp-bar-mark" style="left:{min(max(elapsed, 1.0), 99.0):.1f}%"></div>')
    return (f'<div class="cp-bar" role="img" aria-label="{label}">'
            f'<div class="cp-bar-fill" style="width:{fill:.1f}%;background:{html.escape(color)}"></div>'
            f"{mark}</div>")


def latest_vs_target(row: Mapping[str, Any], lang: str) -> str:
    """'行动12　2025年：85%　目标：≥ 90%' / 'Action 12 · 2025: 85% · target ≥ 90%'."""
    fresh = freshness.text(row, lang)
    fresh = f" · {md(fresh)}" if fresh else ""
    if row.get("comparator") == "qualitative":
        return t("overview.latest_qualitative", lang, action=int(row["action_no"])) + fresh
    target = fmt.target(row, lang)
    value = finite(row.get("value"))
    if value is None or finite(row.get("status_year")) is None:
        return t_md("overview.latest_none", lang, action=int(row["action_no"]), target=target) + fresh
    return t_md("overview.latest_vs_target", lang, action=int(row["action_no"]), year=int(row["status_year"]),
                value=fmt.with_unit(value, row, lang), target=target) + fresh


def link_params(lang: str, area_code: str | None, year: int | None) -> dict[str, str]:
    """The URL state a link to another page keeps: language, plan, district, year (defaults left out)."""
    return url_state.carried(lang, district=area_code or None, year=year)


# ---- the headline -------------------------------------------------------------------------------

def assessment_line(plan: Mapping[str, Any], year: int, lang: str) -> str:
    key = "overview.final" if year >= int(plan["target_year"]) else "overview.interim"
    return t(key, lang, year=year, start=int(plan["start_year"]), end=int(plan["target_year"]))


def headline_text(plan: Mapping[str, Any], year: int, area_name: str, counts: Mapping[str, int], lang: str,
                  grades: Mapping[str, int] | None = None) -> str:
    """The sentence a leader reads first. In the target year the verdict counts (tracker/judgement.py),
    adding up to the targets; before it the mid-term grade counts (``grades``), then the pace counts."""
    total = sum(counts.values())
    if total == 0:
        return f"**{assessment_line(plan, year, lang)}** {t_md('overview.summary_none', lang, area=area_name)}"
    if judgement.is_final(year, plan["target_year"]):
        return f"**{assessment_line(plan, year, lang)}** " + md(judgement.final_headline(counts, lang, area_name))
    good = sum(counts[c] for c in statuses.GOOD)
    off = sum(counts[c] for c in statuses.OFF_TRACK)
    lead = md(judgement.interim_headline(grades, year, lang, area_name)) + " " if grades else ""
    return f"**{assessment_line(plan, year, lang)}** " + lead + t_md("overview.summary", lang, area=area_name,
                                                                  n=total, good=good, off=off)


# ---- what the page draws ------------------------------------------------------------------------

@dataclass(frozen=True)
class OffItem:
    key: str            # "off-<indicator_id>-is-<status>-": the theme colours the edge, tests read the id
    action_no: int
    indicator_id: str   # the action page opens with this target selected and in view
    label: str          # the link's text: status, name (and, in the compact form, the figures)
    caption: str        # latest value against the target ('' in the compact form)


@dataclass(frozen=True)
class Tile:
    key: str
    action_no: int
    title: str
    body: str           # badge, progress bar and notes: one Markdown (numbers and our own words only)
    judged: bool


@dataclass(frozen=True)
class Overview:
    headline: str
    counts: dict[str, int]
    off_items: tuple[OffItem, ...]      # shown at once
    off_more: tuple[OffItem, ...]       # in the expander below them
    tiles: tuple[Tile, ...]
    missing: tuple[str, str] | None     # (expander label, the names as Markdown)
    district_note: str | None
    city_only: tuple[str, pa.Table] | None       # (expander label, table)
    final: bool = False                 # the target year or later: verdicts, no pace (tracker/judgement.py)


def off_items(targets: pd.DataFrame, lang: str, sources: Mapping[tuple[str, str], list] | None = None
              ) -> tuple[tuple[OffItem, ...], tuple[OffItem, ...]]:
    """The off-track list, worst first: the first ``SHOWN_OFF_TRACK`` in full, the rest compact; a
    demo figure, or a status from a series mixing demo and imported figures, is marked."""
    rows = off_track(targets).to_dict("records")
    full, compact = [], []
    for i, row in enumerate(rows):
        code = row["status"]
        label = t_md("overview.off_item", lang, status=status_ui.text(code, lang), name=pick(row, "name", lang))
        item_key = f"off-{row['indicator_id']}{status_key(code)}"
        latest = latest_vs_target(row, lang)
        if sources is not None:
            latest += provenance.kind_mark(sources.get((row["indicator_id"], row.get("area_code"))),
                                           row.get("status_year"), lang)
        if i < SHOWN_OFF_TRACK:
            full.append(OffItem(item_key, int(row["action_no"]), row["indicator_id"], label, latest))
        else:
            compact.append(OffItem(item_key, int(row["action_no"]), row["indicator_id"],
                                   f"{label}{t('overview.off_sep', lang)}{latest}", ""))
    return tuple(full), tuple(compact)


def progress_md(rollup: Rollup, lang: str, notes: tuple[str, ...] = ()) -> str:
    """The bar and the two percentages (one in the target year, where there is no pace), then ``notes``
    one a line, as Markdown with a little HTML; without a percentage (qualitative targets) the note says
    so. Only numbers and the app's own words go into the HTML, escaped: no catalogue text."""
    if rollup.mean_progress_pct is None:
        parts, lines = [], [t("overview.tile_qualitative", lang)]
    else:
        p, elapsed = rollup.mean_progress_pct, rollup.mean_time_pct
        parts = [progress_bar_html(p, elapsed, theme.status_graphic(rollup.status), lang)]
        lines = [t("overview.progress_final", lang, p=pct(p)) if elapsed is None else
                 t("overview.progress", lang, p=pct(p), t=pct(elapsed))]
    lines += list(notes)
    parts.append('<div class="cp-note">' + "<br>".join(html.escape(line) for line in lines) + "</div>")
    return "\n\n".join(parts)


def tile(row: Mapping[str, Any], lang: str, is_district: bool, final: bool = False) -> Tile:
    """One action's tile from its overview_actions row: the roll-up (tracker/views/actions.py) as a
    badge, the bar and its counts line ('n项中x项已完成，…' in the target year)."""
    rollup = action_views.of_row(row, final=final)
    no = rollup.action_no
    colour = status_key(rollup.status) if rollup.judged else ""
    title = t_md("overview.tile_title", lang, no=no, name=pick(row, "name", lang))
    if not rollup.judged:
        return Tile(f"tile-{no}{colour}", no, title, t("overview.tile_no_district", lang, n=rollup.count_city_only),
                    False)
    notes = [counts_line(rollup, lang)]
    if is_district and rollup.count_city_only:
        notes.append(t("overview.tile_city_only", lang, n=rollup.count_city_only))
    body = status_ui.badge_md(rollup.status, lang) + "\n\n" + progress_md(rollup, lang, tuple(notes))
    return Tile(f"tile-{no}{colour}", no, title, body, True)


def missing_part(missing: pd.DataFrame, lang: str) -> tuple[str, str] | None:
    """The actions the source does not cover: the expander's label and their names (escaped)."""
    if missing.empty:
        return None
    sep = "、" if lang == "zh" else ", "
    nos = sep.join(str(int(n)) for n in missing["action_no"])
    names = "\n\n".join(md(pick(row, "name", lang)) for row in missing.to_dict("records"))
    return t("overview.not_in_source", lang, nos=nos), names


def city_only_part(targets: pd.DataFrame, lang: str) -> tuple[str, pa.Table] | None:
    rows = targets[targets["is_city_only"].astype(bool)]
    if rows.empty:
        return None
    table = pd.DataFrame({
        t("overview.col_action", lang): rows["action_no"].astype(int).to_numpy(),
        t("col.indicator", lang): [pick(r, "name", lang) for r in rows.to_dict("records")],
        t("col.scope", lang): [t(f"scope.{s}", lang) for s in rows["scope"]],
    })
    return t("overview.city_only_title", lang, n=len(rows)), data.arrow(table)


def build(plan: Mapping[str, Any], year: int, area_name: str, targets: pd.DataFrame, actions: pd.DataFrame,
          lang: str, *, is_district: bool, sources: Mapping[tuple[str, str], list] | None = None) -> Overview:
    """Everything the overview draws for one plan, year, area and language (a pure function)."""
    counts = headline_counts(actions)
    final = judgement.is_final(year, plan["target_year"])
    full, compact = off_items(targets, lang, sources)
    in_source = actions["in_source"].astype(bool)
    note = None
    if is_district:
        n_city = int(targets["is_city_only"].sum())
        note = t_md("overview.district_note", lang, area=area_name, n=len(targets) - n_city, c=n_city)
    return Overview(
        headline=headline_text(plan, year, area_name, counts, lang, None if final else grade_counts(targets)),
        counts=counts, off_items=full, off_more=compact, final=final,
        tiles=tuple(tile(r, lang, is_district, final) for r in actions[in_source].to_dict("records")),
        missing=missing_part(actions[~in_source], lang), district_note=note,
        city_only=city_only_part(targets, lang) if is_district else None)
