"""Limits on what an import brings in (tracker/importer/bounds.py): numbers finite and within their
measure's bound, no control characters, text within its length; a township-reported target's
district and city figures refused. Each refusal names the row and column, on the command line and
on the Data page, and writes nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import bad_files as bf
from tests.cli_run import run
from tests.store.test_import_cli import NEXT_PLAN, _action, _target, write
from tracker import db
from tracker.importer import bounds

TOWNSHIP_TARGET = "A12-06"


def catalogue_files(tmp_path: Path, target: dict) -> list[Path]:
    return [write(tmp_path, "plans.csv", bf.catalogue_csv("plans", [NEXT_PLAN])),
            write(tmp_path, "actions.csv", bf.catalogue_csv("actions", [_action(1, NEXT_PLAN["plan_id"])])),
            write(tmp_path, "indicators.csv", bf.catalogue_csv("indicators", [target]))]


BAD_TARGETS = [
    ("infinite", _target("B01-01", target_value="inf"), "target_value", "not a finite number"),
    ("overflow", _target("B01-01", target_value="1e400"), "target_value", "not a finite number"),
    ("nan", _target("B01-01", target_value="NaN"), "target_value", "not a finite number"),
    ("minus-infinite-high", _target("B01-01", comparator="range", target_high="-inf"), "target_high",
     "not a finite number"),
    ("huge-count", _target("B01-01", measure="count_new", method="cumulative", unit_zh="个", unit_en="",
                           aggregation="sum", target_value="1.7e308"), "target_value", "outside the range"),
    ("share-over-100", _target("B01-01", target_value="150"), "target_value", "outside the range"),
    ("action-beyond-int", _target("B01-01", action_no="99999999999999999999"), "action_no", "must lie between"),
    ("control-in-name", _target("B01-01", name_zh="收入\x01比"), "name_zh", "U+0001"),
    ("control-in-quote", _target("B01-01", source_quote="达到\x1b70%"), "source_quote", "U+001B"),
    ("name-too-long", _target("B01-01", name_zh="长" * 2500), "name_zh", "the limit is 400"),
    ("quote-too-long", _target("B01-01", source_quote="达" * (bounds.QUOTE_LIMIT + 1)), "source_quote",
     "the limit is 2000"),
]


@pytest.mark.parametrize("name,row,column,words", BAD_TARGETS, ids=[b[0] for b in BAD_TARGETS])
def test_a_catalogue_value_out_of_bounds_is_a_finding_with_row_and_column(name, row, column, words, private,
                                                                         tmp_path, capsys):
    before = private.read_bytes()
    code, _, err = run(capsys, "import", *catalogue_files(tmp_path, row))
    assert code == 2, err
    assert f"indicators.csv, row 2, column {column}" in err and words in err
    assert "Traceback" not in err
    assert private.read_bytes() == before


def test_the_data_page_shows_a_nan_target_as_a_finding(with_password):
    from tests.data_page import data_page, sign_in
    from tests.headless.test_data import upload

    at = upload(sign_in(data_page("en"), name="Analyst"), "indicators.csv",
                bf.catalogue_csv("indicators", [_target("A09-04", plan="nb-cp-2021-2025", action_no=9,
                                                        target_value="NaN")]))
    assert not at.exception
    findings = at.dataframe[0].value
    assert findings[["Row", "Column"]].values.tolist() == [["2", "target_value"]]
    assert "not a finite number" in findings["Problem"].iloc[0]
    assert "data_commit" not in [b.key for b in at.button]


BAD_FIGURES = [
    ("count-beyond-ceiling", [bf.COUNT, bf.CITY, 2024, "1e13", None, None, None], "value", "outside the range"),
    ("level-at-float-max", [bf.LEVEL, bf.REGION, 2024, "1.7e308", None, None, None], "value", "outside the range"),
    ("overflow", [bf.LEVEL, bf.REGION, 2024, "1e400", None, None, None], "value", "is not a number"),
    ("control-in-source", [bf.SHARE, bf.CITY, 2024, "55", None, "统计\x07局", None], "source", "U+0007"),
    ("control-in-note", [bf.SHARE, bf.CITY, 2024, "55", None, None, "备\x1f注"], "note", "U+001F"),
]


@pytest.mark.parametrize("name,row,column,words", BAD_FIGURES, ids=[b[0] for b in BAD_FIGURES])
def test_a_figure_out_of_bounds_is_a_finding_with_row_and_column(name, row, column, words, private, tmp_path,
                                                                  capsys):
    before = private.read_bytes()
    code, _, err = run(capsys, "import", write(tmp_path, "f.csv", bf.csv_bytes([row])))
    assert code == 2, err
    assert f"row 2, column {column}" in err and words in err
    assert private.read_bytes() == before


def test_a_figure_within_bounds_is_imported(private, tmp_path, capsys):
    file = write(tmp_path, "f.csv", bf.csv_bytes([[bf.COUNT, bf.CITY, 2024, "999999999999", None, None, "备注\t带制表符"]]))
    code, _, err = run(capsys, "import", file)
    assert code == 2 and "times the series' previous figure" in err     # within bounds, but implausible: a warning
    code, _, err = run(capsys, "import", file, "--accept-warnings")
    assert code == 0, err


def test_a_control_character_in_a_milestone_note_or_the_author_is_refused(private, capsys):
    before = private.read_bytes()
    code, _, err = run(capsys, "milestone", bf.QUAL, bf.REGION, "2024", "done", "--note", "已\x02完成")
    assert code == 2 and "U+0002" in err
    code, _, err = run(capsys, "milestone", bf.QUAL, bf.REGION, "2024", "done", "--by", "王\x1b[31m")
    assert code == 2 and "U+001B" in err
    code, _, err = run(capsys, "milestone", bf.QUAL, bf.REGION, "2024", "done", "--by", "王" * 101)
    assert code == 2 and "the limit is 100" in err
    assert private.read_bytes() == before


@pytest.mark.parametrize("area", [bf.CITY, bf.DISTRICT])
def test_a_district_or_city_figure_for_a_township_target_is_refused(area, private, tmp_path, capsys):
    file = write(tmp_path, "t.csv", bf.csv_bytes([[TOWNSHIP_TARGET, area, 2024, "80", None, None, None]]))
    before = private.read_bytes()
    batches = len(db.run("batches"))
    for _ in range(2):
        code, _, err = run(capsys, "import", file)
        assert code == 2
        assert "row 2, column area_code" in err and "rolled up from the townships" in err
    assert len(db.run("batches")) == batches
    assert private.read_bytes() == before
