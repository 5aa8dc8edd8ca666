"""District choropleths for coverage targets: colour classes, the pydeck map, its legend.

The rows (one per district with its colour class and display texts), the classes and the legend are
the view layer's (tracker.views.maps, which the pack's pictures read too); ``frame`` and
``district_view`` lay them out as a frame and ``district_map`` builds the pdk.Deck from it. All are
pure, so the map is unit-testable. The map needs no internet: no basemap unless TRACKER_BASEMAP names one, names
drawn with the device's own fonts, and the deck serialised compactly (the layer stays under 50 KB).
"""
from __future__ import annotations

import dataclasses
import json
import os
from typing import Any, Mapping, Sequence

import pandas as pd
import pydeck as pdk

from components import fmt, geo
from tracker.map_classes import GAPS, LEVELS, MET, NO_DATA, Band, band_of, bands, mode, nice_step  # noqa: F401
from tracker.views import maps as map_view
from tracker.views.maps import townships_text  # noqa: F401  (the overview's small map reads it here)

LAYER_ID = "districts"
LABEL_LAYER_ID = "district-labels"
MAP_HEIGHT = 500
MAP_WIDTH = 400     # with the district's panel (components.theme.PANEL_MIN_PX) beside it on a tablet
LABEL_SIZE = 14
# Fonts the device already has (deck.gl draws labels onto a canvas with them): nothing is fetched.
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
#: TRACKER_BASEMAP values → (pydeck map_provider, map_style); unset or anything else = no basemap
BASEMAPS = {"carto-light": ("carto", "light"), "carto-dark": ("carto", "dark")}

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


# --- one row per district, ready to draw ----------------------------------------------------------
def frame(rows: Sequence[map_view.MapRow]) -> pd.DataFrame:
    """The map's district rows (tracker.views.maps) as a frame: what the deck and the table draw."""
    return pd.DataFrame([dataclasses.asdict(r) for r in rows], columns=[f.name for f in dataclasses.fields(map_view.MapRow)])


def district_view(values: pd.DataFrame, target: Mapping[str, Any], lang: str) -> tuple[pd.DataFrame, list[Band]]:
    """The district rows of map_district_values with their class, colour and texts
    (tracker.views.maps.district_rows) as a frame; and the classes."""
    classes, rows = map_view.district_rows(values, target, lang)
    return frame(rows), list(classes)


def legend_frame(items: Sequence[map_view.LegendItem]) -> pd.DataFrame:
    """The legend's items (tracker.views.maps.legend) as charts.swatch_legend draws them."""
    return pd.DataFrame([{"order": i, "color": item.color, "label": item.label} for i, item in enumerate(items)],
                        columns=["order", "color", "label"])


def legend(view: pd.DataFrame, classes: Sequence[Band], target: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """One row per class, in order: its colour and its label with the number of districts in it."""
    return legend_frame(map_view.legend(view["band"].tolist() if len(view) else [], classes, target, lang))


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
def default_target(targets: pd.DataFrame) -> str | None:
    """The coverage target a map opens with (queries/map_targets.sql rows): the first township-coverage
    target with data (the map's reason to exist), else the first with data, else the first; None when
    there are none. The map screen's default and the overview's small map."""
    if targets.empty:
        return None
    with_data = targets[targets["count_years"] > 0]
    pool = with_data if len(with_data) else targets
    township = pool[pool["scope"] == "township_share"]
    return str((township if len(township) else pool).iloc[0]["indicator_id"])


def row(frame: pd.DataFrame, column: str, value: Any) -> dict[str, Any] | None:
    """The first row whose ``column`` equals ``value``, as a dict; None when there is none."""
    return next(iter(frame[frame[column] == value].to_dict("records")), None)
