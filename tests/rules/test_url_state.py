"""components/url_state: one rule for every widget kept in the URL, one report, one link helper.

Each test runs a small script of its own through AppTest, so the rule is checked on its own,
apart from any screen."""
from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
# Screens that still read or write the URL themselves, to move behind this module's functions
# (value, named, params, choose, drop): their files are being changed on other branches. The test
# below fails when one of them no longer touches the URL, so the list only shrinks.
NOT_YET_MOVED: set[str] = set()


def _select_script():
    from components import url_state

    value, bad = url_state.selectbox("Year", [2025, 2024, 2023], param="year", key="year", default=2025, cast=int)
    url_state.selectbox("Area", ["a", "b"], param="district", key="district", default="a")
    url_state.selectbox("Target", ["x", "y"], param="indicator", key="target", default="x",
                        clears=("district",))
    url_state.report("en", [("year", bad)])


def _multi_script():
    from components import url_state

    chosen, bad = url_state.multiselect("Actions", [4, 12, 16], param="actions", key="actions", cast=int)
    url_state.report("en", [("actions", bad)])


def _toggle_script():
    from components import url_state

    url_state.toggle("Townships", param="townships", key="townships")


def run(script, **query) -> AppTest:
    at = AppTest.from_function(script, default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def test_a_value_named_in_the_url_wins_and_a_default_leaves_the_url():
    at = run(_select_script, year="2023")
    assert at.selectbox(key="year").value == 2023 and at.query_params["year"] == "2023"
    at.selectbox(key="year").set_value(2025).run()
    assert "year" not in at.query_params


def test_a_change_by_the_reader_is_written_to_the_url_at_once():
    at = run(_select_script)
    at.selectbox(key="year").set_value(2024).run()
    assert at.selectbox(key="year").value == 2024 and at.query_params["year"] == "2024"


def test_with_nothing_named_the_sessions_choice_is_kept_and_written_back():
    at = run(_select_script)
    at.selectbox(key="district").set_value("b").run()
    at.query_params.pop("district")
    at.run()
    assert at.selectbox(key="district").value == "b" and at.query_params["district"] == "b"


def test_a_bad_value_falls_back_is_reported_as_written_and_leaves_the_url():
    at = run(_select_script, year="![x](http://evil.example/i.png)")
    assert at.selectbox(key="year").value == 2025 and "year" not in at.query_params
    (warning,) = at.warning
    assert "year" in warning.value and "![x](" not in warning.value


def test_a_change_resets_the_choices_that_depend_on_it():
    at = run(_select_script, district="b")
    at.selectbox(key="target").set_value("y").run()
    assert at.selectbox(key="district").value == "a" and "district" not in at.query_params


def test_a_list_keeps_its_valid_entries_and_reports_the_rest():
    at = run(_multi_script, actions="12,zz,16,12")
    assert at.multiselect(key="actions").value == [12, 16] and at.query_params["actions"] == "12,16"
    assert "zz" in at.warning[0].value
    at.multiselect(key="actions").set_value([]).run()
    assert "actions" not in at.query_params


def test_a_switch_is_on_only_for_1_and_off_leaves_the_url():
    at = run(_toggle_script, townships="1")
    assert at.toggle(key="townships").value is True
    at.toggle(key="townships").set_value(False).run()
    assert "townships" not in at.query_params
    at = run(_toggle_script, townships="yes")
    assert at.toggle(key="townships").value is False


def test_links_carry_the_language_and_the_plan_in_force():
    def script():
        import streamlit as st

        from components import url_state

        st.write(url_state.carried("en", district="330212", year=None))
        st.write(url_state.carried("zh"))

    at = run(script, plan="nb-cp-2021-2025")
    shown = [m.value for m in at.get("json")] or [m.value for m in at.markdown]
    assert any("330212" in str(v) and "nb-cp-2021-2025" in str(v) and "en" in str(v) for v in shown)


def touches_the_url(path: Path) -> list[int]:
    """The lines of ``path`` that reach ``st.query_params``: the attribute, an import of it, or a
    getattr naming it (a link's ``query_params=`` keyword is a link's query, not this page's URL)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "query_params":
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "query_params" for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr" \
                and any(isinstance(a, ast.Constant) and a.value == "query_params" for a in node.args):
            lines.append(node.lineno)
    return sorted(lines)


def test_no_other_run_time_module_touches_the_url():
    files = [ROOT / "app.py", ROOT / "serve.py", *(ROOT / "pages").glob("*.py"),
             *(ROOT / "components").rglob("*.py"), *(ROOT / "tracker").rglob("*.py")]
    touching = {str(f.relative_to(ROOT)): lines for f in files if (lines := touches_the_url(f))}
    assert "components/url_state.py" in touching       # the scan finds what it looks for
    others = {f: lines for f, lines in touching.items() if f != "components/url_state.py" and f not in NOT_YET_MOVED}
    assert not others, f"use components/url_state's functions instead of st.query_params: {others}"
    assert NOT_YET_MOVED <= set(touching), f"moved: take {sorted(NOT_YET_MOVED - set(touching))} off NOT_YET_MOVED"


def test_the_scan_sees_every_way_of_reaching_the_url(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import streamlit as st\nfrom streamlit import query_params\n"
                      "x = st.query_params.get('a')\ny = getattr(st, 'query_params')\n"
                      "st.page_link('p.py', query_params={'a': '1'})\n", encoding="utf-8")
    assert touches_the_url(sample) == [2, 3, 4]
