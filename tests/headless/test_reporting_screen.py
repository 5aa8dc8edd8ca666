"""The Reporting screen in AppTest: anyone sees each unit's state (word and icon); a signed-in unit
sees only its own row and items (and the items' states after it sends); the office sees the queue
with its preview and every unit's missing figures, and accepting puts the figures in force; a bad
round in the URL is said so. Both languages."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.data_page import PASSWORD
from tests.data_page import sign_in as admin_sign_in
from tests.screens import open_screen
from tracker import db
from tracker.importer import auth
from tracker.reporting import access, rounds, submit

UNIT_PASSWORD = "haishu-reports-2025"
FIGURES = b"indicator_id,area_code,year,value\nA07-02,330203,2025,3.2\n"


@pytest.fixture()
def round_open(private, monkeypatch):
    monkeypatch.setenv(auth.ENV, auth.hash_password(PASSWORD, iterations=auth.MIN_ITERATIONS))
    for unit_id in ("330203", "330205"):
        monkeypatch.setenv(access.env_name(unit_id), auth.hash_password(UNIT_PASSWORD, iterations=auth.MIN_ITERATIONS))
    return rounds.open_round(2025, dt.date.today() + dt.timedelta(days=3), "nb-cp-2021-2025", "办公室")


def unit_sign_in(at, unit_id: str):
    at.expander[0]                                      # the sign-in sits in an expander; its widgets are drawn
    at.selectbox(key="unit_pick").select(unit_id)
    at.text_input(key="unit_name").input("填报员")
    at.text_input(key="unit_password").input(UNIT_PASSWORD)
    return at.button(key="unit_sign_in_submit").click().run()


def tables(at) -> list:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_anyone_sees_each_units_state_but_no_items(round_open, lang):
    at = open_screen("reporting", **({"lang": "en"} if lang == "en" else {}))
    assert not at.exception
    units = tables(at)[0]
    assert len(units) == 11
    state = units.columns[1]
    assert set(units[state]) == {"◷ 临近截止" if lang == "zh" else "◷ Deadline near"}
    assert "reporting_unit" not in [w.key for w in at.selectbox]            # no missing lists for a visitor


def test_a_unit_sees_only_its_own_row_and_items(round_open):
    at = unit_sign_in(open_screen("reporting"), "330203")
    assert not at.exception
    units, items = tables(at)[0], tables(at)[1]
    assert list(units.iloc[:, 0]) == ["海曙区人民政府"]
    areas = set(items["区域"].str.split(" ").str[0])
    assert "330203" in areas and not areas & {"330205", "330200", "330212"}
    assert any(a.startswith("330203") and len(a) == 9 for a in areas)       # its townships, for township targets
    submit.submit([("f.csv", FIGURES)], "330203", "填报员", round_open)
    at = at.run()
    items = tables(at)[1]
    sent = items[items["指标"].str.startswith("A07-02")]
    assert list(sent["状态"]) == ["待审核"] and list(sent["报送值"]) == ["3.2"]


def test_the_office_previews_and_accepts_and_the_figure_comes_into_force(round_open):
    outcome = submit.submit([("f.csv", FIGURES)], "330203", "填报员", round_open)
    at = admin_sign_in(open_screen("data"))
    at.switch_page("pages/reporting.py").run()
    assert not at.exception
    assert any("A07" in m.value and "未完成 → ■ 已完成" in m.value for m in at.markdown)  # the preview's changes
    assert at.selectbox(key="reporting_review").value == outcome.batch_id
    assert at.selectbox(key="reporting_unit") is not None                  # the missing lists
    at.button(key="reporting_accept").click().run()
    assert not at.exception
    assert any(outcome.batch_id in s.value for s in at.success)
    in_force = db.run("status_export", plan_id="nb-cp-2021-2025", year=2025)
    row = in_force[(in_force["indicator_id"] == "A07-02") & (in_force["area_code"] == "330203")].iloc[0]
    assert row["value"] == 3.2


def test_a_round_in_the_url_that_does_not_exist_is_said_so(round_open):
    at = open_screen("reporting", round="R1999-nope")
    assert not at.exception
    assert any("R1999" in w.value and "nope" in w.value for w in at.warning)


def test_a_returned_submission_shows_its_reason_to_its_unit_on_both_screens(round_open):
    from tracker.reporting import review

    outcome = submit.submit([("f.csv", FIGURES)], "330203", "填报员", round_open)
    review.send_back(outcome.batch_id, "数值单位应为百分比", "办公室")
    at = unit_sign_in(open_screen("reporting"), "330203")
    assert any("数值单位应为百分比" in w.value and "已被退回" in w.value for w in at.warning)
    at.switch_page("pages/data.py").run()                  # the session keeps the unit's sign-in
    assert not at.exception
    assert any("数值单位应为百分比" in w.value for w in at.warning)
    other = unit_sign_in(open_screen("reporting"), "330205")
    assert not any("数值单位应为百分比" in w.value for w in other.warning)
