"""Plausibility warnings: each kind is listed by the dry run with its row, column and comparison;
the import writes nothing without --accept-warnings (exit 2) and writes, recording the acceptance,
with it."""
from __future__ import annotations

import csv
import io

import pytest

from tests import bad_files as bf
from tests.cli_run import run
from tracker import db

# (name, row, code, a phrase of the English comparison)
CASES = [
    # 145.87 (2024, demo) to 1,458,700: a ×10,000 unit slip, against the previous figure
    ("previous", [bf.LEVEL, bf.REGION, 2025, "1458700", None, "市文旅局", None], "warn.previous",
     "times the series' previous figure (2024: 145.87)"),
    # 0.78 typed for 78%
    ("fraction", [bf.SHARE, bf.CITY, 2024, "0.78", None, "市教育局", None], "warn.fraction", "should it be 78?"),
    ("share_over", [bf.SHARE, bf.CITY, 2024, "120", None, None, None], "warn.share_over", "A share of 120, over 100"),
    ("negative", [bf.COUNT, bf.CITY, 2024, "-3", None, None, None], "warn.negative", "negative count or amount: -3"),
    # tourism revenue of 14 (亿元) against the region's target of 150: 万元 / 亿元 confused
    ("target", [bf.LEVEL, bf.REGION, 2025, "14", None, None, None], "warn.target", "times away from the target, 150"),
]


def exported(capsys) -> list[dict]:
    code, out, _ = run(capsys, "export-observations", "--out", "-")
    assert code == 0
    return list(csv.DictReader(io.StringIO(out)))


def value_in_force(capsys, row: list) -> str:
    hits = [r for r in exported(capsys)
            if (r["indicator_id"], r["area_code"], r["year"]) == (row[0], row[1], str(row[2]))]
    return hits[0]["value"] if hits else ""


@pytest.mark.parametrize("name,row,code,phrase", CASES, ids=[c[0] for c in CASES])
def test_each_warning_is_listed_then_confirmed(name, row, code, phrase, private, tmp_path, capsys):
    file = tmp_path / f"{name}.csv"
    file.write_bytes(bf.csv_bytes([[bf.SHARE, bf.CITY, 2023, "76", None, None, None], row]))
    before = private.read_bytes()

    status, out, _ = run(capsys, "import", file, "--dry-run")
    assert status == 0 and private.read_bytes() == before
    listed = [line for line in out.splitlines() if line.strip().startswith("row 3")]
    assert any(phrase in line and "column value" in line for line in listed), out
    assert not any(line.strip().startswith("row 2") for line in out.splitlines() if "column value" in line)

    status, _, err = run(capsys, "import", file)
    assert status == 2 and "--accept-warnings" in err and "nothing was written" in err and phrase in err
    assert private.read_bytes() == before

    status, out, err = run(capsys, "import", file, "--accept-warnings", "--by", "统计处")
    assert status == 0, err
    assert float(value_in_force(capsys, row)) == float(row[3])
    batch = db.run("batches").iloc[0]
    assert batch["created_by"] == "统计处" and "accepted" in batch["note"] and code.removeprefix("warn.") in batch["note"]


def test_warnings_are_in_chinese_too(private, tmp_path, capsys):
    file = tmp_path / "zh.csv"
    file.write_bytes(bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, "0.785", None, None, None]]))
    status, _, err = run(capsys, "import", file, "--lang", "zh")
    assert status == 2 and "第2行" in err and "“数值”列" in err and "是否应填78.5" in err
    assert "--accept-warnings" in err and "未写入任何数据" in err


def test_plausible_figures_and_district_counts_raise_no_warning(private, tmp_path, capsys):
    """A district's share of a city count target is not compared with the city's target."""
    file = tmp_path / "fine.csv"
    file.write_bytes(bf.csv_bytes(bf.good_rows()))
    status, out, err = run(capsys, "import", file)
    assert status == 0 and "warning" not in (out + err).lower(), out + err
    assert "accepted" not in db.run("batches").iloc[0]["note"]


def test_a_previous_figure_in_the_same_file_counts(private, tmp_path, capsys):
    rows = [[bf.LEVEL, bf.REGION, 2021, "127", None, None, None],
            [bf.LEVEL, bf.REGION, 2022, "1270000", None, None, None]]
    file = tmp_path / "same-file.csv"
    file.write_bytes(bf.csv_bytes(rows))
    status, out, _ = run(capsys, "import", file, "--dry-run")
    assert status == 0 and "previous figure (2021: 127)" in out
