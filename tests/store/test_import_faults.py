"""Faults and concurrency: an import killed inside its transaction loses nothing and leaves no lock
behind; the app keeps serving while the command line imports."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests import bad_files as bf
from tests import browser as b
from tests.screens import open_screen
from tracker import db
from tracker.importer.apply import PAUSE_ENV

ROOT = Path(__file__).resolve().parents[2]


def start_import(file: Path, warehouse: Path, pause: float) -> subprocess.Popen:
    env = dict(os.environ, TRACKER_WAREHOUSE=str(warehouse), PYTHONUNBUFFERED="1", **{PAUSE_ENV: str(pause)})
    return subprocess.Popen([sys.executable, "-m", "tracker", "import", str(file), "--by", "test"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_paused(proc: subprocess.Popen, timeout_s: float = 120) -> None:
    """Block until the importer says it is inside its transaction (it prints before sleeping)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if PAUSE_ENV in line:
            return
        if line == "" and proc.poll() is not None:
            raise AssertionError(f"the import ended before pausing: {proc.returncode} {proc.stdout.read()}")
    raise AssertionError("the import never reached its transaction")


def current_values(path: Path):
    return db.run("observations_export", path=path, plan_id=None)


def good_file(tmp_path: Path) -> Path:
    file = tmp_path / "good.csv"
    file.write_bytes(bf.csv_bytes(bf.good_rows(), encoding="gb18030"))
    return file


def test_an_import_killed_inside_its_transaction_leaves_the_snapshot_intact(private, tmp_path):
    file = good_file(tmp_path)
    before_bytes, before_values = private.read_bytes(), current_values(private)
    proc = start_import(file, private, pause=120)
    try:
        wait_until_paused(proc)
        assert list(private.parent.glob(f".{private.name}.*.tmp")), "the writer works on a copy"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    assert private.read_bytes() == before_bytes
    assert current_values(private).equals(before_values)
    # the flock died with the process: the next import runs at once and lands
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "tracker", "import", str(file)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, TRACKER_WAREHOUSE=str(private)))
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 60
    after = current_values(private)
    assert after[(after.indicator_id == bf.SHARE) & (after.year == 2024) & (after.area_code == bf.CITY)]["value"] \
        .tolist() == [12.5]


def test_the_app_keeps_serving_while_the_command_line_imports(private, tmp_path):
    file = good_file(tmp_path)
    with b.served_app(private) as base:
        proc = start_import(file, private, pause=6)
        try:
            wait_until_paused(proc)
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as r:
                assert r.status == 200
            with urllib.request.urlopen(f"{base}/", timeout=10) as r:
                assert r.status == 200 and b"<html" in r.read().lower()
            # a session runs the app's script meanwhile, on the snapshot in force
            at = open_screen(None, timeout=60)
            assert not at.exception and at.title[0].value == "总览"
            assert int(db.run("data_mode", path=private).iloc[0]["count_real"]) == 0
            assert proc.wait(120) == 0, proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
            proc.stderr.close()
        assert int(db.run("data_mode", path=private).iloc[0]["count_real"]) == 5
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as r:
            assert r.status == 200
