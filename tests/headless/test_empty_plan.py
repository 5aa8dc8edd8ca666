"""A plan with no actions, no targets or no figures yet, chosen with ?plan=: every screen runs and
says so instead of failing."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests import bad_files as bf
from tests.screens import open_screen
from tests.store.test_import_cli import NEXT_PLAN, _action, _target
from tracker.importer import apply

PAGES = ["overview", "action", "indicator", "district", "map", "compare", "data", "method"]
PLAN = NEXT_PLAN["plan_id"]
SAYS_SO = re.compile(r"\bno (data|figures|targets|actions|coverage targets)\b|have no targets", re.IGNORECASE)


def add_plan(actions: bool, targets: bool) -> None:
    files = [("plans.csv", bf.catalogue_csv("plans", [NEXT_PLAN]))]
    if actions:
        files.append(("actions.csv", bf.catalogue_csv("actions", [_action(1, PLAN), _action(2, PLAN)])))
    if targets:
        files.append(("indicators.csv", bf.catalogue_csv("indicators", [_target("B01-01")])))
    assert apply.commit(files, "test").batch_id


def run_page(page: str, lang: str) -> AppTest:
    return open_screen(None if page == "present" else page, plan=PLAN, **({"lang": "en"} if lang == "en" else {}),
                       **({"present": "1"} if page == "present" else {}))


def said(at: AppTest) -> str:
    return " ".join(e.value for kind in ("info", "caption", "warning") for e in getattr(at, kind))


@pytest.mark.parametrize("shape", ["no-actions", "no-targets", "no-figures"])
def test_every_screen_runs_for_a_plan_without_actions_targets_or_figures(private, shape):
    add_plan(actions=shape != "no-actions", targets=shape == "no-figures")
    for page in [*PAGES, "present"]:
        for lang in ("zh", "en"):
            at = run_page(page, lang)
            assert not at.exception, (shape, page, lang, at.exception)
            assert not at.error, (shape, page, lang, [e.value for e in at.error])
            if page not in ("data", "method") and lang == "en":
                assert SAYS_SO.search(said(at)), (shape, page, said(at))
            if page in ("action", "indicator") and lang == "en":
                words = {("no-actions", "action"): "no actions yet", ("no-figures", "action"): "no figures",
                         ("no-figures", "indicator"): "no figures"}.get((shape, page), "no targets")
                assert words in said(at).lower(), (shape, page, said(at))
