"""Filters shared by several screens, each kept in the URL."""
from __future__ import annotations

from components import data, url_state
from components.i18n import pick, t
from tracker.areas import city_code


@data.per_snapshot
def city() -> str:
    """The city's area code, read from the areas table (``kind = 'city'``)."""
    return city_code(data.rows("areas"))


@data.per_snapshot
def _area_names(lang: str) -> dict[str, str]:
    return {row["area_code"]: pick(row, "name", lang) for row in data.rows("areas")}


@data.per_snapshot
def _district_choices(lang: str) -> dict[str, str]:
    """The city (named 'whole city') and its districts, in the areas query's order."""
    names = {row["area_code"]: pick(row, "name", lang) for row in data.rows("areas")
             if row["kind"] in ("city", "district")}
    names[city()] = t("filter.whole_city", lang)
    return names


def district_picker(lang: str, *, key: str = "district", container=None) -> tuple[str, str | None]:
    """The whole city or one district (``?district=CODE``). Returns (area_code, bad URL value)."""
    names = _district_choices(lang)
    return url_state.selectbox(
        t("filter.district", lang), list(names), param="district", key=key, default=city(),
        format_func=names.get, container=container,
    )


def _year_label(lang: str):
    return lambda y: t("year.option", lang, year=y)


def year_picker(years: list[int], lang: str, *, key: str = "year", container=None) -> tuple[int, str | None]:
    """A year that has data (``?year=YYYY``), latest by default. Returns (year, bad URL value)."""
    years = sorted({int(y) for y in years}, reverse=True)
    return url_state.selectbox(
        t("year.label", lang), years, param="year", key=key, default=years[0], cast=int,
        format_func=_year_label(lang), container=container,
    )


def area_names(lang: str) -> dict[str, str]:
    """area_code → name in ``lang`` for every area (a fresh dict: callers may change it)."""
    return dict(_area_names(lang))
