"""Coverage as data: the township registry, township rows on import, and their roll-up to districts and
the city (what export-status, the map and the other screens then show)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.cli_run import run
from tracker import db
from tracker.importer import apply, township_template
from tracker.importer.results import Rejected

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = pd.read_csv(ROOT / "data" / "geo" / "townships.csv", dtype={"township_code": str, "district_code": str})
AREAS = pd.read_csv(ROOT / "data" / "geo" / "areas.csv", dtype={"area_code": str})
COUNTED = REGISTRY[REGISTRY["counted"]]
CITY = "330200"
TARGET = "A12-06"
# the statistics bureau's list as packaged (china-division 2.7.0): counted units per district
EXPECTED = {"330203": 17, "330205": 8, "330206": 11, "330211": 7, "330212": 25, "330213": 12,
            "330225": 18, "330226": 18, "330281": 21, "330282": 19}


# ---- the registry --------------------------------------------------------------------------------
def test_every_district_has_its_townships_and_every_code_starts_with_its_district():
    districts = AREAS[AREAS["kind"] == "district"]
    assert set(REGISTRY["district_code"]) == set(districts["area_code"])
    assert COUNTED.groupby("district_code").size().to_dict() == EXPECTED
    assert REGISTRY["township_code"].is_unique
    for row in REGISTRY.itertuples():
        assert row.township_code.isdigit() and len(row.township_code) == 9, row.township_code
        assert row.township_code.startswith(row.district_code), row.township_code
        assert row.name_en.strip() and row.name_zh.strip()
    kinds = {"subdistrict": "街道", "town": "镇", "xiang": "乡"}
    for row in COUNTED.itertuples():
        assert row.name_zh.endswith(kinds[row.kind]), row.name_zh
    zones = REGISTRY[~REGISTRY["counted"]]
    assert set(zones["kind"]) == {"zone"} and len(zones) == 6 and "保税区" in set(zones["name_zh"])


def test_the_areas_township_counts_come_from_the_registry():
    counts = AREAS.set_index("area_code")["townships"]
    for code, n in EXPECTED.items():
        assert counts[code] == n
    assert counts[CITY] == len(COUNTED) == 156
    sources = AREAS.set_index("area_code")["townships_source"]
    assert all("china-division@2.7.0" in sources[c] and not sources[c].startswith("approximate")
               for c in [CITY, *EXPECTED])


# ---- township rows on import ----------------------------------------------------------------------
def township_csv(rows: list[tuple], header=("indicator_id", "district_code", "area_code", "year", "value", "note")) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def covered_plan() -> dict[str, bool]:
    """A fixed mix: a township is covered when its code's last digit is even."""
    return {code: int(code[-1]) % 2 == 0 for code in COUNTED["township_code"]}


def test_one_row_per_township_makes_every_district_and_the_city_exactly_its_share(private, capsys):
    plan = covered_plan()
    words = {True: "已覆盖", False: "未覆盖"}
    rows = [(TARGET, d, code, 2025, words[plan[code]], "康养服务中心 2024-06")
            for code, d in zip(COUNTED["township_code"], COUNTED["district_code"])]
    outcome = apply.commit([("townships.csv", township_csv(rows))], "test")
    assert outcome.batch_id and outcome.rows == 156

    code, out, _ = run(capsys, "export-status", "--year", 2025, "--out", "-")
    assert code == 0
    status = pd.read_csv(io.StringIO(out), dtype={"area_code": str})
    mine = status[status["indicator_id"] == TARGET].set_index("area_code")
    for district, group in COUNTED.groupby("district_code"):
        share = 100 * sum(plan[c] for c in group["township_code"]) / len(group)
        assert mine.loc[district, "value"] == pytest.approx(share), district
    assert mine.loc[CITY, "value"] == pytest.approx(100 * sum(plan.values()) / 156)

    stored = db.run("map_district_values", indicator_id=TARGET, year=2025).set_index("area_code")
    for district, group in COUNTED.groupby("district_code"):
        assert stored.loc[district, "covered"] == sum(plan[c] for c in group["township_code"])
        assert stored.loc[district, "reported"] == len(group) == stored.loc[district, "townships"]
    listed = db.run("township_coverage", indicator_id=TARGET, area_code="330211", year=2025)
    uncovered = set(listed.loc[listed["state"] == "uncovered", "township_code"])
    assert uncovered == {c for c in COUNTED.loc[COUNTED["district_code"] == "330211", "township_code"] if not plan[c]}
    assert (listed.loc[listed["state"] != "unreported", "note"] == "康养服务中心 2024-06").all()


def test_a_partial_report_counts_every_township_in_the_denominator(private):
    """Unreported townships count as not covered: 2 covered of 4 reported in Haishu's 17 is 2/17."""
    haishu = COUNTED[COUNTED["district_code"] == "330203"]["township_code"].tolist()[:4]
    # first clear the demo's township rows for that year by rolling the demo batch back
    apply.rollback("demo", "test")
    rows = [(TARGET, "330203", code, 2024, v, "") for code, v in zip(haishu, ["1", "0", "是", "否"])]
    preview = apply.dry_run([("part.csv", township_csv(rows))]).rollup.set_index("area_code")
    assert preview.loc["330203", "value_after"] == pytest.approx(100 * 2 / 17)
    assert preview.loc[CITY, "value_after"] == pytest.approx(100 * 2 / 156)
    apply.commit([("part.csv", township_csv(rows))], "test")
    stored = db.run("map_district_values", indicator_id=TARGET, year=2024).set_index("area_code")
    assert (stored.loc["330203", "covered"], stored.loc["330203", "reported"], stored.loc["330203", "townships"]) == (2, 4, 17)
    assert stored.loc["330203", "value"] == pytest.approx(100 * 2 / 17)
    assert stored.loc[CITY, "value"] == pytest.approx(100 * 2 / 156) and stored.loc[CITY, "reported"] == 4
    assert pd.isna(stored.loc["330205", "value"])      # no rows for Jiangbei: no figure, not 0


def test_one_township_reported_of_156_is_not_a_covered_city(private):
    """The issue's case: one township reported (and covered) out of 156 made the city 100% and
    achieved; now it is 1/156, not achieved, and the screens say who reported."""
    from components import townships

    apply.rollback("demo", "test")
    first = COUNTED.iloc[0]
    apply.commit([("one.csv", township_csv([(TARGET, first["district_code"], first["township_code"], 2025, "1", "")]))],
                 "test")
    status = db.run("status_export", plan_id="nb-cp-2021-2025", year=2025)
    city = status[(status["indicator_id"] == TARGET) & (status["area_code"] == CITY)].iloc[0]
    assert city["value"] == pytest.approx(100 / 156) and city["status"] not in ("achieved", "completed")
    stored = db.run("map_district_values", indicator_id=TARGET, year=2025).set_index("area_code")
    assert townships.coverage_text(stored.loc[CITY].to_dict(), "en") == \
        "1 of 156 townships covered (reported for 1 of 156; those not reported count as not covered)"
    assert townships.coverage_text(stored.loc[CITY].to_dict(), "zh") == \
        "1/156个乡镇（街道）已覆盖（已上报1/156个，未上报的按未覆盖计）"


def test_the_revision_table_names_townships_and_says_covered_never_a_code_and_one_percent(private):
    from components.screens import indicator as screen

    first, second = COUNTED.iloc[0], COUNTED.iloc[1]
    apply.commit([("two.csv", township_csv([(TARGET, first["district_code"], first["township_code"], 2025, "1", ""),
                                            (TARGET, second["district_code"], second["township_code"], 2025, "0", "")]))],
                 "test")
    row = db.run("indicators", plan_id="nb-cp-2021-2025", action_no=None).set_index("indicator_id").loc[TARGET]
    for query, args in (("revisions_page", {"limit": 10, "offset": 0}), ("revisions", {})):
        table = screen.revisions_table(db.run(query, indicator_id=TARGET, **args), row.to_dict(), "zh")
        mine = table[table["地区"].isin([first["name_zh"], second["name_zh"]])]
        assert set(mine["数值"]) == {"已覆盖", "未覆盖"}, query
        assert not table["地区"].isin([first["township_code"], second["township_code"]]).any()
        assert not table["数值"].isin(["1%", "0%"]).any()


def test_township_rows_replace_the_district_figures_and_the_dry_run_says_so(private):
    # township rows for a year (a district figure cannot be imported for such a target:
    # tests/store/test_import_limits.py), rolled up into the district's and the city's
    jiangbei = COUNTED[COUNTED["district_code"] == "330205"]["township_code"].tolist()
    rows = [(TARGET, "330205", code, 2023, "1", "") for code in jiangbei]
    preview = apply.dry_run([("t.csv", township_csv(rows))])
    assert preview.ok
    said = preview.rollup.set_index("area_code")
    assert said.loc["330205", "value_after"] == pytest.approx(100.0)
    assert said.loc["330205", "covered"] == len(jiangbei) == said.loc["330205", "reported"]
    assert CITY in said.index
    apply.commit([("t.csv", township_csv(rows))], "test")
    status = db.run("map_district_values", indicator_id=TARGET, year=2023).set_index("area_code")
    assert status.loc["330205", "value"] == pytest.approx(100.0)


def test_rolling_the_township_batch_back_restores_the_figures(private):
    before = db.run("map_district_values", indicator_id=TARGET, year=2025).set_index("area_code")["value"]
    rows = [(TARGET, d, c, 2025, "0", "") for c, d in zip(COUNTED["township_code"], COUNTED["district_code"])]
    outcome = apply.commit([("none.csv", township_csv(rows))], "test")
    zero = db.run("map_district_values", indicator_id=TARGET, year=2025).set_index("area_code")["value"]
    assert (zero == 0).all()
    apply.rollback(outcome.batch_id, "test")
    after = db.run("map_district_values", indicator_id=TARGET, year=2025).set_index("area_code")["value"]
    pd.testing.assert_series_equal(before, after)


@pytest.mark.parametrize("row, column, code", [
    ((TARGET, "330205", "330203001", 2025, "1", ""), "district_code", "township.wrong_district"),
    ((TARGET, "", "330206401", 2025, "1", ""), "area_code", "township.zone"),
    (("A12-05", "", "330203002", 2025, "1", ""), "area_code", "township.not_township_target"),
    ((TARGET, "", "330203999", 2025, "1", ""), "area_code", "township.unknown"),
    ((TARGET, "", "330203003", 2025, "maybe", ""), "value", "township.value"),
    ((TARGET, "", "330203003", 2025, "60", ""), "value", "township.value"),
])
def test_a_bad_township_row_is_a_finding_naming_the_row(private, row, column, code):
    with pytest.raises(Rejected) as refused:
        apply.commit([("bad.csv", township_csv([(TARGET, "", "330203004", 2025, "1", ""), row]))], "test")
    (found,) = refused.value.findings
    assert (found.row, found.column, found.code) == (3, column, code)


def test_a_township_twice_is_a_duplicate(private):
    rows = [(TARGET, "", "330203004", 2025, "1", ""), (TARGET, "", "330203004", 2025, "0", "")]
    with pytest.raises(Rejected) as refused:
        apply.commit([("dup.csv", township_csv(rows))], "test")
    assert [(f.row, f.code) for f in refused.value.findings] == [(3, "row.duplicate")]


def test_the_township_findings_read_in_both_languages(private, capsys):
    path = private.parent / "bad.csv"
    path.write_bytes(township_csv([(TARGET, "330205", "330203001", 2025, "1", "")]))
    code, _, err = run(capsys, "import", path, "--dry-run")
    assert code == 2 and "Township “Nanmen Subdistrict” (330203001) belongs to Haishu (330203)" in err
    code, _, err = run(capsys, "import", path, "--dry-run", "--lang", "zh")
    assert code == 2 and "南门街道" in err and "海曙区" in err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_township_template_lists_every_township_and_imports_once_ticked(private, lang):
    target = db.run("import_targets").set_index("indicator_id").loc[TARGET].to_dict() | {"indicator_id": TARGET}
    registry = db.run("import_townships")
    text = township_template.csv_bytes(target, registry, 2025, lang).decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), dtype=str)
    assert len(frame) == 156 and frame.iloc[:, 4].tolist() == COUNTED["township_code"].tolist()
    assert frame.iloc[:, 7].isna().all()                          # the value column is left to fill in
    ticked = text.replace(",2025,,", ",2025,1,")
    preview = apply.dry_run([("ticked.csv", ticked.encode("utf-8"))])
    assert preview.ok and preview.counts()["revised"] + preview.counts()["new"] == 156
    assert (preview.rollup["value_after"] == 100).all()

    book = township_template.xlsx_bytes(target, registry, 2025, lang)
    import openpyxl
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    assert sheet.max_row == 157
    sheet.cell(row=2, column=8).value = "未覆盖" if lang == "zh" else "not covered"
    filled = io.BytesIO()
    sheet.parent.save(filled)
    preview = apply.dry_run([("one.xlsx", filled.getvalue())])
    assert preview.ok and len(preview.changes) == 1 and preview.changes.iloc[0]["value"] == 0


def test_the_demo_goes_through_the_township_rows(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        township_rows, notes = con.execute(
            "select count(*), count(note) from observations where indicator_id = $i and length(area_code) = 9",
            {"i": TARGET}).fetchone()
        district_rows = con.execute(
            "select count(*) from observations where indicator_id = $i and length(area_code) = 6", {"i": TARGET}).fetchone()[0]
        rolled = con.execute("select count(*) from township_rollup where indicator_id = $i", {"i": TARGET}).fetchone()[0]
    finally:
        con.close()
    assert township_rows == 156 * 6 and notes == 0           # every counted township, 2020–2025
    assert district_rows == 0                                # the district figures are the roll-up's
    assert rolled == 11 * 6


# ---- the dry run's roll-up is the warehouse's -------------------------------------------------------
def test_the_dry_run_says_exactly_the_figures_the_import_then_stores(private):
    """The preview of a township file (queries/import_rollup.sql, through the schema's own roll-up)
    against what the import then stores, on the edges a second copy of the rule would get wrong: a
    name two districts share (Xianxiang Town, in Yinzhou and in Xiangshan), a township turned from
    covered to not (its new value replaces the one in force, it is not counted twice), a township
    row left blank (skipped: the township keeps its value, its district is not set anew), and a
    second target in the same file."""
    registry = REGISTRY.set_index("township_code")
    xianxiang = registry[registry["name_en"] == "Xianxiang Town"]
    assert sorted(xianxiang["district_code"]) == ["330212", "330225"]     # the same name in two districts
    yinzhou, xiangshan = (xianxiang.index[xianxiang["district_code"] == d][0] for d in ("330212", "330225"))
    in_force = db.run("township_rows", indicator_id=TARGET)
    in_force = in_force[in_force["year"] == 2025].set_index("township_code")["value"]
    haishu = [c for c in COUNTED.loc[COUNTED["district_code"] == "330203", "township_code"] if in_force.get(c) == 1]
    jiangbei = [c for c in COUNTED.loc[COUNTED["district_code"] == "330205", "township_code"] if in_force.get(c) == 1]
    assert haishu and jiangbei, "the demo covers a township in Haishu and in Jiangbei in 2025"
    other, zhenhai = "A17-09", COUNTED.loc[COUNTED["district_code"] == "330211", "township_code"].iloc[0]
    file = township_csv([
        (TARGET, "330212", "Xianxiang Town", 2025, "covered", ""),
        (TARGET, "330225", "Xianxiang Town", 2025, "not covered", ""),
        (TARGET, "330203", haishu[0], 2025, "", "left blank"),
        (TARGET, "330205", jiangbei[0], 2025, "0", ""),
        (other, "330211", zhenhai, 2024, "1", ""),
    ])

    # what the rule says, worked out here from the townships' values in force and the file's rows
    values = {code: float(in_force[code]) if code in in_force.index and in_force[code] == in_force[code] else None
              for code in COUNTED["township_code"]}
    values.update({yinzhou: 1.0, xiangshan: 0.0, jiangbei[0]: 0.0})
    expected = {}
    for area in [CITY, "330205", "330212", "330225"]:
        mine = [v for c, v in values.items() if area == CITY or registry.loc[c, "district_code"] == area]
        covered, reported = sum(v is not None and v >= 1 for v in mine), sum(v is not None for v in mine)
        expected[area] = (covered, reported, len(mine), pytest.approx(100 * covered / len(mine)))
    before = {area: db.run("township_totals", area_code=area, year=2025).set_index("indicator_id").loc[TARGET]
              for area in [*expected, "330203"]}
    assert expected["330205"][0] == before["330205"]["covered"] - 1      # replaced, not counted twice

    preview = apply.dry_run([("edges.csv", file)])
    assert preview.ok, preview.findings
    said = preview.rollup
    assert list(said.loc[said["indicator_id"] == TARGET, "area_code"]) == [CITY, "330205", "330212", "330225"]
    assert list(said.loc[said["indicator_id"] == other, "area_code"]) == [CITY, "330211"]
    for row in said[said["indicator_id"] == TARGET].itertuples():
        assert (row.covered, row.reported, row.townships, row.value_after) == expected[row.area_code], row.area_code
        assert row.value_before == pytest.approx(before[row.area_code]["value"]), row.area_code

    apply.commit([("edges.csv", file)], "test")
    for row in said.itertuples():
        stored = db.run("township_totals", area_code=row.area_code, year=row.year).set_index("indicator_id").loc[row.indicator_id]
        assert stored["year"] == row.year
        assert (stored["covered"], stored["reported"], stored["townships"]) == (row.covered, row.reported, row.townships)
        assert stored["value"] == pytest.approx(row.value_after), (row.indicator_id, row.area_code)
    haishu_now = db.run("township_totals", area_code="330203", year=2025).set_index("indicator_id").loc[TARGET]
    assert haishu_now.to_dict() == before["330203"].to_dict()           # the blank row changed nothing
    figures = db.run("map_district_values", indicator_id=TARGET, year=2025).set_index("area_code")["value"]
    for row in said[said["indicator_id"] == TARGET].itertuples():
        assert figures[row.area_code] == pytest.approx(row.value_after), row.area_code


def test_the_review_of_a_township_submission_says_what_accepting_it_stores(private):
    """The office's preview of a unit's township rows (tracker.reporting.review.effect) asks the same
    roll-up as the dry run: the district's and the city's figures it gives are those stored once the
    submission is accepted."""
    import datetime as dt

    from tracker.reporting import review, rounds, submit

    rounds.open_round(2025, dt.date.today() + dt.timedelta(days=30), "nb-cp-2021-2025", "办公室")
    in_force = db.run("township_rows", indicator_id=TARGET)
    in_force = in_force[in_force["year"] == 2025].set_index("township_code")["value"]
    haishu = COUNTED.loc[COUNTED["district_code"] == "330203", "township_code"].tolist()
    flipped = {code: 0.0 if in_force.get(code) == 1 else 1.0 for code in haishu[:3]}
    file = township_csv([(TARGET, "330203", code, 2025, int(v), "") for code, v in flipped.items()])
    sent = submit.submit([("haishu.csv", file)], "330203", "海曙 李")
    said = review.effect(sent.batch_id).set_index("area_code")
    assert {"330203", CITY} <= set(said.index)

    covered = sum(flipped.get(c, in_force.get(c)) == 1 for c in haishu)
    assert said.loc["330203", "value_after"] == pytest.approx(100 * covered / len(haishu))
    review.accept(sent.batch_id, "办公室")
    stored = {area: db.run("township_totals", area_code=area, year=2025).set_index("indicator_id").loc[TARGET, "value"]
              for area in ("330203", CITY)}
    assert stored["330203"] == pytest.approx(said.loc["330203", "value_after"])
    assert stored[CITY] == pytest.approx(said.loc[CITY, "value_after"])
