"""The city and its districts as the screens, the pack, the import and the review name them.

An area shown is either one district or the whole city. The queries take the whole city as a null
area (``$area_code is null``), so the city's code becomes None in one place, ``shown_area``; the
city's code is read from the areas table (``kind = 'city'``) by ``city_code``.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd

Rows = pd.DataFrame | Iterable[Mapping[str, Any]]


def _rows(areas: Rows) -> list[Mapping[str, Any]]:
    return areas.to_dict("records") if isinstance(areas, pd.DataFrame) else list(areas)


def city_row(areas: Rows) -> Mapping[str, Any] | None:
    """The city's row among ``areas`` (the areas query's rows, or any rows with ``kind``); None without one."""
    return next((row for row in _rows(areas) if row.get("kind") == "city"), None)


def city_code(areas: Rows) -> str | None:
    """The city's area code; None when ``areas`` holds no city."""
    row = city_row(areas)
    return None if row is None else str(row["area_code"])


def district_codes(areas: Rows) -> list[str]:
    """The districts' area codes, in the order given."""
    return [str(row["area_code"]) for row in _rows(areas) if row.get("kind") == "district"]


def shown_area(area_code: str | None, city: str | None) -> str | None:
    """The area a query is asked for: the district's code, or None for the whole city (its code or none)."""
    return None if area_code is None or area_code == city else area_code
