"""The view layer: what a screen and the pack both show, derived once as plain data (no Streamlit
here). A screen only draws what these functions return; the deck and the report read the same.

- ``overview``: the headline counts and the off-track list (overview, meeting mode, the pack).
"""
from tracker.views.overview import headline_counts, off_track

__all__ = ["headline_counts", "off_track"]
