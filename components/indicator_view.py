"""What the indicator screen shows, derived once per snapshot and shared by every session.

Each function takes hashable arguments and reads its own query results (components.data), so a
rerun looks finished tables up instead of rebuilding them. Results are read-only.
"""
from __future__ import annotations

from typing import Any

from components import data, indicator_tables, target_cards
from components.i18n import pick
from components.safe import md


@data.per_snapshot
def catalogue(plan_id: str) -> dict[str, dict[str, Any]]:
    """indicator_id → its catalogue row, in the catalogue's order."""
    return {r["indicator_id"]: r for r in data.rows("indicators", plan_id=plan_id, action_no=None)}


@data.per_snapshot
def names(plan_id: str, lang: str) -> dict[str, str]:
    """indicator_id → its name in ``lang``, for the picker."""
    return {i: pick(r, "name", lang) for i, r in catalogue(plan_id).items()}


@data.per_snapshot
def action(plan_id: str, action_no: int) -> dict[str, Any]:
    return next(r for r in data.rows("actions", plan_id=plan_id) if int(r["action_no"]) == action_no)


@data.per_snapshot
def values(plan_id: str, indicator_id: str, lang: str, with_townships: bool) -> dict[str, Any]:
    """The every-area, every-year table on screen, and how many townships have figures
    (shown only ``with_townships``)."""
    series = data.q("series", indicator_id=indicator_id, area_code=None)
    shown = series if with_townships else indicator_tables.without_townships(series)
    return {"table": indicator_tables.area_year_table(shown, catalogue(plan_id)[indicator_id], lang),
            "townships": indicator_tables.township_count(series)}


@data.per_snapshot
def history(plan_id: str, indicator_id: str, lang: str, limit: int, offset: int) -> Any:
    """One page of the revision history, newest first, as the table on screen."""
    page = data.q("revisions_page", indicator_id=indicator_id, limit=limit, offset=offset)
    return indicator_tables.revisions_table(page, catalogue(plan_id)[indicator_id], lang)


@data.per_snapshot
def metadata(plan_id: str, indicator_id: str, lang: str) -> Any:
    """The indicator's catalogue entry as field / value pairs, ready for ``st.table``."""
    row = catalogue(plan_id)[indicator_id]
    note = target_cards.note_text(row.get("note"), lang)
    table = indicator_tables.metadata_table(row, action(plan_id, int(row["action_no"])), lang, note)
    # st.table reads its cells as Markdown: the catalogue's words go in inert
    return table.map(md)
