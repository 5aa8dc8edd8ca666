"""Number and target formatting: Chinese conventions, units always shown. The result is plain text:
a Markdown sink takes it through ``components.safe``."""
from __future__ import annotations

from typing import Any, Mapping

from components.i18n import t
from tracker.text import figure, finite, number, pct, pick, rounded, unit, with_unit  # noqa: F401  (the kit's formatting)


def target(row: Mapping[str, Any], lang: str) -> str:
    """'≥ 60%', '≤ 3.5%', '5–6 所', or 'qualitative'."""
    comparator = row.get("comparator")
    if comparator == "qualitative":
        return t("cmp.qualitative", lang)
    if comparator == "range":
        low = figure(row.get("target_value"), row, lang, beside=row.get("target_high"))
        high = with_unit(row.get("target_high"), row, lang)
        return t("cmp.range", lang, v=low, h=high)
    return t(f"cmp.{comparator}", lang, v=with_unit(row.get("target_value"), row, lang))
