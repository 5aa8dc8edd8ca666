"""Downloads with hostile stored text: a control character in any text (a batch's author, a target's
name) no longer breaks a workbook or a template, and a download that fails all the same gives a
file saying why instead of nothing."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd

from components import downloads
from tracker import db
from tracker.importer import templates, township_template

HOSTILE = "王\x01五\x1b[31m\x07"


def workbook_cells(data: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_a_table_with_control_characters_downloads_as_excel_and_csv_without_them():
    frame = pd.DataFrame({"by\x02": [HOSTILE, "=1+1\x01", "ok"], "rows": [1, 2, 3]})
    cells = workbook_cells(downloads.to_xlsx_bytes(frame))
    assert "王五[31m" in cells and "'=1+1" in cells and "by" in cells and 3 in cells
    text = downloads.to_csv_bytes(frame).decode("utf-8-sig")
    assert "王五[31m" in text and not any(ch in text for ch in "\x01\x02\x07\x1b")


def test_the_history_downloads_once_an_author_holds_a_control_character(demo_warehouse):
    history = db.run("batches").assign(created_by=HOSTILE)
    makers = downloads.file_makers(history, "history")
    assert "王五[31m" in workbook_cells(makers["xlsx"]())
    assert "王五[31m" in makers["csv"]().decode("utf-8-sig")


def test_templates_download_when_a_target_name_holds_a_control_character(demo_warehouse):
    targets = db.run("import_targets")
    targets.loc[targets.index[0], "name_zh"] = "指标\x01名称"
    plan = db.run("plans").iloc[0].to_dict()
    areas = db.run("areas")
    assert "指标名称" in workbook_cells(templates.xlsx_bytes(targets, areas, plan, "zh"))
    assert "指标名称" in templates.csv_bytes(targets, areas, "zh").decode("utf-8-sig")
    township = targets[targets["scope"] == "township_share"].iloc[0].to_dict()
    township["name_zh"] = "覆盖\x1f率"
    registry = db.run("import_townships")
    assert "覆盖率" in " ".join(map(str, workbook_cells(township_template.xlsx_bytes(township, registry, 2025, "zh"))))


def test_a_download_that_fails_gives_a_file_saying_why(caplog):
    def broken() -> bytes:
        raise ValueError("the disk said no")

    for kind in ("xlsx", "csv"):
        data = downloads.guarded(broken, kind, "report")()
        text = " ".join(map(str, workbook_cells(data))) if kind == "xlsx" else data.decode("utf-8-sig")
        assert "未能生成" in text and "could not be made: the disk said no" in text and "ref " in text
    assert "the disk said no" in caplog.text and "ref " in caplog.text
