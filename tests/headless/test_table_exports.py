"""Every table on screen leaves the app only through the project's own writers.

Streamlit's built-in table export (CSV button, copy) would hand a stored cell to a spreadsheet as it
is, so it is switched off (``client.disableDataExport``); in its place each table has the project's
CSV and Excel buttons, which neutralise formula-like cells (tracker/cells.py)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.screens import open_screen

ROOT = Path(__file__).resolve().parents[2]

# the district page's one download holds both its scorecard and its shares of city totals
SHARED = {"pages/district.py": 1}
VISITS = [
    (None, {"district": "330212"}),
    ("pages/action.py", {"action": "12", "indicator": "A12-06"}),
    ("pages/action.py", {"action": "12", "indicator": "A12-09"}),
    ("pages/indicator.py", {"indicator": "A12-06"}),
    ("pages/indicator.py", {"indicator": "A12-09"}),
    ("pages/district.py", {"district": "330212"}),
    ("pages/map.py", {"indicator": "A12-06"}),
    ("pages/compare.py", {}),
    ("pages/data.py", {}),
]


def test_streamlits_own_table_export_is_off():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True


@pytest.mark.parametrize("page,query", VISITS, ids=[f"{p or 'app'}-{'-'.join(q.values())}" for p, q in VISITS])
def test_every_table_has_the_projects_downloads_beside_it(demo_warehouse, page, query):
    at = open_screen(page, **query)
    assert not at.exception
    keys = [b.proto.id for b in at.get("download_button")]
    csv, xlsx = [k for k in keys if k.endswith("_csv")], [k for k in keys if k.endswith("_xlsx")]
    assert len(at.dataframe) > 0
    tables = len(at.dataframe) - SHARED.get(page, 0)
    assert len(csv) >= tables and len(xlsx) >= tables
