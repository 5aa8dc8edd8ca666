"""The view layer: what a screen and the pack both show, derived once as plain data (no Streamlit
here). A screen only draws what these functions return; the deck and the report read the same.

- ``overview``: the headline counts and the off-track list (overview, meeting mode, the pack).

- ``districts``: a district's scorecard (its status counts, strongest and weakest targets) and its two
  ranks, each named for its measure: ``by_score`` (the district screen's overall rank, mean score) and
  ``by_completion`` (the assessment's ranking, share completed, with the year before).
- ``compare``: the district × target status grid (the compare screen's heatmap, the pack's annex and
  the completion ranking).
- ``maps``: a coverage map's rows (one per district: class, colour, figure, status and township
  coverage), its legend and its summary sentence (the map screen, its panel, the pack's pictures).
"""
from tracker.views.overview import headline_counts, off_track

__all__ = ["headline_counts", "off_track"]

from tracker.views import compare, districts, maps  # noqa: E402  (the districts, compare and map views)

__all__ += ["compare", "districts", "maps"]
