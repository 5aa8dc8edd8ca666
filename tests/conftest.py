"""Shared fixtures. Tests never touch data/warehouse.duckdb: each session builds its own."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_SESSION_DIR = None


def pytest_configure(config):
    """Point the app at a private demo warehouse before any test module imports tracker."""
    global _SESSION_DIR
    import tempfile

    _SESSION_DIR = Path(tempfile.mkdtemp(prefix="tracker-tests-"))
    os.environ["TRACKER_WAREHOUSE"] = str(_SESSION_DIR / "warehouse.duckdb")


@pytest.fixture(scope="session", autouse=True)
def screens_imported() -> None:
    """Every module of components/ imported once before any test runs: a test that monkeypatches a
    shared function (downloads.table_downloads, say) must not be where a module that binds it by name
    is first imported, or that module keeps the test's stand-in for the rest of the session."""
    import importlib
    import pkgutil

    import components

    for module in pkgutil.walk_packages(components.__path__, "components."):
        importlib.import_module(module.name)


@pytest.fixture(scope="session")
def demo_warehouse() -> Path:
    """The real build (catalogue, areas, demo data, status) into the session's private path."""
    from tracker import build, paths

    path = paths.warehouse_path()
    if not path.exists():
        build.build(path, demo=True)
    return path


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory) -> Path:
    """A small hand-made warehouse with known rows, for the SQL tests."""
    from tests.fixture_data import build_fixture

    path = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    build_fixture(path)
    return path


# Browser fixtures: one server on the session's demo warehouse for every browser test, and one
# chromium per module. Deep links on a freshly started server are tested on a server of their own
# (``fresh_server`` in tests/chromium/test_browser.py); servers on other data (a hostile catalogue, an import)
# are started by the tests that need them, with tests.browser.served_app. Chromium is closed after
# each module because playwright's sync API keeps an event loop running in the thread while it is
# open, and the serving and benchmark tests call asyncio.run (about a second per module to launch).
@pytest.fixture(scope="session")
def server(demo_warehouse):
    from tests import browser as b

    with b.served_app(demo_warehouse) as base:
        yield base


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    from tests import browser as b

    assert Path(b.CHROMIUM).exists(), "Debian's chromium is missing: apt-get install -y chromium fonts-noto-cjk"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=b.CHROMIUM, args=b.CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def private(tmp_path, demo_warehouse, monkeypatch) -> Path:
    """A copy of the session's demo warehouse that this test may change (TRACKER_WAREHOUSE points at it),
    with no administrator password configured."""
    import shutil

    from tracker.importer import auth

    path = tmp_path / "w.duckdb"
    shutil.copy2(demo_warehouse, path)
    monkeypatch.setenv("TRACKER_WAREHOUSE", str(path))
    monkeypatch.delenv(auth.ENV, raising=False)       # no administrator password unless a test sets one
    return path


@pytest.fixture()
def with_password(private, monkeypatch) -> Path:
    """``private``, with the Data page's administrator password set to tests.data_page.PASSWORD."""
    from tests.data_page import PASSWORD
    from tracker.importer import auth

    monkeypatch.setenv(auth.ENV, auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS))
    return private


@pytest.fixture(scope="session")
def demo_pack(demo_warehouse, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The meeting pack made once per test run by the command line, each format in each language, for
    the demo warehouse's latest year (2025, the plan's target year). The processes of ``-n`` share it:
    each builds the same demo warehouse (tests/store/test_cli.py holds the build to being
    deterministic), so the first process to ask makes the pack and the others read its files."""
    import fcntl

    from tracker import cli

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "demo-pack"
    folder.mkdir(exist_ok=True)
    paths = {(fmt, lang): folder / f"brief-{lang}.{fmt}" for fmt in ("pptx", "pdf") for lang in ("zh", "en")}
    with open(shared / "demo-pack.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)            # released when the file closes
        if not (folder / "made").exists():
            for (fmt, lang), path in paths.items():
                assert cli.main(["brief", "--format", fmt, "--out", str(path), "--lang", lang]) == 0
            (folder / "made").write_text("")
    return paths
