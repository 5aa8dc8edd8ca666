"""N app processes and nginx in front of them, kept running: what `make serve` runs.

Each app process is ``python -m streamlit run serve.py`` on its own port of 127.0.0.1, all on the
same snapshot (TRACKER_WAREHOUSE or data/warehouse.duckdb): an import from the command line or the
Data page renames a new snapshot into place, and every process reopens it on its next query. nginx
(``tracker.supervise.nginx``) listens on the office's port and keeps each browser on one process.

A monitor thread checks every child twice a second: a process that ended is started again (at once
after a good run, then after 1, 2, 4 … 30 s while it keeps dying); an app that stops answering
``/_stcore/health`` is killed and started again. Every child's output goes to a rotated log in one
folder (``logs/``), beside the supervisor's own ``supervisor.log``. ``run/state.json`` names the
children (port, pid, restarts, health) for tests and administrators; a supervisor that was killed
without stopping its children leaves them there, and the next start stops them first.

Nothing here imports Streamlit or the interface: the app runs in child processes.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tracker import files, paths
from tracker.supervise import logs, nginx
from tracker.supervise.child import Child, healthy, start_time

ENTRY = paths.ROOT / "serve.py"
TICK_S = 0.5
HEALTH_EVERY_S = 2.0


def app_env(warehouse: Path, procs: int, environ: dict | None = None) -> dict[str, str]:
    """What every app process runs with: the snapshot, X-Forwarded-For read from nginx's address only,
    and DuckDB's threads shared out between the processes (the cores each, at least one) unless
    TRACKER_DB_THREADS is set already."""
    env = dict(os.environ if environ is None else environ, TRACKER_WAREHOUSE=str(warehouse), PYTHONUNBUFFERED="1")
    env["TRACKER_TRUSTED_PROXY"] = nginx.PROXY_ADDRESS
    env.setdefault(paths.DB_THREADS_ENV, str(max(1, (os.cpu_count() or 1) // procs)))
    return env


@dataclass
class Options:
    procs: int = field(default_factory=lambda: os.cpu_count() or 1)
    port: int = 8080                     # nginx
    host: str = "127.0.0.1"              # nginx listens here (0.0.0.0: every interface)
    app_port: int | None = None          # the first app process's port; None: port + 1; 0: free ports
    warehouse: Path | None = None        # None: TRACKER_WAREHOUSE or data/warehouse.duckdb
    log_dir: Path = paths.ROOT / "logs"
    run_dir: Path = paths.ROOT / "run"
    flags: dict[str, str] = field(default_factory=dict)   # extra streamlit options
    access_log: bool = True
    quiet: bool = False                  # the supervisor's lines only in supervisor.log


def app_args(port: int, flags: dict[str, str] | None = None) -> list[str]:
    args = [sys.executable, "-m", "streamlit", "run", str(ENTRY), "--server.address", "127.0.0.1",
            "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]
    for key, value in (flags or {}).items():
        args += [f"--{key}", value]
    return args


def port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def stop_leftovers(state_file: Path) -> list[int]:
    """Stop the children a previous supervisor recorded and left running (it was killed); their pids.
    Refuses when that supervisor is still alive."""
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    boss = state.get("supervisor", {})
    if boss.get("pid") and start_time(boss["pid"]) == boss.get("start"):
        raise RuntimeError(f"a supervisor (pid {boss['pid']}) is already serving from {state_file.parent}")
    stopped = []
    for child in state.get("children", []):
        pid = child.get("pid")
        if pid and start_time(pid) == child.get("start"):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            stopped.append(pid)
    return stopped


class Supervisor:
    def __init__(self, options: Options):
        self.o = options
        self.apps: list[Child] = []
        self.nginx: Child | None = None
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._log = None
        self._state_text = ""
        self._lock = threading.Lock()
        self._started = False            # children started: the state file is ours to remove

    # -- start and stop -------------------------------------------------------------------------
    def __enter__(self) -> "Supervisor":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def state_file(self) -> Path:
        return self.o.run_dir / "state.json"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.o.host in ("0.0.0.0", "") else self.o.host
        return f"http://{host}:{self.o.port}"

    def say(self, message: str) -> None:
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}"
        if self._log is not None:
            self._log.info(line)
        if not self.o.quiet:
            print(line, flush=True)

    def start(self) -> None:
        o = self.o
        if o.procs < 1:
            raise ValueError("at least one app process")
        o.run_dir.mkdir(parents=True, exist_ok=True)
        logs.private_folder(o.log_dir)
        self._log = logs.rotating(o.log_dir / "supervisor.log")
        for pid in stop_leftovers(self.state_file):
            self.say(f"stopped pid {pid}, left running by a supervisor that was killed")
        warehouse = self._warehouse()
        ports = self._app_ports()
        if not port_free(o.host or "0.0.0.0", o.port):
            raise RuntimeError(f"port {o.port} is in use: choose another with PORT=…")
        env = app_env(warehouse, o.procs)
        self.apps = [Child(f"app-{p}", app_args(p, o.flags), o.log_dir, env=env, cwd=paths.ROOT,
                           health_url=f"http://127.0.0.1:{p}/_stcore/health") for p in ports]
        listen = f"{o.host}:{o.port}" if o.host else str(o.port)
        conf = nginx.write_child(o.run_dir.resolve(), listen, ports, access_log=o.access_log)
        self.nginx = Child("nginx", nginx.command(conf, o.run_dir.resolve()), o.log_dir, split_stderr=True)
        self._started = True
        for child in self.children:
            child.start()
        self.say(f"started {o.procs} app process(es) on 127.0.0.1:{', '.join(map(str, ports))} and nginx on "
                 f"{listen}; snapshot {warehouse}; logs in {o.log_dir.resolve()}")
        self._write_state()
        self._thread = threading.Thread(target=self._monitor, name="supervisor", daemon=True)
        self._thread.start()

    def _warehouse(self) -> Path:
        from tracker import opening  # duckdb and the build: only when starting

        path = (self.o.warehouse or paths.warehouse_path()).resolve()
        opening.ensure(path)
        return path

    def _app_ports(self) -> list[int]:
        o = self.o
        if o.app_port == 0:
            return free_ports(o.procs)
        first = o.port + 1 if o.app_port is None else o.app_port
        ports = list(range(first, first + o.procs))
        busy = [p for p in ports if not port_free("127.0.0.1", p)]
        if busy:
            raise RuntimeError(f"app port(s) {busy} in use: another `make run` or `make serve`?")
        return ports

    def stop(self) -> None:
        """nginx first (no new visitors), then every app process; each SIGTERM, SIGKILL after 10 s."""
        self.stopping.set()
        if self._thread is not None:
            self._thread.join(10)
        with self._lock:
            if self.nginx is not None:
                self.nginx.stop()
            for app in self.apps:
                app.signal_group(signal.SIGTERM)
            for app in self.apps:
                app.stop()
            if self._started:
                self.say("stopped nginx and every app process")
            for child in self.children:
                child.close_logs()
            if self._started:
                with contextlib.suppress(FileNotFoundError):
                    self.state_file.unlink()
        if self._log is not None:
            logs.close(self._log)
            self._log = None

    # -- watching -------------------------------------------------------------------------------
    @property
    def children(self) -> list[Child]:
        return self.apps + ([self.nginx] if self.nginx else [])

    def _monitor(self) -> None:
        last_check = 0.0
        while not self.stopping.wait(TICK_S):
            with self._lock:
                if self.stopping.is_set():
                    return
                now = time.monotonic()
                check = now - last_check >= HEALTH_EVERY_S
                last_check = now if check else last_check
                for child in self.children:
                    self._tend(child, now, check)
                self._write_state()

    def _tend(self, child: Child, now: float, check: bool) -> None:
        if child.restart_at is not None:
            if now >= child.restart_at:
                child.restart()
                self.say(f"{child.name}: started again (restart {child.restarts}), pid {child.pid}")
            return
        if not child.running():
            delay = child.died(now)
            self.say(f"{child.name}: ended with code {child.last_exit}; starting it again in {delay:g} s")
            return
        if check:
            was_healthy = child.healthy_since is not None
            reason = child.check(now)
            if reason:
                self.say(f"{child.name}: {reason}; killing it to start it again")
                child.signal_group(signal.SIGKILL)
            elif child.healthy_since is not None and not was_healthy and child.health_url:
                self.say(f"{child.name}: healthy (pid {child.pid}, {now - child.started:.1f} s after its start)")

    def _write_state(self) -> None:
        def entry(child: Child) -> dict:
            return {"name": child.name, "pid": child.pid, "start": start_time(child.pid) if child.pid else None,
                    "port": int(child.name.split("-")[1]) if child.name.startswith("app-") else self.o.port,
                    "healthy": child.healthy_since is not None and child.running(),
                    "restarts": child.restarts, "last_exit": child.last_exit}

        state = {"supervisor": {"pid": os.getpid(), "start": start_time(os.getpid())}, "url": self.url,
                 "logs": str(self.o.log_dir.resolve()), "children": [entry(c) for c in self.children]}
        text = json.dumps(state, indent=1)
        if text != self._state_text:
            files.write_text(self.state_file, text)
            self._state_text = text

    def ready(self) -> bool:
        """Every app process answers its health check, and nginx answers in front of them."""
        with self._lock:
            apps_ok = all(a.running() and a.healthy_since is not None for a in self.apps)
        return apps_ok and healthy(f"{self.url}/_stcore/health")

    def wait_ready(self, timeout_s: float = 120.0, stop: threading.Event | None = None) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            if self.ready():
                return True
            time.sleep(0.2)
        return False
