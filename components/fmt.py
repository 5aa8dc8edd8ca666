"""Number and target formatting: Chinese conventions, units always shown. The result is plain text:
a Markdown sink takes it through ``components.safe``."""
from __future__ import annotations

from tracker.text import figure, finite, number, pct, pick, rounded, target, unit, with_unit  # noqa: F401  (the kit's formatting)
