"""The view layer: what a screen and the pack both show, derived once as plain data (no Streamlit
here). A screen only draws what these functions return; the deck and the report read the same.

- ``overview``: the headline counts, the mid-term grades and the off-track list (overview, meeting
  mode, the pack).
- ``actions``: an action's roll-up, its counts by status and verdict, off-track and city-only counts,
  mean progress and time, and its counts line (the overview's tiles, meeting mode's action slides, the
  action screen's summary, the pack's actions).
- ``changes``: what changed since a moment, grouped worst first, each target and area with its status
  and value then and now (the overview and meeting mode, the pack's changes slide and section).
- ``districts``: a district's scorecard (its status counts, strongest and weakest targets) and its two
  ranks, each named for its measure: ``by_score`` (the district screen's overall rank, mean score) and
  ``by_completion`` (the assessment's ranking, share completed, with the year before).
- ``compare``: the district × target status grid (the compare screen's heatmap, the pack's annex and
  the completion ranking).
- ``maps``: a coverage map's rows (one per district: class, colour, figure, status and township
  coverage), its legend and its summary sentence (the map screen, its panel, the pack's pictures).
"""
from tracker.views import compare, districts, maps
from tracker.views.actions import Rollup, counts_line
from tracker.views.changes import Change, Changes, changes_since
from tracker.views.overview import grade_counts, headline_counts, off_track

__all__ = ["Change", "Changes", "Rollup", "changes_since", "compare", "counts_line", "districts", "grade_counts",
           "headline_counts", "maps", "off_track"]
