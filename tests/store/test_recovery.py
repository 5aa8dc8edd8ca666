"""A damaged snapshot (garbage, cut short): the next read restores the newest sound backup, or rebuilds,
keeps the damaged file aside, records what happened, and every screen works on the result."""
from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.screens import open_screen
from tracker import build, cli, db, journal, recovery, warehouse
from tracker.importer import auth

PAGES = ["overview", "action", "indicator", "district", "map", "compare", "data", "method"]


@pytest.fixture()
def private(tmp_path, demo_warehouse, monkeypatch):
    """A copy of the demo warehouse with one import on top: its backups are the demo data alone (the
    file the write replaced) and a copy of what the write made. Returns (path, the batches after the
    write, which a restore must keep)."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy2(demo_warehouse, path)
    monkeypatch.setenv("TRACKER_WAREHOUSE", str(path))
    before = db.run("batches", path=path)
    warehouse.write_snapshot(add_a_batch, path=path, check=build.check_snapshot)
    after = db.run("batches", path=path)
    assert len(after) == len(before) + 1
    assert len(warehouse.backups(path)) == 2
    return path, after


def add_a_batch(con) -> None:
    """What an import writes: a batch, its one figure, the refreshed stored answers."""
    build.record_batch(con, batch_id="imp-test", kind="observations", rows=1, by="test")
    build.append_observations(con, pd.DataFrame([{"indicator_id": "A12-01", "area_code": "330200",
                                                  "year": 2025, "value": 61.5}]), "imp-test")
    build.refresh_status(con)


def garbage(path: Path) -> bytes:
    """Overwrite the file in place with bytes that are not a DuckDB database."""
    path.write_bytes(os.urandom(64 * 1024))
    return path.read_bytes()


def cut_short(path: Path) -> bytes:
    """Keep the first half of the file's bytes, as a copy that stopped half-way would."""
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path.read_bytes()


def damaged_files(path: Path) -> list[Path]:
    return sorted((path.parent / "snapshots").glob("damaged-*.duckdb"))


@pytest.mark.parametrize("damage", [garbage, cut_short], ids=["garbage", "cut-short"])
def test_the_next_query_reads_the_newest_sound_backup(damage, private, caplog):
    path, before = private
    db.run("batches", path=path)                       # the reader holds the good version open
    bad = damage(path)
    with caplog.at_level(logging.WARNING, logger="tracker.recovery"):
        after = db.run("batches", path=path)
    assert after.equals(before)
    kept = damaged_files(path)
    assert len(kept) == 1 and kept[0].read_bytes() == bad
    event = recovery.last_event(path)
    assert event["action"] == recovery.RESTORED and event["problem"]
    assert event["backup"] == warehouse.backups(path)[-1].name and event["backup_time"]
    assert event["damaged_kept"] == f"snapshots/{kept[0].name}"
    assert json.loads((path.parent / "recovery.json").read_text(encoding="utf-8"))["events"] == [event]
    assert any("restored" in r.getMessage() and r.name == "tracker.recovery" for r in caplog.records)


def test_a_backup_that_fails_the_check_is_passed_over(private):
    path, before = private
    warehouse.write_snapshot(lambda con: build.set_meta(con, "k", "v"), path=path, check=build.check_snapshot)
    *older, newest = warehouse.backups(path)
    garbage(newest)
    cut_short(path)
    assert db.run("batches", path=path).equals(before)
    assert recovery.last_event(path)["backup"] == older[-1].name


def test_with_every_backup_damaged_the_snapshot_is_rebuilt_from_the_import_journal(private):
    path, before = private
    journal.record(path)                 # the journal starts at this snapshot's next write; here by hand
    for backup in warehouse.backups(path):
        cut_short(backup)
    garbage(path)
    batches = db.run("batches", path=path)
    assert batches["batch_id"].tolist() == before["batch_id"].tolist()
    assert batches["created_at"].tolist() == before["created_at"].tolist()
    values = db.run("observations_export", path=path, plan_id=None).set_index(["indicator_id", "area_code", "year"])
    assert values.loc[("A12-01", "330200", 2025), "value"] == 61.5          # the import, not a demo figure
    assert values.loc[("A12-01", "330200", 2025), "batch_id"] == "imp-test"
    event = recovery.last_event(path)
    assert event["action"] == recovery.REBUILT and event["backup"] is None and event["batches"] == 2
    assert len(damaged_files(path)) == 1


def test_without_a_backup_or_a_journal_it_stops_and_says_what_to_restore(private, monkeypatch):
    path, _ = private
    for backup in warehouse.backups(path):
        garbage(backup)
    garbage(path)
    built = []
    monkeypatch.setattr(build, "build", lambda *a, **k: built.append(1))
    with pytest.raises(warehouse.SnapshotDamaged, match="restore warehouse.duckdb from a copy of your own"):
        db.run("batches", path=path)
    assert not built                     # no demo figures where imported ones may have been


def test_the_check_runs_once_per_file_version(private, monkeypatch):
    path, _ = private
    warehouse.write_snapshot(lambda con: build.set_meta(con, "k", "v"), path=path, check=build.check_snapshot)
    calls = []
    real = warehouse.quick_check
    monkeypatch.setattr(warehouse, "quick_check", lambda cursor: calls.append(1) or real(cursor))
    for _ in range(5):
        db.run("batches", path=path)
        db.version(path)
    assert len(calls) == 1


def test_asking_a_damaged_snapshot_for_its_version_recovers_it_first(private):
    """The caches ask for the version before any query: that first call finds the damage and recovers."""
    path, before = private
    cut_short(path)
    token = db.version(path)
    assert len(recovery.events(path)) == 1 and token == db.version(path)
    assert db.run("batches", path=path).equals(before)


def test_two_readers_noticing_the_same_damage_restore_once(private, monkeypatch):
    """Two readers (as in two processes: each its own Reader) both find the damage and both ask to
    recover; the writer lock and the check after taking it let only the first restore."""
    path, before = private
    garbage(path)
    both_damaged = threading.Barrier(2, timeout=60)
    real = recovery.recover

    def recover_together(*args, **kwargs):
        both_damaged.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(recovery, "recover", recover_together)
    readers = [warehouse.Reader(), warehouse.Reader()]
    tokens, errors = [], []

    def read(reader):
        """What tracker.db does with its reader: a version that fails its check is recovered, then read."""
        try:
            try:
                tokens.append(reader.version(path))
            except warehouse.SnapshotDamaged as exc:
                recovery.recover(path, str(exc))
                tokens.append(reader.version(path))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=read, args=(r,)) for r in readers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(tokens)) == 1
    assert len(recovery.events(path)) == 1
    assert len(damaged_files(path)) == 1
    assert db.run("batches", path=path).equals(before)
    for reader in readers:
        reader.close_all()


def test_check_command_reports_and_recovers(private, capsys):
    path, _ = private
    assert cli.main(["check"]) == 0
    assert "sound" in capsys.readouterr().out
    cut_short(path)
    assert cli.main(["check", "--no-repair"]) == 1
    assert "damaged" in capsys.readouterr().out and not recovery.events(path)
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    assert "damaged" in out and "restored backup" in out and "damaged-" in out
    assert cli.main(["check", "--thorough"]) == 0
    assert "every column read" in capsys.readouterr().out


def test_check_command_exits_1_when_it_cannot_recover(private, monkeypatch, capsys):
    path, _ = private
    for backup in warehouse.backups(path):
        garbage(backup)
    garbage(path)
    monkeypatch.setattr(build, "build", lambda *a, **k: (_ for _ in ()).throw(OSError("no data/")))
    assert cli.main(["check"]) == 1
    assert "recovery failed" in capsys.readouterr().err


def damage_a_block_the_quick_check_does_not_read(path: Path) -> None:
    """Overwrite one 256 KiB block that the check on opening passes over but a full read does not."""
    data, block = path.read_bytes(), 256 * 1024
    for start in range(3 * 4096, len(data) - block, block):
        path.write_bytes(data[:start] + b"\xab" * block + data[start + block:])
        try:
            recovery.probe(path)
        except warehouse.SnapshotDamaged:
            continue
        try:
            recovery.probe(path, thorough=True)
        except warehouse.SnapshotDamaged:
            return
    pytest.fail("no block found that only a full read reaches")


def test_the_thorough_check_finds_damage_the_quick_one_does_not_read(private):
    path, _ = private
    damage_a_block_the_quick_check_does_not_read(path)
    with pytest.raises(warehouse.SnapshotDamaged):
        recovery.probe(path, thorough=True)


def test_a_query_that_reads_a_damaged_block_recovers_and_runs_again(private, monkeypatch):
    """Damage past what the opening check reads shows up as DuckDB's checksum error in a query: the
    snapshot is then checked in full, restored, and the query answered from the restored file."""
    path, before = private
    db.run("batches", path=path)
    damage_a_block_the_quick_check_does_not_read(path)
    real, failed = db.execute, []

    def first_read_hits_the_damage(con, name, **params):
        if not failed:
            failed.append(name)
            raise db.QueryError(name, params, RuntimeError("Corrupt database file: computed checksum 1 does "
                                                            "not match stored checksum 2 in block at location 9"))
        return real(con, name, **params)

    monkeypatch.setattr(db, "execute", first_read_hits_the_damage)
    assert db.run("batches", path=path).equals(before)
    assert recovery.last_event(path)["action"] == recovery.RESTORED


def test_a_query_error_that_is_not_damage_changes_nothing(private):
    path, _ = private
    with pytest.raises(db.QueryError):
        db.run("indicators", path=path, plan_id="x")
    assert not recovery.events(path)


# ---- every screen after the damage -----------------------------------------------------------------

def run_page(page: str, **query) -> AppTest:
    return open_screen(None if page == "present" else page, **query)


def test_every_page_runs_on_the_restored_data_and_the_data_page_says_what_happened(private, monkeypatch):
    path, before = private
    cut_short(path)                                      # found by the first page that reads
    for page in PAGES:
        at = run_page(page)
        assert not at.exception, page
        assert not at.error, (page, [e.value for e in at.error])
    at = run_page("present", present="1")
    assert not at.exception and not at.error
    assert len(recovery.events(path)) == 1
    assert db.run("batches", path=path).equals(before)

    event = recovery.last_event(path)
    for lang, words in (("zh", "已自动恢复"), ("en", "restored automatically")):
        at = run_page("data", **({"lang": "en"} if lang == "en" else {}))
        notices = [i.value for i in at.info]
        assert any(words in n for n in notices), notices

    from tests.data_page import PASSWORD, sign_in

    monkeypatch.setenv(auth.ENV, auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS))
    at = sign_in(run_page("data", lang="en"))
    detail = [w.value for w in at.warning if "recovered automatically" in w.value]
    assert len(detail) == 1
    assert event["backup"].replace("-", r"\-").replace(".", r"\.") in detail[0]
    assert "damaged" in detail[0] and "import them again" in detail[0]


def test_imports_and_rollbacks_through_the_importer_survive_losing_every_snapshot(private):
    """The importer journals each write (tracker/journal.py); with the snapshot and every backup lost,
    the rebuild holds every batch, the figures in force and the rollback, and no demo figure over them."""
    from tests import bad_files as bf
    from tracker.importer import apply

    path, _ = private
    first = apply.commit([("a.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, "55.5", None, "统计局", None]]))], "王")
    second = apply.commit([("b.csv", bf.csv_bytes([[bf.SHARE, bf.CITY, 2024, "66.6", None, None, None]]))], "李")
    apply.rollback(second.batch_id, "王")
    before = db.run("batches", path=path)
    in_force = db.run("observations_export", path=path, plan_id=None)
    for backup in warehouse.backups(path):
        garbage(backup)
    garbage(path)
    after = db.run("batches", path=path)
    assert after[["batch_id", "state", "created_by"]].equals(before[["batch_id", "state", "created_by"]])
    assert first.batch_id in after["batch_id"].tolist()
    pd.testing.assert_frame_equal(db.run("observations_export", path=path, plan_id=None), in_force)
    assert recovery.last_event(path)["action"] == recovery.REBUILT
