"""The server's edges: forwarded headers read only from the proxy's own address, nginx's security
headers and a metrics endpoint kept local (checked on a real nginx), sign-in logs without the name
typed, logs readable by their owner only, and the Briefing control's cache bounded in bytes."""
from __future__ import annotations

import http.server
import json
import os
import socket
import stat
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from components import briefing
from tracker.importer import throttle
from tracker.supervise import logs, nginx, supervisor

TRUSTED = {throttle.TRUSTED_PROXY_ENV: nginx.PROXY_ADDRESS}
FORGED = {"X-Forwarded-For": "6.6.6.6", "X-Real-IP": "6.6.6.6"}


def test_forwarded_headers_are_read_only_from_the_proxy_address():
    through_nginx = {"X-Forwarded-For": "6.6.6.6, 198.51.100.7"}      # a forged entry, then what nginx appended
    assert throttle.client_address(nginx.PROXY_ADDRESS, through_nginx, TRUSTED) == "198.51.100.7"
    assert throttle.client_address(nginx.PROXY_ADDRESS, {"X-Real-IP": "203.0.113.9"}, TRUSTED) == "203.0.113.9"
    # anything else that reaches the app's port: its own address, whatever it claims
    assert throttle.client_address("192.0.2.1", FORGED, TRUSTED) == "192.0.2.1"
    assert throttle.client_address(None, FORGED, TRUSTED) == throttle.UNKNOWN          # a local process (loopback)
    assert throttle.client_address("127.0.0.3", FORGED, TRUSTED) == "127.0.0.3"
    # the hop count of earlier releases trusts no one
    assert throttle.client_address("192.0.2.1", FORGED, {throttle.TRUSTED_PROXY_ENV: "1"}) == "192.0.2.1"
    assert throttle.client_address(None, FORGED, {throttle.TRUSTED_PROXY_ENV: "1"}) == throttle.UNKNOWN


class Echo(http.server.BaseHTTPRequestHandler):
    """A stand-in app: answers with the peer address and the headers it was sent."""

    def do_GET(self):  # noqa: N802 - the http.server name
        body = json.dumps({"peer": self.client_address[0], "headers": dict(self.headers)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            found = probe.getsockname()[0]
        except OSError:
            return None
    return None if found.startswith("127.") else found


def get(url: str, headers: dict | None = None) -> tuple[int, dict, dict | None]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as answer:
            return answer.status, dict(answer.headers), json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers), None


@pytest.fixture()
def proxied(tmp_path):
    """nginx from tracker/supervise/nginx.py, listening on every interface, in front of ``Echo``."""
    binary = nginx.binary() if Path("/usr/sbin/nginx").exists() else pytest.skip("nginx is not installed")
    app_port, port = supervisor.free_ports(2)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", app_port), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    run = tmp_path / "run"
    conf = nginx.write_child(run, str(port), [app_port], access_log=False)
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(run), "-e", "stderr"], stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        server.shutdown()


def test_nginx_sends_the_security_headers_and_is_the_only_address_trusted(proxied):
    status, headers, seen = get(f"http://127.0.0.1:{proxied}/", FORGED)
    assert status == 200
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    assert seen["peer"] == nginx.PROXY_ADDRESS                     # nginx connects from its own address
    assert throttle.client_address(seen["peer"], seen["headers"], TRUSTED) == "127.0.0.1"   # not the forged one


def test_the_metrics_endpoint_answers_only_the_machine_itself(proxied):
    assert get(f"http://127.0.0.1:{proxied}/_stcore/metrics")[0] == 200
    outside = other_address()
    if outside is None:
        pytest.skip("this machine has no address but loopback")
    status, headers, _ = get(f"http://{outside}:{proxied}/_stcore/metrics")
    assert status == 403 and headers["X-Frame-Options"] == "SAMEORIGIN"
    assert get(f"http://{outside}:{proxied}/")[0] == 200


def test_logs_are_readable_by_their_owner_only(tmp_path):
    logger = logs.rotating(tmp_path / "logs" / "app-1.log")
    logger.info("a line")
    logs.close(logger)
    assert stat.S_IMODE(os.stat(tmp_path / "logs").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "logs" / "app-1.log").st_mode) == 0o600


def test_the_briefing_cache_is_bounded_in_bytes():
    files = briefing.Files(max_bytes=10)
    made = []
    for key in "abc":
        assert files.get(key, lambda k=key: made.append(k) or k.encode() * 4) == key.encode() * 4
    assert files.held_bytes() <= 10
    files.get("b", lambda: made.append("again") or b"")            # still held: not made again
    files.get("a", lambda: made.append("a2") or b"aaaa")           # dropped first: made again
    assert made == ["a", "b", "c", "a2"]
    huge = files.get("d", lambda: b"x" * 100)                      # bigger than the bound: kept alone
    assert huge == b"x" * 100 and files.held_bytes() == 100
    assert briefing.MAX_BYTES <= 64 * 1024 * 1024


def test_no_server_log_is_committed_and_new_ones_are_ignored():
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "data", "logs"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.split()
    assert not [name for name in tracked if name.endswith(".log")]
    ignored = subprocess.run(["git", "check-ignore", "-q", "data/streamlit-12345.log"], cwd=root)
    assert ignored.returncode == 0
