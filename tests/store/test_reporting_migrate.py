"""A warehouse built before reporting rounds existed: its batches table admits only 'applied' and
'rolled_back', and it has no units, rounds or submissions. The migration brings it up to date with
every batch kept, and a unit can submit to it at once."""
from __future__ import annotations

import re

from tests.commentary_rows import note_for
from tracker import build, db, paths, warehouse
from tracker.reporting import rounds, submit

OLD_BATCHES = re.sub(r"check \(state in \([^)]*\)\)", "check (state in ('applied', 'rolled_back'))",
                     re.search(r"^create table batches \(.*?^\);", (paths.SCHEMA / "02_observations.sql")
                               .read_text("utf-8"), re.DOTALL | re.MULTILINE).group(0))


def make_old(con):
    build._drop_derived(con)
    for table in ("submissions", "rounds", "assignments", "units"):
        con.execute(f"drop table {table}")
    con.execute("create table batches_new as select * from batches")
    con.execute("drop table batches")
    con.execute(OLD_BATCHES)
    con.execute("insert into batches select * from batches_new")
    con.execute("drop table batches_new")
    con.execute("delete from meta where key = 'schema_version'")


def test_an_older_warehouse_gets_the_reporting_tables_and_submission_states(private):
    before = db.run("batches", path=private)[["batch_id", "state", "row_count"]]
    status = db.run("status_export", path=private, plan_id="nb-cp-2021-2025", year=2025)
    warehouse.write_snapshot(make_old, path=private)
    with warehouse.READER.cursor(private) as cursor:
        assert "'submitted'" not in " ".join(r[0] for r in cursor.execute(
            "select constraint_text from duckdb_constraints() where table_name = 'batches'").fetchall())

    assert build.migrate(private) is True
    assert build.migrate(private) is False
    assert db.run("batches", path=private)[["batch_id", "state", "row_count"]].equals(before)
    assert db.run("status_export", path=private, plan_id="nb-cp-2021-2025", year=2025)["status"].equals(status["status"])
    assert len(db.run("units", path=private)) == 11                       # the ten districts and the office

    round_id = rounds.open_round(2025, rounds.parse_deadline("2026-12-31"), "nb-cp-2021-2025", "test", path=private)
    csv = b"indicator_id,area_code,year,value\nA07-02,330282,2025,3.1\n"
    outcome = submit.submit([("cixi.csv", csv)], "330282", "test", round_id, path=private)
    batches = db.run("batches", path=private).set_index("batch_id")
    assert batches.loc[outcome.batch_id, "state"] == "submitted"


def test_a_snapshot_rebuilt_from_the_journal_keeps_what_was_accepted_and_nothing_pending(private, tmp_path):
    """The journal keeps the batches: an accepted submission's figures and causes come back in force; a
    submission still waiting comes back waiting (not in force); the rounds themselves do not (README)."""
    from tracker import commentary, journal, replay
    from tracker.reporting import review

    round_id = rounds.open_round(2025, rounds.parse_deadline("2026-12-31"), "nb-cp-2021-2025", "test", path=private)
    accepted = submit.submit([("a.csv", "indicator_id,area_code,year,value,原因分析,下一步措施\n"
                                        "A07-02,330282,2025,4.4,订单下滑,稳岗\n".encode())], "330282", "慈溪", round_id)
    review.accept(accepted.batch_id, "办公室")
    waiting = submit.submit([("b.csv", b"indicator_id,area_code,year,value\nA09-04,330282,2025,99\n")],
                            "330282", "慈溪", round_id)
    target = tmp_path / "replayed.duckdb"
    replay.replay(target, journal.entries(private))
    for path in (private, target):
        status = db.run("status_export", path=path, plan_id="nb-cp-2021-2025", year=2025).set_index(
            ["indicator_id", "area_code"])
        assert status.loc[("A07-02", "330282"), "value"] == 4.4
        assert status.loc[("A09-04", "330282"), "value"] != 99
        note = note_for(commentary.target_notes("nb-cp-2021-2025", 2025, path=path), "A07-02", "330282")
        assert note["cause_zh"] == "订单下滑"
        assert db.run("batches", path=path).set_index("batch_id").loc[waiting.batch_id, "state"] == "submitted"
