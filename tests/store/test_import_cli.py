"""Imports from the command line, as an analyst would run them: bad files refused with their row and
column and nothing written; good files in force; revisions, rollbacks, milestones, the catalogue."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import bad_files as bf
from tests.cli_run import run
from tracker import db
from tracker.importer import auth
from tracker.importer.findings import FIELDS

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    file = tmp_path / name
    file.write_bytes(data)
    return file


def export(capsys) -> str:
    code, out, _ = run(capsys, "export-observations", "--out", "-")
    assert code == 0
    return out


def value_of(text: str, indicator: str, area: str, year: int) -> dict:
    rows = [r for r in csv.DictReader(io.StringIO(text))
            if (r["indicator_id"], r["area_code"], r["year"]) == (indicator, area, str(year))]
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize("case", bf.BAD, ids=[b.name for b in bf.BAD])
def test_a_bad_file_exits_2_names_row_and_column_and_changes_nothing(case, private, tmp_path, capsys):
    name, data = case.build()
    file = write(tmp_path, name, data)
    before = private.read_bytes()
    code, out, err = run(capsys, "import", file)
    assert code == 2, err
    if case.row is not None:
        assert f"row {case.row}" in err
        assert f"column {FIELDS[case.column][1]}" in err
    assert "nothing was written" in err
    assert private.read_bytes() == before


def test_findings_can_be_printed_in_chinese(private, tmp_path, capsys):
    file = write(tmp_path, "s.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, -5, None, None, None]]))
    code, _, err = run(capsys, "import", file, "--lang", "zh")
    assert code == 2
    assert "第2行" in err and "“数值”列" in err and "0到100" in err and "未写入任何数据" in err


def test_good_xlsx_with_chinese_headers_is_in_force_afterwards(private, tmp_path, capsys):
    file = write(tmp_path, "年度数据.xlsx", bf.xlsx_bytes(bf.good_rows()))
    code, out, err = run(capsys, "import", file, "--by", "统计处")
    assert code == 0, err
    assert "0 new, 5 revised, 0 unchanged" in out  # every cell held a demo value before
    exported = export(capsys)
    assert float(value_of(exported, bf.SHARE, bf.CITY, 2024)["value"]) == 12.5
    assert float(value_of(exported, bf.LEVEL, bf.REGION, 2024)["value"]) == 1234.5
    done = value_of(exported, bf.QUAL, bf.REGION, 2025)
    assert done["milestone"] == "done" and done["note"] == "通过验收" and done["batch_kind"] == "observations"
    batch = db.run("batches").iloc[0]
    assert (batch["kind"], batch["file_name"], batch["created_by"], batch["row_count"]) == \
        ("observations", "年度数据.xlsx", "统计处", 5)
    assert len(batch["sha256"]) == 64


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_chinese_excel_csv_encodings_import(encoding, private, tmp_path, capsys):
    """Chinese Excel saves "CSV (逗号分隔)" as GBK/GB18030 without a BOM; "CSV UTF-8" with one."""
    file = write(tmp_path, "数据.csv", bf.csv_bytes(bf.good_rows(), encoding=encoding))
    code, out, err = run(capsys, "import", file)
    assert code == 0, err
    assert ("GB18030" if encoding != "utf-8-sig" else "UTF-8") in out
    assert value_of(export(capsys), bf.SHARE, bf.CITY, 2024)["source"] == "市统计局"


def test_dry_run_lists_the_changes_and_writes_nothing(private, tmp_path, capsys):
    file = write(tmp_path, "g.csv", bf.csv_bytes(bf.good_rows()))
    before = private.read_bytes()
    code, out, _ = run(capsys, "import", file, "--dry-run")
    assert code == 0 and "0 new, 5 revised, 0 unchanged" in out and "A09-04" in out
    assert private.read_bytes() == before


def test_status_is_refreshed_with_the_import(private, tmp_path, capsys):
    file = write(tmp_path, "g.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2025, 99.5, None, None, None]]))
    assert run(capsys, "import", file)[0] == 0
    status = db.run("status_export", plan_id="nb-cp-2021-2025", year=2025)
    row = status[(status.indicator_id == bf.SHARE) & (status.area_code == bf.CITY)].iloc[0]
    assert row["value"] == 99.5 and row["status"] in ("completed", "completed_early")     # 2025: a verdict


def test_revision_and_rollback_round_trip_byte_for_byte(private, tmp_path, capsys):
    original = export(capsys)
    first = write(tmp_path, "first.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, 61, None, "s1", None],
                                                       [bf.COUNT, bf.CITY, 2024, 10, None, "s1", None]]))
    second = write(tmp_path, "second.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, 62, None, "s2", None]]))
    assert run(capsys, "import", first)[0] == 0
    after_first = export(capsys)
    assert run(capsys, "import", second)[0] == 0
    after_second = export(capsys)
    assert float(value_of(after_second, bf.SHARE, bf.CITY, 2024)["value"]) == 62

    history = db.run("revisions", indicator_id=bf.SHARE)
    cell = history[(history.area_code == bf.CITY) & (history.year == 2024)]
    assert cell["value"].tolist() == [62.0, 61.0, float(value_of(original, bf.SHARE, bf.CITY, 2024)["value"])]
    assert cell["is_current"].tolist() == [True, False, False]

    ids = db.run("batches")["batch_id"].tolist()  # newest first: second, first, demo
    code, out, _ = run(capsys, "rollback", ids[0])
    assert code == 0 and "rolled back" in out
    assert export(capsys) == after_first
    assert run(capsys, "rollback", ids[1])[0] == 0
    assert export(capsys) == original
    batches = db.run("batches")
    assert batches["kind"].tolist()[:2] == ["rollback", "rollback"]
    assert set(batches.loc[batches.batch_id.isin(ids[:2]), "state"]) == {"rolled_back"}
    assert any(f"rollback of {ids[0]}" == n for n in batches["note"])


def test_rollback_refuses_what_it_cannot_undo(private, tmp_path, capsys):
    code, _, err = run(capsys, "rollback", "no-such-batch")
    assert code == 2 and "no import batch" in err
    file = write(tmp_path, "g.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, 61, None, None, None]]))
    run(capsys, "import", file)
    batch = db.run("batches").iloc[0]["batch_id"]
    assert run(capsys, "rollback", batch)[0] == 0
    before = private.read_bytes()
    code, _, err = run(capsys, "rollback", batch)
    assert code == 2 and "already been rolled back" in err
    rollback_batch = db.run("batches").iloc[0]["batch_id"]
    code, _, err = run(capsys, "rollback", rollback_batch)
    assert code == 2 and "cannot be rolled back" in err
    assert private.read_bytes() == before


def test_reimporting_the_same_file_writes_nothing(private, tmp_path, capsys):
    file = write(tmp_path, "g.csv", bf.csv_bytes(bf.good_rows()))
    assert run(capsys, "import", file)[0] == 0
    before = private.read_bytes()
    code, out, _ = run(capsys, "import", file)
    assert code == 0 and "0 new, 0 revised, 5 unchanged" in out and "nothing was written" in out
    assert private.read_bytes() == before


def test_the_demo_notice_follows_the_demo_values(private, tmp_path, capsys):
    """A partial import keeps demo values for the rest (the notice stays, "partly demo"); rolling the
    demo batch back leaves only real figures and the notice goes."""
    run(capsys, "import", write(tmp_path, "g.csv", bf.csv_bytes(bf.good_rows())))
    mode = db.run("data_mode").iloc[0]
    assert bool(mode["is_demo"]) and int(mode["count_real"]) == 5
    assert run(capsys, "rollback", "demo")[0] == 0
    mode = db.run("data_mode").iloc[0]
    assert not bool(mode["is_demo"]) and int(mode["count_values"]) == 5


def test_milestone_command_records_a_dated_milestone(private, capsys):
    code, out, err = run(capsys, "milestone", bf.QUAL, bf.REGION, 2025, "推进中", "--note", "方案印发", "--by", "lead")
    assert code == 0, err
    row = value_of(export(capsys), bf.QUAL, bf.REGION, 2025)
    assert (row["milestone"], row["note"], row["batch_kind"]) == ("in_progress", "方案印发", "milestones")
    batch = db.run("batches").iloc[0]
    assert batch["kind"] == "milestones" and batch["created_by"] == "lead" and batch["created_at"] is not None
    status = db.run("status_export", plan_id="nb-cp-2021-2025", year=2025)
    # 2025 is the target year: a milestone still in progress is not completed
    assert status[(status.indicator_id == bf.QUAL)]["status"].tolist() == ["not_completed"]
    code, out, _ = run(capsys, "milestone", bf.QUAL, bf.REGION, 2025, "in_progress", "--note", "方案印发")
    assert code == 0 and "unchanged" in out
    code, _, err = run(capsys, "milestone", bf.SHARE, bf.CITY, 2025, "done")
    assert code == 2 and "numeric target" in err
    code, _, err = run(capsys, "milestone", bf.QUAL, bf.REGION, 2025, "finished")
    assert code == 2 and "not one of" in err


# ---- the catalogue import -----------------------------------------------------------------------
NEXT_PLAN = {"plan_id": "nb-cp-2026-2030", "name_zh": "宁波共同富裕行动计划（2026—2030年）",
             "name_en": "Ningbo common prosperity plan (2026–2030)", "start_year": 2026, "target_year": 2030,
             "baseline_year": 2025}


def _action(no: int, plan: str = "nb-cp-2021-2025") -> dict:
    return {"plan_id": plan, "action_no": no, "name_zh": f"第{no}大行动", "name_en": f"Action {no}",
            "group_zh": "", "group_en": "", "summary_zh": "补充", "summary_en": "Added", "in_source": "true"}


def _target(iid: str, plan: str = NEXT_PLAN["plan_id"], **over) -> dict:
    row = {"indicator_id": iid, "plan_id": plan, "action_no": 1, "name_zh": "城乡居民收入比", "name_en": "Income ratio",
           "unit_zh": "%", "unit_en": "%", "comparator": ">=", "target_value": "70", "target_high": "",
           "target_year": 2030, "baseline_year": 2025, "direction": "up", "measure": "share", "method": "linear",
           "scope": "city", "map_layer": "", "aggregation": "weighted", "source_quote": "达到70%以上", "note": ""}
    return {**row, **over}


def test_catalogue_import_completes_actions_and_adds_the_next_plan(private, tmp_path, capsys):
    actions = write(tmp_path, "actions.csv", bf.catalogue_csv("actions", [_action(n) for n in (1, 2, 3)]))
    code, out, err = run(capsys, "import", actions)
    assert code == 0, err
    assert "0 new, 3 revised, 0 unchanged" in out
    assert db.run("actions", plan_id="nb-cp-2021-2025").set_index("action_no").loc[1, "in_source"]
    files = [write(tmp_path, "plans.csv", bf.catalogue_csv("plans", [NEXT_PLAN])),
             write(tmp_path, "actions2.csv", bf.catalogue_csv("actions", [_action(1, NEXT_PLAN["plan_id"])])),
             write(tmp_path, "indicators.csv", bf.catalogue_csv("indicators", [_target("B01-01")]))]
    code, out, err = run(capsys, "import", *files)
    assert code == 0, err
    assert db.run("indicators", plan_id=NEXT_PLAN["plan_id"], action_no=None)["indicator_id"].tolist() == ["B01-01"]
    assert db.run("batches").iloc[0]["kind"] == "catalog"
    # the new plan's figures are checked against its own years
    good = write(tmp_path, "next.csv", bf.csv_bytes([["B01-01", bf.CITY, 2027, 66, None, None, None]]))
    assert run(capsys, "import", good)[0] == 0
    early = write(tmp_path, "early.csv", bf.csv_bytes([["B01-01", bf.CITY, 2022, 66, None, None, None]]))
    code, _, err = run(capsys, "import", early)
    assert code == 2 and "2025–2030" in err


BAD_CATALOGUE = [
    ("bad-comparator", _target("B01-01", comparator="about"), "comparator"),
    ("text-target", _target("B01-01", target_value="seventy"), "target_value"),
    ("unknown-plan", _target("B01-01", plan="nb-cp-2031-2035"), "plan_id"),
    ("malformed-id", _target("b1", plan="nb-cp-2021-2025"), "indicator_id"),
    ("id-of-another-plan", _target("A09-04"), "indicator_id"),
    ("qualitative-with-target", _target("B01-01", comparator="qualitative", measure="qualitative",
                                        method="milestone"), "target_value"),
    ("range-upside-down", _target("B01-01", comparator="range", target_high="50"), "target_high"),
    ("years-backwards", _target("B01-01", baseline_year=2031), "baseline_year"),
]


@pytest.mark.parametrize("name,row,column", BAD_CATALOGUE, ids=[b[0] for b in BAD_CATALOGUE])
def test_bad_catalogue_rows_are_refused_with_row_and_column(name, row, column, private, tmp_path, capsys):
    files = [write(tmp_path, "plans.csv", bf.catalogue_csv("plans", [NEXT_PLAN])),
             write(tmp_path, "actions.csv", bf.catalogue_csv("actions", [_action(1, NEXT_PLAN["plan_id"])])),
             write(tmp_path, "indicators.csv", bf.catalogue_csv("indicators", [row]))]
    before = private.read_bytes()
    code, _, err = run(capsys, "import", *files)
    assert code == 2
    assert f"indicators.csv, row 2, column {column}" in err
    assert private.read_bytes() == before


# ---- the real command line --------------------------------------------------------------------------
def tracker(*args, warehouse: Path, stdin: str | None = None, env: dict | None = None):
    environment = dict(os.environ, TRACKER_WAREHOUSE=str(warehouse), **(env or {}))
    return subprocess.run([sys.executable, "-m", "tracker", *map(str, args)], cwd=ROOT, env=environment,
                          input=stdin, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", ["import", "rollback", "batches", "milestone", "hash-password"])
def test_every_admin_command_has_help(command, demo_warehouse):
    done = tracker(command, "--help", warehouse=demo_warehouse)
    assert done.returncode == 0 and "usage:" in done.stdout


def test_python_m_tracker_import_exit_codes(private, tmp_path):
    bad = write(tmp_path, "bad.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 1999, 5, None, None, None]]))
    good = write(tmp_path, "good.csv", bf.csv_bytes(bf.good_rows(), encoding="gb18030"))
    done = tracker("import", bad, warehouse=private)
    assert done.returncode == 2 and "row 2, column year" in done.stderr
    done = tracker("import", good, "--by", "ci", warehouse=private)
    assert done.returncode == 0, done.stderr
    done = tracker("import", tmp_path / "missing.csv", warehouse=private)
    assert done.returncode == 1 and "error" in done.stderr
    listed = list(csv.DictReader(io.StringIO(tracker("batches", warehouse=private).stdout)))
    assert [b["kind"] for b in listed] == ["observations", "demo"] and listed[0]["created_by"] == "ci"


def test_hash_password_prints_a_hash_that_verifies(demo_warehouse):
    done = tracker("hash-password", warehouse=demo_warehouse, stdin="a-long-password\n")
    assert done.returncode == 0
    stored = done.stdout.strip()
    assert stored.startswith("pbkdf2_sha256$") and auth.verify("a-long-password", stored)
    assert auth.ENV in done.stderr
    assert tracker("hash-password", warehouse=demo_warehouse, stdin="short\n").returncode == 2
