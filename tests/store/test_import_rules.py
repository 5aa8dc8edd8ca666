"""Reading and checking import files, without the warehouse: numbers, encodings, every rule, the
password check and the templates."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests import bad_files as bf
from tracker.importer import auth, reading, sheet, templates, validate
from tracker.importer.reading import parse_number, parse_year, read_upload


# ---- numbers as people write them ----------------------------------------------------------------
@pytest.mark.parametrize("text,value,percent,problem", [
    ("1234.5", 1234.5, False, None),
    ("1,234.5", 1234.5, False, None),
    ("12,345,678", 12345678.0, False, None),
    ("１２３", 123.0, False, None),
    ("１，２３４．５", 1234.5, False, None),
    ("60%", 60.0, True, None),
    ("６０％", 60.0, True, None),
    (" 7 ", 7.0, False, None),
    ("\u30007\u3000", 7.0, False, None),
    ("−5", -5.0, False, None),
    ("1e3", 1000.0, False, None),
    ("", None, False, None),
    ("1,23", None, False, "value.separator"),
    ("1.234,5", None, False, "value.separator"),
    ("12 345", None, False, "value.text"),
    ("约50", None, False, "value.text"),
    ("1.2万", None, False, "value.text"),
    ("nan", None, False, "value.text"),
    ("inf", None, False, "value.text"),
    ("--5", None, False, "value.text"),
])
def test_numbers_are_read_exactly_or_refused(text, value, percent, problem):
    number = parse_number(text)
    assert (number.value, number.percent, number.problem) == (value, percent, problem)


@pytest.mark.parametrize("text,year,problem", [
    ("2024", 2024, None), ("２０２４", 2024, None), ("2024年", 2024, None), ("2024.0", 2024, None),
    ("24", None, "year.text"), ("2024.5", None, "year.text"), ("二〇二四", None, "year.text"),
    ("", None, "year.missing"), (None, None, "year.missing"),
])
def test_years(text, year, problem):
    assert parse_year(text) == (year, problem)


# ---- encodings and file kinds --------------------------------------------------------------------
ROWS = [[bf.SHARE, bf.CITY, 2024, "55", None, "来源", "宁波备注"]]


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("gbk", "GB18030"), ("gb18030", "GB18030"),
])
def test_csv_encodings_are_detected_and_read(encoding, expected):
    sheet = read_upload("x.csv", bf.csv_bytes(ROWS, encoding=encoding))
    assert sheet.findings == []
    assert sheet.encoding == expected
    assert sheet.headers == bf.ZH
    assert sheet.rows == [(2, [bf.SHARE, bf.CITY, "2024", "55", None, "来源", "宁波备注"])]


def test_tab_separated_text_is_read_by_its_header():
    data = "\t".join(bf.EN) + "\n" + "\t".join([bf.SHARE, bf.CITY, "2024", "55", "", "", ""]) + "\n"
    sheet = read_upload("x.txt", data.encode("utf-8"))
    assert sheet.headers == bf.EN and sheet.rows[0][1][3] == "55"


def test_workbook_cells_come_back_as_typed_text():
    data = bf.xlsx_bytes([[bf.SHARE, 330200, 2024.0, 0.605, None, None, None]], percent=("D2",))
    sheet = read_upload("x.xlsx", data)
    assert sheet.kind == "xlsx" and sheet.findings == []
    assert sheet.rows == [(2, [bf.SHARE, "330200", "2024", "60.5%", None, None, None])]


def test_the_data_sheet_is_found_by_name():
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["这张表不是数据"])
    ws = book.create_sheet("数据")
    ws.append(bf.ZH)
    ws.append([bf.SHARE, bf.CITY, 2024, 1])
    out = io.BytesIO()
    book.save(out)
    assert read_upload("x.xlsx", out.getvalue()).headers == bf.ZH


# ---- every rule, through the whole check ----------------------------------------------------------
@pytest.fixture(scope="module")
def ref() -> validate.Reference:
    from tracker import catalog

    frames = catalog.load()
    targets = frames["indicators"].assign(plan_baseline_year=2020, plan_target_year=2025)
    return validate.Reference.from_frames(targets.astype(object).where(targets.notna(), None), frames["areas"])


@pytest.mark.parametrize("case", bf.BAD, ids=[b.name for b in bf.BAD])
def test_each_bad_file_gives_its_finding(case, ref):
    name, data = case.build()
    checked = validate.check(read_upload(name, data), ref)
    assert checked.rows.empty
    hits = [f for f in checked.findings if f.code == case.code]
    assert hits, [f.code for f in checked.findings]
    assert (hits[0].row, hits[0].column) == (case.row, case.column)
    assert hits[0].message_zh and hits[0].message_en and hits[0].message_zh != hits[0].message_en


def test_english_headers_and_a_good_file_read_every_way_people_write(ref):
    for headers in (bf.ZH, bf.EN):
        checked = validate.check(read_upload("g.csv", bf.csv_bytes(bf.good_rows(), headers=headers)), ref)
        assert checked.findings == []
        rows = checked.rows.set_index("row")
        assert rows.loc[2, "value"] == 12.5 and rows.loc[3, "value"] == 1234.5 and rows.loc[3, "year"] == 2024
        assert rows.loc[6, "milestone"] == "done" and pd.isna(rows.loc[6, "value"])


def test_a_percent_sign_is_fine_for_a_share_and_a_percent_cell_is_read_as_percent(ref):
    data = bf.xlsx_bytes([[bf.SHARE, bf.CITY, 2024, 0.6], [bf.SHARE, bf.CITY, 2023, "55%"]], percent=("D2",))
    checked = validate.check(read_upload("p.xlsx", data), ref)
    assert checked.findings == []
    assert checked.rows["value"].tolist() == [60.0, 55.0]


def test_blank_rows_are_skipped_and_counted(ref):
    rows = bf.good_rows() + [[bf.COUNT, bf.CITY, None, None, None, None, None]]
    checked = validate.check(read_upload("g.csv", bf.csv_bytes(rows)), ref)
    assert checked.findings == [] and checked.skipped == 1 and len(checked.rows) == 5


def test_every_problem_is_reported_at_once_in_row_order(ref):
    rows = [[bf.SHARE, bf.CITY, 1999, "abc", None, None, None], ["Z1", "999", 2024, 120, None, None, None]]
    found = validate.check(read_upload("m.csv", bf.csv_bytes(rows)), ref).findings
    assert [(f.row, f.column) for f in found] == [(2, "value"), (2, "year"), (3, "area_code"), (3, "indicator_id")]


def test_a_formula_in_a_csv_is_refused_too(ref):
    found = validate.check(read_upload("f.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, 5, None, "=HYPERLINK(1)", None]])),
                           ref).findings
    assert [(f.row, f.column, f.code) for f in found] == [(2, "source", "cell.formula")]


def test_unknown_and_repeated_headers_are_named(ref):
    data = bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, 5, 6]], headers=["指标编号", "区域代码", "年份", "数值", "value"])
    found = validate.check(read_upload("h.csv", data), ref).findings
    assert [(f.row, f.column, f.code) for f in found] == [(1, "value", "header.duplicate")]
    assert "两次" in found[0].message_zh and "twice" in found[0].message_en


def test_findings_name_their_column_in_the_readers_language(ref):
    found = validate.check(read_upload("t.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, "x", None, None, None]])), ref)
    finding = found.findings[0]
    assert finding.column_label("zh") == "数值" and finding.column_label("en") == "value"


# ---- administrators' password ---------------------------------------------------------------------
def test_password_hashes_are_salted_and_checked_in_constant_time():
    n = auth.MIN_ITERATIONS
    one, two = auth.hash_password("correct horse", iterations=n), auth.hash_password("correct horse", iterations=n)
    assert one != two and one.startswith(f"pbkdf2_sha256${n}$")
    assert auth.verify("correct horse", one) and not auth.verify("wrong horse", one)
    import hashlib
    bare = hashlib.sha256(b"correct horse").hexdigest()  # accepted before; refused now (unsalted, fast)
    assert not auth.verify("correct horse", bare) and not auth.verify("correct horse", bare.upper())
    for stored in ("", None, "pbkdf2_sha256$x$y$z", "plaintext", "pbkdf2_sha256$10$zz$00"):
        assert not auth.verify("correct horse", stored)
    assert not auth.verify("", one)


def test_sign_in_methods_come_from_secrets_or_the_environment():
    h = auth.hash_password("pw-12345", iterations=auth.MIN_ITERATIONS)
    assert auth.methods(None, {}) == []
    assert auth.methods(None, {auth.ENV: h}) == ["password"]
    assert auth.methods({"admin": {"password_hash": h}}, {}) == ["password"]
    assert auth.methods({"auth": {"redirect_uri": "x"}}, {}) == ["oidc"]
    assert auth.stored_hash({"admin": {"password_sha256": "ab" * 32}}, {auth.ENV: h}) == "ab" * 32
    assert auth.methods({"admin": {"password_sha256": "ab" * 32}}, {auth.ENV: h}) == []  # read, but refused
    secrets = {"admin": {"emails": ["Lead@Example.org"]}}
    assert auth.oidc_admin("lead@example.org", secrets) and not auth.oidc_admin("x@example.org", secrets)
    assert not auth.oidc_admin("lead@example.org", {})


# ---- templates -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def catalogue():
    from tracker import catalog

    frames = catalog.load()
    plan = frames["plans"].iloc[0].to_dict()
    return frames["indicators"], frames["areas"], plan


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_excel_template_has_headers_lists_and_drop_downs(catalogue, lang):
    targets, areas, plan = catalogue
    book = openpyxl.load_workbook(io.BytesIO(templates.xlsx_bytes(targets, areas, plan, lang)))
    data = book.worksheets[0]
    headers = [c.value for c in data[1]]
    assert headers[0] == ("指标编号" if lang == "zh" else "indicator_id")
    assert data.max_row == len(targets) + 1
    assert len(book.worksheets[1]["A"]) == len(targets) + 1 and len(book.worksheets[2]["A"]) == len(areas) + 1
    kinds = {dv.type: dv for dv in data.data_validations.dataValidation}
    assert {"list", "whole", "decimal"} <= set(kinds)
    formulas = [dv.formula1 for dv in data.data_validations.dataValidation if dv.type == "list"]
    assert any(f"$A${len(targets) + 1}" in f for f in formulas)
    assert (kinds["whole"].formula1, kinds["whole"].formula2) == ("2020", "2025")


def test_filled_templates_read_back_and_blank_ones_import_nothing(catalogue, ref):
    targets, areas, plan = catalogue
    book = openpyxl.load_workbook(io.BytesIO(templates.xlsx_bytes(targets, areas, plan, "zh")))
    ws = book.worksheets[0]
    ws["E2"], ws["F2"] = 2024, 123.5
    out = io.BytesIO()
    book.save(out)
    checked = validate.check(read_upload("t.xlsx", out.getvalue()), ref)
    assert checked.findings == [] and len(checked.rows) == 1 and checked.skipped == len(targets) - 1
    blank = templates.csv_bytes(targets, areas, "en")
    assert blank.startswith(b"\xef\xbb\xbf")
    checked = validate.check(read_upload("t.csv", blank), ref)
    assert checked.findings == [] and checked.rows.empty and checked.skipped == len(targets)


def test_reading_limits_are_what_the_page_says():
    assert reading.MAX_BYTES == 5 * 1024 * 1024 and sheet.MAX_ROWS == 50_000
