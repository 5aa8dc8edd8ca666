"""Areas as a clerk writes them: by code, by name in Chinese or English, "330281 余姚市" as the
template offers it, a township by its name; repeated findings as one line naming the rows, with the
closest codes; CSV findings that never send the reader to a sheet."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests import bad_files as bf
from tests.cli_run import run
from tracker.importer import templates, validate
from tracker.importer.reading import read_upload

YUYAO = "330281"


@pytest.fixture(scope="module")
def ref(demo_warehouse):
    from tracker.importer.validate import reference
    from tracker.warehouse import READER

    cursor = READER.cursor(demo_warehouse)
    try:
        return reference(cursor)
    finally:
        cursor.close()


def named_rows() -> list[list]:
    """One figure per way of writing an area, each with its source and its note (口径说明)."""
    return [
        [bf.SHARE, "全市", 2023, "61.5", None, "市统计局《2023年统计公报》", "单年数据，目标为五年平均"],
        [bf.SHARE, "宁波市", 2022, "60.5", None, "市统计局年鉴2023", "仅含光伏"],
        [bf.SHARE, "余姚市", 2023, "58", None, "余姚市统计局", "快报数"],
        [bf.SHARE, "余姚", 2022, "57", None, "余姚市统计局", "年报数"],
        [bf.SHARE, "Yuyao", 2021, "56", None, "Yuyao statistics bureau", "annual report"],
        [bf.SHARE, "330212 鄞州区", 2023, "59", None, "鄞州区统计局", "快报数"],
    ]


@pytest.mark.parametrize("written,code", [
    ("全市", "330200"), ("宁波市", "330200"), ("宁波", "330200"), ("Ningbo", "330200"),
    ("余姚市", YUYAO), ("余姚", YUYAO), ("Yuyao", YUYAO), ("yuyao city", YUYAO), ("330281 余姚市", YUYAO),
    ("330281（余姚市）", YUYAO), ("330281 Yuyao", YUYAO), (" 330281 ", YUYAO), ("海曙区", "330203"),
    ("R-WEAK 相对薄弱地区（南翼与四明山区域）", "R-WEAK"), ("南门街道", "330203001"), ("梨洲", "330281001"),
])
def test_an_area_is_read_by_code_or_by_name(ref, written, code):
    assert ref.names.code_of(written) == code


def test_a_code_with_another_areas_name_is_not_guessed(ref):
    assert ref.names.code_of("330281 慈溪市") is None
    assert ref.names.code_of("南门", district="余姚市") is None       # 南门街道 is in 海曙, not 余姚
    assert ref.names.code_of("南门", district="海曙区") == "330203001"


def test_a_csv_with_area_names_sources_and_notes_imports_and_exports_them(private, tmp_path, capsys):
    file = tmp_path / "clerk.csv"
    file.write_bytes(bf.csv_bytes(named_rows()))
    code, out, err = run(capsys, "import", file)
    assert code == 0, err
    code, exported, _ = run(capsys, "export-observations", "--out", "-")
    rows = {(r["area_code"], r["year"]): r for r in csv.DictReader(io.StringIO(exported))
            if r["indicator_id"] == bf.SHARE}
    assert rows[("330200", "2023")]["source"] == "市统计局《2023年统计公报》"
    assert rows[("330200", "2023")]["note"] == "单年数据，目标为五年平均"
    assert rows[("330200", "2022")]["note"] == "仅含光伏"
    assert float(rows[(YUYAO, "2023")]["value"]) == 58 and rows[(YUYAO, "2022")]["note"] == "年报数"
    assert rows[(YUYAO, "2021")]["source"] == "Yuyao statistics bureau"
    assert rows[("330212", "2023")]["batch_kind"] == "observations"


def test_the_same_area_twice_under_two_names_is_a_duplicate(ref):
    rows = [[bf.SHARE, "余姚", 2023, "58", None, None, None], [bf.SHARE, YUYAO, 2023, "59", None, None, None]]
    found = validate.check(read_upload("d.csv", bf.csv_bytes(rows)), ref).findings
    assert [(f.row, f.code) for f in found] == [(3, "row.duplicate")]


def test_repeated_findings_collapse_into_one_line_with_the_closest_codes(private, tmp_path, capsys):
    rows = [[bf.SHARE, "余杭市", 2021 + i % 5, "50", None, None, None] for i in range(5)]
    rows += [[bf.COUNT, "余杭市", 2022, "5", None, None, None], [bf.SHARE, bf.CITY, 2024, "60", None, None, None]]
    file = tmp_path / "typo.csv"
    file.write_bytes(bf.csv_bytes(rows))
    before = private.read_bytes()
    code, _, err = run(capsys, "import", file)
    assert code == 2 and private.read_bytes() == before
    lines = [line for line in err.splitlines() if "余杭市" in line]
    assert len(lines) == 1, err
    assert "rows 2–7" in lines[0] and "330281 余姚市" in lines[0]
    assert "sheet" not in err.lower()
    code, _, err = run(capsys, "import", file, "--lang", "zh")
    assert "第2–7行" in err and "最接近的是：330281 余姚市" in err and "表" not in err.replace("代表", "")


def test_collapsed_rows_are_listed_as_runs(ref):
    rows = [[bf.SHARE, "Atlantis", 2021, "50", None, None, None]] * 1
    rows += [[bf.SHARE, bf.CITY, 2021 + i, "50", None, None, None] for i in range(2)]
    rows += [[bf.SHARE, "Atlantis", 2024, "50", None, None, None], [bf.SHARE, "Atlantis", 2025, "50", None, None, None]]
    found = validate.check(read_upload("r.csv", bf.csv_bytes(rows)), ref).findings
    assert len(found) == 1 and found[0].rows == (2, 5, 6)
    assert found[0].row_label("en") == "2, 5–6" and found[0].as_record("zh")["row"] == "2、5–6"


def test_the_unknown_indicator_gets_the_closest_ids_and_no_sheet(ref):
    rows = [["A09-4", bf.CITY, 2024, "50", None, None, None]]
    found = validate.check(read_upload("i.csv", bf.csv_bytes(rows)), ref).findings
    assert found[0].code == "indicator.unknown" and "A09-04" in found[0].message_en
    assert "sheet" not in found[0].message_en.lower()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_offers_code_and_name_choices_that_import(ref, lang):
    from tracker import catalog

    frames = catalog.load()
    targets, areas, plan = frames["indicators"], frames["areas"], frames["plans"].iloc[0].to_dict()
    book = openpyxl.load_workbook(io.BytesIO(templates.xlsx_bytes(targets, areas, plan, lang)))
    choices = [c.value for c in book.worksheets[2]["A"]][1:]
    assert ("330281 余姚市" if lang == "zh" else "330281 Yuyao") in choices
    area_list = [dv for dv in book.worksheets[0].data_validations.dataValidation if "D2:" in str(dv.sqref)]
    assert area_list and f"$A${len(areas) + 1}" in area_list[0].formula1
    data = book.worksheets[0]
    data["D2"], data["E2"], data["F2"] = choices[-2], 2024, 12
    out = io.BytesIO()
    book.save(out)
    checked = validate.check(read_upload("t.xlsx", out.getvalue()), ref)
    assert checked.findings == [] and checked.rows.iloc[0]["area_code"] == choices[-2].split(" ")[0]
