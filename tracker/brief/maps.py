"""The coverage maps as pictures, drawn on the server without a browser or a network.

The colour classes are the map page's, from one module (tracker/map_classes.py: ColorBrewer RdBu
against the target, Blues for plain magnitudes, grey for no data); the boundaries are
data/geo/districts.geojson. ``picture`` renders a Vega-Lite geoshape with vl-convert (a bundled V8
and resvg: no browser, nothing fetched) in Debian's Noto Sans CJK, the font registered from its
folder.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from tracker import db, judgement, map_classes, paths, statuses
from tracker.brief import fonts
from tracker.brief.words import figure, finite, pick, status, target, w, with_unit
from tracker.map_classes import NO_DATA, Band, band_of, bands, mode  # noqa: F401  (the map page's classes)

GEOJSON = paths.GEO / "districts.geojson"
WIDTH, HEIGHT = 560, 520                    # the picture's size in CSS pixels (rendered at 2x)


def band_label(band: Band, spec: Mapping[str, Any], lang: str) -> str:
    if map_classes.is_verdict(band):
        return statuses.label(band.key, lang)
    if band.key in ("not_yet", "no_data") or (band.key == "met" and mode(spec) == "binary"):
        return w(f"map.band.{'yes' if band.key == 'met' else band.key}", lang)

    def unit(v: float) -> str:
        return with_unit(v, spec, lang)

    if band.low is not None and band.high is not None:
        text = w("map.range.between", lang, low=figure(band.low, spec, lang, beside=band.high), high=unit(band.high))
    elif band.low is not None:
        text = w("map.range.at_least" if band.include_low else "map.range.above", lang, v=unit(band.low))
    elif band.high is not None:
        text = w("map.range.at_most" if band.include_high else "map.range.below", lang, v=unit(band.high))
    else:
        text = w("map.band.no_data", lang)
    return w("map.band.met", lang, range=text) if band.key == "met" else text


@dataclass(frozen=True)
class MapRow:
    area_code: str
    name: str
    value: float | None
    value_text: str
    color: str
    met: bool
    status_text: str
    townships: str          # '9/17' for township shares, else ''


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
    rows: tuple[MapRow, ...]
    legend: tuple[tuple[str, str], ...]           # (colour, label with the count of districts)
    uncovered: tuple[str, ...] = ()               # the townships reported not covered (township shares)


def _townships(row: Mapping[str, Any] | None, spec: Mapping[str, Any], lang: str, key: str = "map.townships_cell") -> str:
    """'9/17': the townships covered of those reported, from the warehouse's roll-up of township rows
    (as the map page's components/townships.py); '' without township figures."""
    if row is None or spec.get("scope") != "township_share":
        return ""
    covered, reported = finite(row.get("covered")), finite(row.get("reported"))
    if covered is None or not reported:
        return ""
    return w(key, lang, covered=int(covered), total=int(reported))


def part(spec: Mapping[str, Any], values: list[dict], year: int, lang: str, uncovered: Sequence[str] = ()) -> MapPart:
    """One coverage target in one year: its districts with their colours, the summary and legend."""
    districts = [r for r in values if r["kind"] == "district"]
    classes, of_row = map_classes.classify([r["value"] for r in districts], [r.get("status") for r in districts], spec)
    rows = []
    for r, band in zip(districts, of_row):
        shown = band_label(band, spec, lang) if mode(spec) == "binary" and finite(r["value"]) is not None \
            else with_unit(r["value"], spec, lang)
        rows.append(MapRow(str(r["area_code"]), pick(r, "name", lang), finite(r["value"]), shown, band.color,
                           map_classes.is_met(band), status(str(r.get("status") or "no_data"), lang), _townships(r, spec, lang)))
    goal = target(spec, lang)
    if mode(spec) == "level":
        summary = w("map.level", lang, year=year, target=goal)
    else:
        with_value = [r for r in rows if r.value is not None]
        final = any(map_classes.is_verdict(band) for band in of_row)
        counts = dict(year=year, n_met=sum(r.met for r in with_value), n_all=len(with_value), target=goal)
        summary = judgement.word("map.final", lang, **counts) if final else w("map.target", lang, **counts)
        short = sorted((r for r in with_value if not r.met), key=lambda r: r.value or 0.0,
                       reverse=spec.get("comparator") != ">=")
        verdict = {r.area_code: b.key for r, b in zip(rows, of_row)}
        if final:       # the districts short of it, by verdict: the words of the colours
            for code in ("nearly_completed", "not_completed"):
                names = [r.name for r in short if verdict.get(r.area_code) == code]
                if names:
                    line = judgement.word("map.verdict", lang, verdict=statuses.label(code, lang),
                                          names=w("map.sep", lang).join(names))
                    summary += (" " if lang == "en" else "") + line
        elif short:
            summary += (" " if lang == "en" else "") + w("map.short", lang, names=w("map.sep", lang).join(r.name for r in short))
    city = next((r for r in values if r["kind"] == "city"), None)
    townships = _townships(city, spec, lang, "map.townships")
    counts = {b.key: sum(1 for band in of_row if band.key == b.key) for b in classes}
    legend = tuple((b.color, w("map.band.count", lang, label=band_label(b, spec, lang), n=counts[b.key]))
                   for b in classes if counts[b.key] or b.key != "no_data")
    name = pick(spec, "name", lang)
    return MapPart(str(spec["indicator_id"]), int(spec["action_no"]), name, w("map.title", lang, name=name, year=year),
                   year, goal, summary, townships, tuple(rows), legend, tuple(uncovered))


def parts(plan_id: str, year: int, lang: str) -> tuple[MapPart, ...]:
    """Every coverage target with district figures (queries/map_targets.sql), each in the latest year
    with district values up to ``year``."""
    out = []
    for spec in db.run("map_targets", plan_id=plan_id).to_dict("records"):
        years = [int(y) for y in db.run("map_years", indicator_id=spec["indicator_id"])["year"] if int(y) <= year]
        if not years:
            continue
        shown = max(years)
        values = db.run("map_district_values", indicator_id=spec["indicator_id"], year=shown).to_dict("records")
        uncovered: list[str] = []
        city = next((r["area_code"] for r in values if r["kind"] == "city"), None)
        if spec.get("scope") == "township_share" and city is not None:
            rows = db.run("township_coverage", indicator_id=spec["indicator_id"], area_code=city, year=shown)
            uncovered = [f"{pick(r, 'district_name', lang)} {pick(r, 'name', lang)}" if lang == "en"
                         else f"{pick(r, 'district_name', lang)}{pick(r, 'name', lang)}"
                         for r in rows[rows["state"] == "uncovered"].to_dict("records")]
        out.append(part(spec, values, shown, lang, uncovered))
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
    """White on the dark classes, near-black on the light ones (no halo: text outlines cost time)."""
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
        shapes.append({**feature, "properties": {**feature["properties"], "fill": row.color}})
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
            {"data": {"values": shapes}, "mark": {"type": "geoshape", "stroke": "#262730", "strokeWidth": 1},
             "encoding": {"color": {"field": "properties.fill", "type": "nominal", "scale": None}}},
            {"data": {"values": labels},
             "mark": {"type": "text", "font": family, "fontSize": 13, "lineHeight": 15, "fontWeight": "bold"},
             "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                          "latitude": {"field": "lat", "type": "quantitative"}, "text": {"field": "text"},
                          "color": {"field": "ink", "type": "nominal", "scale": None}}},
        ],
    }


def picture(map_part: MapPart, scale: float = 2.0) -> bytes:
    """The map as a PNG (rendered by vl-convert, offline); the deck and the report made in one
    process share the pictures."""
    return _png(json.dumps(spec(map_part), ensure_ascii=False, sort_keys=True), scale)


@functools.lru_cache(maxsize=64)
def _png(spec_json: str, scale: float) -> bytes:
    import vl_convert

    fonts.register_for_vega()
    return vl_convert.vegalite_to_png(json.loads(spec_json), scale=scale)
