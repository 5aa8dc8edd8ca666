"""The coverage maps as pictures, drawn on the server without a browser or a network.

Each district's class, colour, figure and words, the legend and the summary are the map screen's,
from the view layer (tracker.views.maps, over tracker/map_classes.py: ColorBrewer RdBu against the
target, Blues for plain magnitudes, grey for no data); this module only draws them. The boundaries are
data/geo/districts.geojson. ``spec`` places the districts and their labels (a Vega-Lite geoshape
specification, Mercator fitted to the picture) and ``picture`` draws it with Pillow in Debian's Noto
Sans CJK: no browser, nothing fetched, about 30 ms a map (vl-convert took 0.4 s, which made the
deck slow).
"""
from __future__ import annotations

import dataclasses
import functools
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from tracker import db, paths
from tracker.areas import city_code
from tracker.brief import fonts
from tracker.brief.words import pick, target, w
from tracker.map_classes import NO_DATA, Band, band_of, bands, mode  # noqa: F401  (the map page's classes)
from tracker.views import maps as map_view
from tracker.views.maps import MapRow

GEOJSON = paths.GEO / "districts.geojson"
WIDTH, HEIGHT = 560, 520                    # the picture's size in CSS pixels (rendered at 2x)


@dataclass(frozen=True)
class MapPart:
    indicator_id: str
    action_no: int
    name: str
    title: str
    year: int
    target_text: str
    summary: str                                  # "x of y districts met the target (...)"
    townships: str                                # "87 of 155 townships covered city-wide" or ''
    rows: tuple[MapRow, ...]                      # tracker.views.maps' rows: what the map screen shows
    legend: tuple[tuple[str, str], ...]           # (colour, label with the count of districts)
    uncovered: tuple[str, ...] = ()               # the townships reported not covered (township shares)
    highlight: str | None = None                  # a district pack: the district drawn with a heavy outline
    uncovered_by: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (district code, its uncovered townships)

    def uncovered_in(self, area_code: str) -> tuple[str, ...]:
        return next((names for code, names in self.uncovered_by if code == area_code), ())

    def row(self, area_code: str | None) -> MapRow | None:
        return next((r for r in self.rows if r.area_code == area_code), None)


def part(spec: Mapping[str, Any], values: list[dict], year: int, lang: str, uncovered: Sequence[str] = ()) -> MapPart:
    """One coverage target in one year: the map screen's rows, summary and legend
    (tracker.views.maps.districts), the legend without an empty no-data class, and the city's
    township coverage."""
    shown = map_view.districts(values, spec, year, lang)
    legend = tuple((item.color, item.label) for item in shown.legend if item.count or item.key != "no_data")
    townships = map_view.townships_cell(shown.city, spec, lang, "brief.map.townships")
    name = pick(spec, "name", lang)
    return MapPart(str(spec["indicator_id"]), int(spec["action_no"]), name, w("map.title", lang, name=name, year=year),
                   year, target(spec, lang), shown.summary, townships, shown.rows, legend, tuple(uncovered))


def parts(plan_id: str, year: int, lang: str, district: str | None = None, run=None) -> tuple[MapPart, ...]:
    """Every coverage target with district figures (queries/map_targets.sql), each in the latest year
    with district values up to ``year``; with ``district``, that district outlined and only its own
    uncovered townships listed. ``run``: the pack's shared query runner (content.Runs)."""
    run = run or db.run
    out = []
    for spec in run("map_targets", plan_id=plan_id).to_dict("records"):
        years = [int(y) for y in run("map_years", indicator_id=spec["indicator_id"])["year"] if int(y) <= year]
        if not years:
            continue
        shown = max(years)
        values = map_view.values(run, spec["indicator_id"], shown).to_dict("records")
        uncovered: list[str] = []
        by_district: dict[str, list[str]] = {}
        city = city_code(values)
        if spec.get("scope") == "township_share" and city is not None:
            rows = run("township_coverage", indicator_id=spec["indicator_id"], area_code=city, year=shown)
            rows = rows[rows["state"] == "uncovered"]
            if district is not None:
                rows = rows[rows["district_code"].astype(str) == district]
            uncovered = [pick(r, 'name', lang) if district is not None
                         else f"{pick(r, 'district_name', lang)} {pick(r, 'name', lang)}" if lang == "en"
                         else f"{pick(r, 'district_name', lang)}{pick(r, 'name', lang)}"
                         for r in rows.to_dict("records")]
            for r in rows.to_dict("records"):
                by_district.setdefault(str(r["district_code"]), []).append(pick(r, "name", lang))
        made = part(spec, values, shown, lang, uncovered)
        out.append(dataclasses.replace(made, highlight=district,
                                       uncovered_by=tuple((k, tuple(v)) for k, v in by_district.items())))
    return tuple(out)


# ---- the picture --------------------------------------------------------------------------------

def _clockwise(ring: list) -> list:
    """d3-geo (Vega's projection) takes a clockwise exterior ring; GeoJSON's are counter-clockwise."""
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))
    return ring[::-1] if area > 0 else ring


def _rewound(geometry: dict) -> dict:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    fixed = [[_clockwise(poly[0])] + [_clockwise(r)[::-1] for r in poly[1:]] for poly in polygons]
    return {"type": "MultiPolygon", "coordinates": fixed}


@functools.lru_cache(maxsize=2)
def features(path: Path = GEOJSON) -> tuple[dict, ...]:
    with open(path, encoding="utf-8") as f:
        collection = json.load(f)
    return tuple({"type": "Feature", "geometry": _rewound(f["geometry"]),
                  "properties": {"area_code": f["properties"]["area_code"]}} for f in collection["features"])


def _label_point(geometry: dict) -> tuple[float, float]:
    """The centre of the largest polygon's bounding box, nudged to the vertex mean (good enough for
    the ten districts; the map page places labels more carefully)."""
    polygon = max(geometry["coordinates"], key=lambda p: len(p[0]))
    xs, ys = [p[0] for p in polygon[0]], [p[1] for p in polygon[0]]
    return ((min(xs) + max(xs)) / 2 + sum(xs) / len(xs)) / 2, ((min(ys) + max(ys)) / 2 + sum(ys) / len(ys)) / 2


def _ink(fill: str) -> str:
    """White on the dark classes, near-black on the light ones (``picture`` adds a thin halo)."""
    r, g, b = (int(fill.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return "#FFFFFF" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else "#141414"


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _spread(labels: list[dict], size: float = 13.0, line: float = 15.0, gap: float = 4.0, rounds: int = 60) -> None:
    """Move overlapping labels apart, in place: the districts are projected as Vega fits them
    (Mercator, the shapes' extent scaled into the picture), each label's box is estimated (a CJK
    glyph one em wide, others 0.6), overlapping pairs are pushed apart along their smaller overlap,
    and the moves are turned back into longitude and latitude."""
    points = [(math.radians(p[0]), _mercator(p[1])) for f in features() for poly in f["geometry"]["coordinates"]
              for p in poly[0]]
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    scale = min(WIDTH / (x1 - x0), HEIGHT / (y1 - y0))
    xy = [[math.radians(lb["lon"]) * scale, -_mercator(lb["lat"]) * scale] for lb in labels]
    boxes = [(max(sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in text) for text in lb["text"]) * size + 6,
              len(lb["text"]) * line + 4) for lb in labels]
    for _ in range(rounds):
        moved = False
        for i in range(len(xy)):
            for j in range(i + 1, len(xy)):
                d = [xy[i][k] - xy[j][k] for k in (0, 1)]
                over = [(boxes[i][k] + boxes[j][k]) / 2 + gap - abs(d[k]) for k in (0, 1)]
                if over[0] <= 0 or over[1] <= 0:
                    continue
                k = 0 if over[0] < over[1] else 1
                push = (over[k] / 2 + 0.5) * (1.0 if d[k] >= 0 else -1.0)
                xy[i][k] += push
                xy[j][k] -= push
                moved = True
        if not moved:
            break
    for lb, (x, y) in zip(labels, xy):
        lb["lon"] = math.degrees(x / scale)
        lb["lat"] = math.degrees(2 * math.atan(math.exp(-y / scale)) - math.pi / 2)


def spec(map_part: MapPart) -> dict:
    """The Vega-Lite specification of one map: the districts in their class colours, a name and
    figure on each."""
    by_code = {r.area_code: r for r in map_part.rows}
    shapes, labels = [], []
    for feature in features():
        row = by_code.get(feature["properties"]["area_code"])
        if row is None:
            continue
        shapes.append({**feature, "properties": {**feature["properties"], "fill": row.color,
                                                 "width": 4.5 if row.area_code == map_part.highlight else 1}})
        lon, lat = _label_point(feature["geometry"])
        labels.append({"lon": lon, "lat": lat, "text": [row.name, row.value_text], "ink": _ink(row.color)})
    _spread(labels)
    family = fonts.FAMILY
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH, "height": HEIGHT, "background": "white",
        "projection": {"type": "mercator"},
        "config": {"view": {"stroke": None}, "font": family},
        "layer": [
            {"data": {"values": shapes}, "mark": {"type": "geoshape", "stroke": "#262730"},
             "encoding": {"color": {"field": "properties.fill", "type": "nominal", "scale": None},
                          "strokeWidth": {"field": "properties.width", "type": "quantitative", "scale": None},
                          "order": {"field": "properties.width", "type": "quantitative"}}},
            {"data": {"values": labels},
             "mark": {"type": "text", "font": family, "fontSize": 13, "lineHeight": 15, "fontWeight": "bold"},
             "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                          "latitude": {"field": "lat", "type": "quantitative"}, "text": {"field": "text"},
                          "color": {"field": "ink", "type": "nominal", "scale": None}}},
        ],
    }


def _project(lon: float, lat: float) -> tuple[float, float]:
    return math.radians(lon), -_mercator(lat)


@functools.lru_cache(maxsize=1)
def _frame() -> tuple[float, float, float, float, float]:
    """Mercator fitted into the picture as Vega fits a geoshape: (x0, y0, scale, dx, dy)."""
    points = [_project(*p) for f in features() for poly in f["geometry"]["coordinates"] for p in poly[0]]
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    scale = min(WIDTH / (x1 - x0), HEIGHT / (y1 - y0))
    return x0, y0, scale, (WIDTH - (x1 - x0) * scale) / 2, (HEIGHT - (y1 - y0) * scale) / 2


@functools.lru_cache(maxsize=4)
def _font(size: int):
    from PIL import ImageFont

    _, bold = fonts.cjk()
    return ImageFont.truetype(str(bold), size, index=fonts.SC_INDEX)


@functools.lru_cache(maxsize=256)
def picture(map_part: MapPart, scale: float = 2.0) -> bytes:
    """The map as a PNG, drawn with Pillow (offline, no browser): the districts in their class
    colours, the district of a district pack outlined heavily, each district's name and figure on it
    in Noto Sans CJK (the labels moved apart as ``spec`` places them). The deck and the report made in
    one process share the pictures."""
    from PIL import Image, ImageDraw

    x0, y0, k, dx, dy = _frame()

    def at(lon: float, lat: float) -> tuple[float, float]:
        x, y = _project(lon, lat)
        return ((x - x0) * k + dx) * scale, ((y - y0) * k + dy) * scale

    drawn = spec(map_part)
    shapes, labels = drawn["layer"][0]["data"]["values"], drawn["layer"][1]["data"]["values"]
    image = Image.new("RGB", (int(WIDTH * scale), int(HEIGHT * scale)), "white")
    pen = ImageDraw.Draw(image)
    for shape in sorted(shapes, key=lambda f: f["properties"]["width"]):     # the outlined district last
        props = shape["properties"]
        for polygon in shape["geometry"]["coordinates"]:
            ring = [at(*p) for p in polygon[0]]
            pen.polygon(ring, fill=props["fill"])
            for hole in polygon[1:]:
                pen.polygon([at(*p) for p in hole], fill="white")
            pen.line(ring + ring[:1], fill="#262730", width=max(1, round(props["width"] * scale)), joint="curve")
    font = _font(round(13 * scale))
    for label in labels:
        x, y = at(label["lon"], label["lat"])
        lines = label["text"]
        top = y - len(lines) * 15 * scale / 2
        for i, line in enumerate(lines):
            pen.text((x, top + (i + 0.5) * 15 * scale), line, fill=label["ink"], font=font, anchor="mm",
                     stroke_width=max(1, round(1.5 * scale)),       # a halo: readable where it leaves its district
                     stroke_fill="#262730" if label["ink"] == "#FFFFFF" else "#FFFFFF")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()
