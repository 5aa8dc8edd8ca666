"""Served measurements on one warehouse: time to the first page, payload per page, load, memory."""
from __future__ import annotations

import statistics
from dataclasses import asdict
from pathlib import Path

from bench import load, server
from bench.stats import rss_mb

ROOT = Path(__file__).resolve().parents[1]
# What `streamlit run` serves: an entry file with a start-up hook (st.App) when the app has one,
# else app.py itself. AppTest (bench/pages.py) always runs app.py.
ENTRY = next((p for p in (ROOT / "serve.py", ROOT / "app.py") if p.exists()), ROOT / "app.py")


def page_list(values: dict) -> list[tuple[str, load.Page]]:
    """(url path, Page) for every existing page: the default page and meeting mode are the app's
    default route (page name ''), the others are named by their URL path."""
    from bench.pages import existing_pages
    from bench.params import page_query
    from components.frame import PAGES

    default = PAGES[0][1]
    out = []
    for _, url in existing_pages():
        query = "&".join(f"{k}={v}" for k, v in page_query(url, values).items())
        out.append((url, load.Page("" if url in (default, "present") else url, query)))
    return out


def measure(warehouse: Path | None, values: dict, *, levels: list[int], duration_s: float, think_s: float,
            flags: dict[str, str] | None = None, payload: bool = True, script: Path | None = ENTRY,
            log_dir: Path | None = None) -> dict:
    """Start a server, visit each page once (payload), then hold each load level in turn."""
    pages = page_list(values) if script is not None else [("bare", load.Page(""))]
    out: dict = {"levels": [], "pages": {}}
    with server.serve(script, warehouse, flags=flags, log_dir=log_dir) as srv:
        out["health_s"] = srv.health_s
        out["rss_idle_mb"] = rss_mb(srv.pid)
        first = load.first_page(srv.ws_url, pages[0][1])
        out["first_page_s"] = srv.health_s + first.latency_ms / 1000.0
        out["first_page_run_ms"] = first.latency_ms
        visits = load.visits(srv.ws_url, [p for _, p in pages])     # also warms every page's cache
        again = load.visits(srv.ws_url, [p for _, p in pages])      # the same, with warm caches
        if payload:
            out["pages"] = {url: dict(asdict(run), warm_ms=warm.latency_ms)
                            for (url, _), run, warm in zip(pages, visits, again)}
        out["rss_warm_mb"] = rss_mb(srv.pid)
        for n in levels:
            result = load.load(srv.ws_url, [p for _, p in pages], n, duration_s=duration_s, think_s=think_s,
                               pid=srv.pid)
            row = asdict(result)
            row.pop("latencies")
            out["levels"].append(row)
        out["rss_end_mb"] = rss_mb(srv.pid)
    return out


def _burst_summary(b: load.Burst, framed: bool) -> dict:
    """The numbers kept of one burst; ``framed``: count the arrivals whose page lacked app.py's frame."""
    done = [a for a in b.arrivals if not a.failed]
    pages: dict[str, dict] = {}
    for a in done:
        pages.setdefault(a.page, {"elements": a.elements, "bytes": a.bytes, "runs": a.runs})
    return {"p50_ms": b.p50_ms, "p95_ms": b.p95_ms, "max_ms": b.max_ms, "failed": b.failed,
            "reruns": sum(a.runs - 1 for a in done), "errors": sum(a.errors for a in done),
            "frameless": sum(1 for a in done if not a.framed) if framed else 0,
            "latencies": sorted(round(a.latency_ms, 1) for a in done), "pages": pages}


def first_visits(warehouse: Path | None, values: dict, *, script: Path | None = ENTRY,
                 sessions: int = 10, reps: int = 3, log_dir: Path | None = None) -> dict:
    """``sessions`` fresh sessions arriving at once, spread over the pages' deep links: on a freshly
    started server (cold: nothing imported, cached or opened yet), then again on the same server
    (warm: the first burst filled the caches). ``reps`` servers in turn; the medians over them are
    kept beside every repetition."""
    pages = [p for _, p in page_list(values)] if script is not None else [load.Page("")]
    out: dict = {"sessions": sessions, "reps": []}
    for _ in range(reps):
        with server.serve(script, warehouse, log_dir=log_dir) as srv:
            cold = load.burst(srv.ws_url, pages, sessions)
            warm = load.burst(srv.ws_url, pages, sessions)
        out["reps"].append({"cold": _burst_summary(cold, script is not None),
                            "warm": _burst_summary(warm, script is not None)})
    for phase in ("cold", "warm"):
        runs = [r[phase] for r in out["reps"]]
        out[phase] = {key: statistics.median(r[key] for r in runs) for key in ("p50_ms", "p95_ms", "max_ms")}
        out[phase].update({key: max(r[key] for r in runs) for key in ("failed", "frameless", "reruns", "errors")})
    return out
