"""Strings of long tables (components.paging): the township switch and pages of rows."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "paging.townships": ("显示{n}个乡镇（街道）", "Show the {n} townships"),
    "paging.townships_help": (
        "默认只列出全市、各区（县、市）和片区；下载文件始终包含全部地区。",
        "By default only the city, its districts and regions are listed; the downloads always hold every area.",
    ),
    "paging.page": ("页码", "Page"),
    "paging.page_option": ("第{page}页（第{first}–{last}行）", "Page {page} (rows {first}–{last})"),
    "paging.shown": (
        "共{total}行，本页列出第{first}–{last}行，另有{hidden}行在其他页；下载文件包含全部行。",
        "{total} rows: this page lists rows {first}–{last}, the other {hidden} are on other pages. "
        "The downloads hold every row.",
    ),
}
