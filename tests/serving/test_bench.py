"""The benchmark's own parts, small and fast: no timed assertions (timings live in `python -m bench`)."""
from __future__ import annotations

import asyncio

import duckdb
import pytest

from bench import load, params, report, scale, server
from tracker import catalog, db

TINY = scale.Spec(history_from=2024, versions=2, townships=2, indicators=6)


@pytest.fixture(scope="module")
def tiny_scale(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "tiny.duckdb"
    timings = scale.build_scale(path, TINY)
    return path, timings


def test_the_scale_generator_writes_every_month_of_every_series(tiny_scale):
    path, timings = tiny_scale
    districts = catalog.load()["areas"].query("kind == 'district'")
    n_areas = len(catalog.load()["areas"]) + 2 * len(districts)       # two townships per district
    assert timings["observations"] == scale.expected_rows(6, n_areas, TINY)
    with duckdb.connect(str(path), read_only=True) as con:
        kinds = dict(con.execute("select kind, count(*) from areas group by kind").fetchall())
        assert kinds["township"] == 2 * len(districts)
        orphans = con.execute("select count(*) from areas t left join areas d on t.parent = d.area_code "
                              "where t.kind = 'township' and d.kind is distinct from 'district'").fetchone()[0]
        assert orphans == 0
        assert con.execute("select min(month), max(month) from observations").fetchone() == (1, 12)
        plans = [r[0] for r in con.execute("select plan_id from plans order by plan_id").fetchall()]
        assert plans == ["nb-cp-2021-2025", scale.PLAN2["plan_id"]]


def test_monthly_figures_become_yearly_through_the_apps_own_view(tiny_scale):
    path, _ = tiny_scale
    with duckdb.connect(str(path), read_only=True) as con:
        per_year = con.execute("select count(*), count(distinct (indicator_id, area_code, year)) "
                               "from obs_current").fetchone()
        assert per_year[0] == per_year[1]          # one value per indicator, area and year
        picked = con.execute("select distinct o.month, o.batch_id from obs_current c "
                             "join observations o using (obs_seq)").fetchall()
        assert picked == [(12, "scale-final")]     # December's final figure
        statuses = dict(con.execute("select plan_id, count(*) from status group by plan_id").fetchall())
        assert statuses.get(scale.PLAN2["plan_id"], 0) > 0


def test_the_apps_queries_run_on_the_scale_warehouse(tiny_scale):
    path, _ = tiny_scale
    values = params.sample(path)
    assert values["plan_id"] == scale.PLAN2["plan_id"]    # the plan with the newest data comes first
    for name in ("plans", "areas", "data_mode", "indicators"):
        if name in db.query_names():
            for bound in params.bindings(name, values).values():
                db.run(name, path=path, **bound)


def test_query_headers_say_which_parameters_may_be_null():
    assert params.nullable("indicators", "action_no")
    assert not params.nullable("indicators", "plan_id")
    if "import_rollback" in db.query_names():
        assert not params.is_read_only("import_rollback")
    assert params.is_read_only("plans")


@pytest.fixture(scope="module")
def bare_server():
    with server.serve(None, None) as served:
        yield served


def test_the_load_driver_completes_its_reruns_on_a_bare_page(bare_server):
    async def five() -> list[load.Run]:
        async with load.Session(bare_server.ws_url) as tab:
            return [await tab.rerun(load.Page("")) for _ in range(5)]

    runs = asyncio.run(five())
    assert len(runs) == 5
    assert all(r.bytes > 0 and r.messages >= 2 and not r.errors and not r.not_found for r in runs)


def test_a_load_level_holds_its_sessions_and_stops_by_itself(bare_server):
    result = load.load(bare_server.ws_url, [load.Page("")], 3, duration_s=1.5, think_s=0.1, pid=bare_server.pid)
    assert result.failed == 0
    assert result.runs >= 3
    assert result.rss_mb > 0
    assert result.p95_ms >= result.p50_ms > 0


def test_a_burst_of_first_visits_times_each_fresh_session(bare_server):
    got = load.burst(bare_server.ws_url, [load.Page("")], 4, trace=True)
    assert got.failed == 0 and len(got.arrivals) == 4
    assert got.max_ms >= got.p95_ms >= got.p50_ms > 0
    for arrival in got.arrivals:
        assert 0 < arrival.connected_ms < arrival.latency_ms
        assert arrival.runs == 1 and arrival.elements >= 1 and not arrival.framed   # no set_page_config
        assert arrival.trace[-1][1] == "script_finished:FINISHED_SUCCESSFULLY"


def test_the_driver_refuses_anything_but_loopback():
    with pytest.raises(ValueError):
        asyncio.run(load.visit("ws://example.org:80/_stcore/stream", load.Page("")))


def _results() -> dict:
    page = {"page": "pages/overview.py", "url": "overview", "query": {}, "first_ms": 900.0, "cold_ms": 250.0,
            "warm_p50_ms": 75.0, "warm_p95_ms": 90.0, "deck_bytes": [], "chart_bytes": 0, "elements": 9,
            "error": None}
    query = {"name": "plans", "binding": "one", "p50_ms": 2.0, "p95_ms": 3.0, "rows": 1, "runs": 30,
             "error": None, "note": ""}
    level = {"sessions": 10, "think_s": 1.0, "duration_s": 10.0, "runs": 80, "failed": 0, "errors": 0,
             "p50_ms": 120.0, "p95_ms": 640.0, "max_ms": 900.0, "throughput": 8.0, "rss_mb": 300.0}
    serve = {"rss_idle_mb": 55.0, "rss_warm_mb": 250.0, "health_s": 1.2, "first_page_s": 2.5,
             "pages": {"overview": {"latency_ms": 100.0, "bytes": 40000, "messages": 60, "errors": 0,
                                    "not_found": False, "deflated": 14000}},
             "levels": [dict(level, sessions=1, p95_ms=90.0, rss_mb=260.0), level]}
    burst = {"p50_ms": 700.0, "p95_ms": 900.0, "max_ms": 950.0, "failed": 0, "frameless": 0, "reruns": 0,
             "errors": 0}
    first = {"demo": {"sessions": 10, "reps": [{}, {}, {}], "cold": dict(burst, p95_ms=1500.0, frameless=7),
                      "warm": burst},
             "bare": {"sessions": 10, "reps": [{}], "cold": dict(burst, p95_ms=120.0), "warm": burst}}
    return {"meta": {"when": "2026-11-28 12:00", "machine": "2 cores"},
            "warehouses": {"demo": {"path": "demo.duckdb", "observations": 5406}},
            "pages": {"demo": [page]}, "sql": {"demo": [query]},
            "serve": {"demo": serve, "bare": dict(serve, levels=[dict(level, throughput=10.0)]),
                      "first_visits": first}}


def test_the_report_prints_each_metric_beside_its_target():
    text = report.render(_results())
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("metric"))
    assert header.split() == ["metric", "demo", "scale", "target"]
    assert any("overview · warm p50" in line and "75.0 ms ✗" in line and "≤ 60 ms" in line for line in lines)
    assert any("overview · cold" in line and "250 ms ✓" in line for line in lines)
    assert any(line.startswith("plans") and "✓" in line for line in lines)
    assert any("app · 10 sessions" in line and "80% of bare" in line and "✗" in line for line in lines)
    assert any("app · freshly started server" in line and "700 / 1,500 / 950 ms, 7 without the frame ✗" in line
               and "p95 ≤ 1.2 s" in line for line in lines)
    assert any("app · warm server" in line and "700 / 900 / 950 ms ✓" in line for line in lines)
    assert any("bare one-line page · freshly started server" in line and "info" in line for line in lines)
    assert "3 of" in text and "✗ overview · warm p50 [demo]" in text


def test_the_report_table_lines_up():
    rows = [report.Row("a section", section=True), report.Row("x", "1 ms ✓", "22 ms ✗", "≤ 5 ms"),
            report.Row("longer metric", "3 ms", "", "info")]
    lines = report.table(rows).splitlines()
    assert lines[2] == "· a section"
    demo_at = lines[0].index("demo")
    assert lines[3][demo_at:].startswith("1 ms ✓") and lines[4][demo_at:].startswith("3 ms")


def test_the_theme_sends_its_rules_with_only_blanks_and_comments_dropped():
    import re

    from components import theme

    for present in (False, True):
        sent = theme._block(present)
        assert sent.startswith("<style>") and sent.endswith("</style>")
        source = re.sub(r"\s+", "", re.sub(r"/\*.*?\*/", "", theme.css(present), flags=re.S))
        assert re.sub(r"\s+", "", sent[len("<style>"):-len("</style>")]) == source
        assert len(sent) < 0.85 * len(theme.css(present))
        assert '[data-testid="stMain"] p' in sent          # descendant selectors keep their blank


def test_the_room_rows_hold_each_burst_to_its_target():
    from bench import room

    def burst(p95: float, cpu: list[float]) -> dict:
        return {"p50_ms": p95 - 50, "p95_ms": p95, "max_ms": p95 + 10, "failed": 0, "errors": 0, "cpu_s": cpu}

    results = {"started": burst(900, [0.5]), "after_import": burst(1300, [0.4]), "import_s": 5.0,
               "bare": burst(120, []), "one_address": burst(1400, [0.6, 0.7]),
               "many_addresses": burst(1600, [0.5, 0.8])}
    rows = {r.metric: r for r in room.rows(results) if not r.section}
    assert [bool(r.failed) for r in rows.values() if r.target != "info"] == [False, True, False, True]
    assert "CPU s per process 0.60 + 0.70" in rows["30 through make serve (2 processes), from one address"].demo
    assert room.rows({}) == []
