"""A unit's template: exactly its figures still missing in a round (not sent, or returned), one row
each, in the columns of the Data page's template (tracker/importer/templates.py), value left blank,
then the cause and measures a figure that falls short needs (tracker/reporting/causes.py)."""
from __future__ import annotations

import pandas as pd

from tracker.importer.templates import COLUMNS, header
from tracker.reporting import causes

OPEN_STATES = ("missing", "returned")


def unit_template(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    suffix = "en" if lang == "en" else "zh"
    open_items = items[items["cell_state"].isin(OPEN_STATES)]
    rows = [[r["indicator_id"], r[f"indicator_name_{suffix}"], r[f"unit_{suffix}"] or "",
             r["area_code"] if r["area_kind"] == "township" else f"{r['area_code']} {r[f'area_name_{suffix}']}",
             int(r["year"]), None, None, None, None, None, None] for r in open_items.to_dict("records")]
    return pd.DataFrame(rows, columns=[header(c, lang) for c in COLUMNS] + causes.template_headers(lang))
