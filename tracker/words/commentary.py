"""Strings of the office's own words on a target (原因分析, 下一步措施) and of its lead unit (牵头单位),
shown on the action page's cards and panel, the indicator page and the Data page's preview."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "target.lead_unit": ("牵头单位：{unit}", "Lead unit: {unit}"),
    "target.cause": ("原因分析（{area}，{year}年）", "Cause ({area}, {year})"),
    "target.measures": ("下一步措施（{area}，{year}年）", "Measures ({area}, {year})"),
    "target.cause_short": ("原因：{text}", "Cause: {text}"),
    "target.cause_col": ("原因分析", "Cause"),
    "target.measures_col": ("下一步措施", "Measures"),
    "target.notes_title": ("原因分析与下一步措施", "Causes and measures"),
    "target.notes_caption": (
        "牵头单位或统计部门填报的文字，按原样显示；在“数据”页用原因与措施模板导入，可修订、可撤销。",
        "The office's own words, shown as written; imported on the Data page with the causes and measures "
        "template, revised and rolled back like figures.",
    ),
    "target.notes_none": ("尚未填报原因分析和下一步措施。", "No cause or measures have been written for this target yet."),
    "indicator.meta.lead_unit": ("牵头单位", "Lead unit"),
}
