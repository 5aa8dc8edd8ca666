"""Small edges of writing and reading: an identical import landing twice records one batch, and an
unknown ?plan= is reported like every other bad link value."""
from __future__ import annotations

import io

import pandas as pd

from tests import bad_files as bf
from tests.screens import open_screen
from tracker import cli, db, warehouse
from tracker.importer import apply


def upload() -> list[tuple[str, bytes]]:
    return [("g.csv", bf.csv_bytes(bf.good_rows()))]


def batches() -> pd.DataFrame:
    return db.run("batches")


def test_two_identical_imports_at_the_same_moment_record_one_batch(private, monkeypatch):
    """Both previews run before either write (simulated: the second commit is handed the preview made
    before the first); inside the write lock the second finds nothing new and records nothing."""
    stale = apply.dry_run(upload())
    assert not stale.to_write().empty
    first = apply.commit(upload(), "first")
    assert first.batch_id
    version, backups, held = db.version(), len(warehouse.backups()), batches()

    monkeypatch.setattr(apply, "dry_run", lambda uploads, path=None: stale)
    second = apply.commit(upload(), "second")
    assert second.batch_id is None and second.rows == 0
    assert second.preview.counts()["unchanged"] == len(bf.good_rows())
    assert batches().equals(held)                          # no empty batch, applied and reversible
    assert db.version() == version                         # no new snapshot
    assert len(warehouse.backups()) == backups             # and no backup of an unchanged one


def test_the_same_file_twice_one_after_the_other_records_one_batch(private, capsys):
    file = private.parent / "g.csv"
    file.write_bytes(upload()[0][1])
    assert cli.main(["import", str(file)]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(file), "--lang", "zh"]) == 0
    assert "没有需要写入的变化" in capsys.readouterr().out
    assert cli.main(["import", str(file)]) == 0
    assert "Nothing changed" in capsys.readouterr().out
    assert cli.main(["batches"]) == 0
    listed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert (listed["file_name"] == "g.csv").sum() == 1


def test_the_data_page_says_the_same_file_again_changes_nothing(private, monkeypatch):
    from tests.data_page import PASSWORD, data_page, sign_in
    from tracker.importer import auth

    monkeypatch.setenv(auth.ENV, auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS))
    assert apply.commit(upload(), "first").batch_id
    for lang, words in (("zh", "没有需要导入的变化"), ("en", "nothing to import")):
        at = sign_in(data_page(lang))
        at = at.file_uploader(key="data_upload").set_value((*upload()[0], "text/csv")).run()
        assert not at.exception
        assert any(words in i.value for i in at.info)
        assert "data_commit" not in [b.key for b in at.button]


def test_a_known_plan_is_not_reported(demo_warehouse):
    plan = db.run("plans").iloc[0]["plan_id"]
    at = open_screen(None, plan=str(plan))
    assert not at.exception
    assert not [w.value for w in at.warning if "plan" in w.value]
