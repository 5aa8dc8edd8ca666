"""Past one process, through `make serve`'s own code: 1 and N app processes behind nginx, one snapshot.

``tracker.supervise`` starts the app processes and nginx exactly as `make serve` does (same
command lines, same nginx configuration, free ports on 127.0.0.1, logs under bench/results/logs).
For each process count: every process's caches are warmed by a visit to every page (as traffic
would), then the load levels run through nginx (session k from 127.0.k.1, as distinct clients; nginx
hashes a session without its route cookie on the request's id), then ``arrivals`` fresh sessions arrive at once
on the warm servers. With more than one process, one of them is then killed with SIGKILL under
load (``bench.failover``): the sessions on it reconnect, the supervisor starts it again.

``python -m bench cluster --procs 2`` prints these rows on their own; ``make bench`` includes them
(section ``cluster``, about two minutes). Needs Debian's nginx (``apt-get install -y nginx-light``).
"""
from __future__ import annotations

import contextlib
import json
import math
import tempfile
from dataclasses import asdict
from pathlib import Path

from bench import failover, load, params, report
from bench.serving import page_list
from bench.stats import rss_mb
from tracker import opening, paths
from tracker.supervise.child import healthy
from tracker.supervise.supervisor import Options, Supervisor, free_ports

ROOT = Path(__file__).resolve().parents[1]
LEVELS = [25, 50]
ARRIVALS = 25


@contextlib.contextmanager
def served(procs: int, warehouse: Path, log_dir: Path, flags: dict[str, str] | None = None):
    """`make serve` with ``procs`` app processes on free ports; yields the running supervisor."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as run:
        options = Options(procs=procs, port=free_ports(1)[0], app_port=0, warehouse=warehouse,
                          log_dir=log_dir / f"cluster-{procs}", run_dir=Path(run), flags=dict(flags or {}),
                          access_log=False, quiet=True)
        with Supervisor(options) as sup:
            if not sup.wait_ready(180):
                raise RuntimeError(f"the cluster did not become ready; see {options.log_dir}")
            yield sup


def ws_url(port: int) -> str:
    return f"ws://127.0.0.1:{port}/_stcore/stream"


def measure(procs: int, warehouse: Path, *, levels: list[int], arrivals: int, duration_s: float, think_s: float,
            log_dir: Path, kill: bool, flags: dict[str, str] | None = None) -> dict:
    values = params.sample(warehouse)
    pages = [p for _, p in page_list(values)]
    with served(procs, warehouse, log_dir, flags) as sup:
        ports = [int(a.name.split("-")[1]) for a in sup.apps]
        for port in ports:                           # warm every process's caches, as real traffic would
            load.visits(ws_url(port), pages)
        front = ws_url(sup.o.port)
        pids = [a.pid for a in sup.apps]
        out: dict = {"procs": procs, "levels": [], "rss_warm_mb": sum(rss_mb(p) for p in pids)}
        for n in levels:
            result = asdict(load.load(front, pages, n, duration_s=duration_s, think_s=think_s, pid=pids,
                                      distinct_clients=True))
            result.pop("latencies")
            out["levels"].append(result)
        b = load.burst(front, pages, arrivals, distinct_clients=True)
        out["arrivals"] = {"sessions": arrivals, "p50_ms": b.p50_ms, "p95_ms": b.p95_ms, "max_ms": b.max_ms,
                           "failed": b.failed, "errors": sum(a.errors for a in b.arrivals)}
        if kill and procs > 1:
            victim = sup.apps[0]
            got = failover.run(front, pages, app_port=ports[0], pid_of=lambda: victim.pid,
                               healthy=lambda: healthy(f"http://127.0.0.1:{ports[0]}/_stcore/health", 1.0),
                               sessions=levels[0], duration_s=duration_s, think_s=think_s)
            out["kill"] = {k: v for k, v in asdict(got).items() if k != "tabs"}
    return out


def run(warehouse: Path, *, procs: int = 2, levels: list[int] | None = None, arrivals: int = ARRIVALS,
        duration_s: float = 10.0, think_s: float = 1.0, log_dir: Path, flags: dict[str, str] | None = None,
        log=print) -> dict:
    """One process, then ``procs``; the kill -9 on the larger cluster."""
    levels = levels or LEVELS
    runs = []
    for k in sorted({1, procs}):
        log(f"cluster: {k} app process(es) behind nginx, levels {levels}, {arrivals} arriving at once …")
        runs.append(measure(k, warehouse, levels=levels, arrivals=arrivals, duration_s=duration_s, think_s=think_s,
                            log_dir=log_dir, kill=k > 1, flags=flags))
    return {"runs": runs}


def _ratio(value: float, base: float | None) -> str:
    return f", ×{value / base:.2f}" if base and not math.isnan(value) else ""


def rows(cluster: dict) -> list[report.Row]:
    runs = cluster.get("runs", [])
    if not runs:
        return []
    out = [report.Row("cluster (make serve: app processes behind nginx, one snapshot); p50 / p95, "
                      "reruns/s and × one process, RSS of the app processes", section=True)]
    base = {lv["sessions"]: lv for lv in runs[0]["levels"]}
    base_arrivals = runs[0].get("arrivals", {})
    for res in runs:
        label = f"{res['procs']} process{'es' * (res['procs'] > 1)}"
        for lv in res["levels"]:
            n = lv["sessions"]
            limit = report.P95_10_MS if n == 10 else report.P95_25_MS if n == 25 else None
            gain = _ratio(lv["throughput"], base.get(n, {}).get("throughput")) if res is not runs[0] else ""
            text = (f"{report.ms(lv['p50_ms'])} / {report.ms(lv['p95_ms'])}, {lv['throughput']:.1f}/s{gain}, "
                    f"{lv['rss_mb']:.0f} MB" + (f", {lv['failed']} failed" if lv["failed"] else "")
                    + (f", {lv['errors']} exception(s)" if lv.get("errors") else ""))
            ok = None if limit is None else (lv["p95_ms"] <= limit and not lv["failed"] and not lv.get("errors"))
            out.append(report._cells(f"{label} · {n} sessions", "info" if limit is None else f"p95 ≤ {limit / 1000:g} s",
                                     {"demo": (text.replace(" ms /", " /"), ok)}))
        a = res.get("arrivals")
        if a:
            gain = ""
            if res is not runs[0] and base_arrivals.get("p95_ms"):
                gain = f", p95 ×{a['p95_ms'] / base_arrivals['p95_ms']:.2f}"
            text = (f"{report.ms(a['p50_ms'])} / {report.ms(a['p95_ms'])} / {report.ms(a['max_ms'])}{gain}"
                    + (f", {a['failed']} failed" if a["failed"] else "")
                    + (f", {a['errors']} exception(s)" if a["errors"] else "")).replace(" ms /", " /")
            out.append(report._cells(f"{label} · {a['sessions']} arriving at once (warm), p50 / p95 / max", "info",
                                     {"demo": (text, None)}))
        kill = res.get("kill")
        if kill:
            text = (f"{kill['lost']} of {kill['sessions']} sessions lost (the killed process held "
                    f"{kill['on_killed']}), {kill['recovered']} reconnected: p50 {kill['recovery_p50_s']:.1f} s, "
                    f"max {kill['recovery_max_s']:.1f} s; process back in {kill['restarted_s']:.1f} s")
            ok = kill["lost"] <= kill["on_killed"] and kill["recovered"] == kill["lost"]
            out.append(report._cells(f"{label} · kill -9 of one under {kill['sessions']} sessions",
                                     "only its sessions lost; all reconnect", {"demo": (text, ok)}))
    return out


def main(procs: int, levels: list[int], duration_s: float, think_s: float, flags: dict[str, str] | None = None,
         arrivals: int = ARRIVALS) -> int:
    from bench.runner import RESULTS, log

    warehouse = opening.ensure(paths.warehouse_path())
    results = run(warehouse, procs=procs, levels=levels, arrivals=arrivals, duration_s=duration_s, think_s=think_s,
                  log_dir=RESULTS / "logs", flags=flags, log=log)
    text = report.table(rows(results), ("metric", "demo", "target"))
    if flags:
        text = "streamlit options: " + ", ".join(f"{k}={v}" for k, v in flags.items()) + "\n" + text
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cluster-latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (RESULTS / "cluster-latest.txt").write_text(text + "\n", encoding="utf-8")
    return 0
