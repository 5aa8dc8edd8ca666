"""CSV and Excel download buttons for any table on screen.

``table_downloads(frame, name, lang, key)`` puts two buttons side by side: CSV (UTF-8 with a byte
order mark, so Excel opens Chinese text correctly) and Excel (.xlsx written with openpyxl). The
files are built only when a button is pressed (Streamlit's deferred download data), so a page pays
nothing for offering them. ``frame`` may also be a function that returns the table: then even the
table is built only on a press (a download that holds more rows than the screen shows). Text that a
spreadsheet might run as a formula (the rule in tracker/cells.py: =, +, -, @ at the start, also after
blanks or in full width, or a leading tab) is written with a leading apostrophe, in both files and
in the headers, so it stays text; numbers stay numbers; control characters, which no workbook may
hold, are removed.

A file that cannot be made (a press runs its builder after the page has been drawn, so there is no
page left to show an error on) is replaced by a file of the same kind that says, in both
languages, that it could not be made, why, and the reference the server log (``tracker.app``)
holds the traceback under (``guarded``): the reader gets a sentence, never nothing.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
import secrets
from functools import partial
from typing import Any, Callable, Union

import pandas as pd
import streamlit as st
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from components.i18n import t
from tracker.cells import safe_frame, safe_text

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\[\]\x00-\x1f]+')
log = logging.getLogger("tracker.app")


def file_stem(name: str) -> str:
    """A file name without characters that file systems or Excel sheet names refuse."""
    stem = _UNSAFE_NAME.sub("_", str(name)).strip(" ._")
    return stem or "table"


def writable(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as both files hold it: formula-like text neutralised (tracker.cells.safe_frame),
    headers as text."""
    safe = safe_frame(frame)
    safe.columns = [str(c) for c in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with a BOM; formula-like text is prefixed with an apostrophe."""
    return writable(frame).to_csv(index=False).encode("utf-8-sig")


def _cell_value(value: Any) -> Any:
    """A value openpyxl can store: missing → empty, numpy scalars → Python, no time zones."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (bool, int, float, str, dt.date, dt.datetime)):
        return value
    return str(value)


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "table") -> bytes:
    """The table as an .xlsx workbook: one sheet, bold header, frozen first row, readable widths.

    Formula-like text gets a leading apostrophe (as in the CSV) and every text cell is stored as
    text, never as a formula.
    """
    frame = writable(frame)
    book = Workbook()
    ws = book.active
    ws.title = file_stem(sheet)[:31]
    headers = [str(c) for c in frame.columns]
    widths = [max(8, len(h) * 2) for h in headers]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for r, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for c, raw in enumerate(row, start=1):
            value = safe_text(_cell_value(raw))  # also text made from an unusual object
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
                widths[c - 1] = max(widths[c - 1], min(60, len(value) * 2))
            elif value is not None:
                widths[c - 1] = max(widths[c - 1], len(str(value)) + 2)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(60, width)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


Table = Union[pd.DataFrame, Callable[[], pd.DataFrame]]


def failure_file(kind: str, reason: str, ref: str) -> bytes:
    """A CSV or workbook that says, in both languages, that the file asked for could not be made."""
    sentence = pd.DataFrame({"message": [t("download.failed", "zh", reason=reason, ref=ref),
                                         t("download.failed", "en", reason=reason, ref=ref)]})
    return to_xlsx_bytes(sentence, "message") if kind == "xlsx" else to_csv_bytes(sentence)


def guarded(make: Callable[[], bytes], kind: str, what: str) -> Callable[[], bytes]:
    """``make`` for a download button's deferred data: its bytes, or, when it fails, a file of the
    same ``kind`` ("csv" or "xlsx") saying why, the traceback logged under a reference."""
    def run() -> bytes:
        try:
            return make()
        except Exception as exc:  # noqa: BLE001 - a download that fails says why instead of giving nothing
            ref = secrets.token_hex(3)
            log.exception("ref %s: download %s failed: %s", ref, what, exc)
            return failure_file(kind, " ".join(str(exc).split())[:200] or type(exc).__name__, ref)
    return run


def _csv_of(table: Table) -> bytes:
    return to_csv_bytes(table() if callable(table) else table)


def _xlsx_of(table: Table, sheet: str) -> bytes:
    return to_xlsx_bytes(table() if callable(table) else table, sheet)


def file_makers(frame: Table, name: str) -> dict[str, Callable[[], bytes]]:
    """The two deferred file builders ``table_downloads`` hands to Streamlit: {"csv": …, "xlsx": …}."""
    stem = file_stem(name)
    table = frame if callable(frame) else frame.copy()
    return {"csv": guarded(partial(_csv_of, table), "csv", f"{stem}.csv"),
            "xlsx": guarded(partial(_xlsx_of, table, stem), "xlsx", f"{stem}.xlsx")}


def table_downloads(frame: Table, name: str, lang: str, key: str, container=None) -> None:
    """CSV and Excel download buttons for ``frame`` (a table, or a function that builds it on a
    press), named ``name``.csv / ``name``.xlsx.

    ``key`` prefixes the two widget keys (``{key}_csv``, ``{key}_xlsx``) so tests can find them.
    Pressing a button downloads without rerunning the page.
    """
    stem = file_stem(name)
    makers = file_makers(frame, name)
    left, right = (container or st).columns(2, gap="small", width=440)
    left.download_button(
        t("download.csv", lang), data=makers["csv"], file_name=f"{stem}.csv",
        mime=CSV_MIME, key=f"{key}_csv", on_click="ignore", icon=":material/download:",
        width="stretch",
    )
    right.download_button(
        t("download.xlsx", lang), data=makers["xlsx"], file_name=f"{stem}.xlsx",
        mime=XLSX_MIME, key=f"{key}_xlsx", on_click="ignore", icon=":material/table_view:",
        width="stretch",
    )
