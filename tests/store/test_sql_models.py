"""The schema files as models: one model per file with a header that states its grain, and every
status rule (off track, good, the roll-up) written once, as a macro that agrees with tracker/statuses.py."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tracker import build, paths, statuses

QUERIES = paths.QUERIES
MACROS = paths.SCHEMA / "05_macros.sql"
CREATE = re.compile(r"^create\s+(view|table|macro)\s+(\w+)(.*)$", re.IGNORECASE | re.MULTILINE)
HEADER_LINES = ("-- grain: one row", "-- read by:", "-- invariants:")


def code_of(text: str) -> str:
    """The SQL without its comments."""
    return "\n".join(line.split("--")[0] for line in text.splitlines())


def model_of(file: Path) -> str | None:
    """The one model a derived schema file defines (None for the macros file); fails otherwise.
    A model is a view X, a view X_live with the table X that stores it, or a table macro X. A stored
    model may compute itself through a table macro X_with that a preview calls with rows not yet
    written (02b: the township roll-up, which the import's dry run asks)."""
    creates = [(kind.lower(), name, rest) for kind, name, rest in CREATE.findall(code_of(file.read_text("utf-8")))]
    if creates and all(kind == "macro" and " as table" not in rest.lower() for kind, name, rest in creates):
        return None
    names = {name.removesuffix("_live").removesuffix("_with") for _, name, _ in creates}
    assert len(names) == 1, f"{file.name} defines {sorted(names)}: one model per file"
    kinds = sorted(kind for kind, _, _ in creates)
    assert kinds in (["view"], ["table", "view"], ["macro"], ["table"], ["macro", "table", "view"]) \
        or file.name == "03_obs_current.sql", file.name
    return names.pop()


def test_every_derived_schema_file_holds_one_model_named_after_it():
    models = {}
    for file in build.derived_files():
        model = model_of(file)
        if model is None:
            assert file == MACROS, f"{file.name}: only 05_macros.sql holds macros alone"
            continue
        assert re.fullmatch(rf"\d\d[a-z]?_{model}\.sql", file.name), f"{file.name} should be named after {model}"
        models[model] = file.name
    assert len(models) == len(build.derived_files()) - 1
    assert {"overview_targets_as_of", "overview_actions_as_of", "plan_years", "status_in_force"} <= set(models)


def test_every_model_states_its_grain_readers_and_invariants():
    for file in build.derived_files():
        model = model_of(file)
        if model is None:
            continue
        header = file.read_text("utf-8").split("\ncreate ")[0]
        assert header.startswith(f"-- model: {model} ("), file.name
        for line in HEADER_LINES:
            assert line in header, f"{file.name}: header lacks {line!r}"


def test_stored_models_and_the_snapshot_check_agree_with_the_files():
    stored = build.stored_tables()
    assert len(stored) == len(set(stored))
    assert set(build.ONE_ROW_EACH) <= set(stored)
    for file in build.derived_files():
        text = file.read_text("utf-8")
        model = model_of(file)
        assert (model in stored) == (f"create table {model} as select * from {model}_live with no data" in text)
        assert (model in stored) == text.startswith(f"-- model: {model} (stored)") or file.name == "03_obs_current.sql"


@pytest.fixture(scope="module")
def macros():
    con = duckdb.connect()
    con.execute((paths.SCHEMA / "01b_progress_methods.sql").read_text("utf-8"))   # compared_as reads it
    build.write_methods(con)
    con.execute(MACROS.read_text("utf-8"))
    yield con
    con.close()


def test_off_track_and_good_are_the_vocabulary_lists(macros):
    for code in statuses.ORDER:
        off, good = macros.execute("select is_off_track($c), is_good($c)", {"c": code}).fetchone()
        assert off == statuses.is_off_track(code), code
        assert good == (code in statuses.GOOD), code
    listed = re.search(r"create macro is_off_track\(status\) as\s+status in \(([^)]*)\)", MACROS.read_text("utf-8"))
    assert sorted(re.findall(r"'(\w+)'", listed.group(1))) == sorted(statuses.OFF_TRACK)


def test_the_status_check_allows_exactly_the_vocabulary():
    check = re.search(r"check \(status in \(([^)]*)\)\)", (paths.SCHEMA / "04_status.sql").read_text("utf-8"))
    assert sorted(re.findall(r"'(\w+)'", check.group(1))) == sorted(statuses.ORDER)


@pytest.mark.parametrize("mean_score, counts, expected", [
    (None, {}, "no_data"),
    (4.0, {"count_with_data": 2, "count_achieved": 1, "count_milestone_done": 1}, "achieved"),
    (2.5, {"count_with_data": 2, "count_achieved": 1}, "on_track"),
    (0.0, {"count_with_data": 1}, "accelerate"),
    (-2.5, {"count_with_data": 1}, "limited"),
    (-2.6, {"count_with_data": 1}, "backwards"),
    (None, {"count_with_data": 2, "count_milestone_not_started": 1, "count_milestone_in_progress": 1},
     "milestone_not_started"),
    (None, {"count_with_data": 1, "count_milestone_in_progress": 1}, "milestone_in_progress"),
    # the target year: completion, whatever the score says
    (4.0, {"count_with_data": 3, "count_completed": 2, "count_completed_early": 1}, "completed"),
    (4.9, {"count_with_data": 3, "count_completed": 2, "count_nearly_completed": 1}, "nearly_completed"),
    (4.9, {"count_with_data": 3, "count_completed": 1, "count_nearly_completed": 1, "count_not_completed": 1},
     "not_completed"),
])
def test_rollup_status_macro(macros, mean_score, counts, expected):
    fields = {"count_with_data": 0, "count_achieved": 0, "count_milestone_done": 0,
              "count_milestone_not_started": 0, "count_milestone_in_progress": 0, "count_completed": 0,
              "count_completed_early": 0, "count_nearly_completed": 0, "count_not_completed": 0, **counts}
    struct = ", ".join(f"'{k}': {v}" for k, v in fields.items())
    got = macros.execute(f"select rollup_status({{{struct}, 'mean_score': $m::double}})", {"m": mean_score})
    assert got.fetchone()[0] == expected


def test_status_summary_counts_a_null_status_as_no_target(macros):
    rows = "(values ('achieved', 5.0), ('milestone_not_started', null), ('no_data', null), (null, null))"
    s = macros.execute(f"select status_summary(s, x, null, null) from {rows} t(s, x)").fetchone()[0]
    assert (s["count_targets"], s["count_achieved"], s["count_off_track"], s["count_good"],
            s["count_with_data"], s["count_no_data"]) == (3, 1, 1, 1, 2, 1)
    assert s["on_track_or_achieved_pct"] == 50.0 and s["mean_score"] == 5.0
    per_status = [k for k in s if k.startswith("count_") and k[6:] in statuses.BY_CODE]
    assert len(per_status) == len(statuses.STATUSES) == 13


def test_every_status_rule_is_written_once():
    """Status codes other than no_data (the default when there is none) are named only by the status
    table's check and the macros; the roll-up's thresholds and its summary only in the macros."""
    literal = re.compile(r"'(" + "|".join(c for c in statuses.ORDER if c != "no_data") + r")'")
    for file in sorted(QUERIES.rglob("*.sql")):
        code = code_of(file.read_text("utf-8"))
        if file.name not in ("04_status.sql", "05_macros.sql"):
            assert not literal.search(code), f"{file.name} names a status: use the macros in 05_macros.sql"
            assert "2.5" not in code and "count(*) filter (where status" not in code, file.name
    macros = code_of(MACROS.read_text("utf-8"))
    for name in ("is_off_track", "is_good", "status_summary", "rollup_status"):
        assert len(re.findall(rf"create macro {name}\(", macros)) == 1
    users = [f.name for f in QUERIES.rglob("*.sql") if "rollup_status(" in code_of(f.read_text("utf-8"))
             and f != MACROS]
    assert sorted(users) == ["07b_overview_actions_as_of.sql"]
