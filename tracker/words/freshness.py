"""Strings of freshness (数据时效): when a figure was imported and whether one is overdue."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "fresh.updated": ("更新于{date}", "updated {date}"),
    "fresh.overdue": ("⏰ 数据逾期：应有{year}年数据", "⏰ figure overdue: the {year} figure is due"),
    "fresh.count": ("⏰ {n}项目标的数据逾期（应在年度结束后按期报送）。",
                    "⏰ {n} target(s) have an overdue figure (each year's figure is due a set time after the year ends)."),
    "fresh.none_overdue": ("所有目标的数据均按期更新，最近一次导入：{date}。",
                           "Every target's figures are up to date; latest import {date}."),
}
