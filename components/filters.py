"""Filters shared by several screens, each kept in the URL."""
from __future__ import annotations

import streamlit as st

from components import context, data
from components.i18n import pick, t

CITY = "330200"


@data.per_snapshot
def _area_names(lang: str) -> dict[str, str]:
    return {row["area_code"]: pick(row, "name", lang) for row in data.rows("areas")}


@data.per_snapshot
def _district_choices(lang: str) -> dict[str, str]:
    """The city (named 'whole city') and its districts, in the areas query's order."""
    names = {row["area_code"]: pick(row, "name", lang) for row in data.rows("areas")
             if row["kind"] in ("city", "district")}
    names[CITY] = t("filter.whole_city", lang)
    return names


def district_picker(lang: str, *, key: str = "district", container=None) -> tuple[str, str | None]:
    """The whole city or one district (``?district=CODE``). Returns (area_code, bad URL value)."""
    names = _district_choices(lang)
    return context.url_selectbox(
        t("filter.district", lang), list(names), param="district", key=key, default=CITY,
        format_func=names.get, container=container,
    )


def _year_label(lang: str):
    return (lambda y: f"{y}年") if lang == "zh" else str


def year_picker(years: list[int], lang: str, *, key: str = "year", container=None) -> tuple[int, str | None]:
    """A year that has data (``?year=YYYY``), latest by default. Returns (year, bad URL value)."""
    years = sorted({int(y) for y in years}, reverse=True)
    return context.url_selectbox(
        t("year.label", lang), years, param="year", key=key, default=years[0], cast=int,
        format_func=_year_label(lang), container=container,
    )


def area_names(lang: str) -> dict[str, str]:
    """area_code → name in ``lang`` for every area (a fresh dict: callers may change it)."""
    return dict(_area_names(lang))


def render_problems(lang: str, problems: list[tuple[str, str | None]]) -> None:
    """Report every unknown URL value once; the page goes on with the defaults."""
    from components.frame import invalid_param

    for name, bad in problems:
        if bad is not None:
            invalid_param(lang, name, bad)
    if any(bad is not None for _, bad in problems):
        st.divider()
