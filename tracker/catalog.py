"""Reading the catalogue CSVs (the plan as data), the area table and the township registry into frames."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from tracker import methods, paths

COLUMNS: dict[str, list[str]] = {
    "plans": ["plan_id", "name_zh", "name_en", "start_year", "target_year", "baseline_year", "nearly_pct"],
    "actions": ["plan_id", "action_no", "name_zh", "name_en", "group_zh", "group_en",
                "summary_zh", "summary_en", "in_source"],
    "mechanisms": ["plan_id", "mechanism_no", "name_zh", "name_en", "summary_zh", "summary_en"],
    "indicators": ["indicator_id", "plan_id", "action_no", "name_zh", "name_en", "unit_zh", "unit_en",
                   "comparator", "target_value", "target_high", "target_year", "baseline_year",
                   "direction", "measure", "method", "scope", "map_layer", "aggregation",
                   "source_quote", "note", "release_lag_months", "lead_unit_zh", "lead_unit_en"],
    "areas": ["area_code", "name_zh", "name_en", "kind", "parent", "region_tags", "townships",
              "townships_source"],
    "townships": ["township_code", "name_zh", "name_en", "kind", "district_code", "counted"],
}
INTEGER = {"start_year", "target_year", "baseline_year", "action_no", "mechanism_no", "townships", "release_lag_months"}
# columns a file may leave out (a catalogue written before they existed): read as empty
OPTIONAL_COLUMNS = {"release_lag_months", "nearly_pct", "lead_unit_zh", "lead_unit_en"}
FLOAT = {"target_value", "target_high", "nearly_pct"}
BOOLEAN = {"in_source", "counted"}


def tidy(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Columns in schema order with schema types; text stays text (codes keep leading digits)."""
    frame = frame.assign(**{c: pd.NA for c in OPTIONAL_COLUMNS if c in COLUMNS[table] and c not in frame.columns})
    missing = [c for c in COLUMNS[table] if c not in frame.columns]
    if missing:
        raise ValueError(f"{table}: missing column(s) {', '.join(missing)}")
    frame = frame[COLUMNS[table]].copy()
    for col in frame.columns:
        if col in INTEGER:
            frame[col] = pd.to_numeric(frame[col], errors="raise").astype("Int64")
        elif col in FLOAT:
            frame[col] = pd.to_numeric(frame[col], errors="raise").astype("Float64")
        elif col in BOOLEAN:
            frame[col] = frame[col].astype(str).str.strip().str.lower().map({"true": True, "false": False})
        else:
            frame[col] = frame[col].astype("string").str.strip().replace("", pd.NA)
    return frame


def read_csv(file: Path, table: str) -> pd.DataFrame:
    raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    return tidy(table, raw)


def load(catalog_dir: Path | None = None, geo_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    catalog_dir = catalog_dir or paths.CATALOG
    geo_dir = geo_dir or paths.GEO
    frames = {name: read_csv(catalog_dir / f"{name}.csv", name)
              for name in ("plans", "actions", "mechanisms", "indicators")}
    unknown = sorted(set(frames["indicators"]["method"].dropna()) - set(methods.NAMES))
    if unknown:
        raise ValueError(f"indicators: unknown progress method(s) {', '.join(unknown)}; known: {', '.join(methods.NAMES)}")
    frames["areas"] = read_csv(geo_dir / "areas.csv", "areas")
    frames["townships"] = read_csv(geo_dir / "townships.csv", "townships")
    return frames


# The catalogue tables the catalogue import edits (and the journal keeps), in the order they are applied.
TABLES = ("plans", "actions", "mechanisms", "indicators")


def upsert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Insert new rows and replace corrected ones by primary key (``table`` one of TABLES only)."""
    if table not in TABLES:
        raise ValueError(f"not a catalogue table: {table!r}")
    con.register("_catalog_rows", frame)
    try:
        con.execute(f"insert or replace into {table} by name select * from _catalog_rows")
    finally:
        con.unregister("_catalog_rows")
