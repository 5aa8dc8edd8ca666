"""Building a snapshot from data/: schema, catalogue, areas, optional demo data, then status and the
stored answers the query files read (``refresh_status``, which every write calls)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import duckdb
import pandas as pd

from tracker import catalog, methods, paths, warehouse
from tracker.reporting import schema as reporting_schema

DEMO_BATCH = "demo"


# Schema files whose tables hold data: the catalogue, observations and batches, the status table.
# Every other schema file defines one model (a view, perhaps stored as a table) or the shared macros,
# which a snapshot built by older code gets anew by `migrate`, data untouched.
BASE_SCHEMA = ("01_catalog.sql", "02_observations.sql", "02c_commentary.sql", "02r_reporting.sql", "04_status.sql")
_CREATES = re.compile(r"^create\s+(view|table|macro)\s+(\w+)", re.IGNORECASE | re.MULTILINE)
_BASE_TABLE = re.compile(r"^create table (\w+) \(.*?^\);", re.DOTALL | re.MULTILINE)
_STORED = re.compile(r"^create\s+table\s+(\w+)\s+as\s+select\s+\*\s+from\s+(\w+)_live\b", re.IGNORECASE | re.MULTILINE)
# Stored tables with exactly one row per row of another table: check_snapshot compares the counts.
ONE_ROW_EACH = {"status_in_force": "status", "values_in_force": "obs_current", "indicator_coverage": "indicators",
                "action_target_counts": "actions", "plan_coverage": "plans", "batch_coverage": "batches"}


# Objects older releases made that no schema file makes any more: migrate drops them too.
RETIRED = ("rollup_targets", "action_rollup_as_of_live", "action_rollup_as_of", "plan_rollup_as_of_live",
           "plan_rollup_as_of", "status_as_of")


def derived_files() -> list[Path]:
    return [file for file in sorted(paths.SCHEMA.glob("*.sql")) if file.name not in BASE_SCHEMA]


def stored_tables() -> list[str]:
    """The stored answers (`create table X as select * from X_live with no data` in the schema
    files), in the order they are refreshed: file by file, top to bottom, so a table may read those
    stored before it."""
    names = []
    for file in derived_files():
        for table, view in _STORED.findall(file.read_text(encoding="utf-8")):
            if table != view:
                raise ValueError(f"{file.name}: stored table {table} must be computed by the view {table}_live")
            names.append(table)
    return names


def schema_version() -> str:
    digest = hashlib.sha256()
    for file in sorted(paths.SCHEMA.glob("*.sql")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    for file in sorted(paths.SCHEMA.glob("*.sql")):
        con.execute(file.read_text(encoding="utf-8"))
    write_methods(con)
    set_meta(con, "schema_version", schema_version())


def write_methods(con: duckdb.DuckDBPyConnection) -> None:
    """Table progress_methods from the registry (tracker/methods/): what the SQL rules read of a method."""
    con.execute("delete from progress_methods")
    con.executemany("insert into progress_methods values ($1, $2, $3)",
                    [(m.name, m.measures_as, m.compounds) for m in methods.REGISTRY.values()])


def stored_schema_version(path: Path) -> str | None:
    with warehouse.attach(path) as con:
        row = con.execute(f"select value from {warehouse.ALIAS}.meta where key = 'schema_version'").fetchall()
    return row[0][0] if row else None


def _drop_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Drop every object the derived schema files create, whatever kind an older release made it
    (obs_current was once a view)."""
    names = [*RETIRED, *(name for file in derived_files() for _, name in _CREATES.findall(file.read_text(encoding="utf-8")))]
    tables = dict(con.execute("select table_name, table_type from information_schema.tables "
                              "where table_schema = 'main'").fetchall())
    macros = dict(con.execute("select function_name, function_type from duckdb_functions() "
                              "where function_type in ('macro', 'table_macro') and schema_name = 'main' "
                              "and not internal").fetchall())
    for name in reversed(names):
        if name in tables:
            con.execute(f"drop {'view' if tables.pop(name) == 'VIEW' else 'table'} {name}")
        if name in macros:
            con.execute(f"drop macro {'table ' if macros.pop(name) == 'table_macro' else ''}{name}")


def migrate(path: Path | None = None) -> bool:
    """Bring a snapshot built by older code up to the current derived schema; False if current."""
    path = path or paths.warehouse_path()
    if stored_schema_version(path) == schema_version():
        return False

    def change(con: duckdb.DuckDBPyConnection) -> None:
        _drop_derived(con)
        if "status_log" in create_missing_tables(con):
            seed_status_log(con)
        con.execute("alter table indicators add column if not exists release_lag_months integer")
        con.execute("alter table plans add column if not exists nearly_pct double default 90")
        con.execute("alter table indicators add column if not exists lead_unit_zh varchar")
        con.execute("alter table indicators add column if not exists lead_unit_en varchar")
        renew_batches_table(con)
        renew_status_table(con)
        reporting_schema.load_units(con)
        load_geo(con)
        for file in derived_files():
            con.execute(file.read_text(encoding="utf-8"))
        write_methods(con)
        refresh_status(con, cause=None)
        set_meta(con, "schema_version", schema_version())

    warehouse.write_snapshot(change, path=path, check=check_snapshot)
    return True


def renew_status_table(con: duckdb.DuckDBPyConnection) -> None:
    """Recreate table ``status`` (derived from the values in force, recomputed right after) when an
    older release made it with other columns or codes; status_log and the data are untouched."""
    text = (paths.SCHEMA / "04_status.sql").read_text(encoding="utf-8")
    ddl = next(m.group(0) for m in _BASE_TABLE.finditer(text) if m.group(1) == "status")
    columns = [r[0] for r in con.execute("select column_name from information_schema.columns "
                                         "where table_schema = 'main' and table_name = 'status' "
                                         "order by ordinal_position").fetchall()]
    if columns != [r[1] for r in _STATUS_COLUMNS.findall(ddl)] or not _has_current_check(con, ddl):
        con.execute("drop table if exists status")
        con.execute(ddl)


_STATUS_COLUMNS = re.compile(r"^(    )(\w+)\s+(?:varchar|integer|double)", re.MULTILINE)


def renew_batches_table(con: duckdb.DuckDBPyConnection) -> None:
    """Recreate table ``batches`` with the schema file's checks, rows kept, when an older release
    made it with fewer kinds (before 'commentary'): DuckDB cannot alter a check in place."""
    text = (paths.SCHEMA / "02_observations.sql").read_text(encoding="utf-8")
    ddl = next(m.group(0) for m in _BASE_TABLE.finditer(text) if m.group(1) == "batches")
    if _has_current_check(con, ddl, table="batches"):
        return
    con.execute("alter table batches rename to batches_before")
    con.execute(ddl)
    con.execute("insert into batches by name select * from batches_before")
    con.execute("drop table batches_before")


def _has_current_check(con: duckdb.DuckDBPyConnection, ddl: str, table: str = "status") -> bool:
    """Whether the stored table's checks admit every code the schema file's do."""
    stored = " ".join(r[0] for r in con.execute(
        "select constraint_text from duckdb_constraints() where table_name = $table "
        "and constraint_type = 'CHECK'", {"table": table}).fetchall())
    return all(code in stored for code in re.findall(r"'(\w+)'", ddl))


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Insert a frame by column name (DuckDB reads the local variable ``frame``)."""
    cols = ", ".join(frame.columns)
    con.register("_frame", frame)
    try:
        con.execute(f"insert into {table} ({cols}) select {cols} from _frame")
    finally:
        con.unregister("_frame")


def load_catalog(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    for table in ("plans", "actions", "mechanisms", "indicators", "areas"):
        insert_frame(con, table, frames[table])
    if "townships" in frames:           # the registry (a small test catalogue may come without one)
        insert_frame(con, "townships", frames["townships"])


def create_missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create the base tables a snapshot built by older code lacks (empty); their names."""
    have = {r[0] for r in con.execute("select table_name from information_schema.tables "
                                      "where table_schema = 'main'").fetchall()}
    made = []
    for name in BASE_SCHEMA:
        for match in _BASE_TABLE.finditer((paths.SCHEMA / name).read_text(encoding="utf-8")):
            if match.group(1) not in have:
                con.execute(match.group(0))
                made.append(match.group(1))
    return made


def load_geo(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the township registry and the areas' township counts of a snapshot built by older code
    up to data/geo (they are reference data shipped with the code, like the schema)."""
    frames = catalog.load()
    con.execute("delete from townships")
    insert_frame(con, "townships", frames["townships"])
    con.register("_areas", frames["areas"][["area_code", "townships", "townships_source"]])
    try:
        con.execute("update areas set townships = f.townships, townships_source = f.townships_source "
                    "from _areas as f where areas.area_code = f.area_code")
    finally:
        con.unregister("_areas")


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("insert or replace into meta values ($key, $value)", {"key": key, "value": value})


def record_batch(con, *, batch_id: str, kind: str, rows: int, by: str, file_name: str | None = None,
                 sha256: str | None = None, note: str | None = None) -> None:
    con.execute(
        "insert into batches values ($batch_id, $kind, $file_name, $sha256, $rows, $by, $at, 'applied', $note)",
        {"batch_id": batch_id, "kind": kind, "file_name": file_name, "sha256": sha256, "rows": rows,
         "by": by, "at": dt.datetime.now(), "note": note},
    )


def append_observations(con: duckdb.DuckDBPyConnection, obs: pd.DataFrame, batch_id: str) -> int:
    """Append rows to observations under ``batch_id``, numbering them after the newest row."""
    start = con.execute("select coalesce(max(obs_seq), 0) from observations").fetchall()[0][0]
    frame = pd.DataFrame({
        "obs_seq": range(start + 1, start + 1 + len(obs)),
        "indicator_id": obs["indicator_id"].astype(str).to_numpy(),
        "area_code": obs["area_code"].astype(str).to_numpy(),
        "year": obs["year"].astype(int).to_numpy(),
        "value": pd.to_numeric(obs["value"], errors="coerce").astype(float).to_numpy(),
        "milestone": obs.get("milestone", pd.Series([None] * len(obs))).to_numpy(dtype=object),
        "source": obs.get("source", pd.Series([None] * len(obs))).to_numpy(dtype=object),
        "note": obs.get("note", pd.Series([None] * len(obs))).to_numpy(dtype=object),
        "batch_id": batch_id,
    })
    frame["milestone"] = frame["milestone"].where(pd.notna(frame["milestone"]), None)
    insert_frame(con, "observations", frame)
    return len(frame)


def refresh_current(con: duckdb.DuckDBPyConnection) -> None:
    """Store the values in force (the view obs_current_live) as the table obs_current."""
    con.execute("delete from obs_current")
    con.execute("insert into obs_current select * from obs_current_live order by indicator_id, area_code, year")


def refresh_stored(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every stored answer from the catalogue, the values in force and the status table,
    so that each screen's query is a select from one stored table (one model per schema file, applied
    in file order: see queries/schema/06a_as_of_states.sql)."""
    for table in stored_tables():
        con.execute(f"delete from {table}")
        con.execute(f"insert into {table} select * from {table}_live")


STATUS_KEYS = ["indicator_id", "area_code", "year"]


def refresh_status(con: duckdb.DuckDBPyConnection, *, cause: str | None = "batch") -> int:
    """Refresh the values in force, recompute the status table from them, log what changed, then the
    stored answers. ``cause`` "batch": the changes are the newest batch's (every write records its
    batch first); None: a recomputation without a batch (a migration), logged at the current time."""
    from tracker.progress import compute_status

    refresh_current(con)
    indicators = con.execute("select i.*, p.nearly_pct from indicators as i left join plans as p using (plan_id)").df()
    observations = con.execute("select * from obs_current").df()
    areas = con.execute("select * from areas").df()
    before = con.execute("select indicator_id, area_code, year, status, value from status").df()
    status = compute_status(indicators, observations, areas)
    con.execute("delete from status")
    if len(status):
        insert_frame(con, "status", status)
    log_status_changes(con, before, status, cause)
    refresh_stored(con)
    return len(status)


def status_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The status rows that appeared, changed (status, or value beyond rounding) or disappeared:
    the row after the change (status None for one that disappeared)."""
    cols = STATUS_KEYS + ["status", "value"]
    old = before[cols] if len(before) else pd.DataFrame(columns=cols)
    new = after[cols] if len(after) else pd.DataFrame(columns=cols)
    both = old.merge(new, on=STATUS_KEYS, how="outer", suffixes=("_old", "_new"), indicator=True)
    value_old = pd.to_numeric(both["value_old"], errors="coerce").astype(float)
    value_new = pd.to_numeric(both["value_new"], errors="coerce").astype(float)
    same_value = (value_old.isna() & value_new.isna()) | ((value_old - value_new).abs() <= 1e-9)
    changed = (both["_merge"] != "both") | (both["status_old"] != both["status_new"]) | ~same_value
    out = both.loc[changed, STATUS_KEYS + ["status_new", "value_new"]].rename(
        columns={"status_new": "status", "value_new": "value"})
    out["status"] = out["status"].astype(object).where(out["status"].notna(), None)
    return out.reset_index(drop=True)


def log_status_changes(con: duckdb.DuckDBPyConnection, before: pd.DataFrame, after: pd.DataFrame,
                       cause: str | None) -> int:
    changes = status_changes(before, after)
    if changes.empty:
        return 0
    newest = con.execute("select batch_id, created_at from batches order by created_at desc, batch_id desc "
                         "limit 1").fetchall() if cause == "batch" else []
    batch_id, at = newest[0] if newest else (None, dt.datetime.now())
    start = con.execute("select coalesce(max(log_seq), 0) from status_log").fetchall()[0][0]
    changes.insert(0, "log_seq", range(start + 1, start + 1 + len(changes)))
    changes["batch_id"], changes["logged_at"] = batch_id, at
    insert_frame(con, "status_log", changes)
    return len(changes)


def seed_status_log(con: duckdb.DuckDBPyConnection) -> int:
    """Start the log of a snapshot built before it existed: its statuses as they stand, dated by its
    newest batch (what changed earlier is not known)."""
    current = con.execute("select indicator_id, area_code, year, status, value from status").df()
    return log_status_changes(con, current.iloc[0:0], current, "batch")


def add_demo(con: duckdb.DuckDBPyConnection, seed: int = 2021) -> int:
    """Replace the demo batch with freshly generated demo observations (deterministic)."""
    from tracker.demo import generate

    indicators = con.execute("select i.*, p.nearly_pct from indicators as i left join plans as p using (plan_id)").df()
    areas = con.execute("select * from areas").df()
    townships = con.execute("select * from townships").df()
    obs = generate(indicators, areas, seed=seed, townships=townships)
    con.execute("delete from observations where batch_id = $b", {"b": DEMO_BATCH})
    con.execute("delete from batches where batch_id = $b", {"b": DEMO_BATCH})
    digest = hashlib.sha256(pd.util.hash_pandas_object(obs, index=False).values.tobytes()).hexdigest()
    record_batch(con, batch_id=DEMO_BATCH, kind="demo", rows=len(obs), by="tracker demo",
                 sha256=digest, note=f"seed={seed}")
    n = append_observations(con, obs, DEMO_BATCH)
    refresh_status(con)
    return n


def check_snapshot(con: duckdb.DuckDBPyConnection) -> None:
    """Invariants a snapshot must hold before it replaces the current one."""
    orphans = con.execute(
        "select count(*) from observations o left join indicators i using (indicator_id) "
        "where i.indicator_id is null"
    ).fetchone()[0]
    if orphans:
        raise ValueError(f"{orphans} observation(s) refer to unknown indicators")
    bad_areas = con.execute(
        "select count(*) from observations o where o.area_code not in (select area_code from areas) "
        "and o.area_code not in (select township_code from townships)"
    ).fetchone()[0]
    if bad_areas:
        raise ValueError(f"{bad_areas} observation(s) refer to unknown areas")
    stray = con.execute(
        "select (select count(*) from target_commentary where indicator_id not in (select indicator_id from indicators) "
        "or area_code not in (select area_code from areas)) + (select count(*) from plan_commentary "
        "where plan_id not in (select plan_id from plans))"
    ).fetchall()[0][0]
    if stray:
        raise ValueError(f"{stray} commentary row(s) refer to unknown targets, areas or plans")
    stored, live = con.execute(
        "select (select count(*) from obs_current), (select count(*) from obs_current_live)"
    ).fetchall()[0]
    if stored != live:
        raise ValueError(f"obs_current holds {stored} rows but {live} values are in force; refresh it")
    for table, source in ONE_ROW_EACH.items():
        held, wanted = con.execute(f"select (select count(*) from {table}), (select count(*) from {source})").fetchone()
        if held != wanted:
            raise ValueError(f"{table} holds {held} rows for {wanted} rows of {source}: "
                             "the stored answers are stale; refresh them (tracker.build.refresh_status)")


def build(path: Path | None = None, *, demo: bool = True, seed: int = 2021) -> Path:
    """Create a new snapshot from data/ (catalogue, areas, and demo data unless ``demo=False``)."""
    path = path or paths.warehouse_path()
    frames = catalog.load()

    def change(con: duckdb.DuckDBPyConnection) -> None:
        apply_schema(con)
        load_catalog(con, frames)
        reporting_schema.load_units(con)
        set_meta(con, "built_at", dt.datetime.now().isoformat(timespec="seconds"))
        if demo:
            add_demo(con, seed=seed)
        else:
            refresh_status(con)

    warehouse.write_snapshot(change, path=path, fresh=True, check=check_snapshot)
    from tracker import journal

    journal.start(path)
    return path


def demo(path: Path | None = None, seed: int = 2021) -> int:
    """Write (or rewrite) the demo batch into the existing snapshot."""
    from tracker import journal

    n = warehouse.write_snapshot(lambda con: add_demo(con, seed=seed), path=path, check=check_snapshot)
    journal.keep(path)
    return n
