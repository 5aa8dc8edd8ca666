"""The action screen: a card per target of the chosen action, and the selected target's figures.

Cards show the target, the latest figure as of the chosen year, the status (icon and word; colour
only on the card's edge) and a sparkline. Each card's button (key ``card_<indicator_id>``) selects
that target and records it in the URL (``?indicator=ID``), so a tap is enough and a link reopens it.
The selected target's figures (trend, districts, wording) are drawn by components.targets, which the
indicator screen shares.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import streamlit as st

from components import data, fmt, freshness, provenance, scroll, status_ui, target_charts, url_state
from components.downloads import table_downloads
from components.i18n import pick, t
from components.safe import md, t_md
from components.targets import (
    INDICATOR_PAGE,
    breakdown_parts,
    card_note,
    cause_line_md,
    draw_breakdown,
    figures_md,
    finite,
    has_breakdown,
    head_caption,
    is_qualitative,
    latest_text,
    lead_unit_md,
    link_params,
    milestone_table,
    notes_md,
    points_for,
    provenance_md,
    series_spec,
    trend_caption,
    wording_lines,
)
from tracker import commentary, judgement
from tracker.views import actions as action_views
from tracker.views import counts_line


def first_in_source(actions: pd.DataFrame) -> int:
    """The default action: the first one the source text covers (actions 1–3 are not in it)."""
    covered = actions.loc[actions["in_source"].astype(bool), "action_no"]
    return int(covered.min() if len(covered) else actions["action_no"].min())


def _column(rows: pd.DataFrame | Any, name: str) -> list:
    """One column of a frame or of a sequence of row dicts."""
    return rows[name].tolist() if isinstance(rows, pd.DataFrame) else [r[name] for r in rows]


def shown_area_name(targets: pd.DataFrame | Any, asked: str, names: Mapping[str, str]) -> str:
    """The area the counts describe: the one asked for when any card shows it, else the areas shown
    instead (a district with no figures of its own for this action). ``targets``: frame or rows."""
    shown = list(dict.fromkeys(_column(targets, "area_code")))
    if asked in shown or not shown:
        return names.get(asked, asked)
    return " / ".join(names.get(code, code) for code in shown)


@dataclass(frozen=True)
class ActionMenu:
    by_no: dict[int, dict[str, Any]]   # action_no → its row of the actions query
    labels: dict[int, str]             # the picker's option labels
    headings: dict[int, str]           # the page title for each action
    summaries: dict[int, str]          # each action's summary, escaped ('' when none)
    default: int                       # the first action the source covers


@data.per_snapshot
def action_menu(plan_id: str, lang: str) -> ActionMenu:
    """The actions of a plan as the picker and the title show them, once per snapshot."""
    actions = data.q("actions", plan_id=plan_id)
    by_no = {int(a["action_no"]): a for a in data.rows("actions", plan_id=plan_id)}
    return ActionMenu(
        by_no=by_no,
        labels={no: t("action.option", lang, no=no, name=pick(a, "name", lang)) for no, a in by_no.items()},
        headings={no: t_md("action.heading", lang, no=no, name=pick(a, "name", lang)) for no, a in by_no.items()},
        summaries={no: md(pick(a, "summary", lang)) if pick(a, "summary", lang) else "" for no, a in by_no.items()},
        default=first_in_source(actions) if len(actions) else None)


SCROLL, TAPS = "action_scroll", "action_taps"


def _select(indicator_id: str) -> None:
    url_state.choose("indicator", indicator_id)
    st.session_state[SCROLL] = True


def bring_into_view(action_no: int, selected: str, linked: bool) -> None:
    """After a tap on a card's button, its target's figures (drawn under the cards); on arriving by a
    link that names a target (an off-track item of the overview), that target's card."""
    if st.session_state.pop(SCROLL, False):
        taps = st.session_state[TAPS] = st.session_state.get(TAPS, 0) + 1
        scroll.into_view("target-detail-is-", f"detail-{selected}-{taps}")
    elif linked:
        scroll.into_view(f"target-{selected}-is-", f"card-{action_no}-{selected}")


def status_summary(targets: list[Mapping[str, Any]], action_no: int, year: int | None, area_name: str, lang: str,
                   *, target_year: int) -> None:
    """'9 targets, as of 2025:' and one badge per status with its count, worst first (one Markdown);
    in the target year and after, the verdict line 'n项中x项已完成，…' under it. The counts are the
    view layer's over the cards shown (tracker/views/actions.py)."""
    final = year is not None and judgement.is_final(year, target_year)
    rollup = action_views.of_targets(targets, action_no, final=final)
    if year is None:
        st.caption(t("action.counts_nodata", lang, n=rollup.count_targets))
    else:
        st.caption(t_md("action.counts", lang, n=rollup.count_targets, year=year, area=area_name))
    if rollup.counts:
        st.markdown(" ".join(status_ui.badge_md(code, lang, suffix=f" {count}") for code, count in rollup.counts.items()))
    if rollup.final and rollup.judged:
        st.caption(counts_line(rollup, lang))


@dataclass(frozen=True)
class Card:
    """What one card draws: all of it text or a ready chart spec, shared by every session."""
    indicator_id: str
    key: str                 # the container's key: the theme colours its edge by status
    body: str                # name, target, status badge and latest figure as one Markdown
    spec: dict | None        # the sparkline (None: too few points, or a qualitative target)
    note: str | None         # city-only / region-only caption


def card_body(row: Mapping[str, Any], lang: str) -> str:
    """The card's text in one Markdown: the name in bold, the target in grey, the status badge (icon
    and word), the latest figure. Catalogue text is escaped (shown as typed, never as markup)."""
    target = t("action.card.target", lang, target=fmt.target(row, lang), year=int(row["target_year"]))
    lines = [f"**{md(pick(row, 'name', lang))}**", f":small[:gray[{md(target)}]]",
             status_ui.badge_md(row["status"], lang), md(latest_text(row, lang))]
    if fresh := freshness.text(row, lang):
        lines.append(f":small[{md(fresh)}]")
    lines.append(lead_unit_md(row, lang))
    return "  \n".join(lines)


def sparkline_spec(row: Mapping[str, Any], pairs: list[tuple[Any, Any]] | None, lang: str = "zh") -> dict | None:
    """The card's sparkline spec with its ``usermeta``, or None when there is nothing to draw."""
    if not pairs or is_qualitative(row) or sum(finite(v) is not None for _, v in pairs) < 2:
        return None
    spec = target_charts.sparkline(pairs, row, row["status"], lang=lang)
    spec["usermeta"] = {"chart": "sparkline", "indicator_id": row["indicator_id"]}
    return spec


def series_pairs(series_rows: Any) -> dict[tuple[str, str], list[tuple[Any, Any]]]:
    """action_series rows as (year, plot_value) pairs per (indicator_id, area_code), by year."""
    out: dict[tuple[str, str], list[tuple[Any, Any]]] = {}
    for r in sorted(series_rows, key=lambda r: r["year"]):
        out.setdefault((r["indicator_id"], r["area_code"]), []).append((r["year"], r["plot_value"]))
    return out


def series_rows_by_area(series_rows: Any) -> dict[tuple[str, str], list[Mapping[str, Any]]]:
    out: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for r in series_rows:
        out.setdefault((r["indicator_id"], r["area_code"]), []).append(r)
    return out


def card_text(row: Mapping[str, Any], rows: list[Mapping[str, Any]], lang: str,
              note: Mapping[str, Any] | None = None) -> str:
    """The card's body and, under it, where its figure comes from (source and note, or demo), whether
    its status mixes demo and imported figures, and the start of the office's cause when there is one."""
    lines = provenance.small(provenance.status_lines(rows, row.get("status_year"), lang))
    cause = cause_line_md(note, lang)
    return "  \n".join([card_body(row, lang), *lines, *([cause] if cause else [])])


def build_cards(targets: Any, series_rows: Any, lang: str, notes: Any = (), year: int | None = None) -> tuple[Card, ...]:
    """Every card of an action from action_targets, action_series and commentary_notes rows (a pure
    function); a card's note is its area's newest up to ``year``."""
    series_rows, notes = list(series_rows), list(notes)
    pairs, by_area = series_pairs(series_rows), series_rows_by_area(series_rows)
    return tuple(Card(r["indicator_id"], f"target-{r['indicator_id']}-is-{r['status']}-",
                      card_text(r, by_area.get((r["indicator_id"], r["area_code"]), []), lang,
                                commentary.latest_note(notes, r["indicator_id"], r["area_code"], year)),
                      sparkline_spec(r, pairs.get((r["indicator_id"], r["area_code"])), lang), card_note(r, lang))
                 for r in targets)


@data.per_snapshot
def action_cards(plan_id: str, action_no: int, year: int | None, area_code: str | None,
                 lang: str) -> tuple[Card, ...]:
    """The cards of one action as the page's filters ask, once per snapshot."""
    params = dict(plan_id=plan_id, action_no=action_no, year=year, area_code=area_code)
    notes = data.rows("commentary_notes", plan_id=plan_id, action_no=action_no, indicator_id=None)
    return build_cards(data.rows("action_targets", **params), data.rows("action_series", **params), lang, notes, year)


def cards(views: tuple[Card, ...], lang: str, selected: str | None) -> None:
    """Every target of the action as a card, in catalogue order, in a grid that fits the screen.

    Each card's button (key ``card_<indicator_id>``) selects its target and records it in the URL."""
    show, shown = t("action.card.show", lang), t("action.card.shown", lang)
    with st.container(key="action-grid-cards"):
        for card in views:
            box = st.container(border=True, key=card.key)
            box.markdown(card.body)
            if card.spec is not None:
                box.vega_lite_chart(spec=card.spec, width="stretch", height=56)
            if card.note:
                box.caption(card.note)
            on = card.indicator_id == selected
            box.button(shown if on else show, key=f"card_{card.indicator_id}", type="primary" if on else "secondary",
                       width="stretch", icon=":material/check:" if on else ":material/show_chart:",
                       on_click=_select, args=(card.indicator_id,))


@dataclass(frozen=True)
class Detail:
    indicator_id: str
    status: str
    title: str
    head: str                        # area · target
    figures: str                     # latest figure, progress, projection, pace (Markdown)
    note: str | None                 # city-only / region-only
    series: dict | None              # chart spec; None when the area has no figures
    milestones: pd.DataFrame | None  # qualitative targets: the stages year by year
    trend_note: str | None
    wording: tuple[str, ...]
    breakdown: tuple[str, dict, pd.DataFrame, str] | None
    provenance: str = ""             # the figure's source and note, demo, a mixed series (Markdown)
    lead_unit: str = ""              # the lead unit's line (Markdown)
    notes: str = ""                  # the office's cause and measures for the area shown (Markdown)


def build_detail(row: Mapping[str, Any], points: pd.DataFrame | None, districts: pd.DataFrame, area_name: str,
                 year: int | None, lang: str, note: Mapping[str, Any] | None = None) -> Detail:
    """Everything the selected target's panel shows, from its rows (a pure function)."""
    has_points = points is not None and not points.empty
    qualitative = is_qualitative(row)
    return Detail(
        indicator_id=row["indicator_id"], status=row["status"], title=md(pick(row, "name", lang)),
        head=head_caption(row, area_name, lang), figures=figures_md(row, lang), note=card_note(row, lang),
        series=series_spec(row, points, lang) if has_points else None,
        milestones=milestone_table(points, lang) if has_points and qualitative else None,
        trend_note=trend_caption(row, lang) if has_points and not qualitative else None,
        wording=tuple(wording_lines(row, lang)),
        breakdown=breakdown_parts(row, districts, year, lang) if has_breakdown(row, districts) else None,
        provenance=provenance_md(row, points, lang),
        lead_unit=lead_unit_md(row, lang),
        notes=notes_md(note, area_name, lang),
    )


@data.per_snapshot
def action_detail(plan_id: str, action_no: int, year: int | None, area_code: str | None, indicator_id: str,
                  lang: str) -> Detail:
    """The panel of one target of one action, as the page's filters ask, once per snapshot."""
    from components import filters

    params = dict(plan_id=plan_id, action_no=action_no, year=year, area_code=area_code)
    row = next(r for r in data.rows("action_targets", **params) if r["indicator_id"] == indicator_id)
    points = points_for(data.q("action_series", **params), row)
    districts = data.q("indicator_districts", indicator_id=indicator_id, year=year)
    area_name = filters.area_names(lang).get(row["area_code"], row["area_code"])
    notes = data.rows("commentary_notes", plan_id=plan_id, action_no=action_no, indicator_id=None)
    note = commentary.latest_note(notes, indicator_id, row["area_code"], year)
    return build_detail(row, points, districts, area_name, year, lang, note)


def detail(view: Detail, lang: str) -> None:
    """The selected target: name, status, key figures, trend, districts, the plan's wording, a link."""
    with st.container(border=True, key=f"target-detail-is-{view.status}-"):
        st.header(view.title, anchor=False)
        with st.container(horizontal=True, gap="small"):
            status_ui.badge(view.status, lang)
            st.caption(view.head)
        st.markdown(view.figures)
        if view.provenance:
            st.markdown(view.provenance)
        if view.note:
            st.caption(view.note)
        st.markdown(view.lead_unit)
        if view.notes:
            with st.container(border=True, key=f"target-notes-{view.indicator_id}"):
                st.markdown(view.notes)
        if view.series is None:
            st.info(t("action.detail.no_series", lang), icon=":material/info:")
        else:
            st.vega_lite_chart(spec=view.series, width="stretch", key="action_series_chart")
            if view.milestones is not None:
                with st.expander(t("action.milestones.title", lang), expanded=False):
                    st.dataframe(view.milestones, hide_index=True, width="stretch")
                    table_downloads(view.milestones, f"{view.indicator_id}-milestones", lang, "action_milestones")
            elif view.trend_note:
                st.caption(view.trend_note)
        for line in view.wording:
            st.caption(line)
        if view.breakdown is not None:
            draw_breakdown(view.breakdown, lang, "action_districts")
        st.page_link(INDICATOR_PAGE, label=t("action.detail.to_indicator", lang), icon=":material/table_chart:",
                     query_params=link_params(view.indicator_id, lang))
