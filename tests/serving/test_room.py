"""A room of tablets: `make run` serves as `make serve` does, the default views are made before the
first visitor and again when a new snapshot lands, and nginx spreads browsers that share one address
over the app processes while keeping each browser on its own."""
from __future__ import annotations

import http.server
import re
import shlex
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import serve
from components import data, warmup
from tests.screens import open_screen
from tracker import db
from tracker.supervise import nginx, supervisor

ROOT = Path(__file__).resolve().parents[2]
has_nginx = pytest.mark.skipif(not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
                               reason="nginx is not installed (apt-get install -y nginx-light)")


# -- make run ---------------------------------------------------------------------------------------
def make_recipe(target: str) -> list[str]:
    """The words of ``target``'s recipe in the Makefile, continuation lines joined."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", text, re.M)
    assert found, f"no {target} target"
    return shlex.split(found.group(1))


def options(words: list[str]) -> dict[str, str]:
    return {w: words[i + 1] for i, w in enumerate(words[:-1]) if w.startswith("--server.") or w.startswith("--browser.")}


def test_make_run_serves_as_each_process_of_make_serve_does():
    run = options(make_recipe("run"))
    served = options(supervisor.app_args(8501))
    assert run.get("--server.fileWatcherType") == "none"
    assert {k: v for k, v in served.items() if k != "--server.port"} == {k: v for k, v in run.items()
                                                                         if k != "--server.port"}
    assert "serve.py" in make_recipe("run")


def test_each_app_process_of_make_serve_queries_on_its_share_of_the_cores(monkeypatch):
    """Two processes on four cores: DuckDB in each runs on two threads, not four; one setting made by
    the operator is kept; never fewer than one thread."""
    monkeypatch.setattr(supervisor.os, "cpu_count", lambda: 4)
    assert supervisor.app_env(Path("w.duckdb"), 2, {})["TRACKER_DB_THREADS"] == "2"
    assert supervisor.app_env(Path("w.duckdb"), 8, {})["TRACKER_DB_THREADS"] == "1"
    assert supervisor.app_env(Path("w.duckdb"), 2, {"TRACKER_DB_THREADS": "3"})["TRACKER_DB_THREADS"] == "3"
    env = supervisor.app_env(Path("w.duckdb"), 2, {})
    assert env["TRACKER_WAREHOUSE"] == "w.duckdb" and env["TRACKER_TRUSTED_PROXY"] == nginx.PROXY_ADDRESS


# -- warm-up ----------------------------------------------------------------------------------------
def keys_of(name: str) -> set[tuple]:
    """The cache keys of one derived view (module.function) in the process's store."""
    return {k for k in list(data.store()._values) if len(k) > 2 and k[2] == name}


VIEWS = ("components.screens.overview.overview", "components.screens.present.deck_view")


def test_the_default_views_are_the_ones_the_first_pages_ask_for(private):
    version = serve.default_views()
    assert version == db.version()
    made = {name: keys_of(name) for name in VIEWS}
    assert all(len(made[name]) >= 2 for name in VIEWS), "both languages"
    for query in ({}, {"lang": "en"}, {"present": "1", "paused": "1"}, {"present": "1", "paused": "1", "lang": "en"}):
        at = open_screen(None, **query)
        assert not at.exception
    # the pages found every view they needed already made: none was derived anew
    assert {name: keys_of(name) for name in VIEWS} == made


def swap_in_new_snapshot(path: Path) -> None:
    """What an import does to the file: a new snapshot renamed into place."""
    fresh = path.with_suffix(".new")
    shutil.copy2(path, fresh)
    fresh.replace(path)


def test_the_default_views_are_made_again_as_soon_as_a_new_snapshot_lands(private):
    watcher = warmup.Warmer(serve.default_views, serve.default_views(), poll_s=0.05).start()
    try:
        time.sleep(0.3)
        assert watcher.runs == 0                     # the same snapshot: nothing to do
        before = db.version()
        swap_in_new_snapshot(private)
        deadline = time.monotonic() + 60
        while watcher.runs == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert watcher.runs == 1 and watcher.warmed == db.version() != before
        assert all(any(k[0] == watcher.warmed for k in keys_of(name)) for name in VIEWS)
    finally:
        watcher.stop()


def test_serve_py_warms_before_answering_and_watches_for_snapshots(private):
    """The start-up hook derives the default views before it yields (the server answers after it)
    and leaves the watcher running until the server stops."""
    import asyncio

    async def start_and_stop() -> tuple[set, int]:
        async with serve.lifespan(None):
            made = {name: keys_of(name) for name in VIEWS}
            watchers = [t for t in threading.enumerate() if t.name == "tracker-warmup"]
        return made, len(watchers)

    made, watchers = asyncio.run(start_and_stop())
    assert all(any(k[0] == db.version() for k in made[name]) for name in VIEWS)
    assert watchers == 1
    assert not [t for t in threading.enumerate() if t.name == "tracker-warmup"]


# -- nginx ------------------------------------------------------------------------------------------
class Backend(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = str(self.server.server_port).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def proxied(tmp_path):
    """nginx as `make serve` runs it, in front of two tiny HTTP servers that answer with their port."""
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), Backend) for _ in range(2)]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    port = supervisor.free_ports(1)[0]
    run = tmp_path / "run"
    conf = nginx.write_child(run, f"127.0.0.1:{port}", [s.server_port for s in servers], access_log=False)
    proc = subprocess.Popen(nginx.command(conf, run), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while supervisor.port_free("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", [s.server_port for s in servers]
    finally:
        proc.terminate()
        proc.wait(10)
        for s in servers:
            s.shutdown()


def get(url: str, cookie: str | None = None) -> tuple[int, str | None]:
    """(the backend's port, the route cookie nginx set or None), from 127.0.0.1 every time."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as r:
        set_cookie = r.headers.get("Set-Cookie")
        return int(r.read()), set_cookie.split(";", 1)[0] if set_cookie else None


def test_the_site_has_no_address_hash():
    text = nginx.site("80", [8501, 8502])
    assert "ip_hash" not in text
    assert "hash $tracker_route consistent;" in text and f"$cookie_{nginx.ROUTE_COOKIE}" in text


@has_nginx
def test_browsers_behind_one_address_spread_over_the_processes_and_keep_theirs(proxied):
    url, ports = proxied
    first = [get(url) for _ in range(24)]            # 24 tablets' first requests, all from 127.0.0.1
    assert {port for port, _ in first} == set(ports), "one address, yet both processes get browsers"
    assert all(cookie and cookie.startswith(f"{nginx.ROUTE_COOKIE}=") for _, cookie in first)
    for port, cookie in first[:8]:                   # each browser's next requests go where its first went
        again = [get(url, cookie) for _ in range(4)]
        assert {p for p, _ in again} == {port}
        assert all(c is None for _, c in again)     # the cookie is set once, not on every answer
