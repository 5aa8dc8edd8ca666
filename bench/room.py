"""A room of tablets opening the same link: the first pages of a meeting (issue 26).

Four rows, each the median over ``reps`` fresh starts (every repetition kept in the JSON):

* for scale, ten sessions on a bare one-line Streamlit page on the same machine at the same moment
  (what Streamlit itself allows there: the machine is shared, and its load moves every row);
* ten tablets on one link right after `make run` (serve.py with the Makefile's flags, the same as
  bench/server.py starts: headless, no file watcher): ten fresh sessions arrive at once on the
  default page (the overview at the latest year);
* the same ten right after an import on that server: ``python -m tracker import`` writes a figure
  into the snapshot (a new version: every derived value is cold again) and the tablets arrive as
  soon as the command returns;
* thirty through `make serve` (two app processes behind nginx, bench/cluster.py's ``served``), all
  from one address (an office behind one NAT), then from thirty addresses; each session first
  GETs the page as a browser does and opens its websocket with the cookie nginx set.

Each row also gives the CPU seconds the app process(es) spent on the burst: the work the burst
needed, which does not move with the machine's load as the times do (and, through nginx, whether
both processes served it).

Targets (issue 26): p95 ≤ 1.2 s for the ten, ≤ 1.5 s for the thirty. ``python -m bench room``
prints the rows and keeps bench/results/room-latest.{json,txt}.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import load, report
from bench.serving import ENTRY
from tracker import opening, paths

ROOT = Path(__file__).resolve().parents[1]
TABLETS, ROOM = 10, 30
P95_TABLETS_MS, P95_ROOM_MS = 1200.0, 1500.0
LINK = load.Page("")                   # the link a meeting shares: the default page
FIGURE = ("A09-04", "330200", 2024)    # a city share the import writes (a value nowhere in the demo data)


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def import_figure(warehouse: Path, value: float, folder: Path) -> float:
    """One figure imported from the command line, as an analyst would; the seconds it took."""
    import time

    file = folder / f"figures-{value}.csv"
    indicator, area, year = FIGURE
    file.write_text(f"指标编号,区域代码,年份,数值,进展状态,来源,备注\r\n{indicator},{area},{year},{value},,市统计局,\r\n",
                    encoding="utf-8")
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tracker", "import", str(file), "--by", "bench"], cwd=ROOT,
                          env=dict(os.environ, TRACKER_WAREHOUSE=str(warehouse)), capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"the import failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - t0


def summary(b: load.Burst) -> dict:
    return {"p50_ms": b.p50_ms, "p95_ms": b.p95_ms, "max_ms": b.max_ms, "failed": b.failed,
            "errors": sum(a.errors for a in b.arrivals)}


def tablets_after_run(warehouse: Path, log_dir: Path, rep: int) -> dict:
    """`make run` on a private copy: ten at once when it answers, then ten right after an import."""
    from bench import server

    with tempfile.TemporaryDirectory(prefix="bench-room-") as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        shutil.copy2(warehouse, copy)
        with server.serve(ENTRY, copy, log_dir=log_dir) as srv:
            c0 = cpu_s(srv.pid)
            started = summary(load.burst(srv.ws_url, [LINK], TABLETS)) | {"cpu_s": [round(cpu_s(srv.pid) - c0, 2)]}
            import_s = import_figure(copy, 61.2345 + rep, Path(tmp))
            c0 = cpu_s(srv.pid)
            after = summary(load.burst(srv.ws_url, [LINK], TABLETS)) | {"cpu_s": [round(cpu_s(srv.pid) - c0, 2)]}
        with server.serve(None, None, log_dir=log_dir) as bare:     # Streamlit itself, for scale
            plain = summary(load.burst(bare.ws_url, [LINK], TABLETS))
    return {"health_s": srv.health_s, "started": started, "import_s": import_s, "after_import": after, "bare": plain}


def room_through_serve(warehouse: Path, log_dir: Path, rep: int) -> dict:
    """`make serve` with two processes: thirty browsers from one address and from thirty (which goes
    first alternates with ``rep``: the first burst on a fresh cluster also pays for the first sessions)."""
    from bench import cluster

    out = {}
    order = [("one_address", False), ("many_addresses", True)]
    with cluster.served(2, warehouse, log_dir) as sup:
        front, pids = cluster.ws_url(sup.o.port), [a.pid for a in sup.apps]
        for name, distinct in order if rep % 2 == 0 else order[::-1]:
            before = [cpu_s(p) for p in pids]
            b = load.burst(front, [LINK], ROOM, distinct_clients=distinct, browser=True)
            out[name] = summary(b) | {"cpu_s": [round(cpu_s(p) - c, 2) for p, c in zip(pids, before)]}
    return out


def _median(runs: list[dict]) -> dict:
    """Medians of the times and of each process's CPU seconds; the most failures of any run."""
    out = {k: statistics.median(r[k] for r in runs) for k in ("p50_ms", "p95_ms", "max_ms")} | {
        k: max(r[k] for r in runs) for k in ("failed", "errors")}
    if all("cpu_s" in r for r in runs):
        out["cpu_s"] = [statistics.median(c) for c in zip(*(r["cpu_s"] for r in runs))]
    return out


def run(warehouse: Path, *, reps: int = 3, log_dir: Path, log=print) -> dict:
    tablets, rooms = [], []
    for k in range(reps):
        log(f"room: ten tablets after make run and after an import ({k + 1}/{reps}) …")
        tablets.append(tablets_after_run(warehouse, log_dir, k))
        log(f"room: thirty through make serve, one address and many ({k + 1}/{reps}) …")
        rooms.append(room_through_serve(warehouse, log_dir, k))
    return {"reps": {"tablets": tablets, "room": rooms},
            "started": _median([t["started"] for t in tablets]),
            "after_import": _median([t["after_import"] for t in tablets]),
            "bare": _median([t["bare"] for t in tablets]),
            "import_s": statistics.median(t["import_s"] for t in tablets),
            "one_address": _median([r["one_address"] for r in rooms]),
            "many_addresses": _median([r["many_addresses"] for r in rooms])}


def rows(room: dict) -> list[report.Row]:
    if not room:
        return []
    out = [report.Row("a room of tablets on one link (the default page), fresh sessions at once; "
                      "p50 / p95 / max, median of the runs", section=True)]

    def row(label: str, got: dict, limit: float, extra: str = "") -> report.Row:
        text = (f"{report.ms(got['p50_ms'])} / {report.ms(got['p95_ms'])} / {report.ms(got['max_ms'])}"
                .replace(" ms /", " /") + extra + (f", {got['failed']} failed" if got["failed"] else "")
                + (f", {got['errors']} exception(s)" if got["errors"] else ""))
        ok = got["p95_ms"] <= limit and not got["failed"] and not got["errors"]
        return report._cells(label, f"p95 ≤ {limit / 1000:g} s", {"demo": (text, ok)})

    def cpu(got: dict) -> str:
        spent = got.get("cpu_s") or []
        return f"; CPU s {' + '.join(f'{c:.2f}' for c in spent)}" if spent else ""

    out.append(row(f"{TABLETS} tablets right after make run", room["started"], P95_TABLETS_MS, cpu(room["started"])))
    out.append(row(f"{TABLETS} tablets right after an import ({room['import_s']:.1f} s)", room["after_import"],
                   P95_TABLETS_MS, cpu(room["after_import"])))
    bare = room["bare"]
    out.append(report._cells(f"{TABLETS} at once on a bare one-line Streamlit page, same machine and moment", "info",
                             {"demo": (f"{report.ms(bare['p50_ms'])} / {report.ms(bare['p95_ms'])} / "
                                       f"{report.ms(bare['max_ms'])}".replace(" ms /", " /"), None)}))
    for key, label in (("one_address", "one address"), ("many_addresses", f"{ROOM} addresses")):
        out.append(row(f"{ROOM} through make serve (2 processes), from {label}", room[key], P95_ROOM_MS,
                       cpu(room[key]).replace("CPU s", "CPU s per process")))
    return out


def main(reps: int = 3) -> int:
    from bench.runner import RESULTS, log

    warehouse = opening.ensure(paths.warehouse_path())
    (RESULTS / "logs").mkdir(parents=True, exist_ok=True)
    results = run(warehouse, reps=reps, log_dir=RESULTS / "logs", log=log)
    text = report.table(rows(results), ("metric", "demo", "target"))
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "room-latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (RESULTS / "room-latest.txt").write_text(text + "\n", encoding="utf-8")
    return 0
