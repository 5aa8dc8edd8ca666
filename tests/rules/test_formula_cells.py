"""Spreadsheet formulas in text cells ("CSV injection"): one rule (tracker/cells.py), refused on the
way in, neutralised with a leading apostrophe on the way out.

In: observation files (CSV and .xlsx), the milestone command and catalogue files that hold
formula-like text are refused with the row and column, exit 2, nothing written.
Out: a warehouse holding formula-like text that arrived before the rule (written straight into the
tables, as an old snapshot would hold it) goes through every writer — the CLI's CSV commands, the
templates, the page downloads — and no cell of any file comes back formula-like.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests import bad_files as bf
from tests.cli_run import run
from tracker import build, db, warehouse
from tracker.cells import is_formula_like, safe_frame, safe_text

# ---- the rule -----------------------------------------------------------------------------------
RULE = [
    ("=1+1", True), (" =1", True), ("\t=1", True), ("\r=1", True), ("\n=1", True), ("\u3000=1", True),
    ("\u00a0=1", True), ("\u200b=1", True), ("＝1", True), ("＋cmd", True), ("－x", True), ("＠SUM(A1)", True),
    ("﹦1", True), ("−x", True), ("-x", True), ("+cmd|' /C calc'!A0", True), ("-2+3+cmd|' /C calc'!A0", True),
    ("@user", True), ("@SUM(A1:A2)", True), ("+86 574 8718 0000", True), ("-", True), ("\tplain", True),
    ("\rplain", True),
    ("-3.5", False), ("+5", False), ("-1,234.5", False), ("-12%", False), ("-.5", False), ("1e3", False),
    ("－3.5", False), (" -3.5", False), ("宁波市统计局", False), ("2024年统计公报", False), ("", False),
    ("   ", False), ("'=1+1", False), ("a=b", False), ("email@example.com", False), ("0086 574 8718 0000", False),
    ("\nplain", False), (None, False), (3.5, False), (-3, False),
]


@pytest.mark.parametrize("text, expected", RULE, ids=[repr(t) for t, _ in RULE])
def test_which_text_is_formula_like(text, expected):
    assert is_formula_like(text) is expected


@pytest.mark.parametrize("text", [t for t, like in RULE if like], ids=[repr(t) for t, like in RULE if like])
def test_neutralised_text_is_no_longer_formula_like_and_keeps_its_words(text):
    safe = safe_text(text)
    assert safe == "'" + text.replace("\r", "\n") and not is_formula_like(safe)
    assert safe_text(safe) == safe


def test_safe_frame_touches_text_columns_and_headers_only():
    frame = pd.DataFrame({
        "=h": ["=1+1", "ok"],
        "obj": pd.Series(["-x", None], dtype=object),
        "str": pd.Series(["＠SUM", pd.NA], dtype="string"),
        "cat": pd.Categorical([" =1", "宁波"]),
        "num": [-3.5, 2.0],
        "int": [-1, 2],
    })
    safe = safe_frame(frame)
    assert list(safe.columns) == ["'=h", "obj", "str", "cat", "num", "int"]
    assert safe["'=h"].tolist() == ["'=1+1", "ok"]
    assert safe["obj"].tolist()[0] == "'-x" and pd.isna(safe["obj"].tolist()[1])
    assert safe["str"].tolist()[0] == "'＠SUM" and pd.isna(safe["str"].tolist()[1])
    assert safe["cat"].tolist() == ["' =1", "宁波"]
    assert safe["num"].tolist() == [-3.5, 2.0] and safe["int"].tolist() == [-1, 2]
    assert str(safe["num"].dtype) == "float64" and frame["=h"].tolist() == ["=1+1", "ok"]  # a copy


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_safe_frame_gives_the_same_cells_as_the_rule_one_by_one(dtype):
    texts = [t for t, _ in RULE if isinstance(t, str)] + ["备注\r=1", "ok\r", "A09-04", "宁波", "2024"]
    safe = safe_frame(pd.DataFrame({"t": pd.Series(texts, dtype=dtype)}))
    assert safe["t"].tolist() == [safe_text(t) for t in texts]


# ---- in: observation files ----------------------------------------------------------------------
HOSTILE = [t for t, like in RULE if like and t not in ("\rplain",)]   # one CR case is enough below
NOT_EQUALS = [t for t in HOSTILE if not t.startswith("=")]             # '=' at the start is cell.formula
TEXT_COLUMNS = ["source", "note", "milestone", "indicator_id", "area_code"]


def _row_with(column: str, text: str) -> list:
    cells = dict(zip(bf.EN, [bf.SHARE, bf.CITY, 2024, 55, None, "市统计局", None]))
    cells[column] = text
    return [cells[c] for c in bf.EN]


def _file(kind: str, rows: list[list]) -> tuple[str, bytes]:
    return ("f.csv", bf.csv_bytes(rows)) if kind == "csv" else ("f.xlsx", bf.xlsx_bytes(rows))


@pytest.fixture(scope="module")
def ref(demo_warehouse):
    from tracker.importer import validate

    return validate.Reference.from_frames(db.run("import_targets"), db.run("areas"))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("column", TEXT_COLUMNS)
@pytest.mark.parametrize("text", NOT_EQUALS, ids=[repr(t) for t in NOT_EQUALS])
def test_formula_like_text_in_any_text_cell_is_refused_with_row_and_column(text, column, kind, ref):
    from tracker.importer import validate
    from tracker.importer.reading import read_upload

    name, data = _file(kind, [_row_with(column, text)])
    found = validate.check(read_upload(name, data), ref).findings
    assert (2, column, "cell.formula_like") in {(f.row, f.column, f.code) for f in found}


def test_a_real_workbook_formula_keeps_its_own_message(ref):
    from tracker.importer import validate
    from tracker.importer.reading import read_upload

    name, data = _file("xlsx", [_row_with("note", "=1+1")])
    found = validate.check(read_upload(name, data), ref).findings
    assert [(f.row, f.column, f.code) for f in found] == [(2, "note", "cell.formula")]


def test_numbers_and_plain_text_still_import(ref):
    from tracker.importer import validate
    from tracker.importer.reading import read_upload

    rows = [[bf.SHARE, bf.CITY, 2024, "+55", None, "宁波市统计局", "-3.5"],
            [bf.LEVEL, bf.REGION, 2024, "-1", None, "2024年公报", "a=b"]]
    checked = validate.check(read_upload("ok.csv", bf.csv_bytes(rows)), ref)
    assert not [f for f in checked.findings if f.code.startswith("cell.")]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("column", ["source", "note"])
def test_the_import_command_refuses_every_hostile_form_and_writes_nothing(column, kind, private, tmp_path, capsys):
    years = range(2021, 2026)
    areas = ["330200", "330203", "330205", "330206", "330211", "330212", "330213", "330225", "330226", "330281"]
    rows = []
    for i, text in enumerate(HOSTILE):
        row = _row_with(column, text)
        row[1], row[2] = areas[i % len(areas)], years[i // len(areas)]
        rows.append(row)
    name, data = _file(kind, rows)
    file = tmp_path / name
    file.write_bytes(data)
    before = private.read_bytes()
    code, _, err = run(capsys, "import", file)
    assert code == 2, err
    for n in range(2, len(HOSTILE) + 2):
        assert f"row {n}, column {column}:" in err
    assert err.count("starts like a formula") == len([t for t in HOSTILE if not t.startswith("=")])
    assert "nothing was written" in err and private.read_bytes() == before
    code, _, err = run(capsys, "import", file, "--lang", "zh")
    assert code == 2 and "开头像公式" in err


@pytest.mark.parametrize("note", ["=cmd|' /C calc'!A0", " =1", "＝1", "\t@x", "-x", "\u3000+cmd"])
def test_the_milestone_command_refuses_a_formula_like_note(note, private, capsys):
    before = private.read_bytes()
    code, _, err = run(capsys, "milestone", bf.QUAL, bf.REGION, 2025, "done", f"--note={note}")
    assert code == 2, err
    assert "column note" in err and "starts like a formula" in err
    assert private.read_bytes() == before


def test_the_milestone_command_refuses_a_sign_before_text_but_records_plain_text(private, capsys):
    code, _, err = run(capsys, "milestone", bf.QUAL, bf.REGION, 2025, "done", "--note", "-3.5 个百分点")
    assert code == 2 and "starts like a formula" in err          # a sign before text is refused …
    code, _, err = run(capsys, "milestone", bf.QUAL, bf.REGION, 2025, "done", "--note", "通过验收")
    assert code == 0, err                                          # … plain text is recorded


# ---- in: catalogue files ------------------------------------------------------------------------
def _action(no: int, **over) -> dict:
    row = {"plan_id": "nb-cp-2021-2025", "action_no": no, "name_zh": f"第{no}大行动", "name_en": f"Action {no}",
           "group_zh": "", "group_en": "", "summary_zh": "补充", "summary_en": "Added", "in_source": "true"}
    return {**row, **over}


CATALOGUE_CASES = [("name_zh", "=HYPERLINK(\"http://x\",\"点击\")"), ("name_en", " =1+1"), ("summary_zh", "＝1"),
                   ("summary_en", "@SUM(A1)"), ("group_zh", "\t-x"), ("name_zh", "\u3000＋cmd")]


@pytest.mark.parametrize("column, text", CATALOGUE_CASES, ids=[f"{c}-{t!r}" for c, t in CATALOGUE_CASES])
def test_a_catalogue_file_with_a_formula_like_cell_is_refused(column, text, private, tmp_path, capsys):
    file = tmp_path / "actions.csv"
    file.write_bytes(bf.catalogue_csv("actions", [_action(1), _action(2, **{column: text})]))
    before = private.read_bytes()
    code, _, err = run(capsys, "import", file)
    assert code == 2, err
    assert f"row 3, column {column}:" in err and "starts like a formula" in err
    assert "nothing was written" in err and private.read_bytes() == before


# ---- out: every writer --------------------------------------------------------------------------
PLANTED = [t for t, like in RULE if like]


def _plant(con) -> None:
    """Formula-like text everywhere a writer reads text, written straight into the tables (no import
    rule), as a snapshot from before the rule may hold it."""
    plan = con.execute("select plan_id from plans order by plan_id limit 1").fetchone()[0]
    con.execute("update plans set name_zh = $a, name_en = $b where plan_id = $p",
                {"a": "=HYPERLINK(\"http://x\")", "b": "@plan", "p": plan})
    targets = [r[0] for r in con.execute("select indicator_id from indicators where plan_id = $p order by "
                                         "indicator_id", {"p": plan}).fetchall()]
    for iid, text in zip(targets, PLANTED):
        con.execute("update indicators set name_zh = $t, name_en = $t, unit_zh = $t, unit_en = $t, "
                    "source_quote = $t where indicator_id = $i", {"t": text, "i": iid})
    con.execute("update areas set name_zh = '-海曙', name_en = '+Haishu' where area_code = '330203'")
    build.record_batch(con, batch_id="=old-batch", kind="observations", rows=len(PLANTED), by="@someone",
                       file_name="-old.csv", note="=cmd|' /C calc'!A0")
    areas = [r[0] for r in con.execute("select area_code from areas where kind in ('city', 'district') "
                                       "order by area_code").fetchall()]
    rows = [(bf.SHARE, areas[i % len(areas)], 2021 + i // len(areas), 50.0 + i / 10, None, text, text)
            for i, text in enumerate(PLANTED)]
    rows.append((bf.QUAL, bf.REGION, 2025, None, "in_progress", "＝src", "\t=note"))
    obs = pd.DataFrame(rows, columns=["indicator_id", "area_code", "year", "value", "milestone", "source", "note"])
    build.append_observations(con, obs, "=old-batch")
    build.refresh_status(con)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, demo_warehouse) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "w.duckdb"
    shutil.copy2(demo_warehouse, path)
    warehouse.write_snapshot(_plant, path=path, check=build.check_snapshot)
    return path


@pytest.fixture()
def old(hostile, monkeypatch) -> Path:
    monkeypatch.setenv("TRACKER_WAREHOUSE", str(hostile))
    return hostile


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def xlsx_cells(data: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def assert_csv_is_safe(text: str) -> None:
    cells = csv_cells(text)
    assert [c for c in cells if is_formula_like(c)] == []
    assert any(c.startswith("'") and is_formula_like(c[1:]) for c in cells), "no planted text reached the file"


def assert_xlsx_is_safe(data: bytes) -> None:
    cells = xlsx_cells(data)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert [(c.coordinate, c.value) for c in cells if is_formula_like(c.value)] == []
    assert any(isinstance(c.value, str) and c.value.startswith("'") and is_formula_like(c.value[1:]) for c in cells)


def _plan(path: Path) -> str:
    return str(db.run("plans", path=path).sort_values("plan_id")["plan_id"].iloc[0])


@pytest.mark.parametrize("argv", [
    ["export-observations", "--out", "-"],
    ["export-status", "--out", "-", "--plan", "PLAN"],
    ["batches"],
    ["query", "plans"],
    ["query", "indicators", "--param", "plan_id=PLAN", "--param", "action_no="],
    ["query", "import_targets"],
    ["query", "areas"],
    ["query", "batches"],
    ["query", "observations_export", "--param", "plan_id="],
    ["query", "revisions", "--param", f"indicator_id={bf.SHARE}"],
], ids=lambda a: " ".join(a[:2]))
def test_cli_csv_on_standard_output_runs_no_formulas(argv, old, capsys):
    code, out, err = run(capsys, *[a.replace("PLAN", _plan(old)) for a in argv])
    assert code == 0, err
    assert_csv_is_safe(out)


@pytest.mark.parametrize("command", ["export-observations", "export-status"])
def test_cli_csv_files_run_no_formulas(command, old, tmp_path, capsys):
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, command, "--out", out)
    assert code == 0, err
    assert_csv_is_safe(out.read_text(encoding="utf-8"))


def _template_inputs(path: Path):
    targets, areas = db.run("import_targets", path=path), db.run("areas", path=path)
    plan = db.run("plans", path=path).set_index("plan_id").loc[_plan(path)].to_dict()
    plan["plan_id"] = _plan(path)
    return targets[targets["plan_id"] == plan["plan_id"]], areas, plan


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_templates_run_no_formulas(lang, old):
    from tracker.importer import templates

    targets, areas, plan = _template_inputs(old)
    assert_csv_is_safe(templates.csv_bytes(targets, areas, lang).decode("utf-8-sig"))
    data = templates.xlsx_bytes(targets, areas, plan, lang)
    assert_xlsx_is_safe(data)
    help_sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[-1]
    assert help_sheet["A1"].value.startswith("'")  # the plan's (planted) name opens the instructions


def _page_tables(path: Path, lang: str) -> dict:
    from components.screens import indicator as screen_indicator
    from components.screens.data import history, milestones

    targets = db.run("indicators", path=path, plan_id=_plan(path), action_no=None)
    row = targets[targets["indicator_id"] == bf.SHARE].iloc[0].to_dict()
    areas = dict(zip(db.run("areas", path=path)["area_code"], db.run("areas", path=path)[f"name_{lang}"]))
    series = db.run("series", path=path, indicator_id=bf.SHARE, area_code=None)
    return {
        "history": lambda: screen_indicator.history_download(bf.SHARE, row, lang),
        "area_year": lambda: screen_indicator.area_year_table(series, row, lang, numeric=True),
        "batches": lambda: history.batches_table(db.run("batches", path=path), lang),
        "milestones": lambda: milestones.milestones_table(
            db.run("import_milestones", path=path, plan_id=_plan(path)), areas, lang),
        "every form": lambda: pd.DataFrame({"=head": PLANTED, "n": range(len(PLANTED)),
                                            "s": pd.Series(PLANTED, dtype="string"),
                                            "c": pd.Categorical(PLANTED)}),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("table", ["history", "area_year", "batches", "milestones", "every form"])
def test_page_downloads_run_no_formulas(table, lang, old):
    from components import downloads

    makers = downloads.file_makers(_page_tables(old, lang)[table], f"{table}-{lang}")
    assert_csv_is_safe(makers["csv"]().decode("utf-8-sig"))
    assert_xlsx_is_safe(makers["xlsx"]())


def test_downloads_keep_numbers_as_numbers():
    from components import downloads

    frame = pd.DataFrame({"t": ["-x", "-3.5"], "n": [-3.5, 1.0]})
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.to_xlsx_bytes(frame))).active
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [["t", "n"], ["'-x", -3.5], ["-3.5", 1]]
    back = list(csv.reader(io.StringIO(downloads.to_csv_bytes(frame).decode("utf-8-sig"))))
    assert back == [["t", "n"], ["'-x", "-3.5"], ["-3.5", "1.0"]]


def test_a_carriage_return_inside_text_cannot_start_a_new_row_in_a_csv():
    from components import downloads

    frame = pd.DataFrame({"note": ["备注\r=1+1", "ok\r\n=2"], "n": [1, 2]})
    back = list(csv.reader(io.StringIO(downloads.to_csv_bytes(frame).decode("utf-8-sig"), newline="")))
    assert back == [["note", "n"], ["备注\n=1+1", "1"], ["ok\r\n=2", "2"]]
