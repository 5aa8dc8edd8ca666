"""The whole benchmark: both warehouses, every section, saved to bench/results/ and printed."""
from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from bench import experiments, pages, params, report, scale, serving, sql
from tracker import opening, paths

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = ("pages", "sql", "serve", "cluster", "room", "brief")


@dataclass
class Plan:
    """How much to measure. ``quick`` trades precision for a run of two or three minutes."""
    quick: bool = False
    sections: tuple[str, ...] = SECTIONS
    levels: list[int] = field(default_factory=lambda: [1, 10, 25, 50])
    scale_levels: list[int] = field(default_factory=lambda: [10, 25])
    duration_s: float = 10.0
    think_s: float = 1.0
    page_reps: int = 10
    sql_reps: int = 20
    sql_budget_s: float = 2.0
    experiments: bool = True     # the app with runner.postScriptGC=false beside the default
    first_visit_reps: int = 3    # fresh servers per warehouse for the ten-at-once first visits
    cluster_levels: list[int] = field(default_factory=lambda: [25, 50])   # through `make serve`'s nginx

    @classmethod
    def make(cls, quick: bool, sections: tuple[str, ...] = SECTIONS) -> "Plan":
        if not quick:
            return cls(sections=sections)
        return cls(quick=True, sections=sections, levels=[1, 10], scale_levels=[10], duration_s=5.0,
                   page_reps=5, sql_reps=8, sql_budget_s=1.0, experiments=False, first_visit_reps=1,
                   cluster_levels=[25])


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def observations(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select count(*) from observations").fetchone()[0]


def _warehouses(plan: Plan) -> tuple[dict[str, Path], dict]:
    demo = opening.ensure(paths.warehouse_path())
    spec = scale.QUICK if plan.quick else scale.FULL
    log(f"scale warehouse ({'quick' if plan.quick else 'full'} spec): building if missing or stale …")
    scale_path, timings = scale.ensure(spec)
    info = {"demo": {"path": str(demo), "observations": observations(demo)},
            "scale": {"path": str(scale_path), "observations": observations(scale_path)}}
    stale = missing_schema(demo)
    if stale:
        info["demo"]["note"] = (f"STALE: predates the schema (lacks {', '.join(stale)}); "
                                "rebuild it with `python -m tracker build`")
        log(f"warning: the demo warehouse {info['demo']['note']}")
    if timings:
        info["scale"]["note"] = (f"built now in {timings['total_s']:.0f} s, status compute "
                                 f"{timings['status_compute_s']:.1f} s for {timings['status_rows']:,.0f} rows")
        info["scale"]["build"] = timings
    else:
        info["scale"]["note"] = "cached (python -m bench scale --build rebuilds it)"
    return {"demo": demo, "scale": scale_path}, info


def run(plan: Plan, previous: dict | None = None) -> dict:
    """Measure the plan's sections; ``previous`` (a saved run) keeps the sections not measured now.
    The results are saved after every section, so an interrupted run leaves what it measured."""
    started = time.perf_counter()
    loads = [loadavg()]
    results: dict = {"pages": {}, "sql": {}, "serve": {}, **(previous or {})}
    results["meta"] = {"when": time.strftime("%Y-%m-%d %H:%M"), "quick": plan.quick,
                       "sections": list(plan.sections),
                       "machine": f"{os.cpu_count()} cores · Python {platform.python_version()}"
                                  f" · streamlit {_version('streamlit')} · duckdb {duckdb.__version__}"}
    where, results["warehouses"] = _warehouses(plan)
    values = {side: params.sample(path) for side, path in where.items()}
    results["values"] = values

    def done(section: str) -> None:
        loads.append(loadavg())
        results["meta"]["load"] = " → ".join(loads)
        results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
        save(results, None)
        log(f"{section} done ({results['meta']['seconds']:.0f} s so far)")

    if "pages" in plan.sections:
        for side, path in where.items():
            log(f"page scripts on {side} …")
            results["pages"][side] = [asdict(t) for t in pages.run(path, values[side], reps=plan.page_reps)]
        done("pages")
    if "sql" in plan.sections:
        for side, path in where.items():
            log(f"SQL files on {side} …")
            reps = plan.sql_reps if side == "demo" else max(plan.sql_reps // 3, 5)
            results["sql"][side] = [asdict(t) for t in sql.run(path, reps=reps, budget_s=plan.sql_budget_s)]
        results.pop("sql_fix", None)
        if plan.experiments and experiments.is_view(where["scale"], "obs_current"):
            log("experiment: SQL on scale with obs_current stored as a table …")
            copy = experiments.materialized(where["scale"])
            names = [n for n in (q["name"] for q in results["sql"]["scale"]) if experiments.uses_obs_current(n)]
            results["sql_fix"] = {"scale": [asdict(t) for t in sql.run(copy, reps=max(plan.sql_reps // 3, 5),
                                                                        budget_s=plan.sql_budget_s, names=names)]}
        done("SQL")
    if "serve" in plan.sections:
        results["serve"] = _serve(plan, where, values)
        done("serving")
    if "cluster" in plan.sections:
        results["cluster"] = _cluster(plan, where["demo"])
        done("cluster")
    if "room" in plan.sections:
        results["room"] = _room(plan, where["demo"])
        done("room")
    if "brief" in plan.sections:
        from bench import brief

        log("meeting pack: deck and report in both languages …")
        results["brief"] = brief.measure(where["demo"])
        done("brief")
    return results


def _serve(plan: Plan, where: dict[str, Path], values: dict) -> dict:
    out: dict = {}
    logs = RESULTS / "logs"                    # the servers' output, replaced on every run
    logs.mkdir(parents=True, exist_ok=True)
    for old in logs.glob("*.log"):
        old.unlink()
    common = dict(duration_s=plan.duration_s, think_s=plan.think_s, log_dir=logs)
    log(f"load on demo, levels {plan.levels} …")
    out["demo"] = serving.measure(where["demo"], values["demo"], levels=plan.levels, **common)
    log(f"load on a bare one-line page, levels {plan.levels} …")
    out["bare"] = serving.measure(None, {}, levels=plan.levels, script=None, payload=False, **common)
    log(f"load on scale, levels {plan.scale_levels} …")
    out["scale"] = serving.measure(where["scale"], values["scale"], levels=plan.scale_levels, **common)
    log(f"first visits: 10 sessions at once on fresh servers ({plan.first_visit_reps} each) …")
    first = dict(sessions=10, reps=plan.first_visit_reps, log_dir=logs)
    out["first_visits"] = {
        "demo": serving.first_visits(where["demo"], values["demo"], **first),
        "bare": serving.first_visits(None, {}, script=None, **first),
        "scale": serving.first_visits(where["scale"], values["scale"], **first),
    }
    if plan.experiments:
        flip = "false" if post_script_gc() else "true"
        log(f"experiment: the app with runner.postScriptGC={flip} …")
        out[f"demo:postScriptGC={flip}"] = serving.measure(
            where["demo"], values["demo"], levels=[10, 25], flags={"runner.postScriptGC": flip},
            payload=False, **common)
    return out


def _cluster(plan: Plan, demo: Path) -> dict:
    """1 and 2 app processes behind nginx as `make serve` runs them (bench/cluster.py); skipped, with
    the reason kept, when nginx is missing or the cluster does not start."""
    from bench import cluster

    try:
        return cluster.run(demo, procs=2, levels=plan.cluster_levels, duration_s=plan.duration_s,
                           think_s=plan.think_s, log_dir=RESULTS / "logs", log=log)
    except (FileNotFoundError, RuntimeError, TimeoutError) as exc:
        log(f"cluster skipped: {exc}")
        return {"runs": [], "skipped": str(exc)}


def _room(plan: Plan, demo: Path) -> dict:
    """A room of tablets on one link (bench/room.py): after make run, after an import, through make
    serve; empty, with the reason logged, when nginx is missing or a server does not start."""
    from bench import room

    try:
        return room.run(demo, reps=1 if plan.quick else 3, log_dir=RESULTS / "logs", log=log)
    except (FileNotFoundError, RuntimeError, TimeoutError) as exc:
        log(f"room skipped: {exc}")
        return {}


def post_script_gc() -> bool:
    """The app's runner.postScriptGC (Streamlit's default is true)."""
    import tomllib

    config = ROOT / ".streamlit" / "config.toml"
    settings = tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    return bool(settings.get("runner", {}).get("postScriptGC", True))


def missing_schema(path: Path) -> list[str]:
    """Tables, views and macros the schema files create that this warehouse lacks (it predates them)."""
    import re

    wanted = set()
    for file in sorted(paths.SCHEMA.glob("*.sql")):
        wanted |= set(re.findall(r"(?im)^\s*create\s+(?:or\s+replace\s+)?(?:table|view|macro)\s+(\w+)",
                                 file.read_text(encoding="utf-8")))
    with duckdb.connect(str(path), read_only=True) as con:
        have = {r[0] for r in con.execute(
            "select table_name from duckdb_tables() union select view_name from duckdb_views() "
            "union select function_name from duckdb_functions() where function_type like '%macro%'").fetchall()}
    return sorted(wanted - have)


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def save(results: dict, text: str | None) -> Path:
    """latest.json (and latest.txt with the table); a finished run is also kept as run-<time>.*"""
    RESULTS.mkdir(parents=True, exist_ok=True)
    names = ["latest"] + ([f"run-{time.strftime('%Y%m%d-%H%M%S')}"] if text is not None else [])
    for name in names:
        (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        if text is not None:
            (RESULTS / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return RESULTS / "latest.txt"


def previous() -> dict | None:
    file = RESULTS / "latest.json"
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else None


def main(plan: Plan, merge: bool = False) -> int:
    results = run(plan, previous() if merge else None)
    text = report.render(results)
    print(text)
    saved = save(results, text)
    log(f"done in {results['meta']['seconds']:.0f} s; saved {saved} and latest.json")
    return 0
