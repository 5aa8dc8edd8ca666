"""Serving the app (or a bare one-line page) on 127.0.0.1 for the load driver.

The server runs from the checkout, so ``.streamlit/config.toml`` applies to the bare page too: both
get the same server settings, and the bare page's numbers are what Streamlit itself allows here.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE_PAGE = 'import streamlit as st\n\nst.write("ok")\n'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    port: int
    pid: int
    started: float          # time.perf_counter() when the process was launched
    health_s: float         # launch → /_stcore/health answers
    log: Path

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"


def _wait_healthy(proc: subprocess.Popen, port: int, timeout_s: float, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"streamlit did not start; see {log}")
        time.sleep(0.05)


@contextlib.contextmanager
def serve(script: Path | None, warehouse: Path | None, *, flags: dict[str, str] | None = None,
          port: int | None = None, timeout_s: float = 90.0, log_dir: Path | None = None):
    """Start ``streamlit run`` on a loopback port (``script`` None = a bare one-line page)."""
    with contextlib.ExitStack() as stack:
        if script is None:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-bare-")))
            script = tmp / "bare.py"
            script.write_text(BARE_PAGE)
        port = port or free_port()
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        if warehouse is not None:
            env["TRACKER_WAREHOUSE"] = str(warehouse)
        args = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
                "--server.port", str(port), "--server.headless", "true",
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        for key, value in (flags or {}).items():
            args += [f"--{key}", value]
        log_dir = log_dir or Path(tempfile.gettempdir())
        log = log_dir / f"bench-streamlit-{port}.log"
        handle = stack.enter_context(open(log, "w"))
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(proc, port, timeout_s, log)
            yield Served(port, proc.pid, started, time.perf_counter() - started, log)
        finally:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
