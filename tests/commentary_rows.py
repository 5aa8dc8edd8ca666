"""Reading one target and area's commentary out of ``tracker.commentary.target_notes`` (test code:
the screens and the pack read the notes through queries/commentary_notes.sql and
``tracker.commentary.latest_note``)."""
from __future__ import annotations

from typing import Any

import pandas as pd


def note_for(notes: pd.DataFrame, indicator_id: str, area_code: str) -> dict[str, Any] | None:
    """One target and area's row of ``target_notes`` as a dict, or None when it has no commentary."""
    if notes is None or notes.empty:
        return None
    hit = notes[(notes["indicator_id"] == indicator_id) & (notes["area_code"] == str(area_code))]
    return None if hit.empty else hit.iloc[0].to_dict()
