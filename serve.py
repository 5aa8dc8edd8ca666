"""What `make run` serves: app.py, with the process made ready before the server answers.

Streamlit runs nothing of an app until the first session's first run, so on a freshly started
server the first visitors share the cost of every import (pandas, pyarrow, duckdb, altair, pydeck:
about a second of CPU) and of opening the warehouse. Streamlit's public ``st.App`` takes a
start-up hook (``lifespan``); it does that work once, before /_stcore/health answers, so the
first visit costs what any later visit costs. It also derives the default views (the overview and
meeting mode, both languages: ``default_views``) and leaves a thread that derives them again as
soon as an import lands a new snapshot. AppTest and `streamlit run app.py` still run app.py
directly; it works the same, only the first visits are slower.
"""
import importlib
import pkgutil
from contextlib import asynccontextmanager

import streamlit as st

import components
from components import changes, data, filters, frame, freshness, warmup
from components.i18n import LANGS, t
from components.screens import overview, present
from tracker import db, opening


def default_views() -> str:
    """Derive the views a meeting's tablets open first (the overview of the whole city at the latest
    year with its small map and freshness line, and meeting mode's deck, in every language) into the
    process's cache, with the arguments the pages pass; returns the snapshot version they came from."""
    version = data.version()
    plans = data.rows("plans")
    years = [r["year"] for r in data.rows("plan_years", plan_id=plans[0]["plan_id"])] if plans else []
    if not years:
        return version
    plan_id, year = plans[0]["plan_id"], max(years)      # data.default_plan without a URL
    for lang in LANGS:
        city = t("filter.whole_city", lang)
        filters.area_names(lang)
        changes.moments(plan_id, lang)
        overview.overview(plan_id, year, None, city, lang)
        overview.small_map(plan_id, year, None, lang)
        freshness.line(plan_id, year, None, lang)
        present.deck_view(plan_id, year, None, city, lang)
    return version


def warm() -> str:
    """Import every module the screens use, make sure the warehouse exists and open it, leave the
    pages-folder mode before any deep link arrives (components/frame.py explains why) and derive the
    default views; returns the snapshot version warmed."""
    for module in pkgutil.walk_packages(components.__path__, "components."):
        importlib.import_module(module.name)
    opening.ensure()
    db.version()
    frame.leave_pages_folder_mode()
    return default_views()


@asynccontextmanager
async def lifespan(_app):
    watcher = warmup.Warmer(default_views, warm()).start()
    try:
        yield
    finally:
        watcher.stop()


app = st.App("app.py", lifespan=lifespan)
