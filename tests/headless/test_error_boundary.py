"""One error boundary around every page (components/frame.py ``guarded``): a failure is one sentence
in the reader's language with a reference, the traceback is in the log under it, and Streamlit's
own st.stop / st.rerun / st.switch_page pass through."""
from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.testing.v1 import AppTest

from components import frame
from tests.screens import open_screen
from tracker import db

ROOT = Path(__file__).resolve().parents[2]
REF = re.compile(r"\b(?:ref|编号) ([0-9a-f]{6})\b")
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture()
def failing_query(private, monkeypatch):
    """Every run of the query ``plan_years`` fails as a broken query would (a missing table)."""
    real = db.execute

    def execute(con, name, **params):
        if name == "plan_years":
            return _missing_table(con, name, params)
        return real(con, name, **params)

    monkeypatch.setattr(db, "execute", execute)


def _missing_table(con, name, params):
    try:
        con.execute("select * from a_table_that_is_not_there").fetchall()
    except Exception as exc:  # noqa: BLE001 - wrapped the way db.execute wraps it
        raise db.QueryError(name, params, exc) from exc


def run_app(lang: str = "zh", page: str | None = None) -> AppTest:
    return open_screen(page, **({"lang": "en"} if lang == "en" else {}))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_failing_query_is_one_sentence_with_a_reference_in_the_log(lang, failing_query, caplog):
    with caplog.at_level(logging.ERROR, logger="tracker.app"):
        at = run_app(lang)
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    ref = REF.search(message).group(1)
    assert "Traceback" not in message and "a_table_that_is_not_there" not in message
    assert bool(CJK.search(message)) == (lang == "zh")
    logged = [r for r in caplog.records if r.name == "tracker.app" and ref in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert "a_table_that_is_not_there" in caplog.text and "Traceback" in caplog.text


def test_any_exception_on_any_page_is_caught(private, monkeypatch, caplog):
    from components import data

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(data, "default_plan", broken)
    for page in ("pages/action.py", "pages/compare.py", "pages/data.py", "pages/method.py"):
        at = run_app("en", page)
        assert not at.exception, page
        assert len(at.error) == 1 and REF.search(at.error[0].value), page


def test_the_reference_differs_from_one_failure_to_the_next(failing_query):
    first, second = run_app(), run_app()
    assert REF.search(first.error[0].value).group(1) != REF.search(second.error[0].value).group(1)


def test_streamlit_control_flow_passes_the_boundary():
    for control in (StopException(), RerunException(None), KeyboardInterrupt()):
        with pytest.raises(type(control)):
            with frame.boundary("en", "test"):
                raise control


def test_a_page_that_stops_or_switches_still_does(demo_warehouse):
    """st.switch_page (leaving meeting mode) and st.rerun (frame.routed) reach Streamlit: the
    existing tests in test_present.py and test_frame.py run them; here, a plain run shows no error."""
    at = run_app()
    assert not at.exception and not at.error
    assert at.title[0].value == "总览"


def test_the_browser_never_gets_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
