"""Hostile uploads: workbooks that unpack to millions of rows or elements, and CSV fields csv.reader
cannot read. Each is refused with a finding that names the real reason, and nothing is written.
(Time and memory are measured by bench/hostile.py, not asserted here: this machine is shared.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import bad_files as bf
from tracker import cli
from tracker.importer import reading, workbook, xlsx_parts
from tracker.importer.reading import read_upload
from tracker.importer.sheet import MAX_ROWS
from tracker.importer.xlsx_parts import MAX_UNZIPPED_BYTES


@pytest.fixture()
def rows_read(monkeypatch) -> list[int]:
    """Counts the rows the workbook reader finishes (header and blank rows included)."""
    seen = [0]
    finish = workbook._SheetReader._finish_row

    def counting(self):
        seen[0] += 1
        return finish(self)

    monkeypatch.setattr(workbook._SheetReader, "_finish_row", counting)
    return seen


def import_file(capsys, tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    file = tmp_path / name
    file.write_bytes(data)
    code = cli.main(["import", str(file)])
    return code, capsys.readouterr().err


def test_a_two_million_row_bomb_is_refused_for_its_unzipped_size_without_reading_a_row(rows_read):
    data = bf.bomb_xlsx(2_000_000)
    assert len(data) < reading.MAX_BYTES          # it passes the upload limit: the zip is small
    sheet = read_upload("bomb.xlsx", data)
    assert [f.code for f in sheet.findings] == ["file.unzipped_too_large"]
    found = sheet.findings[0]
    assert "MB" in found.message_en and "50,000 rows" in found.message_en and "解压后" in found.message_zh
    assert "5.0 MB limit" not in found.message_en
    assert rows_read[0] == 0 and sheet.rows == []


def test_a_bomb_under_the_unzipped_cap_stops_at_the_row_after_the_cap(rows_read):
    rows = (MAX_UNZIPPED_BYTES // 200)            # each row is ~170 bytes of XML: just under the cap
    data = bf.bomb_xlsx(rows)
    sheet = read_upload("bomb.xlsx", data)
    assert rows > 3 * MAX_ROWS
    assert [f.code for f in sheet.findings] == ["file.too_many_rows"]
    assert len(sheet.rows) == MAX_ROWS
    assert rows_read[0] <= MAX_ROWS + 2           # the header, then at most MAX_ROWS + 1 data rows


def test_a_workbook_of_exactly_max_rows_is_read_whole(rows_read):
    sheet = read_upload("full.xlsx", bf.bomb_xlsx(MAX_ROWS))
    assert sheet.findings == [] and len(sheet.rows) == MAX_ROWS
    assert sheet.rows[-1] == (MAX_ROWS + 1, [bf.SHARE, bf.CITY, "2024", "1", None, None, None])


def test_a_shared_strings_bomb_is_refused_for_its_elements_or_its_size():
    small = read_upload("s.xlsx", bf.bomb_xlsx(3, shared_strings=xlsx_parts.MAX_ELEMENTS))
    assert [f.code for f in small.findings] == ["file.workbook_too_complex"]
    big = read_upload("s.xlsx", bf.bomb_xlsx(3, shared_strings=MAX_UNZIPPED_BYTES // 17 + 1))
    assert [f.code for f in big.findings] == ["file.unzipped_too_large"]


def test_a_workbook_declaring_a_dtd_is_refused():
    data = bf.bomb_xlsx(3)
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "x">]><worksheet', 1)
            dst.writestr(info, body)
    sheet = read_upload("d.xlsx", out.getvalue())
    assert [f.code for f in sheet.findings] == ["file.workbook_unusual"] and "DTD" in sheet.findings[0].message_en


def test_the_bomb_from_the_command_line_exits_2_and_writes_nothing(private, tmp_path, capsys):
    before = private.read_bytes()
    code, err = import_file(capsys, tmp_path, "bomb.xlsx", bf.bomb_xlsx(2_000_000))
    assert code == 2 and "unpacks to" in err and "nothing was written" in err
    assert private.read_bytes() == before


@pytest.mark.parametrize("name,build,code,words", [
    ("long.csv", lambda: bf.long_field_csv(200_000), "csv.field_too_long", "Row 3, column note (G)"),
    ("quote.csv", lambda: bf.unclosed_quote_csv(30_000, at=12), "csv.unclosed_quote",
     "opened in row 12, column note (G) is never closed"),
])
def test_an_unreadable_csv_field_is_a_finding_naming_row_and_column(name, build, code, words, private, tmp_path,
                                                                    capsys):
    data = build()
    sheet = read_upload(name, data)            # what the Data page shows: findings, no exception
    assert [f.code for f in sheet.findings] == [code]
    assert (sheet.findings[0].column, words) == ("note", words) and words in sheet.findings[0].message_en
    assert "“备注”列（G）" in sheet.findings[0].message_zh
    before = private.read_bytes()
    exit_code, err = import_file(capsys, tmp_path, name, data)
    assert exit_code == 2 and words in err and "nothing was written" in err and "Traceback" not in err
    assert private.read_bytes() == before


def test_a_short_file_whose_last_quote_is_never_closed_is_not_read_silently():
    sheet = read_upload("q.csv", bf.unclosed_quote_csv(20, at=12))   # too short for csv to complain
    assert [(f.code, f.row, f.column) for f in sheet.findings] == [("csv.unclosed_quote", 12, "note")]


def test_a_long_quoted_run_across_lines_is_described_as_a_missing_quote():
    rows = [[bf.SHARE, bf.CITY, 2024, 1, None, None, "备注"]] * 6000     # ~160,000 characters
    text = bf.csv_bytes(rows).decode("utf-8").split("\r\n")
    text[4] = text[4].rsplit(",", 1)[0] + ',"漏了闭合引号'
    text.append('A09-04,330200,2024,1,,,"一处正常的引号"')
    sheet = read_upload("r.csv", "\r\n".join(text).encode("utf-8"))
    assert [(f.code, f.row, f.column) for f in sheet.findings] == [("csv.quote_runs_on", 5, "note")]
    assert f"line {len(text):,}" in sheet.findings[0].message_en     # where the next quote closes it


def test_good_files_still_read():
    assert read_upload("g.csv", bf.csv_bytes(bf.good_rows())).findings == []
    assert read_upload("g.xlsx", bf.xlsx_bytes(bf.good_rows())).findings == []
