"""The compare screen (对比): the district × target status heatmap, district rankings and the disparity
lens, authored with altair over frames shaped here.

One module per part: ``grid`` (the heatmap over tracker.views.compare's grid, and the filters'
options), ``rankings``, ``spread`` (the disparity lens), and ``prepared``, which derives what
pages/compare.py draws once per snapshot.
"""
from components.screens.compare.grid import ink_on
from components.screens.compare.prepared import choices, cv_trend, disparity, ranking_view, spec, status_grid
from components.screens.compare.spread import LISTED, disparity_summary, sentences, spread_by_year

__all__ = ["LISTED", "choices", "cv_trend", "disparity", "disparity_summary", "ink_on", "ranking_view", "sentences",
           "spec", "spread_by_year", "status_grid"]
