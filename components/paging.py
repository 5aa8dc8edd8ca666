"""Long tables kept short on screen: a township switch kept in the URL, and pages of rows.

The scale of the data decides what a screen can send: a table of every township, or every monthly
revision, is hundreds of kilobytes. Screens show the city, districts and regions by default with a
switch for the townships (``?townships=1``), and long histories a page at a time, newest first; the
downloads beside each table always hold every row.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import pandas as pd
import streamlit as st

from components import data, url_state
from components.i18n import t

TOWNSHIPS_PARAM = "townships"


def lean(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table for the screen, with each text column that repeats its values held as a
    category: Streamlit sends it as an Arrow dictionary, each distinct text once (a district × target
    table repeats every target's name once per district). Values, order and headers are unchanged;
    columns with blanks stay text."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)) or len(values) <= 2 * values.nunique():
            continue
        if values.isna().any() or (values == "").any():   # the grid would show an empty category as "None"
            continue
        out[column] = values.astype("category")
    return out


@data.per_snapshot
def township_codes() -> frozenset[str]:
    """The codes of every township (areas.kind = 'township'; none in the demo warehouse)."""
    return frozenset(r["area_code"] for r in data.rows("areas") if r["kind"] == "township")


def township_switch(count: int, lang: str, *, key: str, param: str = TOWNSHIPS_PARAM) -> bool:
    """A switch that adds ``count`` townships (乡镇/街道) to a table, kept in the URL; none when there
    are no townships. Returns whether they are shown."""
    if count <= 0:
        return False
    on, _ = url_state.toggle(t("paging.townships", lang, n=f"{count:,}"), param=param, key=key,
                             help=t("paging.townships_help", lang))
    return on


class Page(NamedTuple):
    offset: int     # rows skipped, newest first
    limit: int      # rows on this page
    first: int      # 1-based number of the first row shown (0 when there are none)
    last: int       # number of the last row shown


def pages(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


def page_rows(total: int, size: int, number: int) -> Page:
    """The rows of page ``number`` (1-based, clamped to the pages there are)."""
    number = min(max(1, number), pages(total, size))
    offset = (number - 1) * size
    last = min(total, offset + size)
    return Page(offset, size, offset + 1 if total else 0, last)


def pager(total: int, size: int, lang: str, *, key: str, container=None) -> Page:
    """Page picker for ``total`` rows, ``size`` a page, with a line saying which rows are shown and
    how many are not. Nothing is drawn when everything fits on one page."""
    where = container or st
    count = pages(total, size)
    if count <= 1:
        return page_rows(total, size, 1)
    if st.session_state.get(key) not in range(1, count + 1):
        st.session_state[key] = 1

    def label(number: int) -> str:
        rows = page_rows(total, size, number)
        return t("paging.page_option", lang, page=number, first=f"{rows.first:,}", last=f"{rows.last:,}")

    number = where.selectbox(t("paging.page", lang), list(range(1, count + 1)), key=key, format_func=label,
                             placeholder=t("widget.placeholder", lang), width=260)
    rows = page_rows(total, size, number)
    where.caption(t("paging.shown", lang, total=f"{total:,}", first=f"{rows.first:,}", last=f"{rows.last:,}",
                    hidden=f"{total - (rows.last - rows.first + 1):,}"))
    return rows
