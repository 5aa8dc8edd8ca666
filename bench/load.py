"""A load driver that speaks Streamlit's websocket protocol, without a browser.

The protocol, as read from the installed Streamlit (``web/server/starlette/starlette_websocket.py``,
``runtime/app_session.py``, ``proto/BackMsg.proto``):

* the browser opens ``ws://HOST:PORT/_stcore/stream`` with subprotocol ``streamlit``; the server
  creates a session on connect and runs nothing until asked;
* every run is a ``BackMsg`` whose ``rerun_script`` is a ``ClientState``: the ``query_string`` (the
  URL's ``?…`` without the ``?``), ``page_script_hash`` (empty on a first load, which then names the
  page by ``page_name`` = its URL path, empty for the default page) and the widget states (none
  here: every run is a fresh visit to the page);
* the server answers with ``ForwardMsg`` frames: ``new_session`` (with the page list in its
  ``navigation`` message), ``delta``s, and ``script_finished``. A run that calls ``st.rerun()``
  ends with FINISHED_EARLY_FOR_RERUN and goes on: a rerun is done at FINISHED_SUCCESSFULLY (or a
  compile error).

Everything is bounded: each run has a timeout, each load level a duration, and connections go
only to 127.0.0.1.
"""
from __future__ import annotations

import asyncio
import http.client
import random
import time
import zlib
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.stats import pct, rss_mb

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
RUN_TIMEOUT_S = 60.0


@dataclass
class Run:
    latency_ms: float
    bytes: int
    messages: int
    errors: int            # exception elements the page showed
    not_found: bool
    deflated: int = 0      # the same frames, deflated as one stream (≈ the wire with permessage-deflate)


@dataclass
class Page:
    url: str               # url path ('' = the default page)
    query: str = ""


class Session:
    """One browser tab: a websocket and the page hashes the server told it."""

    def __init__(self, ws_url: str, source: str | None = None, cookie: str | None = None):
        self.ws_url = ws_url
        self.source = source               # a loopback source address (127.0.k.1) to look like client k
        self.cookie = cookie               # a Cookie header, as a browser sends the one its page set
        self.ws = None
        self.hashes: dict[str, str] = {}   # url path → page_script_hash

    async def __aenter__(self) -> "Session":
        if not self.ws_url.startswith("ws://127.0.0.1:"):
            raise ValueError("the load driver only connects to 127.0.0.1")
        extra = {"local_addr": (self.source, 0)} if self.source else {}
        if self.cookie:
            extra["additional_headers"] = {"Cookie": self.cookie}
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None, proxy=None,
                                           open_timeout=30, ping_interval=None, **extra)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def rerun(self, page: Page, *, keep_frames: bool = False) -> Run:
        back = BackMsg()
        back.rerun_script.query_string = page.query
        page_hash = self.hashes.get(page.url)
        if page_hash:
            back.rerun_script.page_script_hash = page_hash
        else:
            back.rerun_script.page_name = page.url
        t0 = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        size = count = errors = 0
        not_found = False
        frames: list[bytes] = []
        while True:
            data = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_S)
            size += len(data)
            count += 1
            if keep_frames:
                frames.append(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                for p in msg.navigation.app_pages:
                    self.hashes[p.url_pathname] = p.page_script_hash
                    if p.is_default:
                        self.hashes.setdefault("", p.page_script_hash)
            elif kind == "page_not_found":
                not_found = True
            elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
                errors += 1
            elif kind == "script_finished" and msg.script_finished in DONE:
                run = Run((time.perf_counter() - t0) * 1000.0, size, count, errors, not_found)
                if keep_frames:
                    run.deflated = len(zlib.compress(b"".join(frames), 6))
                return run


async def visit(ws_url: str, page: Page) -> Run:
    """A first visit in a fresh session (what a deep link costs): latency and bytes."""
    async with Session(ws_url) as s:
        return await s.rerun(page, keep_frames=True)


@dataclass
class LoadResult:
    sessions: int
    think_s: float
    duration_s: float
    runs: int = 0
    failed: int = 0
    errors: int = 0
    p50_ms: float = float("nan")
    p95_ms: float = float("nan")
    max_ms: float = float("nan")
    throughput: float = 0.0                    # reruns per second
    rss_mb: float = float("nan")               # the server's RSS with every session connected
    latencies: list[float] = field(default_factory=list, repr=False)


class _Gate:
    """Counts sessions past a point; ``wait`` returns once all have passed (failed ones count too)."""

    def __init__(self, n: int):
        self.n, self.passed, self.event = n, 0, asyncio.Event()

    def pass_(self) -> None:
        self.passed += 1
        if self.passed >= self.n:
            self.event.set()

    async def wait(self) -> None:
        await self.event.wait()


def client_address(k: int) -> str:
    """The loopback address session k connects from to look like client k: 127.0.k.1 (a proxy that
    hashed the address, as nginx's ip_hash on the first three octets, would tell them apart)."""
    return f"127.0.{k % 250 + 1}.1"


async def _load(ws_url: str, pages: list[Page], sessions: int, duration_s: float, think_s: float,
                pid: int | list[int] | None, seed: int, distinct_clients: bool) -> LoadResult:
    out = LoadResult(sessions, think_s, duration_s)
    rng = random.Random(seed)
    connected, finished, release = _Gate(sessions), _Gate(sessions), asyncio.Event()
    window = {"stop": float("inf")}

    async def tab(k: int) -> None:
        opened = done = False
        try:
            source = client_address(k) if distinct_clients else None
            async with Session(ws_url, source) as s:
                await s.rerun(pages[k % len(pages)])            # the tab opens: not counted
                opened = True
                connected.pass_()
                await connected.wait()
                await asyncio.sleep(rng.uniform(0, think_s or 0.05))   # spread the first clicks
                i = k
                while time.perf_counter() < window["stop"]:
                    i += 1
                    run = await s.rerun(pages[i % len(pages)])
                    out.latencies.append(run.latency_ms)
                    out.errors += run.errors
                    if think_s > 0:
                        await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
                done = True
                finished.pass_()
                await release.wait()                            # stay connected while RSS is read
        except (asyncio.TimeoutError, OSError, websockets.WebSocketException):
            out.failed += 1
        finally:
            if not opened:
                connected.pass_()
            if not done:
                finished.pass_()

    tasks = [asyncio.create_task(tab(k)) for k in range(sessions)]
    await connected.wait()
    t0 = time.perf_counter()
    window["stop"] = t0 + duration_s
    await finished.wait()
    elapsed = time.perf_counter() - t0
    if pid:
        out.rss_mb = sum(rss_mb(p) for p in (pid if isinstance(pid, list) else [pid]))
    release.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    out.runs = len(out.latencies)
    out.throughput = out.runs / elapsed if elapsed > 0 else 0.0
    if out.latencies:
        out.p50_ms, out.p95_ms = pct(out.latencies, 50), pct(out.latencies, 95)
        out.max_ms = max(out.latencies)
    return out


def load(ws_url: str, pages: list[Page], sessions: int, *, duration_s: float = 10.0, think_s: float = 1.0,
         pid: int | list[int] | None = None, seed: int = 7, distinct_clients: bool = False) -> LoadResult:
    """Hold ``sessions`` tabs rerunning ``pages`` in turn with think time, for ``duration_s``.

    Stops by itself: the sessions finish their current run after ``duration_s``; the whole level is
    abandoned (and counted as failed) past ``duration_s`` + a run timeout + connection time.
    ``distinct_clients`` connects session k from 127.0.k.1, so that a proxy hashing the client
    address (as nginx's ip_hash on the first three octets did) spreads the sessions as real users.
    """
    limit = duration_s + RUN_TIMEOUT_S + 30 + sessions * 0.5
    try:
        return asyncio.run(asyncio.wait_for(_load(ws_url, pages, sessions, duration_s, think_s, pid, seed,
                                                 distinct_clients), limit))
    except (asyncio.TimeoutError, OSError, websockets.WebSocketException) as exc:
        print(f"load level {sessions} abandoned: {exc!r}")
        return LoadResult(sessions, think_s, duration_s, failed=sessions)


@dataclass
class Arrival:
    """One fresh session of a burst: times in ms from the moment it began to connect."""
    page: str
    latency_ms: float = float("nan")   # connect → FINISHED_SUCCESSFULLY of the first visit
    connected_ms: float = float("nan")  # the websocket is open (the server has made the session)
    runs: int = 0                      # script runs it took (2 when the app reruns on a first visit)
    elements: int = 0                  # new elements in the finished run
    bytes: int = 0
    messages: int = 0
    errors: int = 0
    framed: bool = False               # the finished run set the page config (app.py's frame ran)
    failed: str = ""
    trace: list[tuple[float, str, int]] = field(default_factory=list, repr=False)   # (ms, kind, bytes)


def _kind(msg: ForwardMsg) -> str:
    kind = msg.WhichOneof("type")
    if kind == "delta":
        delta = msg.delta.WhichOneof("type")
        sub = msg.delta.new_element.WhichOneof("type") if delta == "new_element" else delta
        return f"delta:{sub}"
    if kind == "script_finished":
        return f"script_finished:{ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)}"
    return kind or "?"


def page_cookie(ws_url: str, source: str | None = None) -> str | None:
    """What a browser does first: GET the app's page (from ``source``), and keep the cookie the answer
    sets (nginx's route cookie in front of `make serve`), as ``name=value``; None without one."""
    host, port = ws_url.removeprefix("ws://").split("/", 1)[0].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=30,
                                      source_address=(source, 0) if source else None)
    try:
        conn.request("GET", "/")
        answer = conn.getresponse()
        answer.read()
        cookie = answer.getheader("Set-Cookie")
        return cookie.split(";", 1)[0] if cookie else None
    finally:
        conn.close()


async def arrive(ws_url: str, page: Page, *, trace: bool = False, source: str | None = None,
                 browser: bool = False) -> Arrival:
    """A fresh session's first visit timed from the moment it starts to connect (a browser's
    first page: the socket, the session the server makes, every run until the page is complete).
    ``source``: the loopback address to connect from (see ``load``'s ``distinct_clients``).
    ``browser``: first GET the page as a browser does and send the cookie it sets with the socket
    (the GET is part of the time)."""
    out = Arrival((page.url or "(default)") + (f"?{page.query}" if page.query else ""))
    t0 = time.perf_counter()

    def now() -> float:
        return (time.perf_counter() - t0) * 1000.0

    try:
        cookie = await asyncio.to_thread(page_cookie, ws_url, source) if browser else None
        async with Session(ws_url, source, cookie) as s:
            out.connected_ms = now()
            back = BackMsg()
            back.rerun_script.query_string = page.query
            back.rerun_script.page_name = page.url
            await s.ws.send(back.SerializeToString())
            elements = 0
            while True:
                data = await asyncio.wait_for(s.ws.recv(), RUN_TIMEOUT_S)
                out.bytes += len(data)
                out.messages += 1
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kind = _kind(msg)
                if trace:
                    out.trace.append((now(), kind, len(data)))
                if kind == "new_session":
                    out.runs += 1
                    elements = 0
                    out.framed = False
                elif kind == "page_config_changed":
                    out.framed = True
                elif kind.startswith("delta:"):
                    elements += 1
                    out.errors += kind == "delta:exception"
                elif kind.startswith("script_finished:") and msg.script_finished in DONE:
                    out.latency_ms = now()
                    out.elements = elements
                    return out
    except (asyncio.TimeoutError, OSError, websockets.WebSocketException,
            http.client.HTTPException) as exc:
        out.failed = repr(exc)[:80]
        return out


@dataclass
class Burst:
    sessions: int
    p50_ms: float = float("nan")
    p95_ms: float = float("nan")
    max_ms: float = float("nan")
    failed: int = 0
    arrivals: list[Arrival] = field(default_factory=list)


def burst(ws_url: str, pages: list[Page], sessions: int = 10, *, trace: bool = False,
          distinct_clients: bool = False, browser: bool = False) -> Burst:
    """``sessions`` fresh sessions arriving at once, session k on ``pages[k % len(pages)]``: each
    connects and asks for its page as soon as its socket is open; p50 / p95 / max of connect →
    complete first page. Bounded by a run timeout. ``distinct_clients`` as in ``load``, ``browser``
    as in ``arrive``."""
    async def all_at_once() -> list[Arrival]:
        return await asyncio.gather(*(arrive(ws_url, pages[k % len(pages)], trace=trace, browser=browser,
                                             source=client_address(k) if distinct_clients else None)
                                      for k in range(sessions)))

    arrivals = asyncio.run(asyncio.wait_for(all_at_once(), RUN_TIMEOUT_S + 30))
    done = [a.latency_ms for a in arrivals if not a.failed]
    out = Burst(sessions, failed=sessions - len(done), arrivals=list(arrivals))
    if done:
        out.p50_ms, out.p95_ms, out.max_ms = pct(done, 50), pct(done, 95), max(done)
    return out


def first_page(ws_url: str, page: Page) -> Run:
    return asyncio.run(visit(ws_url, page))


def visits(ws_url: str, pages: list[Page]) -> list[Run]:
    """A first visit to each page, one after another, each in a fresh session."""
    async def all_pages() -> list[Run]:
        return [await visit(ws_url, p) for p in pages]

    return asyncio.run(asyncio.wait_for(all_pages(), RUN_TIMEOUT_S * (len(pages) + 1)))
