"""kill -9 of one app process under load: which sessions it loses, and how soon they are served again.

``sessions`` tabs rerun pages through nginx (as ``load.load`` does, session k from 127.0.k.1). After
``kill_after_s`` one app process is killed with SIGKILL. A tab whose websocket breaks does what the
browser does: it connects again (every ``RETRY_S``) and reruns its page in the new session; it is
*lost* once, and *recovered* when that page is complete. The websockets the killed process held at
the moment of the kill (nginx's established connections to its port, read from /proc/net/tcp) are
the sessions it may lose; every other session should go on without a failure. The supervisor
starts the killed process again; the time until it answers its health check is kept too.
"""
from __future__ import annotations

import asyncio
import os
import random
import signal
import threading
import time
from dataclasses import dataclass, field

import websockets

from bench import load
from bench.stats import pct

RETRY_S = 0.5
GIVE_UP_S = 60.0
ERRORS = (asyncio.TimeoutError, OSError, websockets.WebSocketException)


@dataclass
class Tab:
    k: int
    lost_at: float | None = None        # seconds after the kill
    recovered_at: float | None = None   # the first page after reconnecting complete, seconds after the kill
    runs: int = 0


@dataclass
class Failover:
    sessions: int
    on_killed: int = 0                  # websockets the killed process held (from /proc/net/tcp)
    lost: int = 0
    recovered: int = 0
    recovery_p50_s: float = float("nan")
    recovery_max_s: float = float("nan")
    restarted_s: float = float("nan")   # kill → the process answers its health check again
    runs: int = 0
    tabs: list[Tab] = field(default_factory=list, repr=False)


def established_to(port: int) -> int:
    """Established TCP connections to a local port (the websockets nginx holds open to one process)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                count += 1
    return count


async def _run(ws_url: str, pages: list[load.Page], sessions: int, duration_s: float, think_s: float,
               kill_after_s: float, kill, seed: int) -> tuple[list[Tab], float, int]:
    rng = random.Random(seed)
    tabs = [Tab(k) for k in range(sessions)]
    clock = {"kill": None}
    stop = time.perf_counter() + duration_s + 30.0       # replaced once everyone is connected
    connected = asyncio.Event()
    opened = {"n": 0}

    def since_kill() -> float:
        return time.perf_counter() - clock["kill"] if clock["kill"] else float("nan")

    async def tab(t: Tab) -> None:
        i, first = t.k, True
        while time.perf_counter() < stop:
            try:
                async with load.Session(ws_url, load.client_address(t.k)) as s:
                    await s.rerun(pages[i % len(pages)])
                    t.runs += 1
                    if first:
                        first = False
                        opened["n"] += 1
                        if opened["n"] == sessions:
                            connected.set()
                        await connected.wait()
                    elif t.lost_at is not None and t.recovered_at is None:
                        t.recovered_at = since_kill()
                    while time.perf_counter() < stop:
                        await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
                        i += 1
                        await s.rerun(pages[i % len(pages)])
                        t.runs += 1
                    return
            except ERRORS:
                if first:
                    raise
                if t.lost_at is None:
                    t.lost_at = since_kill()
                if clock["kill"] and time.perf_counter() - clock["kill"] > GIVE_UP_S:
                    return
                await asyncio.sleep(RETRY_S)

    tasks = [asyncio.create_task(tab(t)) for t in tabs]
    await asyncio.wait_for(connected.wait(), load.RUN_TIMEOUT_S + sessions)
    stop = time.perf_counter() + duration_s
    await asyncio.sleep(kill_after_s)
    on_killed = kill()
    clock["kill"] = time.perf_counter()
    await asyncio.gather(*tasks, return_exceptions=True)
    return tabs, clock["kill"], on_killed


def run(ws_url: str, pages: list[load.Page], *, app_port: int, pid_of, healthy, sessions: int = 25,
        duration_s: float = 15.0, think_s: float = 1.0, kill_after_s: float = 3.0, seed: int = 11) -> Failover:
    """Hold ``sessions`` tabs through nginx and kill -9 the app process on ``app_port`` (``pid_of()``
    its pid now) ``kill_after_s`` into the window; ``healthy()`` tells when a process answers there again."""
    out = Failover(sessions)
    watch: dict = {}

    def back_up(pid: int, killed_at: float) -> None:
        while time.perf_counter() - killed_at < GIVE_UP_S:
            if pid_of() not in (pid, None) and healthy():
                watch["restarted_s"] = time.perf_counter() - killed_at
                return
            time.sleep(0.1)

    def kill() -> int:
        held = established_to(app_port)
        pid = pid_of()
        os.kill(pid, signal.SIGKILL)
        watch["thread"] = threading.Thread(target=back_up, args=(pid, time.perf_counter()), daemon=True)
        watch["thread"].start()
        return held

    tabs, _, out.on_killed = asyncio.run(
        asyncio.wait_for(_run(ws_url, pages, sessions, duration_s, think_s, kill_after_s, kill, seed),
                         duration_s + GIVE_UP_S + load.RUN_TIMEOUT_S + 60))
    if "thread" in watch:
        watch["thread"].join(GIVE_UP_S)
    out.restarted_s = watch.get("restarted_s", float("nan"))
    out.tabs = tabs
    out.runs = sum(t.runs for t in tabs)
    lost = [t for t in tabs if t.lost_at is not None]
    back = [t.recovered_at for t in lost if t.recovered_at is not None]
    out.lost, out.recovered = len(lost), len(back)
    if back:
        out.recovery_p50_s, out.recovery_max_s = pct(back, 50), max(back)
    return out
