"""The frame every screen runs in (app.py, AppTest): the language switch, the demo notice and bad URL values."""
from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.screens import ROOT, open_screen

CJK = re.compile(r"[\u3400-\u9fff]")


def run_app(demo_warehouse, **query) -> AppTest:
    return open_screen(None, **query)


def test_overview_lists_every_action_and_the_demo_notice(demo_warehouse):
    at = run_app(demo_warehouse)
    assert not at.exception
    assert at.title[0].value == "总览"
    assert any("演示数据" in i.value for i in at.info)
    assert any("原文未收录" in e.label for e in at.expander)  # actions 1–3, collapsed with the note


def test_language_switch_is_one_tap_and_kept_in_the_url(demo_warehouse):
    at = run_app(demo_warehouse)
    at.button(key="lang_switch").click().run()
    assert at.query_params.get("lang") == "en"
    assert at.title[0].value == "Overview"
    assert any("Demo data" in i.value for i in at.info)


def test_notice_says_partly_demo_once_real_figures_are_imported(demo_warehouse, tmp_path, monkeypatch):
    import shutil
    import subprocess
    import sys

    private = tmp_path / "w.duckdb"
    shutil.copy(demo_warehouse, private)
    figures = tmp_path / "figures.csv"
    figures.write_text("indicator_id,area_code,year,value\nA12-01,330200,2025,61.5\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tracker", "import", str(figures), "--by", "test"],
                          cwd=ROOT, env={**__import__("os").environ, "TRACKER_WAREHOUSE": str(private)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    monkeypatch.setenv("TRACKER_WAREHOUSE", str(private))
    for lang, expected in (("zh", "部分为演示数据"), ("en", "Partly demo data")):
        at = run_app(private, lang=lang)
        notices = [i.value for i in at.info]
        assert any(expected in n and "1" in n for n in notices), notices


# ---- the shared cache (components/data.py) ------------------------------------------------------

def test_query_results_are_shared_but_a_change_to_ones_copy_stays_private(demo_warehouse):
    from components import data

    first = data.q("areas")
    first["name_zh"] = "改过"
    first.sort_values("area_code", ascending=False, inplace=True)
    again = data.q("areas")
    assert "改过" not in set(again["name_zh"])
    from tracker import db

    order = db.run("areas")["area_code"].tolist()
    assert again["area_code"].tolist() == [r["area_code"] for r in data.rows("areas")] == order


def test_the_store_computes_once_under_concurrency_and_drops_old_snapshots():
    import threading
    import time

    from components.data import KEEP_VERSIONS, Store

    store, calls = Store(max_entries=100), []

    def slow():
        calls.append(1)
        time.sleep(0.05)
        return object()

    got = []
    threads = [threading.Thread(target=lambda: got.append(store.get(("v1", "x"), slow))) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1 and len({id(g) for g in got}) == 1
    for n in range(2, 2 + KEEP_VERSIONS):
        store.get((f"v{n}", "x"), object)
    assert store.get(("v1", "x"), lambda: "recomputed") == "recomputed"     # v1 was dropped


def test_the_store_keeps_at_most_its_size_least_recently_used_out():
    from components.data import Store

    store = Store(max_entries=3)
    for k in "abc":
        store.get(("v", k), lambda k=k: k)
    store.get(("v", "a"), lambda: "a2")                  # a is used again: b is now the oldest
    store.get(("v", "d"), lambda: "d")
    assert len(store) == 3
    assert store.get(("v", "b"), lambda: "b2") == "b2" and store.get(("v", "a"), lambda: "a3") == "a"
