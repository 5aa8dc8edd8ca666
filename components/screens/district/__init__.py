"""The district screen (区县): one district's headline, status counts, strongest and weakest targets,
the scorecard, the shares of city totals, the township coverage and the note on city-only targets.

The scorecard, its status counts, the strongest and weakest targets and the district's rank are the
view layer's (tracker.views.districts); here, one module per part, in the order pages/district.py
uses them: ``tables`` (display frames, pure), ``prepared`` (what the page draws, once per snapshot),
``draw`` (widgets and sections).
"""
from components.screens.district.draw import (
                                              best_worst,
                                              city_only,
                                              counts_row,
                                              coverage,
                                              headline,
                                              picker,
                                              report_bad,
                                              scorecard,
                                              shares,
)
from components.screens.district.prepared import View, build, lead, names_for, view
from components.screens.district.tables import export_table, plan_years, scorecard_table, shares_table
from tracker.views.districts import Scorecard, best_and_worst, status_counts

__all__ = ["Scorecard", "View", "best_and_worst", "best_worst", "build", "city_only", "counts_row", "coverage",
           "export_table", "headline", "lead", "names_for", "picker", "plan_years", "report_bad", "scorecard",
           "scorecard_table", "shares", "shares_table", "status_counts", "view"]
