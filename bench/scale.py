"""The scale warehouse: township-level monthly observations for two plans, ten million rows and more.

Built from the same schema files and catalogue as the real warehouse, with three documented changes
made only in this private copy (the app's queries run against it unchanged):

* ``areas.kind`` also allows ``'township'``: each district gets its townships (乡镇/街道) as synthetic
  areas ``<district code><nnn>`` (330203001 …) with ``parent`` = the district, as many as
  ``data/geo/areas.csv`` counts for it (155 in all) unless the spec caps them.
* ``observations`` gains a ``month`` column (1–12). Each month has a preliminary and a final
  figure (two batches). ``obs_seq`` grows with (series, month, version), so the app's own view of
  the values in force (the newest applied row per indicator, area and *year*) yields December's
  final figure: monthly values become yearly ones exactly as the status method expects, with no
  change to the view.
* a second plan, 2026–2030 (baseline 2025), with the same indicators re-identified ``B…`` for ``A…``.

Values are made in SQL from ``hash()`` of the series and period, so the build is deterministic and
takes no Python loop over rows. The status table is computed by ``tracker.progress.compute_status``
at the year grain, as the real build does, and its time is recorded.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from tracker import build, catalog, paths, warehouse

SCALE_DIR = paths.DATA / "scale"
PLAN2 = {"plan_id": "nb-cp-2026-2030", "start_year": 2026, "target_year": 2030, "baseline_year": 2025,
         "name_zh": "宁波共同富裕示范行动计划（2026—2030年，基准测试用合成规划）",
         "name_en": "Ningbo common-prosperity plan 2026–2030 (synthetic, for the benchmark)"}
FIRST_YEAR = 2000   # obs_seq counts months from here
KIND_CHECK = "check (kind in ('city', 'district', 'region'))"
KIND_CHECK_SCALE = "check (kind in ('city', 'district', 'region', 'township'))"


@dataclass(frozen=True)
class Spec:
    """What to generate. ``townships`` caps the townships per district (None: the areas table's
    counts); ``indicators`` keeps only the first N indicators of the catalogue (None: all; tests)."""
    history_from: int = 2009        # first year of monthly history for the 2021–2025 plan
    versions: int = 2               # figures per month: preliminary, final
    townships: int | None = None
    indicators: int | None = None

    @property
    def key(self) -> str:
        """The spec and a digest of everything the build reads: a changed schema rebuilds it."""
        return json.dumps({**dataclasses.asdict(self), "inputs": inputs_digest()}, sort_keys=True)


def inputs_digest() -> str:
    digest = hashlib.sha256(OBSERVATIONS_SQL.encode())
    files = [*sorted(paths.SCHEMA.glob("*.sql")), *sorted(paths.CATALOG.glob("*.csv")), paths.GEO / "areas.csv"]
    for file in files:
        digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()[:16]


FULL = Spec()
QUICK = Spec(history_from=2018, versions=1, townships=3)


def default_path(spec: Spec) -> Path:
    return SCALE_DIR / ("warehouse.duckdb" if spec == FULL else f"warehouse-{_slug(spec)}.duckdb")


def _slug(spec: Spec) -> str:
    return (f"h{spec.history_from}-v{spec.versions}-t{spec.townships or 'all'}"
            + (f"-i{spec.indicators}" if spec.indicators else ""))


def scale_schema() -> list[str]:
    """The schema files' statements, with the one check widened for townships."""
    texts = []
    for file in sorted(paths.SCHEMA.glob("*.sql")):
        text = file.read_text(encoding="utf-8")
        if KIND_CHECK in text:
            text = text.replace(KIND_CHECK, KIND_CHECK_SCALE)
        texts.append(text)
    if not any(KIND_CHECK_SCALE in t for t in texts):
        raise RuntimeError(f"schema changed: cannot find {KIND_CHECK!r} to allow townships")
    return texts


def townships(areas: pd.DataFrame, cap: int | None) -> pd.DataFrame:
    """Synthetic township rows under each district: code = district code + three digits."""
    rows = []
    for d in areas[areas["kind"] == "district"].itertuples(index=False):
        n = int(d.townships) if pd.notna(d.townships) else 10
        n = min(n, cap) if cap is not None else n
        for k in range(1, n + 1):
            rows.append({"area_code": f"{d.area_code}{k:03d}", "name_zh": f"{d.name_zh}第{k}乡镇（街道）",
                         "name_en": f"{d.name_en} township {k}", "kind": "township", "parent": d.area_code,
                         "region_tags": d.region_tags, "townships": pd.NA,
                         "townships_source": "synthetic (bench scale warehouse)"})
    return catalog.tidy("areas", pd.DataFrame(rows))


def second_plan(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The 2026–2030 plan: the same actions and indicators, re-identified, targets moved on a step."""
    plan1 = frames["plans"].iloc[0]
    out = {"plans": catalog.tidy("plans", pd.DataFrame([PLAN2]))}
    for table in ("actions", "mechanisms"):
        frame = frames[table].copy()
        frame["plan_id"] = PLAN2["plan_id"]
        out[table] = frame
    ind = frames["indicators"].copy()
    ind["indicator_id"] = "B" + ind["indicator_id"].str.slice(1)
    ind["plan_id"] = PLAN2["plan_id"]
    ind["target_year"] = PLAN2["target_year"]
    ind["baseline_year"] = PLAN2["baseline_year"]
    step = ind["direction"].map({"up": 1.1, "down": 0.9}).astype(float)
    moves = ind["measure"].isin(["level", "share", "count_new"])
    ind.loc[moves, "target_value"] = ind.loc[moves, "target_value"] * step[moves]
    ind.loc[moves, "target_high"] = ind.loc[moves, "target_high"] * step[moves]
    assert str(plan1["plan_id"]) != PLAN2["plan_id"]
    out["indicators"] = ind
    return out


def expected_rows(n_indicators: int, n_areas: int, spec: Spec) -> int:
    """Rows the generator writes: indicators × areas × months × versions, for each of the two plans
    (the first plan from ``history_from`` to its target year, the second from its baseline year)."""
    plan1_target = int(catalog.load()["plans"].iloc[0]["target_year"])
    months = (plan1_target - spec.history_from + 1) * 12 + (PLAN2["target_year"] - PLAN2["baseline_year"] + 1) * 12
    return n_indicators * n_areas * months * spec.versions


# One statement: every (indicator, area, month, version) of both plans, values from hash().
# f: how far along its path a series runs (≈15% go backwards); x: years since the plan's baseline.
OBSERVATIONS_SQL = """
insert into observations (obs_seq, indicator_id, area_code, year, month, value, milestone, source, note, batch_id)
with
series as (
    select i.indicator_id, i.comparator, i.measure, i.direction, i.baseline_year,
           coalesce(i.target_value, 100.0) as target_value,
           case when i.plan_id = $plan2 then pl.baseline_year else $history_from end as first_year,
           pl.target_year as last_year,
           a.area_code,
           row_number() over (order by i.indicator_id, a.area_code) - 1 as series_no,
           (hash(i.indicator_id, a.area_code, 'f') % 10000) / 10000.0 * 1.6 - 0.25 as f,
           (hash(i.indicator_id, a.area_code, 'k') % 10000) / 10000.0 * 0.3 + 0.1 as k
    from indicators as i
    join plans as pl using (plan_id)
    cross join areas as a
),
periods as (
    select y.range::integer as year, m.range::integer as month
    from range($first_year, $last_year + 1) as y
    cross join range(1, 13) as m
),
versions as (select range::integer as version from range(0, $versions)),
grid as (
    select s.*, p.year, p.month, v.version,
           (p.year - s.baseline_year) + p.month / 12.0 as x,
           (hash(s.series_no, p.year, p.month, v.version) % 10000) / 10000.0 - 0.5 as noise
    from series as s
    join periods as p on p.year between s.first_year and s.last_year
    cross join versions as v
),
valued as (
    select *,
        case
            when comparator = 'qualitative' then null
            when measure = 'count_new' then greatest(target_value / 5.0 * f * month / 12.0 * (1 + 0.05 * noise), 0)
            when measure = 'growth_rate' then target_value * f + 0.5 * noise
            else (case when direction = 'up' then target_value * (1 - k) else target_value * (1 + k) end)
                 + (target_value - case when direction = 'up' then target_value * (1 - k)
                                        else target_value * (1 + k) end) * f * x / 5.0
                 + abs(target_value) * 0.01 * noise
        end as value,
        case
            when comparator <> 'qualitative' then null
            when x < f * 2 then 'not_started'
            when x < 2 + f * 3 then 'in_progress'
            else 'done'
        end as milestone
    from grid
),
final as (
    select
        ((series_no * 12 * ($last_year - $epoch + 1) + (year - $epoch) * 12 + month - 1) * $versions + version + 1)::bigint
            as obs_seq,
        indicator_id, area_code, year, month::tinyint as month,
        round(value, 4) as value, milestone,
        'bench scale generator' as source, null as note,
        case when version = $versions - 1 then 'scale-final' else 'scale-prelim' end as batch_id
    from valued
)
select * from final
"""


def _insert_catalog(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    for table in ("plans", "actions", "mechanisms", "indicators", "areas"):
        build.insert_frame(con, table, frames[table])


def generate(con: duckdb.DuckDBPyConnection, spec: Spec) -> dict[str, float]:
    """Fill an empty database: schema, both plans, areas with townships, observations, status."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    con.execute("set enable_progress_bar = false")
    for statement in scale_schema():
        con.execute(statement)
    con.execute("alter table observations add column month tinyint")
    frames = catalog.load()
    if spec.indicators is not None:
        frames["indicators"] = frames["indicators"].sort_values("indicator_id").head(spec.indicators)
    plan2 = second_plan(frames)
    _insert_catalog(con, frames)
    _insert_catalog(con, {**plan2, "areas": townships(frames["areas"], spec.townships)})
    for batch in ("scale-prelim", "scale-final") if spec.versions > 1 else ("scale-final",):
        build.record_batch(con, batch_id=batch, kind="demo", rows=0, by="bench scale",
                           note=f"synthetic scale data, spec={spec.key}")
    t1 = time.perf_counter()
    con.execute(OBSERVATIONS_SQL, {
        "first_year": spec.history_from, "last_year": PLAN2["target_year"], "history_from": spec.history_from,
        "versions": spec.versions, "plan2": PLAN2["plan_id"], "epoch": FIRST_YEAR,
    })
    con.execute("update batches set row_count = (select count(*) from observations o "
                "where o.batch_id = batches.batch_id)")
    timings["generate_s"] = time.perf_counter() - t1
    timings["status_s"] = _status(con, timings)
    build.set_meta(con, "scale_spec", spec.key)
    build.set_meta(con, "built_at", pd.Timestamp.now().isoformat(timespec="seconds"))
    # the derived objects are the current schema's: tracker.opening.ensure (the app's first read) must not
    # migrate this copy again (a backup of it and a second refresh)
    build.set_meta(con, "schema_version", build.schema_version())
    timings["catalog_s"] = t1 - t0
    return timings


def _status(con: duckdb.DuckDBPyConnection, timings: dict[str, float]) -> float:
    """tracker's own refresh (``build.refresh_status``), split into its steps to time each: the values
    in force, the status table, then the stored answers the query files read."""
    from tracker.progress import compute_status

    t0 = time.perf_counter()
    build.refresh_current(con)                   # the values in force, stored as a table
    timings["current_s"] = time.perf_counter() - t0
    indicators = con.execute("select * from indicators").df()
    observations = con.execute("select * from obs_current").df()
    areas = con.execute("select * from areas").df()
    t1 = time.perf_counter()
    status = compute_status(indicators, observations, areas)
    t2 = time.perf_counter()
    con.execute("delete from status")
    build.insert_frame(con, "status", status)
    t3 = time.perf_counter()
    build.refresh_stored(con)                    # the stored answers every screen's query reads
    t4 = time.perf_counter()
    timings.update(status_read_s=t1 - t0, status_compute_s=t2 - t1, status_write_s=t3 - t2,
                   stored_s=t4 - t3, status_input_rows=float(len(observations)), status_rows=float(len(status)))
    return t4 - t0


def build_scale(path: Path | None = None, spec: Spec = FULL) -> dict[str, float]:
    """Build the scale warehouse through the same atomic snapshot writer the app uses."""
    path = path or default_path(spec)
    t0 = time.perf_counter()
    timings = warehouse.write_snapshot(lambda con: generate(con, spec), path=path, fresh=True,
                                       check=build.check_snapshot)
    shutil.rmtree(paths.snapshots_dir(path), ignore_errors=True)   # no backups of synthetic data
    timings["total_s"] = time.perf_counter() - t0
    timings["observations"] = float(count_rows(path))
    timings["size_mb"] = path.stat().st_size / 1e6
    return timings


def count_rows(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select count(*) from observations").fetchone()[0]


def built_spec(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("select value from meta where key = 'scale_spec'").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def ensure(spec: Spec = FULL, path: Path | None = None, *, rebuild: bool = False) -> tuple[Path, dict | None]:
    """The scale warehouse for ``spec``, built only when missing, stale or asked for."""
    path = path or default_path(spec)
    if not rebuild and built_spec(path) == spec.key:
        return path, None
    return path, build_scale(path, spec)
