"""The office's words as data (DESIGN §4, Commentary) and the lead units: what is in force is the newest
row of a batch still applied, revisions win, a rollback brings back what was there, a blank row clears;
a warehouse built before commentary existed is migrated with its batches kept."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tests.commentary_rows import note_for
from tests.fixture_data import PLAN, build_fixture
from tracker import build, commentary, db, warehouse


@pytest.fixture()
def private(tmp_path):
    return build_fixture(tmp_path / "w.duckdb")


def write(path, batch_id: str, targets: list[tuple] = (), sections: list[tuple] = ()) -> None:
    """One commentary batch of target rows (indicator, area, year, cause_zh, cause_en, measures_zh,
    measures_en) and plan rows (year, section, text_zh, text_en), written as an import writes."""
    def change(con: duckdb.DuckDBPyConnection) -> None:
        build.record_batch(con, batch_id=batch_id, kind="commentary", rows=len(targets) + len(sections), by="test")
        start = con.execute("select coalesce(max(seq), 0) from target_commentary").fetchall()[0][0]
        for i, row in enumerate(targets, start + 1):
            con.execute("insert into target_commentary values (?, ?, ?, ?, ?, ?, ?, ?, ?)", [i, *row, batch_id])
        start = con.execute("select coalesce(max(seq), 0) from plan_commentary").fetchall()[0][0]
        for i, row in enumerate(sections, start + 1):
            con.execute("insert into plan_commentary values (?, ?, ?, ?, ?, ?, ?)", [i, PLAN, *row, batch_id])
        build.refresh_status(con)

    warehouse.write_snapshot(change, path=path, check=build.check_snapshot)


def rollback(path, batch_id: str) -> None:
    def change(con):
        db.execute(con, "import_rollback", batch_id=batch_id)
        build.record_batch(con, batch_id=f"rb-{batch_id}", kind="rollback", rows=1, by="test",
                           note=f"rollback of {batch_id}")
        build.refresh_status(con)

    warehouse.write_snapshot(change, path=path, check=build.check_snapshot)


def test_notes_in_force_follow_revisions_rollbacks_and_blank_rows(private):
    assert commentary.target_notes(PLAN, 2025, path=private).empty
    assert commentary.plan_sections(PLAN, 2025, path=private) == {}
    write(private, "c1", targets=[("T02-03", "330200", 2025, "财政投入不足", None, "加大投入", "More funds"),
                                  ("T02-02", "330212", 2025, "原因乙", "Cause B", None, None)],
          sections=[(2025, "problems", "问题", "Problems text"), (2025, "overall", "总体良好", None)])
    notes = commentary.target_notes(PLAN, 2025, path=private)
    assert list(notes.columns) == ["indicator_id", "area_code", "year", "cause_zh", "cause_en", "measures_zh",
                                   "measures_en"]
    assert notes["indicator_id"].tolist() == ["T02-02", "T02-03"]
    first = note_for(notes, "T02-03", "330200")
    assert (first["cause_zh"], first["measures_en"]) == ("财政投入不足", "More funds")
    assert commentary.in_lang(first, "cause", "en") == "财政投入不足"     # English not given: the Chinese
    assert commentary.target_notes(PLAN, 2024, path=private).empty
    sections = commentary.plan_sections(PLAN, 2025, path=private)
    assert list(sections) == ["overall", "problems"]                   # SECTIONS order, only those given
    assert sections["overall"] == {"zh": "总体良好", "en": ""}

    write(private, "c2", targets=[("T02-03", "330200", 2025, "修订后的原因", None, None, None),
                                  ("T02-02", "330212", 2025, None, None, None, None)],
          sections=[(2025, "overall", "修订", "Revised")])
    notes = commentary.target_notes(PLAN, 2025, path=private)
    assert notes["indicator_id"].tolist() == ["T02-03"]                # the blank row cleared T02-02
    assert note_for(notes, "T02-03", "330200")["cause_zh"] == "修订后的原因"
    assert commentary.plan_sections(PLAN, 2025, path=private)["overall"]["en"] == "Revised"

    rollback(private, "c2")
    notes = commentary.target_notes(PLAN, 2025, path=private)
    assert note_for(notes, "T02-03", "330200")["cause_zh"] == "财政投入不足"
    assert note_for(notes, "T02-02", "330212")["cause_en"] == "Cause B"
    assert commentary.plan_sections(PLAN, 2025, path=private)["overall"]["zh"] == "总体良好"
    rollback(private, "c1")
    assert commentary.target_notes(PLAN, 2025, path=private).empty


@pytest.mark.parametrize(("row", "lang", "shown"), [
    ({"lead_unit_zh": "市民政局", "lead_unit_en": "Civil Affairs Bureau"}, "zh", "市民政局"),
    ({"lead_unit_zh": "市民政局", "lead_unit_en": "Civil Affairs Bureau"}, "en", "Civil Affairs Bureau"),
    ({"lead_unit_zh": "市民政局", "lead_unit_en": None}, "en", "市民政局"),
    ({"lead_unit_zh": None, "lead_unit_en": float("nan")}, "zh", "未指定"),
    ({"lead_unit_zh": "  ", "lead_unit_en": pd.NA}, "en", "Not assigned"),
    ({}, "en", "Not assigned"),
])
def test_lead_unit_or_not_assigned(row, lang, shown):
    assert commentary.lead_unit(row, lang) == shown


def test_the_shipped_catalogue_names_no_lead_unit(private):
    from tracker import catalog

    indicators = catalog.load()["indicators"]
    assert {"lead_unit_zh", "lead_unit_en"} <= set(indicators.columns)
    assert indicators["lead_unit_zh"].isna().all() and indicators["lead_unit_en"].isna().all()


def test_a_warehouse_from_before_commentary_is_migrated(private):
    """Older snapshots lack the lead-unit columns, the commentary tables and the 'commentary' batch kind."""
    def make_old(con):
        build._drop_derived(con)
        con.execute("drop table target_commentary")
        con.execute("drop table plan_commentary")
        con.execute("alter table indicators drop column lead_unit_zh")
        con.execute("alter table indicators drop column lead_unit_en")
        con.execute("alter table batches rename to b_old")
        con.execute("create table batches (batch_id varchar primary key, kind varchar not null check (kind in "
                    "('demo', 'observations', 'milestones', 'catalog', 'rollback')), file_name varchar, "
                    "sha256 varchar, row_count integer not null, created_by varchar not null, "
                    "created_at timestamp not null, state varchar not null check (state in ('applied', "
                    "'rolled_back')), note varchar)")
        con.execute("insert into batches select * from b_old")
        con.execute("drop table b_old")
        con.execute("delete from meta where key = 'schema_version'")

    batches = db.run("batches", path=private)[["batch_id", "kind", "state"]]
    warehouse.write_snapshot(make_old, path=private)
    assert build.migrate(private) is True
    assert build.migrate(private) is False
    assert db.run("batches", path=private)[["batch_id", "kind", "state"]].equals(batches)
    write(private, "c1", targets=[("T02-03", "330200", 2025, "原因", None, None, None)])
    assert commentary.target_notes(PLAN, 2025, path=private)["cause_zh"].tolist() == ["原因"]
    ind = db.run("import_catalog_indicators", path=private)
    assert ind["lead_unit_zh"].isna().all()


def test_the_catalogue_import_sets_a_lead_unit(tmp_path, capsys, monkeypatch):
    """The shipped indicators.csv with one lead unit filled in, imported as a catalogue file."""
    import csv

    from tests.cli_run import run
    from tracker import paths

    path = build_fixture(tmp_path / "w.duckdb")
    monkeypatch.setenv("TRACKER_WAREHOUSE", str(path))
    rows = list(csv.DictReader((paths.CATALOG / "indicators.csv").open(encoding="utf-8", newline="")))
    rows = [r for r in rows if r["action_no"] == "12"][:1]
    rows[0] |= {"plan_id": PLAN, "action_no": "2", "lead_unit_zh": "市民政局", "lead_unit_en": "Civil Affairs Bureau"}
    file = tmp_path / "indicators.csv"
    with file.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, out, err = run(capsys, "import", file)
    assert code == 0, err
    stored = db.run("import_catalog_indicators", path=path).set_index("indicator_id").loc[rows[0]["indicator_id"]]
    assert commentary.lead_unit(stored, "zh") == "市民政局"
    assert commentary.lead_unit(stored, "en") == "Civil Affairs Bureau"


def test_a_write_leaving_commentary_about_an_unknown_target_is_refused(private):
    before = private.read_bytes()
    with pytest.raises(ValueError, match="commentary row"):
        write(private, "c9", targets=[("X99-99", "330200", 2025, "原因", None, None, None)])
    assert private.read_bytes() == before
