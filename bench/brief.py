"""The meeting pack, timed: seconds and megabytes to make the deck and the report in each language.

Each file is made by the command line itself (``python -m tracker brief``) in a fresh process on the
demo warehouse, as a person or a cron job would run it, so the time includes starting Python and
importing python-pptx / fpdf2 / vl-convert. The promise checked (DESIGN §8, issue #14): each made in
at most 10 s and at most 10 MB. ``python -m bench brief`` prints the four rows; ``python -m bench
--only brief`` puts them in the table.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import Row, _cells, mark

ROOT = Path(__file__).resolve().parents[1]
SECONDS, MEGABYTES = 10.0, 10.0
CASES = (("pptx", "zh"), ("pptx", "en"), ("pdf", "zh"), ("pdf", "en"))


def measure(warehouse: Path) -> list[dict]:
    """One run of the command per format and language: wall seconds, CPU seconds and the file's size."""
    out = []
    env = {**os.environ, "TRACKER_WAREHOUSE": str(warehouse)}
    with tempfile.TemporaryDirectory(prefix="bench-brief-") as folder:
        for fmt, lang in CASES:
            path = Path(folder) / f"brief-{lang}.{fmt}"
            before = os.times()
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "tracker", "brief", "--format", fmt, "--lang", lang,
                                   "--out", str(path)], cwd=ROOT, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            after = os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            out.append({"format": fmt, "lang": lang, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
                        "mb": round(path.stat().st_size / 1e6, 2) if done.returncode == 0 else None,
                        "error": done.stderr.strip()[-300:] if done.returncode else None})
    return out


def rows(results: list[dict]) -> list[Row]:
    """The table's rows: one per format and language, seconds and MB against the targets."""
    table = [Row("meeting pack: python -m tracker brief, fresh process, demo warehouse", section=True)]
    for r in results:
        what = {"pptx": "deck (PPTX)", "pdf": "report (PDF)"}[r["format"]]
        if r.get("mb") is None:
            table.append(_cells(f"brief {what}, {r['lang']}", f"≤ {SECONDS:.0f} s, ≤ {MEGABYTES:.0f} MB",
                                {"demo": (f"failed: {r.get('error') or '?'}", False)}))
            continue
        ok = r["seconds"] <= SECONDS and r["mb"] <= MEGABYTES
        text = f"{r['seconds']:.1f} s (cpu {r['cpu_seconds']:.1f} s) · {r['mb']:.1f} MB"
        table.append(_cells(f"brief {what}, {r['lang']}", f"≤ {SECONDS:.0f} s, ≤ {MEGABYTES:.0f} MB",
                            {"demo": (text, ok)}))
    return table


def main() -> None:
    from bench.report import table
    from tracker import opening, paths

    warehouse = opening.ensure(paths.warehouse_path())
    results = measure(warehouse)
    print(table(rows(results), ("metric", "demo", "target")))
    print(mark("all within 10 s and 10 MB", all(r.get("mb") is not None and r["seconds"] <= SECONDS
                                                 and r["mb"] <= MEGABYTES for r in results)))
