"""One supervised process: started in a process group of its own, its output in a rotated log, its
health checked over HTTP, restarted with a growing delay when it dies.

The process group lets the supervisor stop a child with everything it started (nginx's workers)
and keeps a Ctrl-C in the terminal away from the children: the supervisor stops them in order.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tracker.supervise import logs

FIRST_DELAY_S = 0.5      # a process that ran well is restarted at once …
LONGEST_DELAY_S = 30.0   # … one that keeps dying waits 1, 2, 4 … up to this before the next try
STABLE_S = 30.0          # healthy this long: its next death counts as the first again
START_TIMEOUT_S = 120.0  # no health answer this long after a start: killed and started again
HEALTH_FAILS = 3         # a healthy process failing this many checks in a row is killed and restarted
HEALTH_TIMEOUT_S = 3.0


def start_time(pid: int) -> int | None:
    """The kernel's start time of ``pid`` (clock ticks since boot), to tell it from a later process
    that reuses the number; None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])


def healthy(url: str, timeout_s: float = HEALTH_TIMEOUT_S) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as r:
            return r.status == 200
    except OSError:
        return False


@dataclass
class Child:
    name: str                          # app-8081, nginx: also the log file's name
    args: list[str]
    log_dir: Path
    env: dict[str, str] | None = None
    cwd: Path | None = None
    health_url: str | None = None      # None: alive is healthy
    split_stderr: bool = False         # standard error in <name>-error.log (nginx), else with stdout
    proc: subprocess.Popen | None = None
    started: float = 0.0               # time.monotonic() of the last start
    healthy_since: float | None = None
    failed_checks: int = 0
    restarts: int = 0
    deaths: int = 0                    # deaths in a row without a stable run between
    restart_at: float | None = None
    last_exit: int | None = None
    _logs: list = field(default_factory=list, repr=False)
    _pumps: list = field(default_factory=list, repr=False)

    def start(self) -> None:
        out = logs.rotating(self.log_dir / f"{self.name}.log")
        err = logs.rotating(self.log_dir / f"{self.name}-error.log") if self.split_stderr else None
        self._logs = [out] + ([err] if err else [])
        self.proc = subprocess.Popen(self.args, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE if err else subprocess.STDOUT,
                                     process_group=0)
        self._pumps = [logs.pump(self.proc.stdout, out)]
        if err:
            self._pumps.append(logs.pump(self.proc.stderr, err))
        self.started = time.monotonic()
        self.healthy_since, self.failed_checks, self.restart_at = None, 0, None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def check(self, now: float) -> str | None:
        """One health check; a reason to restart the process, or None."""
        if self.health_url is None:
            if self.healthy_since is None:
                self.healthy_since = now
            return None
        if healthy(self.health_url):
            self.healthy_since = self.healthy_since or now
            self.failed_checks = 0
            return None
        if self.healthy_since is None:
            return f"no health answer {START_TIMEOUT_S:.0f} s after its start" \
                if now - self.started > START_TIMEOUT_S else None
        self.failed_checks += 1
        return f"{self.failed_checks} health checks failed in a row" if self.failed_checks >= HEALTH_FAILS else None

    def died(self, now: float) -> float:
        """Note that the process ended (clearing what its group left behind); seconds until its restart."""
        self.last_exit = self.proc.returncode if self.proc else None
        self.signal_group(signal.SIGKILL)
        stable = self.healthy_since is not None and now - self.healthy_since >= STABLE_S
        self.deaths = 1 if stable else self.deaths + 1
        delay = FIRST_DELAY_S if self.deaths == 1 else min(LONGEST_DELAY_S, 2.0 ** (self.deaths - 2))
        self.restart_at, self.healthy_since = now + delay, None
        return delay

    def restart(self) -> None:
        self.restarts += 1
        self.start()

    def signal_group(self, sig: int) -> None:
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, sig)

    def stop(self, timeout_s: float = 10.0) -> None:
        """SIGTERM to the group, then SIGKILL to whatever is left after ``timeout_s``."""
        if self.proc is None:
            return
        self.signal_group(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout_s)
        self.signal_group(signal.SIGKILL)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    def close_logs(self) -> None:
        for thread in self._pumps:
            thread.join(5)
        for logger in self._logs:
            logs.close(logger)
