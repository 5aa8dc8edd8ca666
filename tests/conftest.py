"""Shared fixtures. Tests never touch data/warehouse.duckdb: each session builds its own."""
from __future__ import annotations

import contextlib
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
    # `make test` runs three test processes on two cores, each with its app servers: one DuckDB thread
    # each, as `make serve` gives each of its processes its share of the cores (tracker.warehouse.threads)
    os.environ.setdefault("TRACKER_DB_THREADS", "1")


# The order the files are handed to the processes of `make test` (pytest-xdist, --dist loadfile with
# --no-loadscope-reorder: without it xdist starts with the files of most tests, the quick rule tables,
# and leaves the long browser files for the end). The layers whose files take longest go first, so the
# quick ones fill in at the end; and each process runs its browser files before anything else, so
# it starts chromium once.
LAYER_ORDER = ("chromium", "pack", "serving", "headless", "store", "rules")


def pytest_collection_modifyitems(config, items):
    """Tests in LAYER_ORDER, in path order within a layer (the sort is stable)."""
    def layer(item) -> int:
        parts = item.path.relative_to(ROOT / "tests").parts
        return LAYER_ORDER.index(parts[0]) if len(parts) > 1 and parts[0] in LAYER_ORDER else len(LAYER_ORDER)

    items.sort(key=layer)


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


def shared_folder(tmp_path_factory) -> Path:
    """A folder every process of ``-n`` sees (the run's base temporary folder), for what is made once
    per run under a lock (``made_once``)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def made_once(tmp_path_factory, name: str):
    """Yield (folder, made): the run's shared folder ``name``, held under a lock for the block;
    ``made`` tells whether an earlier process finished it (the block makes it when not)."""
    import fcntl

    shared = shared_folder(tmp_path_factory)
    folder = shared / name
    folder.mkdir(exist_ok=True)
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)            # released when the file closes
        made = (folder / ".made").exists()
        yield folder, made
        (folder / ".made").write_text("")


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory) -> Path:
    """The real build (catalogue, areas, demo data, status) into the session's private path. The
    processes of ``-n`` share one build (tests/store/test_cli.py holds it to being deterministic):
    the first to ask builds it, and each copies it, with its backups and journal, to its own folder."""
    import shutil

    from tracker import build, paths

    path = paths.warehouse_path()
    if not path.exists():
        with made_once(tmp_path_factory, "demo-warehouse") as (folder, made):
            if not made:
                build.build(folder / path.name, demo=True)
            shutil.copytree(folder, path.parent, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".made", "*.lock"))
    return path


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory) -> Path:
    """A small hand-made warehouse with known rows, for the SQL tests."""
    from tests.fixture_data import build_fixture

    path = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    build_fixture(path)
    return path


# Browser fixtures: one server on the session's demo warehouse for every browser test, and one
# chromium for a process's run of browser files. Deep links on a freshly started server are tested on a
# server of their own (``fresh_server`` in tests/chromium/test_accessibility.py); servers on other data (a
# hostile catalogue, an import) are started by the tests that need them, with tests.browser.served_app.
# Playwright's sync API keeps an event loop running in the thread while chromium is open, which
# ``asyncio.run`` (the serving and benchmark tests) and AppTest's runs must not meet: chromium is
# stopped before any module outside tests/chromium, and started again by the next browser module.
# Each process runs its browser files first (LAYER_ORDER above), so it launches chromium once.
@pytest.fixture(scope="session")
def server(demo_warehouse):
    from tests import browser as b

    with b.served_app(demo_warehouse) as base:
        yield base


class _Chromium:
    """Debian's chromium through playwright, launched on first use and kept across browser modules."""

    def __init__(self) -> None:
        self.playwright = self.browser = None

    def get(self):
        from playwright.sync_api import sync_playwright

        from tests import browser as b

        if self.browser is None or not self.browser.is_connected():
            self.stop()
            assert Path(b.CHROMIUM).exists(), "Debian's chromium is missing: apt-get install -y chromium fonts-noto-cjk"
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=b.CHROMIUM, args=b.CHROMIUM_ARGS,
                                                          headless=True)
        return self.browser

    def stop(self) -> None:
        if self.browser is not None:
            self.browser.close()
        if self.playwright is not None:
            self.playwright.stop()
        self.playwright = self.browser = None


_CHROMIUM = _Chromium()


@pytest.fixture(scope="module", autouse=True)
def _no_chromium_outside_browser_files(request):
    """Stop chromium before a module that is not a browser file (see above)."""
    if Path(str(request.fspath)).parent.name != "chromium":
        _CHROMIUM.stop()
    yield


@pytest.fixture(scope="session", autouse=True)
def _chromium_stopped_at_the_end():
    yield
    _CHROMIUM.stop()


@pytest.fixture(scope="module")
def chromium():
    return _CHROMIUM.get()


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
    the demo warehouse's latest year (2025, the plan's target year). The processes of ``-n`` share it as
    they share the demo build: the first process to ask makes the pack and the others read its files."""
    from tracker import cli

    with made_once(tmp_path_factory, "demo-pack") as (folder, made):
        paths = {(fmt, lang): folder / f"brief-{lang}.{fmt}" for fmt in ("pptx", "pdf") for lang in ("zh", "en")}
        if not made:
            for (fmt, lang), path in paths.items():
                assert cli.main(["brief", "--format", fmt, "--out", str(path), "--lang", lang]) == 0
    return paths
