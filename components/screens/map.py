"""What the map screen shows, derived once per snapshot and shared by every session.

Each function takes hashable arguments and reads its own query results (components.data), so a
rerun looks the finished pieces up: the deck (its JSON written once), the legend's spec, the
summary sentence and the table. Results are read-only.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import pandas as pd
import streamlit as st

from components import charts, data, fmt, frame, maps, provenance, scroll, status_ui, townships, url_state
from components.i18n import pick, t
from components.maps import mode, selected_area
from components.safe import md, t_md
from tracker.provenance import figure_at
from tracker.views import maps as map_view


@data.per_snapshot
def targets(plan_id: str, lang: str) -> dict[str, Any]:
    """The coverage targets: their picker labels, the default one, and each one's catalogue row."""
    frame = data.q("map_targets", plan_id=plan_id)
    if frame.empty:
        return {"choices": {}, "default": None, "rows": {}}
    return {"choices": target_choices(frame, lang), "default": default_target(frame),
            "rows": {r["indicator_id"]: r for r in frame.to_dict("records")}}


@data.per_snapshot
def years(indicator_id: str) -> list[int]:
    return [int(y) for y in data.q("map_years", indicator_id=indicator_id)["year"].tolist()]


@data.per_snapshot
def districts(plan_id: str, indicator_id: str, year: int, lang: str) -> dict[str, Any]:
    """One target in one year: the district view, its summary, legend spec and table, the codes a tap
    can name, and the rows behind the side panel (city and districts) by area code."""
    target = targets(plan_id, lang)["rows"][indicator_id]
    values = map_view.values(data.q, indicator_id, year)
    shown = map_view.districts(values, target, year, lang)
    view = maps.frame(shown.rows)
    return {
        "view": view,
        "summary": md(shown.summary),
        "legend": charts.for_streamlit(charts.swatch_legend(maps.legend_frame(shown.legend), t("map.legend", lang), lang)),
        "table": district_table(view, target, lang, {
            r["area_code"]: r for r in data.rows("series", indicator_id=indicator_id, area_code=None)
            if int(r["year"]) == int(year)}),
        "codes": [r.area_code for r in shown.rows],
        "feature_codes": maps.feature_codes(view),
        "panel": panel_rows(values, shown, target, lang),
    }


@data.per_snapshot
def deck(plan_id: str, indicator_id: str, year: int, lang: str, selected: str | None,
         basemap: str | None) -> maps.CompactDeck:
    """The choropleth with the tapped district outlined, serialised once."""
    view = districts(plan_id, indicator_id, year, lang)["view"]
    return maps.district_map(view, selected=selected, basemap=basemap).frozen()


# ---- the page's pieces ---------------------------------------------------------------------------

def panel_rows(values: pd.DataFrame, shown: map_view.MapView, target: Mapping[str, Any],
               lang: str) -> dict[str, dict[str, Any]]:
    """area_code → what the side panel shows for the city and each district: the query's row, with a
    district's figure and township coverage as the map writes them (the city's figure with its unit)."""
    out = {}
    for r in values.to_dict("records"):
        mapped = shown.row(r["area_code"]) if r.get("kind") == "district" else None
        out[r["area_code"]] = {**r, "value_text": mapped.value_text if mapped else fmt.with_unit(r.get("value"), target, lang),
                               "townships_text": mapped.townships_text if mapped else map_view.townships_text(r, target, lang)}
    return out


def target_choices(targets: pd.DataFrame, lang: str) -> dict[str, str]:
    """indicator_id → 'A12-06 康养联合体覆盖乡镇（街道）比例' for the target selector, in catalogue order."""
    return {row["indicator_id"]: f"{row['indicator_id']} {pick(row, 'name', lang)}" for row in targets.to_dict("records")}


def default_target(targets: pd.DataFrame) -> str:
    """The first township-coverage target with data (the map's reason to exist), else the first with data
    (components.maps.default_target: the overview's small map opens with the same one)."""
    return str(maps.default_target(targets))


def district_table(view: pd.DataFrame, target: Mapping[str, Any], lang: str,
                   figures: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Every district with its figure, best first: the map's numbers for reading and comparing, and
    where each figure comes from (its kind, demo or imported, its source and note: ``figures`` by
    area code)."""
    ordered = view.assign(_rank=view["rank"].astype("Float64").fillna(99)).sort_values(["_rank", "area_code"])
    table = {} if mode(target) == "binary" else {t("map.col.rank", lang): ordered["rank"].astype("Int64")}
    table |= {
        t("map.col.district", lang): ordered["name"],
        t("map.col.value", lang): ordered["value_text"],
        t("map.col.status", lang): ordered["status_text"],
    }
    if target.get("scope") == "township_share":
        table[t("map.col.townships", lang)] = ordered["townships_text"]
    frame = pd.DataFrame(table).reset_index(drop=True)
    if figures is None:
        return frame
    return provenance.with_columns(frame, [figures.get(code) for code in ordered["area_code"]], lang)


TAPS = "map_taps"


def chart_key(name: str = "map") -> str:
    """The map's widget key, new after every tap: Streamlit draws every layer but the tapped object
    faded (its names too) while the chart holds a selection, so each tap is read once and the next
    run draws a chart without one; the tapped district is outlined by the deck itself."""
    return f"{name}-{st.session_state.get(TAPS, 0)}"


def sync_selection(key: str = "map", codes: Sequence[str] = ()) -> None:
    """on_select callback: the tapped district goes into the URL (?district=), a tap on nothing clears it."""
    url_state.choose("district", selected_area(st.session_state.get(key), codes))
    st.session_state[TAPS] = st.session_state.get(TAPS, 0) + 1


def _whole_city() -> None:
    url_state.choose("district", None)
    st.session_state[TAPS] = st.session_state.get(TAPS, 0) + 1


def bring_into_view() -> None:
    """After a tap, the map and the tapped district's panel beside it at the top of the screen."""
    if taps := st.session_state.get(TAPS, 0):
        scroll.into_view("map_row", f"tap-{taps}")


def _page_link(page: str, label: str, params: dict[str, str], icon: str, lang: str) -> None:
    """A link to another screen that keeps the language and plan (a page link replaces the whole query)."""
    frame.link(page, label, query_params=url_state.carried(lang, **params), icon=icon)


@data.per_snapshot
def figure_provenance(indicator_id: str, area_code: str, year: int, lang: str) -> str:
    """The shown figure's source and note (or its demo mark), and whether its series mixes demo and
    imported figures, as one escaped Markdown ('' when the area has no figure that year)."""
    rows = data.rows("series", indicator_id=indicator_id, area_code=area_code)
    if figure_at(rows, year) is None:
        return ""
    return "  \n".join(provenance.small(provenance.status_lines(rows, year, lang)))


def district_panel(row: Mapping[str, Any] | None, target: Mapping[str, Any], year: int, lang: str) -> None:
    """The tapped district's figures for this target (or the city's, with a hint to tap); for a
    township-scoped target, "x of y townships" and the townships not yet covered."""
    if row is None or row.get("kind") != "district":
        st.info(t("map.tap_hint", lang), icon=":material/touch_app:")
        if row is None:
            return
    name = t("map.city", lang) if row.get("kind") == "city" else pick(row, "name", lang)
    st.header(md(name), anchor=False)
    if bool(row.get("is_baseline_year")):
        st.caption(t("map.baseline_year", lang))
    else:  # the word and the icon (status_ui.badge rejects icons that are not emoji)
        st.markdown(f"**{status_ui.text(str(row.get('status') or 'no_data'), lang)}**")
    st.metric(t("map.value", lang), md(row["value_text"]), border=True)   # a metric's value reads Markdown too
    if where := figure_provenance(target["indicator_id"], row["area_code"], year, lang):
        st.markdown(where)
    st.caption(t_md("map.target_is", lang, v=fmt.target(target, lang)))
    coverage = row["townships_text"]
    if coverage:
        st.markdown(md(coverage))
        for line in townships.uncovered_lines(target["indicator_id"], row["area_code"], year, lang):
            st.caption(md(line))
    if fmt.finite(row.get("progress_pct")) is not None and fmt.finite(row.get("time_pct")) is not None:
        st.write(t("map.progress", lang, progress=f"{fmt.number(row['progress_pct'], 0)}%",
                   time=f"{fmt.number(row.get('time_pct'), 0)}%"))
    elif fmt.finite(row.get("progress_pct")) is not None:    # the target year: no time elapsed
        st.write(t("map.progress_final", lang, progress=f"{fmt.number(row['progress_pct'], 0)}%"))
    if row.get("kind") == "district" and fmt.finite(row.get("rank_in_city")) is not None and mode(target) != "binary":
        st.write(t("map.rank", lang, rank=int(row["rank_in_city"]), n=int(row["count_ranked"])))
    if row.get("kind") == "district":
        st.button(t("map.show_city", lang), key="map_whole_city", icon=":material/zoom_out_map:",
                  on_click=_whole_city, width="stretch")
        _page_link("pages/district.py", t_md("map.to_district", lang, name=name), {"district": row["area_code"]},
                   ":material/location_city:", lang)
    _page_link("pages/indicator.py", t("map.to_indicator", lang), {"indicator": target["indicator_id"]},
               ":material/show_chart:", lang)
