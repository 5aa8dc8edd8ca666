"""Page script times with Streamlit's AppTest, one fresh process per page.

For each page in ``components.frame.PAGES`` (and meeting mode) whose file exists:

* ``first`` — the first run in a fresh process: app modules imported, caches empty, no
  connection. What the first visitor after a restart pays for that page.
* ``cold`` — caches cleared (``st.cache_data``, ``st.cache_resource``, the warehouse
  connection) in a process that has the modules: what the first visit after an import pays
  (the snapshot version is part of every cache key). The 300 ms target applies here.
* ``warm`` — the median of reruns of the same page (shared caches full): the 60 ms target.

Both warehouses are measured the same way, so ``cold`` never includes what only the first run in a
process pays (Python imports, Streamlit's own first-use work such as its emoji table and the first
``inspect.stack()``): that is ``first``. ``--cold-only`` (manual use) skips ``first`` and times one run
with empty caches after importing what ``app.py`` and the page import.

AppTest adds its own small cost (a bare one-line page measures it: ``bare``). The worker also
reports what the page rendered that the payload targets care about: the pydeck layer's JSON size.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import pct

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class PageTiming:
    page: str
    url: str
    query: dict[str, str]
    first_ms: float = float("nan")
    cold_ms: float = float("nan")
    warm_p50_ms: float = float("nan")
    warm_p95_ms: float = float("nan")
    deck_bytes: list[int] = field(default_factory=list)
    chart_bytes: int = 0
    elements: int = 0
    error: str | None = None


def existing_pages() -> list[tuple[str, str]]:
    """(file, url path) of every registered page that exists now, meeting mode last."""
    from components.frame import PAGES, PRESENT_PAGE

    return [(f, url) for f, url, _, _ in [*PAGES, PRESENT_PAGE] if (ROOT / f).exists()]


def _clear_caches() -> None:
    import streamlit as st

    from tracker.warehouse import READER

    st.cache_data.clear()
    st.cache_resource.clear()
    READER.close_all()


def _app_test(file: str, query: dict[str, str], default_file: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if file != default_file and "present" not in query:
        at.switch_page(file)   # before the first run Streamlit matches the file name to the url path
    return at


def _timed_run(at) -> float:
    t0 = time.perf_counter()
    at.run()
    return (time.perf_counter() - t0) * 1000.0


def _inspect(at, timing: PageTiming) -> None:
    from streamlit.testing.v1.element_tree import Block

    if at.exception:
        timing.error = "; ".join(str(e.value)[:160] for e in at.exception)
    timing.deck_bytes = [len(e.proto.json) for e in at.get("deck_gl_json_chart")]
    charts = [*at.get("vega_lite_chart"), *at.get("arrow_vega_lite_chart")]
    timing.chart_bytes = sum(e.proto.ByteSize() for e in charts)

    def count(node) -> int:
        return 1 + sum(count(c) for c in getattr(node, "children", {}).values()) if isinstance(node, Block) else 1

    timing.elements = count(at._tree)


def preimport(*files: Path) -> None:
    """Import what these scripts import, without running them."""
    import ast
    import importlib

    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                try:
                    importlib.import_module(name)
                except ImportError:
                    pass          # ``from m import function``: m itself is imported above


def worker(warehouse: str, file: str, url: str, query: dict[str, str], reps: int,
           cold_only: bool = False) -> PageTiming:
    """Runs inside the fresh process (``python -m bench page-worker``)."""
    os.environ["TRACKER_WAREHOUSE"] = warehouse
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from components.frame import PAGES

    default_file = PAGES[0][0]
    timing = PageTiming(file, url, query)
    if cold_only:
        preimport(ROOT / "app.py", ROOT / file)
    else:
        at = _app_test(file, query, default_file)
        timing.first_ms = _timed_run(at)
        _clear_caches()
    at = _app_test(file, query, default_file)
    timing.cold_ms = _timed_run(at)
    _inspect(at, timing)
    warm = [_timed_run(at) for _ in range(reps)]
    timing.warm_p50_ms, timing.warm_p95_ms = pct(warm, 50), pct(warm, 95)
    return timing


def bare_worker(reps: int) -> PageTiming:
    """AppTest's own cost: a one-line page run the same way."""
    import tempfile

    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text('import streamlit as st\nst.write("ok")\n')
        at = AppTest.from_file(str(script))
        timing = PageTiming("(bare one-line page)", "", {})
        timing.first_ms = _timed_run(at)
        timing.cold_ms = timing.first_ms
        warm = [_timed_run(at) for _ in range(reps)]
    timing.warm_p50_ms, timing.warm_p95_ms = pct(warm, 50), pct(warm, 95)
    return timing


def _spawn(args: list[str], timeout_s: float) -> PageTiming | None:
    proc = subprocess.run([sys.executable, "-m", "bench", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout_s)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return None
    return PageTiming(**json.loads(lines[-1]))


def run(warehouse: Path, values: dict, *, reps: int = 15, timeout_s: float = 180.0,
        cold_only: bool = False) -> list[PageTiming]:
    """Every existing page, each in its own process, then the bare page."""
    from bench.params import page_query

    out: list[PageTiming] = []
    for file, url in existing_pages():
        query = page_query(url, values)
        args = ["page-worker", "--warehouse", str(warehouse), "--page", file, "--url", url,
                "--reps", str(reps), "--query", json.dumps(query)] + (["--cold-only"] if cold_only else [])
        try:
            timing = _spawn(args, timeout_s)
        except subprocess.TimeoutExpired:
            timing = None
        out.append(timing or PageTiming(file, url, query, error="the page worker failed or timed out"))
    bare = _spawn(["page-worker", "--bare", "--reps", str(reps)], timeout_s)
    if bare:
        out.append(bare)
    return out
