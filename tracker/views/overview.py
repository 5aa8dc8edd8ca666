"""The overview's counts and lists (the headline counts, the mid-term grades, the off-track list):
read by the overview, meeting mode, the deck and the report. The map legend's labels are
tracker.map_classes.label; the sentences that count verdicts and grades are tracker.judgement's."""
from __future__ import annotations

import pandas as pd

from tracker import judgement, statuses


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


def grade_counts(targets: pd.DataFrame) -> dict[str, int]:
    """Mid-term grades over the judged targets (not the city-only ones), best first, zeros kept
    (overview_targets rows; {} when the rows carry no grade)."""
    judged = targets[~targets["is_city_only"].astype(bool)] if "is_city_only" in targets else targets
    return judgement.grade_counts(judged["grade"]) if "grade" in judged else {}
