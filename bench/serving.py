"""Served measurements on one warehouse: time to the first page, payload per page, load, memory."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from bench import load, server
from bench.stats import rss_mb

ROOT = Path(__file__).resolve().parents[1]


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
            flags: dict[str, str] | None = None, payload: bool = True, script: Path | None = ROOT / "app.py",
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
