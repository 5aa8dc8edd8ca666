"""Time on the screen: what changed since a past import, how fresh each figure is, and every plan one
tap away (the command line, the overview, meeting mode and the plan picker)."""
from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests import bad_files as bf
from tests.cli_run import run
from tests.screens import open_screen
from tracker import db, freshness
from tracker.importer import apply

PLAN = "nb-cp-2021-2025"


def achieved_city_target() -> dict:
    """A city-scoped target, higher is better, completed in 2025 in the demo: the one an import moves."""
    status = db.run("status_export", plan_id=PLAN, year=2025)
    rows = status[(status["scope"] == "city") & (status["status"] == "completed") & (status["comparator"] == ">=")
                  & (status["year"] == 2025) & status["baseline_value"].notna() & (status["measure"] == "level")]
    return rows.iloc[0].to_dict()


def moved(tmp_path: Path) -> tuple[dict, str, str]:
    """Import a 2025 figure far below the base for an achieved target; (its row, a moment before the
    import, the import's batch)."""
    row = achieved_city_target()
    time.sleep(1.1)                                    # the demo's write is in an earlier second
    before = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    time.sleep(1.1)
    low = float(row["baseline_value"]) * 0.5
    outcome = apply.commit([("moved.csv", bf.csv_bytes([[row["indicator_id"], row["area_code"], 2025, low, None,
                                                           None, None]]))], "test")
    return row, before, outcome.batch_id


def test_changes_since_lists_exactly_the_target_the_import_moved(private, tmp_path, capsys):
    row, before, batch = moved(tmp_path)
    code, out, err = run(capsys, "changes", "--since", before, "--out", "-")
    assert code == 0, err
    found = pd.read_csv(io.StringIO(out), dtype={"area_code": str})
    assert len(found) == 1
    got = found.iloc[0]
    assert (got["indicator_id"], got["area_code"], got["status_before"]) == (row["indicator_id"], row["area_code"], "completed")
    assert got["status_now"] == "not_completed" and got["change"] == "worse" and got["batch_id"] == batch
    assert got["value_before"] == pytest.approx(row["value"]) and got["value_now"] == pytest.approx(row["baseline_value"] * 0.5)
    # a moment after the import (in a later second: --since reads whole seconds): nothing changed since
    time.sleep(1.1)
    code, out, _ = run(capsys, "changes", "--since", dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"), "--out", "-")
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 0
    # a date-only moment and a bad one
    assert run(capsys, "changes", "--since", "2020-01-01", "--out", "-")[0] == 0
    code, _, err = run(capsys, "changes", "--since", "last week", "--out", "-")
    assert code == 1 and "is not a moment" in err


def test_a_rollback_is_a_change_too(private, tmp_path, capsys):
    row, before, batch = moved(tmp_path)
    apply.rollback(batch, "test")
    code, out, _ = run(capsys, "changes", "--since", before, "--out", "-")
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 0       # back where it was
    log = db.run("change_moments", plan_id=PLAN)
    assert log.iloc[0]["kind"] == "rollback" and log.iloc[1]["batch_id"] == batch


@pytest.mark.parametrize("lang, worse, title", [("zh", "转差 1项", "以来的变化"),
                                               ("en", "Turned worse: 1", "What changed since")])
def test_the_overview_and_meeting_mode_show_the_change(private, tmp_path, lang, worse, title):
    row, _, batch = moved(tmp_path)
    moment = next(iter(db.run("change_moments", plan_id=PLAN)["logged_at"]))
    since = pd.Timestamp(moment).floor("s").strftime("%Y-%m-%dT%H:%M:%S")
    at = open_screen(None, timeout=60, since=since, lang=lang)
    assert not at.exception
    assert any(title in h.value for h in at.header)
    assert [s.value for s in at.subheader if s.value.startswith(worse[:2])] == [worse]
    links = [link.proto.label for link in at.get("page_link") if row["indicator_id"].replace("-", "\\-") in link.proto.label]
    assert len(links) == 1 and ("→" in links[0])
    picker = next(s for s in at.selectbox if s.key == "overview_since")
    assert picker.value == since

    at = open_screen(None, timeout=60, since=since, lang=lang, present="1")
    assert not at.exception
    assert any(title in h.value for h in at.header) and [s.value for s in at.subheader][:1] == [worse]


def test_export_status_says_when_each_figure_arrived(private, tmp_path, capsys):
    row, _, batch = moved(tmp_path)
    code, out, _ = run(capsys, "export-status", "--year", 2025, "--out", "-")
    status = pd.read_csv(io.StringIO(out), dtype={"area_code": str}, parse_dates=["updated_at"])
    mine = status[(status["indicator_id"] == row["indicator_id"]) & (status["area_code"] == row["area_code"])].iloc[0]
    created = db.run("batches").set_index("batch_id").loc[batch, "created_at"]
    assert mine["updated_at"] == pd.Timestamp(created) and mine["latest_year"] == 2025
    others = status[status["indicator_id"] != row["indicator_id"]]
    demo = db.run("batches").set_index("batch_id").loc["demo", "created_at"]
    assert (others["updated_at"] == pd.Timestamp(demo)).all()


def test_the_freshness_rule():
    on = dt.date(2025, 6, 1)
    assert freshness.due_date(2024, 3) == dt.date(2025, 3, 31)
    assert freshness.due_date(2024, 0) == dt.date(2024, 12, 31)
    assert freshness.expected_year(on, 3, 2020, 2025) == 2024
    assert freshness.expected_year(dt.date(2025, 3, 30), 3, 2020, 2025) == 2023
    assert freshness.expected_year(on, 9, 2020, 2025) == 2023
    assert freshness.expected_year(dt.date(2030, 1, 1), 3, 2020, 2025) == 2025     # the plan's last year
    assert freshness.is_overdue(2023, on, 3, 2020, 2025) and not freshness.is_overdue(2024, on, 3, 2020, 2025)
    assert freshness.is_overdue(None, on, 3, 2020, 2025)
    assert not freshness.is_overdue(None, dt.date(2020, 6, 1), 3, 2020, 2025)       # nothing due yet


@pytest.mark.parametrize("lang, overdue, count", [("zh", "数据逾期", "1项目标的数据逾期"),
                                                  ("en", "figure overdue", "1 target(s) have an overdue figure")])
def test_an_old_figure_is_marked_overdue(private, monkeypatch, capsys, lang, overdue, count):
    """With the demo rolled back and one target's figures only up to 2023, on 1 June 2025 its 2024
    figure is overdue: in export-status, on the overview and on its card."""
    apply.rollback("demo", "test")
    rows = [[bf.SHARE, bf.CITY, year, 60 + year - 2020, None, None, None] for year in range(2020, 2024)]
    apply.commit([("old.csv", bf.csv_bytes(rows))], "test")
    monkeypatch.setenv(freshness.TODAY_ENV, "2025-06-01")
    code, out, _ = run(capsys, "export-status", "--out", "-")
    status = pd.read_csv(io.StringIO(out), dtype={"area_code": str})
    assert status.set_index("indicator_id").loc[bf.SHARE, "figure_overdue"]
    assert status["figure_overdue"].sum() == 1
    monkeypatch.setenv(freshness.TODAY_ENV, "2024-06-01")
    code, out, _ = run(capsys, "export-status", "--out", "-")
    assert not pd.read_csv(io.StringIO(out))["figure_overdue"].any()
    monkeypatch.setenv(freshness.TODAY_ENV, "2025-06-01")

    at = open_screen(None, timeout=60, lang=lang)
    assert not at.exception
    assert any(count in c.value for c in at.caption)
    action = db.run("indicators", plan_id=PLAN, action_no=None).set_index("indicator_id").loc[bf.SHARE, "action_no"]
    at.query_params["action"] = str(action)
    at.switch_page("pages/action.py")
    at.run()
    assert not at.exception
    assert sum(overdue in m.value for m in at.markdown) >= 1


# ---- plans ------------------------------------------------------------------------------------------
NEXT = {"plan_id": "nb-cp-2026-2030", "name_zh": "宁波共同富裕行动计划（2026—2030年）",
        "name_en": "Ningbo common prosperity plan (2026–2030)", "start_year": 2026, "target_year": 2030,
        "baseline_year": 2025}


def second_plan(tmp_path: Path) -> None:
    """A small 2026–2030 plan through the catalogue import, and figures for it."""
    action = {"plan_id": NEXT["plan_id"], "action_no": 1, "name_zh": "新规划首项行动", "name_en": "New plan action one",
              "group_zh": "", "group_en": "", "summary_zh": "新规划", "summary_en": "The new plan", "in_source": "true"}
    target = {"indicator_id": "B01-01", "plan_id": NEXT["plan_id"], "action_no": 1, "name_zh": "康养联合体覆盖乡镇比例（新）",
              "name_en": "Townships with a care consortium (new plan)", "unit_zh": "%", "unit_en": "%", "comparator": ">=",
              "target_value": "90", "target_high": "", "target_year": 2030, "baseline_year": 2025, "direction": "up",
              "measure": "share", "method": "linear", "scope": "township_share", "map_layer": "care_consortia_next",
              "aggregation": "weighted", "source_quote": "覆盖90%以上乡镇（街道）", "note": ""}
    files = [("plans.csv", bf.catalogue_csv("plans", [NEXT])), ("actions.csv", bf.catalogue_csv("actions", [action])),
             ("indicators.csv", bf.catalogue_csv("indicators", [target]))]
    assert apply.commit(files, "test").batch_id
    codes = db.run("import_townships")
    counted = codes[codes["counted"]]
    rows = [["B01-01", code, year, "1" if (i + year) % 3 else "0", None, None, None]
            for year in (2025, 2026) for i, code in enumerate(counted["township_code"])]
    assert apply.commit([("next.csv", bf.csv_bytes(rows))], "test").batch_id


PAGES = ["pages/overview.py", "pages/action.py", "pages/indicator.py", "pages/district.py", "pages/map.py",
         "pages/compare.py", "pages/data.py", "pages/method.py"]


def walk(at: AppTest, lang: str) -> str:
    """Every screen of the app in turn: none fails; the text they show, joined."""
    shown = []
    for page in PAGES:
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        shown.append(" ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.header, *at.title, *at.subheader]))
    return " ".join(shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_two_plans_the_picker_switches_every_screen(private, tmp_path, lang):
    second_plan(tmp_path)
    new_action = "新规划首项行动" if lang == "zh" else "New plan action one"
    at = open_screen(None, timeout=90, lang=lang)
    picker = next(s for s in at.selectbox if s.key == "plan_picker")
    assert picker.value == NEXT["plan_id"]                   # the plan with the newest figures comes first
    assert new_action in walk(at, lang)
    at.switch_page("pages/map.py")
    at.run()
    assert at.get("deck_gl_json_chart")                      # the new plan's township target has its map

    at.switch_page("pages/overview.py")
    at.run()
    next(s for s in at.selectbox if s.key == "plan_picker").set_value(PLAN).run()
    assert at.query_params["plan"] in (PLAN, [PLAN])
    text = walk(at, lang)
    assert new_action not in text and "A12" in text
    at.switch_page("pages/overview.py")
    at.run()
    links = [link.proto.query_string for link in at.get("page_link")]
    assert links and all(f"plan={PLAN}" in q for q in links), links    # a link keeps the plan

    at = open_screen(None, timeout=90, lang=lang, plan=PLAN, present="1")
    assert not at.exception and at.query_params["plan"] in (PLAN, [PLAN])
