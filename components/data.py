"""Cached reads for the screens. The snapshot version is part of every cache key, so an import
shows up on the next rerun without any cache to clear."""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from tracker import build, db


@st.cache_resource(show_spinner=False)
def _ensure_warehouse() -> str:
    return str(build.ensure())


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(name: str, version: str, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return db.run(name, **dict(params))


def q(name: str, **params: Any) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with bound parameters; the result is shared across sessions."""
    _ensure_warehouse()
    return _cached(name, db.version(), tuple(sorted(params.items())))


def plans() -> pd.DataFrame:
    return q("plans")


def default_plan() -> dict[str, Any]:
    """The plan named in the URL (?plan=ID) when known, else the newest plan that has data."""
    frame = plans()
    wanted = st.query_params.get("plan")
    if wanted is not None and wanted in set(frame["plan_id"]):
        return frame.loc[frame["plan_id"] == wanted].iloc[0].to_dict()
    return frame.iloc[0].to_dict()
