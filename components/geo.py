"""The district boundaries, read once from data/geo/districts.geojson with the standard json module.

Pure helpers for the map: the features by area code, the city's bounding box, a label point inside
each district (a pole of inaccessibility, so concave shapes and island districts get their name on
land), the view that fits the city in a given canvas, and the Web Mercator projection a browser test
uses to find a district on screen.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import numpy as np

GEOJSON = Path(__file__).resolve().parents[1] / "data" / "geo" / "districts.geojson"
TILE = 512  # deck.gl's MapView: zoom 0 shows the world in 512 px


@functools.lru_cache(maxsize=4)
def collection(path: Path = GEOJSON) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def features(path: Path = GEOJSON) -> list[dict]:
    """The district features in file order, each with its area_code in properties."""
    return collection(path)["features"]


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _ring_area(ring) -> float:
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


@functools.lru_cache(maxsize=4)
def bounds(path: Path = GEOJSON) -> tuple[float, float, float, float]:
    """(west, south, east, north) of all districts."""
    points = np.array([pt for f in features(path) for poly in _polygons(f["geometry"])
                       for ring in poly for pt in ring], dtype=float)
    return (float(points[:, 0].min()), float(points[:, 1].min()),
            float(points[:, 0].max()), float(points[:, 1].max()))


def _inside(points: np.ndarray, polygon) -> np.ndarray:
    """Even-odd rule over every ring of one polygon (outer ring and holes)."""
    result = np.zeros(len(points), dtype=bool)
    px, py = points[:, 0][:, None], points[:, 1][:, None]
    for ring in polygon:
        a = np.asarray(ring, dtype=float)
        b = np.roll(a, -1, axis=0)
        ax, ay, bx, by = a[:, 0], a[:, 1], b[:, 0], b[:, 1]
        crosses = (ay > py) != (by > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = ax + (py - ay) * (bx - ax) / (by - ay)
        result ^= (np.count_nonzero(crosses & (px < x_at), axis=1) % 2).astype(bool)
    return result


def _edge_distance(points: np.ndarray, polygon) -> np.ndarray:
    """Distance (degrees, longitude scaled by cos(latitude)) from each point to the nearest edge."""
    best = np.full(len(points), np.inf)
    scale = math.cos(math.radians(float(points[:, 1].mean()))) if len(points) else 1.0
    p = points * [scale, 1.0]
    for ring in polygon:
        a = np.asarray(ring, dtype=float) * [scale, 1.0]
        b = np.roll(a, -1, axis=0)
        d = b - a
        length2 = np.maximum((d ** 2).sum(axis=1), 1e-18)
        t = np.clip(((p[:, None, :] - a[None]) * d[None]).sum(axis=2) / length2, 0.0, 1.0)
        nearest = a[None] + t[..., None] * d[None]
        best = np.minimum(best, np.sqrt(((p[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1))
    return best


def label_point(geometry: dict, grid: int = 12) -> tuple[float, float]:
    """A point well inside the district's largest polygon: the grid point farthest from its edges,
    refined once on a finer grid around the winner."""
    polygon = max(_polygons(geometry), key=lambda poly: abs(_ring_area(poly[0])))
    outer = np.asarray(polygon[0], dtype=float)
    west, south = outer.min(axis=0)
    east, north = outer.max(axis=0)
    best, best_score = (float(outer[:, 0].mean()), float(outer[:, 1].mean())), -1.0
    for _ in range(2):
        xs, ys = np.meshgrid(np.linspace(west, east, grid), np.linspace(south, north, grid))
        points = np.column_stack([xs.ravel(), ys.ravel()])
        points = points[_inside(points, polygon)]
        if len(points):
            score = _edge_distance(points, polygon)
            i = int(np.argmax(score))
            if score[i] > best_score:
                best, best_score = (float(points[i, 0]), float(points[i, 1])), float(score[i])
        step_x, step_y = (east - west) / grid, (north - south) / grid
        west, east = best[0] - step_x, best[0] + step_x
        south, north = best[1] - step_y, best[1] + step_y
    return round(best[0], 4), round(best[1], 4)


@functools.lru_cache(maxsize=4)
def label_points(path: Path = GEOJSON) -> dict[str, tuple[float, float]]:
    """area_code → (lon, lat) where the district's name is drawn."""
    return {f["properties"]["area_code"]: label_point(f["geometry"]) for f in features(path)}


def _mercator_y(lat: float) -> float:
    phi = math.radians(lat)
    return math.log(math.tan(math.pi / 4 + phi / 2))


def fit_view(width_px: int, height_px: int, path: Path = GEOJSON, padding_px: int = 16) -> dict:
    """The centre and zoom that fit every district into a canvas of the given size."""
    west, south, east, north = bounds(path)
    span_x = math.radians(east - west)
    span_y = _mercator_y(north) - _mercator_y(south)
    usable_w, usable_h = max(width_px - 2 * padding_px, 1), max(height_px - 2 * padding_px, 1)
    # at zoom z one radian of longitude is TILE * 2**z / (2 pi) pixels
    zoom_x = math.log2(usable_w * 2 * math.pi / (TILE * span_x))
    zoom_y = math.log2(usable_h * 2 * math.pi / (TILE * span_y))
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return {"longitude": round((west + east) / 2, 4), "latitude": round(latitude, 4),
            "zoom": round(min(zoom_x, zoom_y), 2)}


def project(lon: float, lat: float, view: dict, width_px: float, height_px: float) -> tuple[float, float]:
    """Screen pixel (x, y) of a point in a canvas of the given size showing ``view`` (Web Mercator)."""
    scale = TILE * 2 ** view["zoom"] / (2 * math.pi)
    x = (math.radians(lon) - math.radians(view["longitude"])) * scale
    y = (_mercator_y(view["latitude"]) - _mercator_y(lat)) * scale
    return width_px / 2 + x, height_px / 2 + y


def text_box(text: str, size_px: float, line_height: float = 1.15, padding_px: float = 6) -> tuple[float, float]:
    """Approximate on-screen (width, height) of a label: CJK glyphs are 1 em wide, others about 0.6."""
    lines = text.split("\n")
    width = max(sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in line) for line in lines) * size_px
    return width + padding_px, len(lines) * size_px * line_height + padding_px


def label_offsets(points: list[tuple[float, float]], boxes: list[tuple[float, float]], view: dict,
                  width_px: float, height_px: float, gap_px: float = 4, rounds: int = 80) -> list[list[int]]:
    """Pixel offsets that push overlapping labels apart (along the axis where they overlap least)."""
    xy = np.array([project(lon, lat, view, width_px, height_px) for lon, lat in points], dtype=float)
    size = np.array(boxes, dtype=float).reshape(-1, 2)
    offset = np.zeros_like(xy)
    for _ in range(rounds):
        moved = False
        for i in range(len(xy)):
            for j in range(i + 1, len(xy)):
                d = (xy[i] + offset[i]) - (xy[j] + offset[j])
                overlap = (size[i] + size[j]) / 2 + gap_px - np.abs(d)
                if overlap[0] <= 0 or overlap[1] <= 0:
                    continue
                axis = 0 if overlap[0] < overlap[1] else 1
                push = (overlap[axis] / 2 + 0.5) * (1.0 if d[axis] >= 0 else -1.0)
                offset[i, axis] += push
                offset[j, axis] -= push
                moved = True
        if not moved:
            break
    return [[int(round(x)), int(round(y))] for x, y in offset]
