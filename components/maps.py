"""District choropleths for coverage targets: colour classes, the pydeck map, its legend.

``district_view`` turns the rows of queries/map_district_values.sql into one row per district with its
colour class and display texts; ``district_map`` builds the pdk.Deck from it. Both are pure, so the
map is unit-testable. The map needs no internet: no basemap unless TRACKER_BASEMAP names one, names
drawn with the device's own fonts, and the deck serialised compactly (the layer stays under 50 KB).
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import pandas as pd
import pydeck as pdk

from components import fmt, geo
from components.i18n import pick, t
from tracker import statuses
from tracker.demo import covered_townships

LAYER_ID = "districts"
LABEL_LAYER_ID = "district-labels"
MAP_HEIGHT = 500
MAP_WIDTH = 540
LABEL_SIZE = 14
# Fonts the device already has (deck.gl draws labels onto a canvas with them): nothing is fetched.
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
#: TRACKER_BASEMAP values → (pydeck map_provider, map_style); unset or anything else = no basemap
BASEMAPS = {"carto-light": ("carto", "light"), "carto-dark": ("carto", "dark")}

# ColorBrewer RdBu (colour-blind safe): blue = target met, warmer and darker = further short of it.
MET = "#2166AC"
GAPS = ("#FDDBC7", "#F4A582", "#D6604D")  # nearest the target first
# ColorBrewer Blues for plain magnitudes (district parts of a city total): darker = more.
LEVELS = ("#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
NO_DATA = "#D9D9D9"
_num = fmt.finite


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON is written once and compactly.

    pydeck's public ``Deck.to_json`` indents its JSON, which makes the districts' polygons about five
    times larger (222–283 KB instead of 41–51 KB); the browser needs none of the white space.
    ``frozen()`` takes pydeck's own JSON once, re-writes it without the white space and keeps it, so a
    deck shared between reruns and sessions (components.screens.map) is not serialised again on every
    draw. Only public API: ``pdk.Deck.to_json`` and the standard library's json."""

    def to_json(self) -> str:
        kept = getattr(self, "compact_json", None)
        if kept is not None:
            return kept
        return json.dumps(json.loads(super().to_json()), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False)

    def frozen(self) -> "CompactDeck":
        text = self.to_json()
        self.compact_json = text   # set after writing, so it is never part of the JSON itself
        return self


def basemap_from_env(environ: Mapping[str, str] | None = None) -> str | None:
    """The basemap a deployment asked for with TRACKER_BASEMAP (carto-light, carto-dark), else None."""
    value = (os.environ if environ is None else environ).get("TRACKER_BASEMAP", "").strip().lower()
    return value if value in BASEMAPS else None


# --- colour classes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Band:
    """One colour class: values v with low < v < high, the ends included as the flags say."""
    key: str
    color: str
    low: float | None = None
    high: float | None = None
    include_low: bool = True
    include_high: bool = False

    def contains(self, value: float) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.include_low)):
            return False
        if self.high is not None and (value > self.high or (value == self.high and not self.include_high)):
            return False
        return True


def mode(target: Mapping[str, Any]) -> str:
    """'binary' (every district has it or not), 'target' (rates against the target) or 'level'."""
    comparator, value = target.get("comparator"), _num(target.get("target_value"))
    if comparator not in (">=", "<=") or value is None or target.get("aggregation") == "sum":
        return "level"
    if target.get("scope") == "each_district" and target.get("measure") == "share" and comparator == ">=" \
            and value >= 100:
        return "binary"
    return "target"


def nice_step(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least x."""
    if not x or x <= 0 or math.isnan(x):
        return 1.0
    base = 10.0 ** math.floor(math.log10(x))
    return next(m * base for m in (1, 2, 2.5, 5, 10) if m * base >= x * (1 - 1e-9))


def bands(values: Sequence[float], target: Mapping[str, Any]) -> list[Band]:
    """The colour classes for these district values, best class first (no-data class last)."""
    values = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    kind, goal = mode(target), _num(target.get("target_value"))
    if kind == "binary":
        return [Band("met", MET, low=goal), Band("not_yet", GAPS[2], high=goal), Band("no_data", NO_DATA)]
    if kind == "target":
        up = target["comparator"] == ">="
        short = [goal - v for v in values if v < goal] if up else [v - goal for v in values if v > goal]
        w = nice_step(max(short) / 3 if short else abs(goal) * 0.1)
        if up:
            out = [Band("met", MET, low=goal), Band("gap1", GAPS[0], low=goal - w, high=goal),
                   Band("gap2", GAPS[1], low=goal - 2 * w, high=goal - w), Band("gap3", GAPS[2], high=goal - 2 * w)]
        else:
            out = [Band("met", MET, high=goal, include_high=True),
                   Band("gap1", GAPS[0], low=goal, high=goal + w, include_low=False, include_high=True),
                   Band("gap2", GAPS[1], low=goal + w, high=goal + 2 * w, include_low=False, include_high=True),
                   Band("gap3", GAPS[2], low=goal + 2 * w, include_low=False)]
        return out + [Band("no_data", NO_DATA)]
    if not values:
        return [Band("no_data", NO_DATA)]
    lo, hi = min(values), max(values)
    step = nice_step((hi - lo) / len(LEVELS)) if hi > lo else 0.0
    if step == 0.0:
        return [Band("level1", LEVELS[-1]), Band("no_data", NO_DATA)]
    start = math.floor(lo / step) * step
    edges = [start + i * step for i in range(1, len(LEVELS))]
    out = [Band("level4", LEVELS[3], low=edges[2])]
    out += [Band(f"level{i + 1}", LEVELS[i], low=edges[i - 1], high=edges[i]) for i in (2, 1)]
    out += [Band("level1", LEVELS[0], high=edges[0])]
    return out + [Band("no_data", NO_DATA)]


def band_of(value: Any, classes: Sequence[Band]) -> Band:
    number = _num(value)
    return next((b for b in classes[:-1] if number is not None and b.contains(number)), classes[-1])


def band_label(band: Band, target: Mapping[str, Any], lang: str) -> str:
    """The class in words and numbers: '≥ 60%  target met', '50–60%', 'below 40%', 'No data'."""
    if band.key in ("yes", "not_yet", "no_data") or (band.key == "met" and mode(target) == "binary"):
        return t(f"map.band.{'yes' if band.key == 'met' else band.key}", lang)
    unit = lambda v: fmt.with_unit(v, target, lang)  # noqa: E731
    if band.low is not None and band.high is not None:
        text = t("map.range.between", lang, low=fmt.number(band.low), high=unit(band.high))
    elif band.low is not None:
        text = t("map.range.at_least" if band.include_low else "map.range.above", lang, v=unit(band.low))
    elif band.high is not None:
        text = t("map.range.at_most" if band.include_high else "map.range.below", lang, v=unit(band.high))
    else:
        text = t("map.band.no_data", lang)
    return t("map.band.met", lang, range=text) if band.key == "met" else text


# --- one row per district, ready to draw ----------------------------------------------------------
def townships_text(row: Mapping[str, Any], target: Mapping[str, Any], lang: str) -> str:
    """'11/19 townships covered' from the observation's note, else estimated from the share."""
    if target.get("scope") != "township_share":
        return ""
    parsed = covered_townships(row.get("note"))
    if parsed:
        return t("map.townships", lang, covered=parsed[0], total=parsed[1])
    value, total = _num(row.get("value")), _num(row.get("townships"))
    if value is None or not total:
        return ""
    return t("map.townships_approx", lang, covered=round(value / 100 * total), total=int(total))


def value_text(value: Any, band: Band, target: Mapping[str, Any], lang: str) -> str:
    """The figure with its unit; for a yes/no target (every district has it or not) the word."""
    if mode(target) == "binary" and _num(value) is not None:
        return band_label(band, target, lang)
    return fmt.with_unit(value, target, lang)


def status_text(row: Mapping[str, Any], lang: str) -> str:
    if bool(row.get("is_baseline_year")):
        return t("map.baseline_year", lang)
    return statuses.badge(str(row.get("status") or "no_data"), lang)


def district_view(values: pd.DataFrame, target: Mapping[str, Any], lang: str) -> tuple[pd.DataFrame, list[Band]]:
    """The district rows of map_district_values with their class, colour and texts; and the classes."""
    districts = values[values["kind"] == "district"]
    classes = bands(districts["value"].tolist(), target)
    rows = []
    for row in districts.to_dict("records"):
        band = band_of(row["value"], classes)
        rows.append({
            "area_code": row["area_code"], "name": pick(row, "name", lang), "value": _num(row["value"]),
            "band": band.key, "color": band.color, "status": row["status"],
            "value_text": value_text(row["value"], band, target, lang),
            "status_text": status_text(row, lang), "townships_text": townships_text(row, target, lang),
            "rank": row.get("rank_in_city"), "count_ranked": row.get("count_ranked"),
            "met": bool(band.key == "met"), "is_baseline_year": bool(row.get("is_baseline_year")),
        })
    return pd.DataFrame(rows), classes


def legend(view: pd.DataFrame, classes: Sequence[Band], target: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """One row per class, in order: its colour and its label with the number of districts in it."""
    counts = view["band"].value_counts() if len(view) else pd.Series(dtype=int)
    rows = [{"order": i, "color": b.color,
             "label": t("map.band.count_one" if counts.get(b.key, 0) == 1 else "map.band.count", lang,
                        label=band_label(b, target, lang), n=int(counts.get(b.key, 0)))}
            for i, b in enumerate(classes)]
    return pd.DataFrame(rows)


# --- the deck --------------------------------------------------------------------------------------
def _rgba(color: str, alpha: int = 255) -> list[int]:
    return [int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def district_map(view: pd.DataFrame, *, selected: str | None = None, basemap: str | None = None,
                 width_px: int = MAP_WIDTH, height_px: int = MAP_HEIGHT) -> pdk.Deck:
    """The choropleth: one pickable polygon per district (layer id ``districts``) and its name."""
    by_code = {row["area_code"]: row for row in view.to_dict("records")}
    features, labels = [], []
    points = geo.label_points()
    for feature in geo.features():
        code = feature["properties"]["area_code"]
        row = by_code.get(code)
        if row is None:
            continue
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": {
            "area_code": code, "name": row["name"], "value_text": row["value_text"],
            "status_text": row["status_text"], "townships_text": row["townships_text"],
            "fill": _rgba(row["color"], 235),
        }})
        labels.append({"position": list(points[code]), "text": f"{row['name']}\n{row['value_text']}"})
    view_state = geo.fit_view(width_px, height_px)
    boxes = [geo.text_box(label["text"], LABEL_SIZE) for label in labels]
    offsets = geo.label_offsets([label["position"] for label in labels], boxes, view_state, width_px, height_px)
    labels = [{**label, "offset": offset} for label, offset in zip(labels, offsets)]
    polygons = pdk.Layer(
        "GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id=LAYER_ID,
        pickable=True, stroked=True, filled=True, auto_highlight=True,
        get_fill_color="properties.fill", get_line_color=[38, 39, 48, 255], get_line_width=1,
        line_width_units="'pixels'", highlight_color=[255, 255, 255, 70],
    )
    chosen = [f for f in features if f["properties"]["area_code"] == selected]
    outline = pdk.Layer(
        "GeoJsonLayer", {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": f["geometry"], "properties": {}} for f in chosen]},
        id="selected-district", pickable=False, stroked=True, filled=False, get_line_color=[20, 20, 20, 255],
        get_line_width=4, line_width_units="'pixels'",
    )
    names = pdk.Layer(
        "TextLayer", labels, id=LABEL_LAYER_ID, pickable=False, get_position="position", get_text="text",
        get_size=LABEL_SIZE, get_pixel_offset="offset", get_color=[20, 20, 20, 255], background=True,
        get_background_color=[255, 255, 255, 215], background_padding=[4, 2, 4, 2], line_height=1.15,
        get_text_anchor="'middle'", get_alignment_baseline="'center'",
    )
    # Set after construction: pydeck would turn a string or a list of strings into an accessor.
    names.character_set = sorted({ch for label in labels for ch in label["text"]})
    names.font_family = FONT_FAMILY
    # No basemap: map_provider=None and pydeck's own default style marker. Streamlit 1.67 reads that
    # marker as "no basemap"; map_style=None (no mapStyle at all) would make it fetch a Carto style.
    provider, style = BASEMAPS.get(basemap, (None, None))
    return CompactDeck(
        layers=[polygons, outline, names],
        initial_view_state=pdk.ViewState(**view_state, pitch=0, bearing=0),
        views=[pdk.View(type="MapView", controller={"dragRotate": False, "touchRotate": False})],
        map_provider=provider, **({"map_style": style} if provider else {}),
        tooltip={"text": "{name}\n{value_text}\n{status_text}\n{townships_text}"},
    )


def feature_codes(view: pd.DataFrame) -> list[str]:
    """The area codes in the order of the map layer's features (selection indices point into it)."""
    present = set(view["area_code"])
    return [f["properties"]["area_code"] for f in geo.features() if f["properties"]["area_code"] in present]


def selected_area(state: Any, codes: Sequence[str] = ()) -> str | None:
    """The area code the user tapped, from st.pydeck_chart's selection state; None when cleared."""
    try:
        selection = state["selection"]
        objects = selection.get("objects", {}).get(LAYER_ID) or []
        if objects:
            return str(objects[0]["properties"]["area_code"])
        indices = selection.get("indices", {}).get(LAYER_ID) or []
        if indices and 0 <= int(indices[0]) < len(codes):
            return str(codes[int(indices[0])])
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None
    return None


# --- screen pieces -------------------------------------------------------------------------------
def row(frame: pd.DataFrame, column: str, value: Any) -> dict[str, Any] | None:
    """The first row whose ``column`` equals ``value``, as a dict; None when there is none."""
    return next(iter(frame[frame[column] == value].to_dict("records")), None)
