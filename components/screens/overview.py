"""The overview's pieces: the headline, the off-track list, the action tiles, the city-only targets.

The pure helpers (``headline_counts``, ``off_track``, ``progress_bar_html``, ``latest_vs_target``,
``link_params``) take frames and return plain values, so tests can check them without a page.
Every status is shown with its word and icon; its colour is a third cue on the container's border.

``build`` turns the two overview queries into an ``Overview``: every text, link and count the page
draws. ``overview`` caches it per snapshot, plan, year, area and language (components/data.py), so
a rerun only draws: preparing it from the frames costs more than drawing it. Catalogue text (names)
goes only into links, captions and escaped Markdown; the one Markdown drawn with HTML allowed (a
tile's badge, bar and notes) holds numbers and the app's own words.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import briefing, charts, data, fmt, frame, freshness, maps, provenance, status_ui, theme, url_state
from components.downloads import table_downloads
from components.i18n import pick, t
from components.safe import md, t_md
from components.theme import status_key
from tracker import judgement, statuses
from tracker.views import headline_counts, off_track  # noqa: F401  (meeting mode reads them here too)
from tracker.views.maps import values as map_values

ACTION_PAGE = "pages/action.py"
MAP_PAGE = "pages/map.py"
SMALL_MAP_WIDTH, SMALL_MAP_HEIGHT = 400, 380   # the small district map (DESIGN §7), in pixels
SHOWN_OFF_TRACK = 12   # off-track items shown at once; the rest sit in an expander below them


# ---- pure helpers -------------------------------------------------------------------------------

finite, pct = fmt.finite, fmt.pct


def progress_bar_html(progress_pct: Any, time_pct: Any, color: str, lang: str) -> str:
    """The 完成进度 bar (clipped to 0–100) with a marker at 序时进度 (none in the target year, where
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


def action_link(action_no: int, label: str, params: Mapping[str, str], *, key: str | None = None,
                indicator_id: str | None = None) -> None:
    """A tap target to the action page (on ``indicator_id``'s card, selected, when given), or plain
    bold text while that page does not exist."""
    target = {"indicator": indicator_id} if indicator_id else {}
    if not frame.link(ACTION_PAGE, label, query_params={"action": str(action_no), **target, **params},
                      width="stretch"):
        st.markdown(f"**{label}**")


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


def count_chips(counts: Mapping[str, int], lang: str, *, key: str) -> None:
    """The total and one chip per status that has targets, worst first."""
    with st.container(horizontal=True, key=f"{key}-chips-counts", gap="small"):
        with st.container(border=True, key=f"{key}-count-total", width=120):
            st.metric(t("overview.total", lang), sum(counts.values()))
        for code, n in counts.items():
            if n:
                with st.container(border=True, key=f"{key}-count-{code}{status_key(code)}", width=120):
                    st.metric(status_ui.text(code, lang), n)


# ---- what the page draws, prepared once per snapshot ------------------------------------------------

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


def grade_counts(targets: pd.DataFrame) -> dict[str, int]:
    """Mid-term grades over the judged targets (not the city-only ones), best first."""
    judged = targets[~targets["is_city_only"].astype(bool)] if "is_city_only" in targets else targets
    return judgement.grade_counts(judged["grade"]) if "grade" in judged else {}


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


def progress_md(row: Mapping[str, Any], lang: str, notes: tuple[str, ...] = ()) -> str:
    """The bar and the two percentages, then ``notes`` one a line, as Markdown with a little HTML;
    without a percentage (qualitative targets) the note says so. Only numbers and the app's own
    words go into the HTML, escaped: no catalogue text."""
    final = finite(row.get("mean_time_pct")) is None
    if finite(row.get("mean_progress_pct")) is None:
        parts, lines = [], [t("overview.tile_qualitative", lang)]
    else:
        parts = [progress_bar_html(row["mean_progress_pct"], row.get("mean_time_pct"),
                                   theme.status_graphic(row["rollup_status"]), lang)]
        lines = [t("overview.progress_final", lang, p=pct(row["mean_progress_pct"])) if final else
                 t("overview.progress", lang, p=pct(row["mean_progress_pct"]), t=pct(row.get("mean_time_pct")))]
    lines += list(notes)
    parts.append('<div class="cp-note">' + "<br>".join(html.escape(line) for line in lines) + "</div>")
    return "\n\n".join(parts)


def tile(row: Mapping[str, Any], lang: str, is_district: bool, final: bool = False) -> Tile:
    no, judged, city_only = int(row["action_no"]), int(row["count_targets"]), int(row["count_city_only"])
    colour = status_key(row["rollup_status"]) if judged else ""
    title = t_md("overview.tile_title", lang, no=no, name=pick(row, "name", lang))
    if not judged:
        return Tile(f"tile-{no}{colour}", no, title, t("overview.tile_no_district", lang, n=city_only), False)
    if final:   # 'n项中x项已完成，…' (tracker/judgement.py)
        notes = [judgement.action_line({c: int(row.get(f"count_{c}") or 0) for c in statuses.VERDICTS}, lang)]
        row = {**row, "mean_time_pct": None}
    else:
        notes = [t("overview.tile_counts", lang, n=judged, off=int(row["count_off_track"]))]
    if is_district and city_only:
        notes.append(t("overview.tile_city_only", lang, n=city_only))
    body = status_ui.badge_md(row["rollup_status"], lang) + "\n\n" + progress_md(row, lang, tuple(notes))
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


@data.per_snapshot
def overview(plan_id: str, year: int, area_code: str | None, area_name: str, lang: str) -> Overview:
    """The overview of one plan, year and area (None: the whole city), once per snapshot."""
    plan = next(p for p in data.rows("plans") if p["plan_id"] == plan_id)
    params = dict(plan_id=plan_id, year=year, area_code=area_code)
    return build(plan, year, area_name, data.q("overview_targets", **params), data.q("overview_actions", **params),
                 lang, is_district=area_code is not None, sources=provenance.sources_by_target(plan_id, area_code))


# ---- drawing ------------------------------------------------------------------------------------

def draw_headline(view: Overview, lang: str) -> None:
    st.markdown(view.headline)
    if sum(view.counts.values()):
        count_chips(view.counts, lang, key="overview")
    briefing.control(lang, key="overview_briefing")     # 汇报材料: the deck or report for what is shown


def draw_off_track(view: Overview, lang: str, params: Mapping[str, str], *, key: str = "overview") -> None:
    """Every off-track target, worst first, each a tap away from its action."""
    n = len(view.off_items) + len(view.off_more)
    final = "_final" if view.final else ""
    with st.container(key=f"{key}-offtrack"):
        st.header(t(f"overview.off_title{final}", lang, n=n), anchor=False)
        if not n:
            st.success(t(f"overview.off_none{final}", lang), icon=":material/check_circle:")
            return
        st.caption(t(f"overview.off_order{final}", lang))
        with st.container(key=f"{key}-grid-off"):
            for item in view.off_items:
                with st.container(border=True, key=item.key):
                    action_link(item.action_no, item.label, params, indicator_id=item.indicator_id)
                    st.caption(item.caption)
        if view.off_more:
            with st.expander(t("overview.off_more", lang, n=len(view.off_more))):
                for item in view.off_more:
                    with st.container(key=item.key):
                        action_link(item.action_no, item.label, params, indicator_id=item.indicator_id)


def draw_tiles(view: Overview, lang: str, params: Mapping[str, str]) -> None:
    """The actions in the source as tiles; those not in the source collapsed under one note."""
    st.header(t("overview.tiles_title", lang), anchor=False)
    st.caption(t("overview.tiles_lead_final" if view.final else "overview.tiles_lead", lang))
    with st.container(key="overview-grid-tiles"):
        for item in view.tiles:
            with st.container(border=True, key=item.key):
                action_link(item.action_no, item.title, params)
                if item.judged:
                    st.markdown(item.body, unsafe_allow_html=True)
                else:
                    st.caption(item.body)
    if view.missing is not None:
        label, names = view.missing
        with st.expander(label, expanded=False):
            st.caption(t("action.not_in_source", lang))
            st.markdown(names)


def draw_district(view: Overview, lang: str) -> None:
    if view.district_note:
        st.info(view.district_note, icon=":material/info:")


def draw_city_only(view: Overview, lang: str) -> None:
    """The targets with no figures for the chosen district, named one by one."""
    if view.city_only is None:
        return
    label, table = view.city_only
    with st.expander(label, expanded=False):
        st.caption(t("overview.city_only_why", lang))
        st.dataframe(table, hide_index=True, width="stretch")
        table_downloads(table.to_pandas, t("overview.city_only_file", lang), lang, "overview_city_only")


# ---- the small district map (DESIGN §7) ---------------------------------------------------------

@dataclass(frozen=True)
class SmallMap:
    indicator_id: str
    year: int
    is_latest: bool              # the map screen's own default year: its links carry no ?year=
    title: str                   # Markdown (the target's name escaped)
    alt: str
    lines: tuple[str, ...]       # "宁波市：x/y个乡镇（街道）已覆盖" (and the chosen district's), escaped Markdown
    legend: dict
    codes: tuple[str, ...]       # the map layer's area codes, in the order a tap's index points into
    deck: maps.CompactDeck       # its JSON written once
    districts: tuple[tuple[str, str], ...] = ()   # (code, name) of each district: a button each beside the map


@data.per_snapshot
def small_map(plan_id: str, year: int, area_code: str | None, lang: str) -> SmallMap | None:
    """The headline coverage target (the map screen's default, components.maps.default_target) as a
    small choropleth for the overview's year (or the latest year before it with district figures),
    the chosen district outlined; None when the plan has no coverage target with figures."""
    targets = data.q("map_targets", plan_id=plan_id)
    indicator_id = maps.default_target(targets)
    years = [] if indicator_id is None else sorted(int(y) for y in data.q("map_years", indicator_id=indicator_id)["year"])
    if not years:
        return None
    target = maps.row(targets, "indicator_id", indicator_id)
    shown = max((y for y in years if y <= year), default=years[0])
    values = map_values(data.q, indicator_id, shown)
    view, classes = maps.district_view(values, target, lang)
    lines = []
    for row in (maps.row(values, "kind", "city"), area_code and maps.row(values, "area_code", area_code)):
        text = maps.townships_text(row, target, lang) if row else ""
        if text:
            lines.append(f"{md(pick(row, 'name', lang))}{t('townships.name_sep', lang)}{md(text)}")
    name = f"{indicator_id} {pick(target, 'name', lang)}"
    legend = charts.for_streamlit(charts.swatch_legend(maps.legend(view, classes, target, lang), t("map.legend", lang), lang))
    deck = maps.district_map(view, selected=area_code, width_px=SMALL_MAP_WIDTH, height_px=SMALL_MAP_HEIGHT)
    return SmallMap(indicator_id, shown, shown == years[-1], t_md("townships.map_title", lang, name=name),
                    t("townships.map_alt", lang, name=name, year=shown), tuple(lines), legend,
                    tuple(maps.feature_codes(view)), deck.frozen(),
                    tuple(zip(view["area_code"], view["name"])) if len(view) else ())


def map_params(m: SmallMap, lang: str, district: str | None) -> dict[str, str]:
    """The map screen's URL for this target (and a tapped district), keeping language and plan."""
    return url_state.carried(lang, indicator=m.indicator_id, year=None if m.is_latest else m.year, district=district)


def draw_small_map(m: SmallMap | None, lang: str) -> None:
    """The small map: a tap on a district opens the map screen on it (also a plain link, for keyboards)."""
    if m is None:
        return
    with st.container(key="overview-map"):
        st.header(m.title, anchor=False)
        st.caption(t("townships.map_year", lang, year=m.year))
        with st.container(horizontal=True, gap="medium"):
            with st.container(width=SMALL_MAP_WIDTH):
                event = st.pydeck_chart(m.deck, on_select="rerun", selection_mode="single-object", key="overview_map",
                                        height=SMALL_MAP_HEIGHT, width="stretch", alt=m.alt)
            with st.container(width=240, key="overview-map-side"):
                for line in m.lines:
                    st.markdown(f"**{line}**")
                st.vega_lite_chart(m.legend, width="stretch", theme=None)
                frame.link(MAP_PAGE, t("townships.open_map", lang), query_params=map_params(m, lang, None),
                           icon=":material/map:")
        # every district as a button too: on a tablet the small map's districts are small to tap
        st.caption(t("townships.districts_lead", lang))
        with st.container(key="overview-chips-districts", gap="small"):
            for code, name in m.districts:
                frame.link(MAP_PAGE, name, query_params=map_params(m, lang, code), width="stretch")
        tapped = maps.selected_area(event, m.codes)
        if tapped:
            st.switch_page(frame.page(MAP_PAGE) or MAP_PAGE, query_params=map_params(m, lang, tapped))
