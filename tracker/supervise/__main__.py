"""``python -m tracker.supervise --procs 2 --port 8080``: what `make serve` runs; Ctrl-C stops it all.

``--print-site`` prints the nginx site file for a server instead (deploy/nginx/tracker.conf).
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import threading
from pathlib import Path

from tracker.supervise import nginx
from tracker.supervise.supervisor import Options, Supervisor


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tracker.supervise", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--procs", type=int, default=os.cpu_count() or 1, help="app processes (default: one per core)")
    p.add_argument("--port", type=int, default=8080, help="the port nginx listens on (default 8080)")
    p.add_argument("--host", default="127.0.0.1", help="the address nginx listens on (0.0.0.0: every interface)")
    p.add_argument("--app-port", type=int, default=None,
                   help="the first app process's port on 127.0.0.1 (default: PORT + 1; 0: any free ports)")
    p.add_argument("--warehouse", type=Path, default=None, help="default: TRACKER_WAREHOUSE or data/warehouse.duckdb")
    p.add_argument("--log-dir", type=Path, default=Options.log_dir, help="default: logs/")
    p.add_argument("--run-dir", type=Path, default=Options.run_dir, help="nginx's configuration and state (run/)")
    p.add_argument("--flag", action="append", default=[], help="a streamlit option key=value for every app process")
    p.add_argument("--print-site", action="store_true", help="print the nginx site file for a server and exit")
    p.add_argument("--server-name", default=None, help="with --print-site: the site's server_name")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.print_site:
        first = args.port + 1 if args.app_port is None else args.app_port
        print(nginx.site(str(args.port), list(range(first, first + args.procs)), server_name=args.server_name), end="")
        return 0
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):      # SIGHUP: the terminal closed
        signal.signal(sig, lambda *_: stop.set())
    options = Options(procs=args.procs, port=args.port, host=args.host, app_port=args.app_port,
                      warehouse=args.warehouse, log_dir=args.log_dir, run_dir=args.run_dir,
                      flags=dict(f.split("=", 1) for f in args.flag))
    supervisor = Supervisor(options)
    try:
        supervisor.start()
    except (RuntimeError, FileNotFoundError, ValueError) as exc:
        print(f"cannot serve: {exc}", file=sys.stderr)
        supervisor.stop()
        return 1
    try:
        if supervisor.wait_ready(timeout_s=180, stop=stop):
            where = f"{supervisor.url}/"
            if args.host in ("0.0.0.0", ""):
                where += f" (from other machines: http://{socket.gethostname()}:{args.port}/)"
            supervisor.say(f"serving {where} with {args.procs} app process(es) behind nginx; "
                           f"logs in {options.log_dir.resolve()}; Ctrl-C stops")
        elif not stop.is_set():
            supervisor.say(f"not every process is healthy yet; see the logs in {options.log_dir.resolve()}")
        while not stop.wait(1.0):
            pass
    finally:
        supervisor.say("stopping …")
        supervisor.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
