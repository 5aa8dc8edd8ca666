"""The overview's counts and lists: read by the overview, meeting mode, the deck and the report. The map
legend's labels are tracker.map_classes.label; the sentences that count verdicts and grades are
tracker.judgement's."""
from __future__ import annotations

import pandas as pd

from tracker import statuses


def headline_counts(actions: pd.DataFrame) -> dict[str, int]:
    """Targets per status code over the actions shown (the roll-up's count_<code> columns)."""
    return {code: int(actions[f"count_{code}"].sum()) if f"count_{code}" in actions else 0
            for code in statuses.ORDER}


def off_track(targets: pd.DataFrame) -> pd.DataFrame:
    """The off-track targets, worst first: by status order, then the lowest score, then the action."""
    rows = targets[targets["status"].isin(statuses.OFF_TRACK)].copy()
    rows["_order"] = rows["status"].map(statuses.order)
    rows = rows.sort_values(["_order", "score", "action_no", "indicator_id"], na_position="last")
    return rows.drop(columns="_order").reset_index(drop=True)
