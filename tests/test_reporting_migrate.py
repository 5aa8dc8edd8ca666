"""A warehouse built before reporting rounds existed: its batches table admits only 'applied' and
'rolled_back', and it has no units, rounds or submissions. The migration brings it up to date with
every batch kept, and a unit can submit to it at once."""
from __future__ import annotations

import re

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
