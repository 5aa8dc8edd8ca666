"""Serving an office (`make serve`): two app processes behind nginx, kept running by the supervisor.

The cluster tests start ``python -m tracker.supervise`` as `make serve` does (two processes, free
ports, all on 127.0.0.1) on a private copy of the demo warehouse, drive websocket sessions through
nginx with the benchmark's driver, import a figure from the command line during the load, kill -9
one app process, and stop everything with SIGINT. The configuration tests run nginx -t and
systemd-analyze verify on what deploy/ ships; they skip only when the tool is missing.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bench import failover, load
from tests import bad_files as bf
from tracker.supervise import child as child_mod
from tracker.supervise import logs, nginx, supervisor

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NEW_VALUE = "87.6543"          # the figure the import brings; nowhere in the demo data
INDICATOR_PAGE = load.Page("indicator", f"indicator={bf.SHARE}")
has_nginx = pytest.mark.skipif(not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
                               reason="nginx is not installed (apt-get install -y nginx-light)")


# -- the cluster ------------------------------------------------------------------------------------
class Cluster:
    def __init__(self, tmp: Path, warehouse: Path):
        self.tmp, self.warehouse = tmp, warehouse
        self.port = supervisor.free_ports(1)[0]
        self.run_dir, self.log_dir = tmp / "run", tmp / "logs"
        self.out = open(tmp / "supervisor.out", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tracker.supervise", "--procs", "2", "--port", str(self.port), "--app-port", "0",
             "--warehouse", str(warehouse), "--log-dir", str(self.log_dir), "--run-dir", str(self.run_dir)],
            cwd=ROOT, env=dict(os.environ, TRACKER_WAREHOUSE=str(warehouse)), stdout=self.out,
            stderr=subprocess.STDOUT)

    @property
    def front(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def state(self) -> dict:
        try:
            return json.loads((self.run_dir / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def apps(self) -> list[dict]:
        return [c for c in self.state().get("children", []) if c["name"].startswith("app-")]

    def wait(self, what, timeout_s: float = 150.0, message: str = "") -> None:
        deadline = time.monotonic() + timeout_s
        while not what():
            assert self.proc.poll() is None, f"the supervisor ended: {(self.tmp / 'supervisor.out').read_text()}"
            assert time.monotonic() < deadline, message or "timed out"
            time.sleep(0.2)

    def ready(self) -> bool:
        apps = self.apps()
        return len(apps) == 2 and all(a["healthy"] for a in apps) and \
            child_mod.healthy(f"http://127.0.0.1:{self.port}/_stcore/health")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.out.close()


@pytest.fixture(scope="module")
def cluster(demo_warehouse, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    warehouse = tmp / "warehouse.duckdb"
    shutil.copy2(demo_warehouse, warehouse)
    c = Cluster(tmp, warehouse)
    try:
        c.wait(c.ready, message="two app processes and nginx never became healthy")
        yield c
    finally:
        c.stop()


def page_bytes(ws_url: str, page: load.Page) -> tuple[bytes, int]:
    """Every frame of one first visit in a fresh session, and the exceptions it showed."""
    import asyncio

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async def visit() -> tuple[bytes, int]:
        async with load.Session(ws_url) as s:
            back = BackMsg()
            back.rerun_script.query_string = page.query
            back.rerun_script.page_name = page.url
            await s.ws.send(back.SerializeToString())
            data, errors = b"", 0
            while True:
                frame = await asyncio.wait_for(s.ws.recv(), 60)
                data += frame
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
                    errors += 1
                if kind == "script_finished" and msg.script_finished in load.DONE:
                    return data, errors

    return asyncio.run(visit())


def pages() -> list[load.Page]:
    return [load.Page(""), INDICATOR_PAGE, load.Page("district", "district=330212"), load.Page("compare")]


def in_background(fn, *args, **kwargs) -> tuple[threading.Thread, dict]:
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(result=fn(*args, **kwargs)), daemon=True)
    thread.start()
    return thread, box


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (zombies do not count)."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            parent[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.serve
@has_nginx
def test_sessions_through_nginx_are_spread_over_both_processes(cluster):
    ports = [a["port"] for a in cluster.apps()]
    thread, box = in_background(load.load, cluster.front, pages(), 12, duration_s=5.0, think_s=0.5,
                                distinct_clients=True)
    held = []
    deadline = time.monotonic() + 60
    while thread.is_alive() and time.monotonic() < deadline and not all(held):
        held = [failover.established_to(p) for p in ports]
        time.sleep(0.3)
    thread.join(120)
    result = box["result"]
    assert result.failed == 0 and result.errors == 0 and result.runs >= 12
    assert all(held), f"nginx should give each process some of the 12 clients: {dict(zip(ports, held))}"


@pytest.mark.serve
@has_nginx
def test_nginx_compresses_the_static_files(cluster):
    request = urllib.request.Request(f"http://127.0.0.1:{cluster.port}/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as r:
        assert r.status == 200 and r.headers.get("Content-Encoding") == "gzip"


@pytest.mark.serve
@has_nginx
def test_an_import_during_the_load_reaches_every_process(cluster, tmp_path):
    ports = [a["port"] for a in cluster.apps()]
    for port in ports:
        data, _ = page_bytes(f"ws://127.0.0.1:{port}/_stcore/stream", INDICATOR_PAGE)
        assert NEW_VALUE.encode() not in data
    thread, box = in_background(load.load, cluster.front, pages(), 10, duration_s=6.0, think_s=0.5,
                                distinct_clients=True)
    time.sleep(2.0)
    file = tmp_path / "figures.csv"
    file.write_bytes(bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, NEW_VALUE, None, "市统计局", None]]))
    done = subprocess.run([sys.executable, "-m", "tracker", "import", str(file), "--by", "test"], cwd=ROOT,
                          env=dict(os.environ, TRACKER_WAREHOUSE=str(cluster.warehouse)), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    thread.join(120)
    assert box["result"].failed == 0 and box["result"].errors == 0
    for port in ports:                               # each process directly, then through nginx
        data, errors = page_bytes(f"ws://127.0.0.1:{port}/_stcore/stream", INDICATOR_PAGE)
        assert NEW_VALUE.encode() in data and errors == 0, f"the process on {port} still shows the old figure"
    data, _ = page_bytes(cluster.front, INDICATOR_PAGE)
    assert NEW_VALUE.encode() in data


@pytest.mark.serve
@has_nginx
def test_a_killed_process_loses_only_its_sessions_and_is_started_again(cluster):
    victim = cluster.apps()[0]
    port = victim["port"]

    def pid_now() -> int | None:
        return next((a["pid"] for a in cluster.apps() if a["port"] == port), None)

    got = failover.run(cluster.front, pages(), app_port=port, pid_of=pid_now, sessions=12, duration_s=8.0,
                       think_s=0.5, kill_after_s=2.0,
                       healthy=lambda: child_mod.healthy(f"http://127.0.0.1:{port}/_stcore/health", 1.0))
    assert got.on_killed > 0, "no session was on the process that was killed"
    assert 0 < got.lost <= got.on_killed, "sessions on the other process were lost too"
    assert got.recovered == got.lost, "every lost session connects again and is served"
    cluster.wait(lambda: any(a["port"] == port and a["healthy"] and a["restarts"] == 1 and a["pid"] != victim["pid"]
                             for a in cluster.apps()), 90, "the killed process was not started again")
    data, errors = page_bytes(f"ws://127.0.0.1:{port}/_stcore/stream", INDICATOR_PAGE)
    assert errors == 0 and NEW_VALUE.encode() in data            # the restarted process reads the snapshot too
    after = load.load(cluster.front, pages(), 10, duration_s=3.0, think_s=0.5, distinct_clients=True)
    assert after.failed == 0 and after.errors == 0
    said = (cluster.log_dir / "supervisor.log").read_text(encoding="utf-8")
    assert f"app-{port}: ended with code -9" in said and f"app-{port}: started again" in said


@pytest.mark.serve
@has_nginx
def test_every_process_and_nginx_log_into_one_folder(cluster):
    names = {p.name for p in cluster.log_dir.iterdir()}
    for app in cluster.apps():
        assert f"app-{app['port']}.log" in names
        assert "Uvicorn" in (cluster.log_dir / f"app-{app['port']}.log").read_text(encoding="utf-8") or \
            "You can now view" in (cluster.log_dir / f"app-{app['port']}.log").read_text(encoding="utf-8")
    assert {"nginx.log", "nginx-error.log", "supervisor.log"} <= names
    assert "/_stcore/health" in (cluster.log_dir / "nginx.log").read_text(encoding="utf-8")   # nginx's access log


@pytest.mark.serve
@has_nginx
def test_sigint_stops_nginx_and_every_app_process(cluster):
    below = descendants(cluster.proc.pid)
    assert len(below) >= 4, below                   # two app processes, nginx and its worker
    cluster.proc.send_signal(signal.SIGINT)
    assert cluster.proc.wait(40) == 0
    deadline = time.monotonic() + 10
    while any(alive(p) for p in below) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p for p in below if alive(p)] == []
    assert not (cluster.run_dir / "state.json").exists()


# -- the parts, without a cluster --------------------------------------------------------------------
def test_a_process_that_keeps_dying_waits_longer_each_time_and_a_stable_one_comes_back_at_once():
    c = child_mod.Child("app-1", ["true"], Path("/nonexistent"))
    delays = [c.died(now=100.0 * i) for i in range(1, 9)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    c.healthy_since = 1000.0
    assert c.died(now=1000.0 + child_mod.STABLE_S) == child_mod.FIRST_DELAY_S


def test_a_child_log_is_rotated_by_size(tmp_path):
    logger = logs.rotating(tmp_path / "app-1.log", max_bytes=2000, backups=2)
    reader, writer = os.pipe()
    thread = logs.pump(os.fdopen(reader, "rb"), logger)
    with os.fdopen(writer, "wb") as out:
        for i in range(200):
            out.write(f"line {i:04d} {'x' * 40}\n".encode())
    thread.join(10)
    logs.close(logger)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["app-1.log", "app-1.log.1", "app-1.log.2"]
    assert all(p.stat().st_size <= 2000 for p in tmp_path.iterdir())
    assert "line 0199" in (tmp_path / "app-1.log").read_text()


def test_children_left_by_a_killed_supervisor_are_stopped_at_the_next_start(tmp_path):
    orphan = subprocess.Popen(["sleep", "60"], process_group=0)
    try:
        gone = subprocess.Popen(["true"])
        gone.wait()
        state = {"supervisor": {"pid": gone.pid, "start": 1},
                 "children": [{"name": "app-1", "pid": orphan.pid, "start": child_mod.start_time(orphan.pid)}]}
        (tmp_path / "state.json").write_text(json.dumps(state))
        assert supervisor.stop_leftovers(tmp_path / "state.json") == [orphan.pid]
        assert orphan.wait(10) == -signal.SIGKILL
        state["supervisor"] = {"pid": os.getpid(), "start": child_mod.start_time(os.getpid())}
        (tmp_path / "state.json").write_text(json.dumps(state))
        with pytest.raises(RuntimeError, match="already serving"):
            supervisor.stop_leftovers(tmp_path / "state.json")
    finally:
        if orphan.poll() is None:
            orphan.kill()


def test_the_deploy_site_file_is_the_one_configuration():
    assert (DEPLOY / "nginx" / "tracker.conf").read_text(encoding="utf-8") == nginx.site("80", [8501, 8502])
    text = nginx.site("8080", [8081, 8082])
    for needed in ("hash $tracker_route consistent;", "proxy_set_header Upgrade $http_upgrade;",
                   "proxy_set_header Host $http_host;", "proxy_read_timeout 86400s;", "proxy_buffering off;", "gzip on;",
                   "X-Forwarded-For $proxy_add_x_forwarded_for", "server 127.0.0.1:8082"):
        assert needed in text


def nginx_t(conf: Path, prefix: Path) -> subprocess.CompletedProcess:
    return subprocess.run([nginx.binary(), "-t", "-c", str(conf), "-p", str(prefix), "-e", "stderr"],
                          capture_output=True, text=True, timeout=30)


@has_nginx
def test_nginx_accepts_the_generated_configuration_and_the_site_file(tmp_path):
    conf = nginx.write_child(tmp_path / "run", f"127.0.0.1:{supervisor.free_ports(1)[0]}", [8501, 8502])
    checked = nginx_t(conf, tmp_path / "run")
    assert checked.returncode == 0, checked.stderr
    wrapped = tmp_path / "site.conf"       # the deploy site file inside a minimal main configuration
    port = supervisor.free_ports(1)[0]
    site = (DEPLOY / "nginx" / "tracker.conf").read_text(encoding="utf-8").replace("listen 80;", f"listen 127.0.0.1:{port};")
    wrapped.write_text(f"pid {tmp_path}/n.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n"
                       f"client_body_temp_path {tmp_path}/b;\nproxy_temp_path {tmp_path}/p;\n"
                       f"fastcgi_temp_path {tmp_path}/f;\nuwsgi_temp_path {tmp_path}/u;\nscgi_temp_path {tmp_path}/s;\n"
                       f"{site}}}\n")
    checked = nginx_t(wrapped, tmp_path)
    assert checked.returncode == 0, checked.stderr
    broken = tmp_path / "broken.conf"
    broken.write_text(wrapped.read_text().replace("proxy_buffering off;", "proxy_buffering nope;"))
    assert nginx_t(broken, tmp_path).returncode != 0          # nginx -t does check what it is given


def units_for_here(tmp_path: Path) -> Path:
    """The unit files with this checkout's paths and user, as an administrator would install them."""
    import pwd

    user = pwd.getpwuid(os.getuid()).pw_name
    folder = tmp_path / "units"
    folder.mkdir()
    text = ((DEPLOY / "systemd" / "tracker-app@.service").read_text(encoding="utf-8")
            .replace("/etc/tracker/tracker.env", str(DEPLOY / "tracker.env"))
            .replace("/opt/tracker/.venv/bin/python", sys.executable).replace("/opt/tracker", str(ROOT))
            .replace("User=tracker", f"User={user}").replace("Group=tracker", f"Group={user}"))
    (folder / "tracker-app@8501.service").write_text(text)
    shutil.copy(DEPLOY / "systemd" / "tracker.target", folder / "tracker.target")
    drop_in = (DEPLOY / "systemd" / "nginx.service.d" / "tracker.conf").read_text(encoding="utf-8")
    (folder / "nginx-tracker.service").write_text(f"[Service]\nExecStart={nginx.binary()} -g 'daemon off;'\n"
                                                  + drop_in)
    return folder


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
@has_nginx
def test_systemd_accepts_the_unit_files(tmp_path):
    folder = units_for_here(tmp_path)
    units = [str(folder / n) for n in ("tracker-app@8501.service", "tracker.target", "nginx-tracker.service")]
    checked = subprocess.run(["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True,
                             timeout=60)
    complaints = [line for line in (checked.stdout + checked.stderr).splitlines()
                  if str(folder) in line or "Unknown" in line or "ignoring" in line]
    assert checked.returncode == 0 and complaints == [], checked.stdout + checked.stderr
    broken = folder / "tracker-app@8502.service"
    broken.write_text((folder / "tracker-app@8501.service").read_text().replace("Restart=always", "Restart=alwayz"))
    again = subprocess.run(["systemd-analyze", "verify", "--man=no", str(broken)], capture_output=True, text=True,
                           timeout=60)
    assert "alwayz" in again.stdout + again.stderr                # the check does read the units


def test_the_deploy_environment_names_what_the_app_reads():
    from tracker.importer import auth, throttle

    names = {line.split("=", 1)[0] for line in (DEPLOY / "tracker.env").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")}
    assert names == {auth.ENV, "TRACKER_WAREHOUSE", "TRACKER_BASEMAP", throttle.TRUSTED_PROXY_ENV}


def test_the_bench_row_fails_a_kill_that_lost_sessions_of_the_other_process():
    from bench import cluster

    def kill_row(lost: int, held: int, recovered: int):
        kill = {"sessions": 25, "on_killed": held, "lost": lost, "recovered": recovered, "recovery_p50_s": 1.0,
                "recovery_max_s": 2.0, "restarted_s": 6.0}
        runs = [{"procs": 1, "levels": [], "arrivals": None},
                {"procs": 2, "levels": [], "arrivals": None, "kill": kill}]
        return next(r for r in cluster.rows({"runs": runs}) if "kill -9" in r.metric)

    assert kill_row(12, 12, 12).failed == ()
    assert kill_row(14, 12, 14).failed == ("demo",)        # sessions of the surviving process were lost
    assert kill_row(12, 12, 11).failed == ("demo",)        # one never came back
