"""A reporting round walked end to end on the command line: a round opened; a district's file with a
row of another district refused whole; its own rows a submission that changes nothing in force until
the office accepts it; a returned submission carrying its reason; and each escalation state for the
case that defines it, the clock moved with --today."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.cli_run import run
from tracker.reporting import rounds

UNIT = "330203"          # 海曙区
OTHER = "330205"         # 江北区
TODAY = dt.date.today()
DEADLINE = TODAY + dt.timedelta(days=30)
STATUS_KEYS = ("indicator_id", "area_code", "year")


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def status_export(capsys) -> dict[tuple, tuple]:
    code, out, _ = run(capsys, "export-status", "--year", 2025, "--out", "-")
    assert code == 0
    return {tuple(r[k] for k in STATUS_KEYS): (r["value"], r["status"]) for r in rows_of(out)}


def batches(capsys) -> list[dict]:
    code, out, _ = run(capsys, "batches")
    assert code == 0
    return rows_of(out)


def unit_row(capsys, unit: str, today: dt.date | None = None, round_id: str | None = None) -> dict:
    argv = ["round", "status", "--out", "-"] + (["--today", today.isoformat()] if today else []) \
        + (["--round", round_id] if round_id else [])
    code, out, _ = run(capsys, *argv)
    assert code == 0
    return next(r for r in rows_of(out) if r["unit_id"] == unit)


def open_round(capsys, deadline: dt.date = DEADLINE) -> str:
    code, out, _ = run(capsys, "round", "open", "--year", 2025, "--deadline", deadline.isoformat(), "--by", "办公室")
    assert code == 0
    return out.strip()


def csv_file(tmp_path, name: str, rows: list[tuple]) -> str:
    path = tmp_path / name
    lines = ["indicator_id,area_code,year,value,source,note"] + [",".join(map(str, r)) + ",区统计局," for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_a_round_end_to_end(private, tmp_path, capsys):
    round_id = open_round(capsys)
    assert round_id.startswith("R2025-")
    before, listed = status_export(capsys), len(batches(capsys))

    mixed = csv_file(tmp_path, "mixed.csv", [("A07-02", UNIT, 2025, 3.2), ("A07-02", OTHER, 2025, 3.0)])
    code, _, err = run(capsys, "import", mixed, "--unit", UNIT, "--by", "海曙 李")
    assert code == 2
    assert "row 3" in err and "not one of Haishu District Government's items" in err
    assert len(batches(capsys)) == listed                                   # nothing written

    own = csv_file(tmp_path, "own.csv", [("A07-02", UNIT, 2025, 3.2), ("A09-04", UNIT, 2025, 81.0)])
    code, out, _ = run(capsys, "import", own, "--unit", UNIT, "--by", "海曙 李")
    assert code == 0 and "in force once accepted" in out
    newest = batches(capsys)[0]
    assert newest["state"] == "submitted" and newest["batch_id"].startswith("sub-")
    assert status_export(capsys) == before                                  # not in force
    row = unit_row(capsys, UNIT)
    assert (row["received"], row["accepted"], row["on_time"]) == ("2", "0", "2")
    assert int(row["missing"]) == int(row["expected"]) - 2

    code, out, _ = run(capsys, "review", "preview", newest["batch_id"])
    effect = {r["indicator_id"]: r for r in rows_of(out)}
    assert effect["A07-02"]["status_before"] == before[("A07-02", UNIT, "2025")][1]
    assert effect["A07-02"]["status_after"] == "completed"

    code, out, _ = run(capsys, "review", "accept", newest["batch_id"], "--by", "办公室 王")
    assert code == 0
    after = status_export(capsys)
    assert after[("A07-02", UNIT, "2025")] != before[("A07-02", UNIT, "2025")]
    assert after[("A07-02", UNIT, "2025")][1] == "completed"
    assert float(after[("A09-04", UNIT, "2025")][0]) == 81.0
    states = {b["batch_id"]: b for b in batches(capsys)}
    assert states[newest["batch_id"]]["state"] == "accepted"
    applied = batches(capsys)[0]
    assert applied["state"] == "applied" and newest["batch_id"] in applied["note"]
    assert unit_row(capsys, UNIT)["accepted"] == "2"

    # a second submission, returned with its reason: the unit's items show it, and the figure is missing again
    again = csv_file(tmp_path, "again.csv", [("A08-06", UNIT, 2025, 170000)])
    code, _, err = run(capsys, "import", again, "--unit", UNIT, "--by", "海曙 李", "--accept-warnings")
    assert code == 0, err
    sent = batches(capsys)[0]["batch_id"]
    code, _, err = run(capsys, "review", "return", sent, "--reason", "数值多了一个0", "--by", "办公室 王")
    assert code == 0, err
    code, out, _ = run(capsys, "round", "items", "--unit", UNIT, "--missing", "--out", "-")
    returned = [r for r in rows_of(out) if r["indicator_id"] == "A08-06"]
    assert returned[0]["cell_state"] == "returned" and returned[0]["reason"] == "数值多了一个0"
    assert status_export(capsys)[("A08-06", UNIT, "2025")] == before[("A08-06", UNIT, "2025")]
    row = unit_row(capsys, UNIT)
    assert (row["returned"], row["state"]) == ("1", "yellow")
    code, _, err = run(capsys, "review", "accept", sent, "--by", "办公室 王")      # a returned one stays returned
    assert code == 2 and "already been reviewed" in err


def test_each_escalation_state_for_the_case_that_defines_it(private, tmp_path, capsys):
    units = tmp_path / "units.csv"
    units.write_text("unit_id,name_zh,name_en,kind,area_code\nedu,市教育局,Municipal Education Bureau,department,330200\n",
                     encoding="utf-8")
    assign = tmp_path / "assign.csv"
    assign.write_text("indicator_id,area_code,unit_id\nA09-04,330200,edu\n", encoding="utf-8")
    code, out, err = run(capsys, "units", "--load", units, "--assign", assign, "--out", "-")
    assert code == 0, err
    listed = {r["unit_id"]: r for r in rows_of(out)}
    assert (listed["edu"]["count_assigned"], listed["edu"]["indicator_ids"]) == ("1", "A09-04")

    round_id = open_round(capsys)
    far, near, late = TODAY, DEADLINE - dt.timedelta(days=3), DEADLINE + dt.timedelta(days=1)
    assert unit_row(capsys, OTHER, far, round_id)["state"] == "open"
    assert unit_row(capsys, OTHER, near, round_id)["state"] == "blue"
    assert unit_row(capsys, OTHER, late, round_id)["state"] == "red"

    code, _, err = run(capsys, "import", csv_file(tmp_path, "edu.csv", [("A09-04", "330200", 2025, 90.0)]),
                       "--unit", "edu", "--by", "教育局")
    assert code == 0, err
    assert unit_row(capsys, "edu", far, round_id)["state"] == "open"            # sent, not yet accepted
    code, _, _ = run(capsys, "review", "accept", batches(capsys)[0]["batch_id"], "--by", "办公室")
    assert code == 0
    assert unit_row(capsys, "edu", late, round_id)["state"] == "green"         # all accepted, even past the deadline
    # the city figure went to the department, so the office no longer expects it
    code, out, _ = run(capsys, "round", "items", "--unit", "office", "--out", "-")
    assert ("A09-04", "330200") not in {(r["indicator_id"], r["area_code"]) for r in rows_of(out)}

    returned = csv_file(tmp_path, "r.csv", [("A07-02", OTHER, 2025, 3.1)])
    assert run(capsys, "import", returned, "--unit", OTHER, "--by", "江北")[0] == 0
    assert run(capsys, "review", "return", batches(capsys)[0]["batch_id"], "--reason", "来源不明")[0] == 0
    assert unit_row(capsys, OTHER, far, round_id)["state"] == "yellow"
    assert unit_row(capsys, OTHER, late, round_id)["state"] == "red"           # overdue outranks returned


@pytest.mark.parametrize("counts, days_left, state", [
    (dict(expected=3, accepted=3, returned=0, missing=0), -10, "green"),
    (dict(expected=3, accepted=0, returned=0, missing=3), -1, "red"),
    (dict(expected=3, accepted=1, returned=1, missing=1), 20, "yellow"),
    (dict(expected=3, accepted=0, returned=0, missing=3), 7, "blue"),
    (dict(expected=3, accepted=0, returned=0, missing=3), 8, "open"),
    (dict(expected=3, accepted=0, returned=0, missing=0), -5, "open"),       # all sent, awaiting review
    (dict(expected=3, accepted=0, returned=0, missing=3), 0, "blue"),        # the deadline day itself
])
def test_the_escalation_rule(counts, days_left, state):
    today = dt.date(2026, 3, 1)
    assert rounds.escalation(**counts, uncaused=0, deadline=today + dt.timedelta(days=days_left), today=today) == state


def test_all_accepted_but_a_shortfall_without_its_cause_is_yellow():
    today = dt.date(2026, 3, 1)
    assert rounds.escalation(expected=2, accepted=2, returned=0, missing=0, uncaused=1, deadline=today,
                             today=today) == "yellow"


def test_the_citys_figure_goes_to_the_lead_unit_and_a_shortfall_needs_its_cause(private, tmp_path, capsys):
    """A07-02's lead unit is named in the catalogue: the city's figure is that department's item; once
    accepted, a figure that leaves the target unfinished makes the unit yellow until a cause is in force."""
    from tracker import build, warehouse

    units = tmp_path / "units.csv"
    units.write_text("unit_id,name_zh,name_en,kind,area_code\nhrss,市人力社保局,Municipal HR Bureau,department,330200\n",
                     encoding="utf-8")
    assert run(capsys, "units", "--load", units, "--out", "-")[0] == 0
    def name_lead_unit(con):        # as the catalogue import would (it refreshes the stored answers)
        con.execute("update indicators set lead_unit_zh = '市人力社保局' where indicator_id = 'A07-02'")
        build.refresh_stored(con)
    warehouse.write_snapshot(name_lead_unit, check=build.check_snapshot)
    round_id = open_round(capsys)
    code, out, _ = run(capsys, "round", "items", "--unit", "hrss", "--out", "-")
    assert [(r["indicator_id"], r["area_code"]) for r in rows_of(out)] == [("A07-02", "330200")]
    code, out, _ = run(capsys, "round", "items", "--unit", "office", "--out", "-")
    assert ("A07-02", "330200") not in {(r["indicator_id"], r["area_code"]) for r in rows_of(out)}

    short = csv_file(tmp_path, "hrss.csv", [("A07-02", "330200", 2025, 4.2)])     # ≤ 3.5 wanted: not completed
    assert run(capsys, "import", short, "--unit", "hrss", "--by", "人社局")[0] == 0
    assert run(capsys, "review", "accept", batches(capsys)[0]["batch_id"], "--by", "办公室")[0] == 0
    row = unit_row(capsys, "hrss", TODAY, round_id)
    assert (row["accepted"], row["uncaused"], row["state"]) == ("1", "1", "yellow")

    explained = tmp_path / "hrss-cause.csv"
    explained.write_text("指标编号,区域代码,年份,数值,原因分析,下一步措施\nA07-02,330200,2025,4.2,外贸订单下滑,稳岗扩岗\n",
                         encoding="utf-8")
    assert run(capsys, "import", explained, "--unit", "hrss", "--by", "人社局")[0] == 0
    assert unit_row(capsys, "hrss", TODAY, round_id)["uncaused"] == "1"        # a cause counts once accepted
    assert run(capsys, "review", "accept", batches(capsys)[0]["batch_id"], "--by", "办公室")[0] == 0
    row = unit_row(capsys, "hrss", TODAY, round_id)
    assert (row["uncaused"], row["state"]) == ("0", "green")
    code, out, _ = run(capsys, "query", "commentary_targets", "--param", "plan_id=nb-cp-2021-2025", "--param", "year=2025")
    note = next(r for r in rows_of(out) if (r["indicator_id"], r["area_code"]) == ("A07-02", "330200"))
    assert (note["cause_zh"], note["measures_zh"]) == ("外贸订单下滑", "稳岗扩岗")
    kinds = [b["kind"] for b in batches(capsys)[:2]]
    assert kinds == ["observations", "commentary"]             # the figures' batch is the newest


def test_a_cause_in_a_row_without_a_figure_is_refused(private, tmp_path, capsys):
    open_round(capsys)
    file = tmp_path / "c.csv"
    file.write_text("indicator_id,area_code,year,value,cause_zh\nA07-02,330203,2025,3.6,就业承压\n"
                    "A09-04,330203,2025,,没有数值\n", encoding="utf-8")
    code, _, err = run(capsys, "import", file, "--unit", UNIT)
    assert code == 2 and "row 3" in err and "in the row of the figure" in err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_units_template_holds_exactly_its_missing_figures_and_comes_back_as_a_submission(private, capsys, lang):
    from components.downloads import to_csv_bytes
    from tracker.reporting import submit, templates

    round_id = open_round(capsys)
    items = rounds.cells(round_id, UNIT)
    template = templates.unit_template(items, lang)
    assert len(template) == len(items)                                        # nothing sent yet: every item
    filled = template[template.iloc[:, 0].isin(["A07-02", "A09-04"])].copy()
    filled.iloc[:, 5] = [3.3, 80.5]
    filled.iloc[:, -2] = ["", "" if lang == "zh" else "n/a"]
    outcome = submit.submit([("template.csv", to_csv_bytes(filled))], UNIT, "海曙", round_id)
    assert outcome.rows == 2
    after = templates.unit_template(rounds.cells(round_id, UNIT), lang)
    assert len(after) == len(items) - 2 and not set(after.iloc[:, 0]) & {"A07-02"}
