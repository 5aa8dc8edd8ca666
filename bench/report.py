"""One table: every metric on the demo and the scale warehouse, beside its target (DESIGN §8).

A cell holds the measured value and, where a target applies, ✓ or ✗. The results come as plain
dicts (what ``bench.runner`` writes to bench/results/latest.json), so the table can be rebuilt
from a saved run: ``python -m bench report``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

WARM_MS, COLD_MS = 60.0, 300.0
SQL_MS = {"demo": 5.0, "scale": 15.0}
P95_10_MS, P95_25_MS = 500.0, 1500.0
FIRST_VISIT_MS = 1200.0      # ten sessions arriving at once: p95 of connect → first complete page
PAYLOAD_KB, MAP_KB = 250.0, 50.0
COLUMNS = ("metric", "demo", "scale", "target")


@dataclass
class Row:
    metric: str
    demo: str = ""
    scale: str = ""
    target: str = ""
    section: bool = False        # a heading row
    failed: tuple[str, ...] = ()  # which columns missed the target


def ms(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.0f} ms" if x >= 100 else f"{x:.1f} ms"


def kb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1000:.1f} KB"


def mark(text: str, ok: bool | None) -> str:
    return text if ok is None else f"{text} {'✓' if ok else '✗'}"


def _ok(value: float | None, limit: float) -> bool | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value <= limit


def _cells(metric: str, target: str, values: dict[str, tuple[str, bool | None]]) -> Row:
    row = Row(metric, target=target)
    for col, (text, ok) in values.items():
        setattr(row, col, mark(text, ok))
        if ok is False:
            row.failed += (col,)
    return row


def page_rows(pages: dict[str, list[dict]]) -> list[Row]:
    rows = [Row("page script (AppTest, one fresh process per page)", section=True)]
    names = list(dict.fromkeys(p["page"] for side in pages.values() for p in side))
    names.sort(key=lambda n: "bare" in n)          # the bare page last, as the floor
    by = {side: {p["page"]: p for p in items} for side, items in pages.items()}
    for name in names:
        label = name.removeprefix("pages/").removesuffix(".py")
        got = {side: by.get(side, {}).get(name) for side in ("demo", "scale")}
        if any(g and g.get("error") for g in got.values()):
            errs = {side: (("error: " + g["error"][:40]) if g and g.get("error") else "", None)
                    for side, g in got.items()}
            rows.append(_cells(f"{label} · error", "no exception", {s: (t, False if t else None)
                                                                     for s, (t, _) in errs.items()}))
        for key, what, limit in (("warm_p50_ms", "warm p50", WARM_MS), ("cold_ms", "cold (caches cleared)", COLD_MS),
                                 ("first_ms", "first run, fresh process", None)):
            values = {}
            for side, g in got.items():
                if g is None:
                    continue
                v = g.get(key)
                values[side] = (ms(v), _ok(v, limit) if limit and "bare" not in name else None)
            target = f"≤ {limit:.0f} ms" if limit and "bare" not in name else "info"
            rows.append(_cells(f"{label} · {what}", target, values))
    return rows


def sql_rows(sql: dict[str, list[dict]]) -> list[Row]:
    rows = [Row("SQL files, p50 / p95 (tracker.db.run; the slower binding: all = nullable params null)",
                section=True)]
    by = {side: {q["name"]: q for q in items} for side, items in sql.items()}
    names = sorted({n for side in by.values() for n in side})
    for name in names:
        values = {}
        for side in ("demo", "scale"):
            q = by.get(side, {}).get(name)
            if q is None:
                continue
            if q.get("error"):
                values[side] = ("error: " + q["error"][:40], False)
                continue
            text = f"{ms(q['p50_ms'])} / {ms(q['p95_ms'])}".replace(" ms /", " /")
            values[side] = (f"{text} [{q['binding']}]", q["p95_ms"] <= SQL_MS[side])
        rows.append(_cells(name, "≤ 5 ms demo · ≤ 15 ms scale", values))
    return rows


def fix_rows(fixed: dict[str, list[dict]], before: dict[str, list[dict]]) -> list[Row]:
    rows = [Row("suggested fix, measured: the same SQL on scale with obs_current stored as a table",
                section=True)]
    was = {q["name"]: q for q in before.get("scale", [])}
    for q in fixed.get("scale", []):
        old = was.get(q["name"])
        text = f"{ms(q['p50_ms'])} / {ms(q['p95_ms'])}".replace(" ms /", " /")
        rows.append(_cells(q["name"], "fix · ≤ 15 ms scale", {
            "demo": (f"(now {ms(old['p50_ms'])} / {ms(old['p95_ms'])})".replace(" ms /", " /") if old else "", None),
            "scale": (text, None if q.get("error") else q["p95_ms"] <= SQL_MS["scale"])}))
    return rows


def payload_rows(serve: dict[str, dict], pages: dict[str, list[dict]]) -> list[Row]:
    rows = [Row("payload: ForwardMsg bytes of a first visit (deflated ≈ on the wire)", section=True)]
    urls = list(dict.fromkeys(u for side in ("demo", "scale") for u in serve.get(side, {}).get("pages", {})))
    for url in urls:
        values = {}
        for side in ("demo", "scale"):
            run = serve.get(side, {}).get("pages", {}).get(url)
            if run:
                flag = " page-not-found" if run.get("not_found") else ""
                flag += f" {run['errors']} exception(s)" if run.get("errors") else ""
                text = f"{kb(run['bytes'])} ({kb(run['deflated'])}){flag}"
                values[side] = (text, run["bytes"] / 1000 <= PAYLOAD_KB and not run.get("errors"))
        rows.append(_cells(url, f"≤ {PAYLOAD_KB:.0f} KB", values))
    for side_pages in [pages]:
        names = list(dict.fromkeys(p["page"] for side in side_pages.values() for p in side if p.get("deck_bytes")))
        for name in names:
            values = {}
            for side in ("demo", "scale"):
                p = next((p for p in side_pages.get(side, []) if p["page"] == name), None)
                if p and p.get("deck_bytes"):
                    biggest = max(p["deck_bytes"])
                    values[side] = (f"{kb(biggest)} ×{len(p['deck_bytes'])}", biggest / 1000 <= MAP_KB)
            label = name.removeprefix("pages/").removesuffix(".py")
            rows.append(_cells(f"map layer · {label} (pydeck JSON)", f"≤ {MAP_KB:.0f} KB", values))
    for name in dict.fromkeys(p["page"] for side in pages.values() for p in side if p.get("chart_bytes")):
        values = {}
        for side in ("demo", "scale"):
            p = next((p for p in pages.get(side, []) if p["page"] == name), None)
            if p and p.get("chart_bytes"):
                values[side] = (kb(p["chart_bytes"]), None)
        label = name.removeprefix("pages/").removesuffix(".py")
        rows.append(_cells(f"charts · {label} (Vega-Lite, of the page's payload)", "info", values))
    return rows


def served_rows(serve: dict[str, dict]) -> list[Row]:
    rows = [Row("served page run: a first visit over the websocket, one session at a time; cold / warm caches",
                section=True)]
    urls = list(dict.fromkeys(u for side in ("demo", "scale") for u in serve.get(side, {}).get("pages", {})))
    for url in urls:
        values = {}
        for side in ("demo", "scale"):
            run = serve.get(side, {}).get("pages", {}).get(url)
            if run and "warm_ms" in run:
                values[side] = (f"{ms(run['latency_ms'])} / {ms(run['warm_ms'])}".replace(" ms /", " /"), None)
        if values:
            rows.append(_cells(url, "info", values))
    return rows


def _level(serve: dict, side: str, n: int) -> dict | None:
    return next((lv for lv in serve.get(side, {}).get("levels", []) if lv["sessions"] == n), None)


def load_rows(serve: dict[str, dict]) -> list[Row]:
    think = next((lv["think_s"] for s in serve.values() for lv in s.get("levels", [])), 1.0)
    rows = [Row(f"load: N sessions rerunning pages in turn, think {think:g} s ± 50 %; p50 / p95, reruns/s",
                section=True)]
    levels = sorted({lv["sessions"] for s in serve.values() for lv in s.get("levels", [])})
    variants = [("app", "demo", "scale"), ("bare one-line page", "bare", None)]
    variants += [(f"app, {v.split(':', 1)[1]}", v, None) for v in serve if v.startswith("demo:")]
    for label, demo_key, scale_key in variants:
        for n in levels:
            limit = P95_10_MS if n == 10 else P95_25_MS if n == 25 else None
            values = {}
            for col, key in (("demo", demo_key), ("scale", scale_key)):
                lv = _level(serve, key, n) if key else None
                if lv is None:
                    continue
                share = ""
                bare = _level(serve, "bare", n)
                if key != "bare" and bare and bare["throughput"]:
                    share = f", {100 * lv['throughput'] / bare['throughput']:.0f}% of bare"
                fails = f", {lv['failed']} failed" if lv["failed"] else ""
                text = (f"{ms(lv['p50_ms'])} / {ms(lv['p95_ms'])}, {lv['throughput']:.1f}/s{share}{fails}"
                        .replace(" ms /", " /"))
                # experiments (the other setting of an option) are shown against the target, not counted
                judged = limit is not None and key != "bare" and not key.startswith("demo:")
                ok = (lv["p95_ms"] <= limit and not lv["failed"]) if judged else None
                values[col] = (text, ok)
            if values:
                target = ("info" if limit is None or demo_key == "bare" else
                          f"experiment · p95 ≤ {limit / 1000:g} s" if demo_key.startswith("demo:") else
                          f"p95 ≤ {limit / 1000:g} s")
                rows.append(_cells(f"{label} · {n} session{'s' * (n > 1)}", target, values))
    return rows


def first_visit_rows(first: dict[str, dict]) -> list[Row]:
    """Ten fresh sessions arriving at once: p50 / p95 / max of connect → first complete page, on a
    freshly started server and again once the caches are filled; the bare page beside as the floor."""
    n = next((f.get("sessions", 10) for f in first.values()), 10)
    reps = max((len(f.get("reps", [])) for f in first.values()), default=0)
    rows = [Row(f"first visits: {n} fresh sessions at once, deep links over the pages; connect → first "
                f"complete page, p50 / p95 / max (median of {reps} fresh servers)", section=True)]

    def cell(f: dict, phase: str, judged: bool) -> tuple[str, bool | None]:
        got = f[phase]
        text = f"{ms(got['p50_ms'])} / {ms(got['p95_ms'])} / {ms(got['max_ms'])}".replace(" ms /", " /")
        notes = [f"{got['frameless']} without the frame" if got.get("frameless") else "",
                 f"{got['errors']} exception(s)" if got.get("errors") else "",
                 f"{got['failed']} failed" if got.get("failed") else "",
                 f"{got['reruns']} rerun(s)" if got.get("reruns") else ""]
        text += "".join(f", {note}" for note in notes if note)
        if not judged:
            return text, None
        ok = _ok(got["p95_ms"], FIRST_VISIT_MS)
        clean = not (got.get("failed") or got.get("frameless") or got.get("errors"))
        return text, (ok and clean) if ok is not None else None

    for phase, what in (("cold", "freshly started server"), ("warm", "warm server (caches filled)")):
        values = {col: cell(first[col], phase, True) for col in ("demo", "scale") if first.get(col)}
        if values:
            rows.append(_cells(f"app · {what}", f"p95 ≤ {FIRST_VISIT_MS / 1000:g} s", values))
    for phase, what in (("cold", "freshly started server"), ("warm", "warm server")):
        if first.get("bare"):
            rows.append(_cells(f"bare one-line page · {what}", "info", {"demo": cell(first["bare"], phase, False)}))
    return rows


def memory_rows(serve: dict[str, dict]) -> list[Row]:
    rows = [Row("server: memory (RSS from /proc) and start", section=True)]

    def per_session(s: dict) -> float | None:
        lv = s.get("levels", [])
        if len(lv) < 2 or math.isnan(lv[-1]["rss_mb"]) or math.isnan(lv[0]["rss_mb"]):
            return None
        return (lv[-1]["rss_mb"] - lv[0]["rss_mb"]) / max(lv[-1]["sessions"] - lv[0]["sessions"], 1)

    specs = [
        ("RSS idle (started, no session)", lambda s: f"{s['rss_idle_mb']:.0f} MB"),
        ("RSS after one visit to every page", lambda s: f"{s['rss_warm_mb']:.0f} MB"),
        ("RSS per extra session (slope over the levels)",
         lambda s: "—" if per_session(s) is None else f"{per_session(s):.2f} MB"),
        ("start → health answers", lambda s: f"{s['health_s']:.1f} s"),
        ("start → first page served (fresh server)", lambda s: f"{s['first_page_s']:.1f} s"),
    ]
    for label, fmt in specs:
        values = {col: (fmt(serve[key]), None) for col, key in (("demo", "demo"), ("scale", "scale"))
                  if key in serve and "rss_idle_mb" in serve[key]}
        if values:
            rows.append(_cells(label, "info", values))
    if "bare" in serve:
        rows.append(_cells("bare page: RSS idle · start → first page", "info",
                           {"demo": (f"{serve['bare']['rss_idle_mb']:.0f} MB · "
                                     f"{serve['bare']['first_page_s']:.1f} s", None)}))
    return rows


def rows_from(results: dict) -> list[Row]:
    rows: list[Row] = []
    if results.get("pages"):
        rows += page_rows(results["pages"])
    if results.get("sql"):
        rows += sql_rows(results["sql"])
    if results.get("sql_fix"):
        rows += fix_rows(results["sql_fix"], results.get("sql", {}))
    serve = results.get("serve", {})
    if serve or results.get("pages"):
        rows += payload_rows(serve, results.get("pages", {}))
    if serve:
        rows += served_rows(serve)
        rows += load_rows(serve)
        if serve.get("first_visits"):
            rows += first_visit_rows(serve["first_visits"])
        rows += memory_rows(serve)
    if results.get("cluster"):
        from bench.cluster import rows as cluster_rows

        rows += cluster_rows(results["cluster"])
    if results.get("room"):
        from bench.room import rows as room_rows

        rows += room_rows(results["room"])
    if results.get("brief"):
        from bench.brief import rows as brief_rows

        rows += brief_rows(results["brief"])
    return rows


def table(rows: list[Row], columns: tuple[str, ...] = COLUMNS) -> str:
    """A plain-text table; heading rows span the line."""
    body = [r for r in rows if not r.section]
    widths = [max([len(c)] + [len(getattr(r, c)) for r in body]) for c in columns]
    line = "  ".join("─" * w for w in widths)

    def fmt(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [fmt(list(columns)), line]
    for r in rows:
        out.append(f"· {r.metric}" if r.section else fmt([getattr(r, c) for c in columns]))
    return "\n".join(out)


def counted(row: Row) -> bool:
    """Rows held to a target (not headings, information, or measured fixes)."""
    return not row.section and "info" not in row.target and not row.target.startswith("fix")


def failures(rows: list[Row]) -> list[str]:
    return [f"{r.metric} [{', '.join(r.failed)}]" for r in rows if r.failed and counted(r)]


def render(results: dict) -> str:
    meta = results.get("meta", {})
    head = [f"bench · {meta.get('when', '')} · {meta.get('machine', '')}".rstrip(" ·")]
    for side, info in results.get("warehouses", {}).items():
        head.append(f"{side}: {info.get('path')} · {info.get('observations', 0):,} observations"
                    + (f" · {info['note']}" if info.get("note") else ""))
    if meta.get("load"):
        head.append(f"machine load average during the run: {meta['load']}")
    rows = rows_from(results)
    failed = failures(rows)
    checked = sum(1 for r in rows if counted(r))
    tail = [f"{len(failed)} of {checked} checked rows miss a target" + (":" if failed else ".")]
    tail += [f"  ✗ {f}" for f in failed]
    return "\n".join(head + ["", table(rows), ""] + tail)
