"""The storage model: atomic snapshots, readers that follow them, nothing lost on failure."""
from __future__ import annotations

import os

import duckdb
import pytest

from tests.fixture_data import build_fixture
from tracker import build, db, warehouse


@pytest.fixture()
def private(tmp_path):
    return build_fixture(tmp_path / "w.duckdb")


def count_obs(path) -> int:
    return int(db.run("observations_export", path=path, plan_id=None).shape[0])


def test_reader_follows_a_new_snapshot(private):
    before = db.version(private)
    n = count_obs(private)

    def add(con):
        build.record_batch(con, batch_id="b9", kind="observations", rows=1, by="test")
        build.append_observations(con, db.run("observations_export", path=private, plan_id=None)
                                  .head(1).assign(year=2024), "b9")
        build.refresh_status(con)

    warehouse.write_snapshot(add, path=private, check=build.check_snapshot)
    assert db.version(private) != before
    assert count_obs(private) == n + 1


def test_failed_change_leaves_the_snapshot_untouched(private):
    data_before = private.read_bytes()

    def boom(con):
        con.execute("delete from observations")
        raise ValueError("validation failed half-way")

    with pytest.raises(ValueError):
        warehouse.write_snapshot(boom, path=private)
    assert private.read_bytes() == data_before
    assert not list(private.parent.glob(".*.tmp"))


def test_failed_check_abandons_the_new_snapshot(private):
    n = count_obs(private)

    def orphan(con):
        con.execute("insert into batches values ('bx', 'observations', null, null, 1, 't', now(), 'applied', null)")
        con.execute("insert into observations values (999, 'NOPE', '330200', 2021, 1, null, null, null, 'bx')")

    with pytest.raises(ValueError, match="unknown indicators"):
        warehouse.write_snapshot(orphan, path=private, check=build.check_snapshot)
    assert count_obs(private) == n


def test_a_writer_that_forgets_to_refresh_is_refused(private):
    n = count_obs(private)

    def stale(con):
        build.record_batch(con, batch_id="b8", kind="observations", rows=1, by="test")
        build.append_observations(con, db.run("observations_export", path=private, plan_id=None)
                                  .head(1).assign(year=2025), "b8")

    with pytest.raises(ValueError, match="refresh"):
        warehouse.write_snapshot(stale, path=private, check=build.check_snapshot)
    assert count_obs(private) == n


def test_each_write_keeps_a_copy_of_the_snapshot_it_made_as_the_newest_backup(private):
    (built,) = warehouse.backups(private)               # the build's own snapshot
    old = private.read_bytes()
    assert built.read_bytes() == old
    warehouse.write_snapshot(lambda con: build.set_meta(con, "k", "v"), path=private)
    previous, made = warehouse.backups(private)
    assert previous.read_bytes() == old and made.read_bytes() == private.read_bytes() != old
    assert os.stat(made).st_ino != os.stat(private).st_ino        # a copy: damage in place cannot reach it
    # a snapshot whose newest backup is not a copy of it (copied in from elsewhere) keeps that too
    made.unlink()
    warehouse.write_snapshot(lambda con: build.set_meta(con, "k", "w"), path=private)
    assert len(warehouse.backups(private)) == 3
    assert warehouse.backups(private)[-1].read_bytes() == private.read_bytes()


def test_query_error_names_the_query_and_its_parameters(private):
    with pytest.raises(db.QueryError, match="indicators.*plan_id"):
        db.run("indicators", path=private, plan_id="x")  # action_no missing


def test_a_snapshot_from_older_code_is_brought_up_to_date(private):
    """A warehouse built before obs_current was stored and before the shared macro existed."""
    def make_old(con):
        build._drop_derived(con)  # no stored values in force, no macro, no stored answers
        con.execute(  # the view as the first release defined it
            "create view obs_current as with applied as (select o.* from observations o join batches b "
            "using (batch_id) where b.state = 'applied'), ranked as (select *, row_number() over (partition "
            "by indicator_id, area_code, year order by obs_seq desc) as r from applied) select obs_seq, "
            "indicator_id, area_code, year, value, milestone, source, note, batch_id from ranked where r = 1")
        con.execute("delete from meta where key = 'schema_version'")

    before = count_obs(private)
    status = db.run("status_export", path=private, plan_id="test-plan", year=None)
    headline = db.run("overview_targets", path=private, plan_id="test-plan", year=None, area_code=None)
    warehouse.write_snapshot(make_old, path=private)
    with pytest.raises(db.QueryError):
        db.run("status_export", path=private, plan_id="test-plan", year=None)
    assert build.migrate(private) is True
    assert build.migrate(private) is False          # idempotent: nothing to do the second time
    assert count_obs(private) == before
    assert db.run("status_export", path=private, plan_id="test-plan", year=None).equals(status)
    assert db.run("overview_targets", path=private, plan_id="test-plan", year=None, area_code=None).equals(headline)


def test_a_writer_that_leaves_the_stored_answers_stale_is_refused(private):
    """A batch recorded without refreshing (here a milestones batch whose rows never came) would leave
    the data page's history without it: check_snapshot compares the stored tables' row counts."""
    before = db.run("batches", path=private)

    def stale(con):
        build.record_batch(con, batch_id="b7", kind="milestones", rows=0, by="test")

    with pytest.raises(ValueError, match="stale"):
        warehouse.write_snapshot(stale, path=private, check=build.check_snapshot)
    assert db.run("batches", path=private).equals(before)


def test_screens_read_what_the_write_stored(private):
    """Every write refreshes the stored answers with the status table: a new year of figures shows up
    in the years offered, the values in force and the status as of that year."""
    assert 2024 not in db.run("plan_years", path=private, plan_id="test-plan")["year"].tolist()

    def add(con):
        build.record_batch(con, batch_id="b9", kind="observations", rows=1, by="test")
        row = db.run("observations_export", path=private, plan_id="test-plan")
        row = row[(row.indicator_id == "T02-03") & (row.area_code == "330200") & (row.year == 2023)]
        build.append_observations(con, row.assign(year=2024, value=3.0), "b9")
        build.refresh_status(con)

    warehouse.write_snapshot(add, path=private, check=build.check_snapshot)
    assert db.run("plan_years", path=private, plan_id="test-plan")["year"].tolist()[0] == 2024
    status = db.run("status_export", path=private, plan_id="test-plan", year=2024).set_index("indicator_id")
    assert (status.loc["T02-03", "year"], status.loc["T02-03", "value"]) == (2024, 3.0)
    before = db.run("status_export", path=private, plan_id="test-plan", year=2023).set_index("indicator_id")
    assert before.loc["T02-03", "year"] == 2023
    series = db.run("series", path=private, indicator_id="T02-03", area_code="330200")
    assert series["year"].tolist()[-1] == 2024 and series["batch_id"].tolist()[-1] == "b9"


@pytest.mark.parametrize(("setting", "expected"), [("1", 1), ("3", 3), ("", None), ("0", None), ("two", None)])
def test_duckdb_runs_on_the_threads_the_setting_names(monkeypatch, private, setting, expected):
    """Every connection the project opens, the reader's and the writer's, takes TRACKER_DB_THREADS;
    anything but a positive whole number leaves DuckDB's own default (one thread per core)."""
    monkeypatch.setenv("TRACKER_DB_THREADS", setting)
    assert warehouse.threads() == expected
    want = expected or duckdb.connect().execute("select current_setting('threads')").fetchone()[0]
    with warehouse.connect() as con:
        assert con.execute("select current_setting('threads')").fetchone()[0] == want
    seen = warehouse.write_snapshot(lambda con: con.execute("select current_setting('threads')").fetchone()[0], path=private)
    assert seen == want
