"""Importing the office's words: a commentary file is recognised by its headers (CSV or Excel), checked
(bad rows refused with nothing written), applied as a 'commentary' batch listed in the history, shown
as plain text on the target's card and indicator page, revised, and rolled back; the lead unit set
through the catalogue import shows on the card and the indicator page."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from components.safe import md
from tests.cli_run import run
from tests.commentary_rows import note_for
from tests.data_page import data_page, sign_in
from tests.screens import open_screen
from tracker import commentary, db, paths
from tracker.importer import commentary_template

PLAN = "nb-cp-2021-2025"
TARGET = "A12-06"                       # 康养联合体覆盖乡镇（街道）比例, action 12; unfinished in the demo
HEADERS = ["indicator_id", "area_code", "year", "cause_zh", "cause_en", "measures_zh", "measures_en"]


def csv_file(tmp_path, name: str, headers: list[str], rows: list[list]) -> str:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)
    return str(path)


def _card(at, indicator_id: str) -> str:
    name = db.run("indicators", plan_id=PLAN, action_no=None).set_index("indicator_id").loc[indicator_id]
    title = f"**{name['name_zh']}**"
    hits = [m.value for m in at.markdown if m.value.startswith(title) or m.value.startswith(f"**{name['name_en']}**")]
    assert hits, f"no card for {indicator_id}"
    return hits[0]


def action_page(lang: str = "zh"):
    at = open_screen("action", action="12", indicator=TARGET, **({"lang": "en"} if lang == "en" else {}))
    assert not at.exception
    return at


def indicator_page(lang: str = "zh"):
    at = open_screen("indicator", indicator=TARGET, **({"lang": "en"} if lang == "en" else {}))
    assert not at.exception
    return at


def all_markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_a_cause_imported_shows_on_the_card_and_indicator_page_and_a_rollback_removes_it(private, tmp_path, capsys):
    file = csv_file(tmp_path, "causes.csv", HEADERS, [
        [TARGET, "全市", 2025, "部分山区乡镇场地不足，资金到位晚", "Sites lacking in hill townships; funds came late",
         "2026年新建12个联合体", "12 new consortia in 2026"],
        ["A12-01", "余姚", 2025, "原因乙", None, None, None],
        ["A12-02", "全市", 2025, None, None, None, None]])                   # no text: skipped
    code, out, err = run(capsys, "import", file)
    assert code == 0, err
    assert "2 new" in out
    batches = db.run("batches")
    batch = batches.iloc[0]
    assert (batch["kind"], batch["state"], int(batch["count_in_force"]), bool(batch["is_reversible"])) == \
        ("commentary", "applied", 2, True)
    code, out, _ = run(capsys, "batches")
    assert f"{batch['batch_id']},commentary,causes.csv" in out

    at = action_page()
    card = _card(at, TARGET)
    assert "原因：部分山区乡镇场地不足，资金到位晚" in card
    assert "部分山区乡镇场地不足" in all_markdown(at) and "2026年新建12个联合体" in all_markdown(at)  # the panel
    en = all_markdown(indicator_page("en"))
    assert md("Sites lacking in hill townships; funds came late") in en and "12 new consortia in 2026" in en
    assert "**Cause \\(Ningbo\\, 2025\\)**" in en

    code, out, err = run(capsys, "rollback", batch["batch_id"])
    assert code == 0, err
    assert commentary.target_notes(PLAN, 2025).empty
    assert "原因：" not in _card(action_page(), TARGET)
    assert "尚未填报原因分析和下一步措施。" in [i.value for i in indicator_page().info]


def test_a_revision_wins_and_a_text_left_blank_keeps_the_one_in_force(private, tmp_path, capsys):
    first = csv_file(tmp_path, "a.csv", HEADERS, [[TARGET, "330200", 2025, "原因一", "Cause one", "措施一", None]])
    assert run(capsys, "import", first)[0] == 0
    second = csv_file(tmp_path, "b.csv", ["indicator_id", "area_code", "year", "cause_zh", "measures_zh"],
                      [[TARGET, "宁波市", 2025, "原因二（修订）", None]])
    code, out, err = run(capsys, "import", second)
    assert code == 0, err
    assert "0 new, 1 revised" in out
    note = note_for(commentary.target_notes(PLAN, 2025), TARGET, "330200")
    # the cause was given (in Chinese): both its languages replaced; the measures, not given, kept
    assert (note["cause_zh"], note["cause_en"], note["measures_zh"]) == ("原因二（修订）", None, "措施一")
    assert "原因：原因二（修订）" in _card(action_page(), TARGET)
    code, out, _ = run(capsys, "import", second)            # the same file again: nothing to write
    assert code == 0 and "Nothing changed" in out


def test_the_evaluation_sections_import_from_excel_templates(private, capsys, tmp_path):
    plan = db.run("plans").set_index("plan_id").loc[PLAN].to_dict() | {"plan_id": PLAN}
    targets = db.run("indicators", plan_id=PLAN, action_no=None)
    book = openpyxl.load_workbook(io.BytesIO(commentary_template.xlsx_bytes("plan", plan, targets, db.run("areas"), "zh")))
    sheet = book.active
    assert [c.value for c in sheet[1]] == commentary_template.COLUMNS["plan"]
    assert [sheet.cell(row=r, column=3).value for r in range(2, 6)] == list(commentary.SECTIONS)
    sheet["E2"] = "总体进展良好。\n第二段：仍有短板。"
    sheet["E4"] = "个别指标滞后"
    sheet["F4"] = "A few targets lag"
    sheet["C4"] = "存在问题"                              # the Chinese title reads as its code
    path = tmp_path / "评估文字.xlsx"
    book.save(path)
    code, out, err = run(capsys, "import", path)
    assert code == 0, err
    assert commentary.plan_sections(PLAN, 2025) == {
        "overall": {"zh": "总体进展良好。\n第二段：仍有短板。", "en": ""},
        "problems": {"zh": "个别指标滞后", "en": "A few targets lag"}}

    book = openpyxl.load_workbook(io.BytesIO(commentary_template.xlsx_bytes("targets", plan, targets, db.run("areas"), "en")))
    sheet = book.active
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == TARGET)
    sheet.cell(row=row, column=5).value = "场地不足"
    path = tmp_path / "causes.xlsx"
    book.save(path)
    code, out, err = run(capsys, "import", path)
    assert code == 0, err
    assert note_for(commentary.target_notes(PLAN, 2025), TARGET, "330200")["cause_zh"] == "场地不足"


@pytest.mark.parametrize(("rows", "row", "column", "words"), [
    ([["Z99-01", "330200", 2025, "x", None, None, None]], 2, "indicator_id", "Unknown indicator id"),
    ([[TARGET, "火星区", 2025, "x", None, None, None]], 2, "area_code", "Unknown area"),
    ([[TARGET, "330281001", 2025, "x", None, None, None]], 2, "area_code", "not for a township"),
    ([[TARGET, "330200", 2031, "x", None, None, None]], 2, "year", "outside the plan's years"),
    ([[TARGET, "330200", 2025, "原因\x07", None, None, None]], 2, "cause_zh", "control character"),
    ([[TARGET, "330200", 2025, "长" * 2001, None, None, None]], 2, "cause_zh", "limit is 2000"),
    ([[TARGET, "330200", 2025, None, None, "=HYPERLINK(\"x\")", None]], 2, "measures_zh", "formula"),
    ([[TARGET, "330200", 2025, "a", None, None, None], [TARGET, "全市", 2025, "b", None, None, None]], 3,
     "indicator_id", "Repeats row 3"),
])
def test_bad_target_rows_are_refused_with_nothing_written(rows, row, column, words, private, tmp_path, capsys):
    file = csv_file(tmp_path, "bad.csv", HEADERS, [[TARGET, "330212", 2025, "好的一行", None, None, None], *rows])
    rows_at = row + 1                                       # the good row comes first
    before = private.read_bytes()
    code, out, err = run(capsys, "import", file)
    assert code == 2
    assert f"bad.csv, row {rows_at}, column {column}: " in err and words in err
    assert "nothing was written" in err
    assert private.read_bytes() == before


@pytest.mark.parametrize(("cells", "column", "words"), [
    (["nb-cp-2026-2030", 2025, "overall", "x"], "plan_id", "Unknown plan id"),
    ([PLAN, 2025, "summary", "x"], "section", "is not a part of the evaluation"),
    ([PLAN, 2019, "overall", "x"], "year", "outside the plan's years"),
    ([PLAN, 2025, "overall", "长" * 8001], "text_zh", "limit is 8000"),
])
def test_bad_plan_rows_are_refused_with_nothing_written(cells, column, words, private, tmp_path, capsys):
    file = csv_file(tmp_path, "plan.csv", ["plan_id", "year", "section", "text_zh"], [cells])
    before = private.read_bytes()
    code, _, err = run(capsys, "import", file)
    assert code == 2
    assert f"plan.csv, row 2, column {column}: " in err and words in err
    assert private.read_bytes() == before


def test_the_office_words_are_shown_as_typed_never_as_markdown(private, tmp_path, capsys):
    hostile = "**粗体** :red[红] <b>x</b> [链接](http://203.0.113.9) $x$"
    file = csv_file(tmp_path, "h.csv", HEADERS, [[TARGET, "330200", 2025, hostile, None, "# 标题\n- 列表", None]])
    assert run(capsys, "import", file)[0] == 0
    at = action_page()
    card, text = _card(at, TARGET), all_markdown(at)
    assert "\\*\\*粗体\\*\\*" in card and "\\:" in card and "\\[链接\\]" in card
    assert "**粗体**" not in text and ":red[" not in text
    assert "\\# 标题  \n\\- 列表" in text                   # each line as written, no heading, no list
    at = indicator_page()
    assert "\\*\\*粗体\\*\\*" in all_markdown(at) and "**粗体**" not in all_markdown(at)


def test_a_lead_unit_set_through_the_catalogue_import_shows_on_the_card_and_indicator_page(private, tmp_path, capsys):
    assert "牵头单位：未指定" in _card(action_page(), TARGET)
    assert ":small[:gray[Lead unit\\:\u2060 Not assigned]]" in all_markdown(indicator_page("en"))
    with (paths.CATALOG / "indicators.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["indicator_id"] == TARGET]
    rows[0] |= {"lead_unit_zh": "市民政局", "lead_unit_en": "Municipal Civil Affairs Bureau"}
    file = csv_file(tmp_path, "indicators.csv", list(rows[0]), [list(rows[0].values())])
    code, out, err = run(capsys, "import", file)
    assert code == 0, err
    assert "0 new, 1 revised" in out
    assert "牵头单位：市民政局" in _card(action_page(), TARGET)
    assert "Lead unit\\:\u2060 Municipal Civil Affairs Bureau" in _card(action_page("en"), TARGET)
    at = indicator_page()
    assert "牵头单位：市民政局" in all_markdown(at)
    meta = at.table[0].value
    assert "市民政局" in meta.iloc[:, 1].tolist()


def test_the_data_page_offers_both_templates_and_previews_a_commentary_upload(with_password, tmp_path):
    at = data_page("en")
    keys = {b.key for b in at.get("download_button")}
    assert {"data_commentary_targets_xlsx", "data_commentary_targets_csv", "data_commentary_plan_xlsx",
            "data_commentary_plan_csv"} <= keys
    at = sign_in(data_page("en"), name="Analyst")
    data = "\n".join([",".join(HEADERS), f"{TARGET},330200,2025,场地不足,Sites lacking,加快建设,"]).encode("utf-8")
    at = at.file_uploader[0].set_value(("causes.csv", data, "text/csv")).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["New"] == "1"
    preview = at.dataframe[0].value
    assert preview[["Cause", "Measures"]].values.tolist() == [["Sites lacking", "加快建设"]]
    at.button(key="data_commit").click().run()
    assert not at.exception
    assert db.run("batches").iloc[0]["kind"] == "commentary"
    history = data_page("en")
    assert "causes and evaluation text" in history.dataframe[0].value.astype(str).to_numpy().ravel().tolist()


def test_a_commentary_batch_is_kept_in_the_journal_and_replayed(private, tmp_path, capsys):
    from tracker import journal, replay

    file = csv_file(tmp_path, "a.csv", HEADERS, [[TARGET, "330200", 2025, "原因一", None, "措施一", None]])
    assert run(capsys, "import", file)[0] == 0
    target = tmp_path / "replayed.duckdb"
    replay.replay(target, journal.entries(private))
    note = note_for(commentary.target_notes(PLAN, 2025, path=target), TARGET, "330200")
    assert (note["cause_zh"], note["measures_zh"]) == ("原因一", "措施一")


def test_a_commentary_file_missing_a_required_column_is_told_which(private, tmp_path, capsys):
    file = csv_file(tmp_path, "c.csv", ["indicator_id", "area_code", "year", "cause_zh"], [[TARGET, "330200", 2025, "x"]])
    before = private.read_bytes()
    code, _, err = run(capsys, "import", file)
    assert code == 2
    assert "c.csv, row 1, column measures_zh: The “measures_zh” column is missing." in err
    assert private.read_bytes() == before


def test_a_template_carries_the_texts_in_force_so_an_edited_download_revises_only_what_changed(private, tmp_path,
                                                                                                 capsys):
    file = csv_file(tmp_path, "a.csv", HEADERS, [[TARGET, "330200", 2025, "原因一", None, "措施一", None],
                                                 [TARGET, "330281", 2024, "余姚原因", None, None, None]])
    assert run(capsys, "import", file)[0] == 0
    plan = db.run("plans").set_index("plan_id").loc[PLAN].to_dict() | {"plan_id": PLAN}
    targets = db.run("indicators", plan_id=PLAN, action_no=None)
    data = commentary_template.csv_bytes("targets", plan, targets, db.run("areas"), "zh",
                                         db.run("import_commentary_targets"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r for r in rows if r[0] == TARGET] == [
        [TARGET, "康养联合体覆盖乡镇（街道）比例", "330200 宁波市", "2025", "原因一", "", "措施一", ""],
        [TARGET, "康养联合体覆盖乡镇（街道）比例", "330281 余姚市", "2024", "余姚原因", "", "", ""]]
    edited = [r if r[0] != TARGET or r[3] != "2024" else [*r[:4], "余姚原因（修订）", *r[5:]] for r in rows]
    path = tmp_path / "edited.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(edited)
    code, out, err = run(capsys, "import", path)
    assert code == 0, err
    assert "0 new, 1 revised, 1 unchanged" in out
    assert note_for(commentary.target_notes(PLAN, 2024), TARGET, "330281")["cause_zh"] == "余姚原因（修订）"
