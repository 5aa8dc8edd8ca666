"""Going live: `python -m tracker demo --clear` removes every demo figure as one batch, real figures
stay, the demo notice goes, and rolling the batch back brings the demo figures back."""
from __future__ import annotations

import csv
import io

from tests import bad_files as bf
from tests.cli_run import run
from tracker import db


def in_force(capsys) -> list[dict]:
    code, out, _ = run(capsys, "export-observations", "--out", "-")
    assert code == 0
    return list(csv.DictReader(io.StringIO(out)))


def test_demo_clear_removes_every_demo_figure_as_one_batch_and_rolls_back(private, tmp_path, capsys):
    file = tmp_path / "real.csv"
    file.write_bytes(bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, "78.9", None, "市教育局", "年报"]]))
    assert run(capsys, "import", file)[0] == 0
    with_demo = in_force(capsys)
    assert sum(r["batch_kind"] == "demo" for r in with_demo) > 1000

    code, out, _ = run(capsys, "demo", "--clear", "--by", "统计处")
    assert code == 0 and "removed" in out
    left = in_force(capsys)
    assert [(r["indicator_id"], r["area_code"], r["year"], r["source"], r["note"]) for r in left] == \
        [(bf.SHARE, bf.CITY, "2024", "市教育局", "年报")]
    mode = db.run("data_mode").iloc[0]
    assert not bool(mode["is_demo"]) and int(mode["count_real"]) == 1
    batches = db.run("batches")
    clear = batches.iloc[0]
    assert clear["kind"] == "rollback" and clear["note"].startswith("demo --clear") and clear["created_by"] == "统计处"
    assert batches.set_index("batch_id").loc["demo", "state"] == "rolled_back" and bool(clear["is_reversible"])

    code, out, _ = run(capsys, "demo", "--clear")     # nothing left to clear: no batch
    assert code == 0 and "nothing was written" in out and len(db.run("batches")) == len(batches)

    assert run(capsys, "rollback", clear["batch_id"])[0] == 0
    assert in_force(capsys) == with_demo
    assert db.run("batches").set_index("batch_id").loc["demo", "state"] == "applied"
    assert bool(db.run("data_mode").iloc[0]["is_demo"])
