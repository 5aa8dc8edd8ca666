"""What `make run` serves: app.py, with the process made ready before the server answers.

Streamlit runs nothing of an app until the first session's first run, so on a freshly started
server the first visitors share the cost of every import (pandas, pyarrow, duckdb, altair, pydeck:
about a second of CPU) and of opening the warehouse. Streamlit's public ``st.App`` takes a
start-up hook (``lifespan``); it does that work once, before /_stcore/health answers, so the
first visit costs what any later visit costs. AppTest and `streamlit run app.py` still run app.py
directly; it works the same, only the first visits are slower.
"""
import importlib
import pkgutil
from contextlib import asynccontextmanager

import streamlit as st

import components
from components import frame
from tracker import db, opening


def warm() -> None:
    """Import every module the screens use, make sure the warehouse exists and open it, and leave
    the pages-folder mode before any deep link arrives (components/frame.py explains why)."""
    for module in pkgutil.walk_packages(components.__path__, "components."):
        importlib.import_module(module.name)
    opening.ensure()
    db.version()
    frame.leave_pages_folder_mode()


@asynccontextmanager
async def lifespan(_app):
    warm()
    yield


app = st.App("app.py", lifespan=lifespan)
