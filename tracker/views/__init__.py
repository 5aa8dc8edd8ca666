"""The view layer: what a screen and the pack both show, derived once as plain data (no Streamlit
here). A screen only draws what these functions return; the deck and the report read the same.

- ``overview``: the headline counts, the mid-term grades and the off-track list (overview, meeting
  mode, the pack).
- ``actions``: an action's roll-up, its counts by status and verdict, off-track and city-only counts,
  mean progress and time, and its counts line (the overview's tiles, meeting mode's action slides, the
  action screen's summary, the pack's actions).
- ``changes``: what changed since a moment, grouped worst first, each target and area with its status
  and value then and now (the overview and meeting mode, the pack's changes slide and section).
"""
from tracker.views.actions import Rollup, counts_line
from tracker.views.changes import Change, Changes, changes_since
from tracker.views.overview import grade_counts, headline_counts, off_track

__all__ = ["Change", "Changes", "Rollup", "changes_since", "counts_line", "grade_counts", "headline_counts",
           "off_track"]
