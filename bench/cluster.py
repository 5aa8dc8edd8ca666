"""Past one process: N app processes behind nginx with sticky sessions, all on one snapshot.

``python -m bench cluster --procs 2`` starts one app process and measures the load levels against
it directly, then starts ``procs`` app processes behind nginx (``ip_hash``: a browser keeps its
server for its websocket and for the HTTP requests of its session) and measures the same levels
through nginx. Every app process reads the same snapshot file read-only, so an import (an atomic
rename) reaches all of them on their next query. The load driver connects session k from
127.0.k.1, because ip_hash keys on the first three octets of the client address.

Needs Debian's nginx (``apt-get install -y nginx-light``); everything listens on 127.0.0.1 only.
"""
from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path

from bench import load, params, report, server
from bench.serving import ENTRY, page_list
from bench.stats import rss_mb
from tracker import build, paths

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream tracker {{
        ip_hash;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://tracker;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400s;
            proxy_buffering off;
        }}
    }}
}}
"""


def nginx_conf(tmp: Path, port: int, backends: list[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in backends)
    return NGINX_CONF.format(tmp=tmp, port=port, servers=servers)


@contextlib.contextmanager
def nginx(backends: list[int]):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed: apt-get install -y nginx-light")
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o777)
        port = server.free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(nginx_conf(tmp, port, backends))
        proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.DEVNULL,
                                stderr=open(tmp / "stderr.log", "w"))
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {(tmp / 'error.log').read_text()[-400:]}")
                time.sleep(0.1)
            yield port, proc.pid
        finally:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
            if proc.poll() is None:
                proc.kill()


def measure(procs: int, warehouse: Path, levels: list[int], duration_s: float, think_s: float,
            flags: dict[str, str] | None = None) -> dict:
    values = params.sample(warehouse)
    pages = [p for _, p in page_list(values)]
    with contextlib.ExitStack() as stack:
        apps = [stack.enter_context(server.serve(ENTRY, warehouse, flags=flags)) for _ in range(procs)]
        if procs == 1:
            ws_url, nginx_pid = apps[0].ws_url, None
        else:
            port, nginx_pid = stack.enter_context(nginx([a.port for a in apps]))
            ws_url = f"ws://127.0.0.1:{port}/_stcore/stream"
        for app in apps:                      # warm every process's caches, as real traffic would
            load.visits(app.ws_url, pages)
        pids = [a.pid for a in apps]
        out = {"procs": procs, "via": "direct" if procs == 1 else "nginx ip_hash", "levels": [],
               "rss_warm_mb": sum(rss_mb(p) for p in pids)}
        for n in levels:
            result = asdict(load.load(ws_url, pages, n, duration_s=duration_s, think_s=think_s, pid=pids,
                                      distinct_clients=True))
            result.pop("latencies")
            out["levels"].append(result)
        if nginx_pid:
            out["nginx_rss_mb"] = rss_mb(nginx_pid)
    return out


def rows(results: list[dict]) -> list[report.Row]:
    out = [report.Row("cluster: app processes on one snapshot; p50 / p95, reruns/s, RSS of the app processes",
                      section=True)]
    base = {lv["sessions"]: lv for lv in results[0]["levels"]}
    for res in results:
        for lv in res["levels"]:
            limit = report.P95_10_MS if lv["sessions"] == 10 else report.P95_25_MS if lv["sessions"] == 25 else None
            gain = ""
            if res is not results[0] and base.get(lv["sessions"], {}).get("throughput"):
                gain = f", ×{lv['throughput'] / base[lv['sessions']]['throughput']:.2f}"
            text = (f"{report.ms(lv['p50_ms'])} / {report.ms(lv['p95_ms'])}, {lv['throughput']:.1f}/s{gain}, "
                    f"{lv['rss_mb']:.0f} MB" + (f", {lv['failed']} failed" if lv["failed"] else ""))
            ok = None if limit is None else (lv["p95_ms"] <= limit and not lv["failed"])
            label = f"{res['procs']} process{'es' * (res['procs'] > 1)} ({res['via']}) · {lv['sessions']} sessions"
            out.append(report._cells(label, "info" if limit is None else f"p95 ≤ {limit / 1000:g} s",
                                     {"demo": (text.replace(' ms /', ' /'), ok)}))
    return out


def main(procs: int, levels: list[int], duration_s: float, think_s: float,
         flags: dict[str, str] | None = None) -> int:
    from bench.runner import RESULTS, log

    warehouse = build.ensure(paths.warehouse_path())
    results = []
    for k in sorted({1, procs}):
        log(f"cluster: {k} app process(es), levels {levels} …")
        results.append(measure(k, warehouse, levels, duration_s, think_s, flags))
    text = report.table(rows(results), ("metric", "demo", "target"))
    if flags:
        text = "streamlit options: " + ", ".join(f"{k}={v}" for k, v in flags.items()) + "\n" + text
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cluster-latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (RESULTS / "cluster-latest.txt").write_text(text + "\n", encoding="utf-8")
    return 0
