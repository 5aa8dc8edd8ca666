"""Core strings: the app frame, errors, catalogue columns, comparators, scopes."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # app frame
    "app.title": ("宁波共同富裕先行市行动计划监测", "Ningbo Common Prosperity Plan Tracker"),
    "app.subtitle": ("2021—2025年行动计划目标完成情况", "Progress on the 2021–2025 action plan's targets"),
    "nav.overview": ("总览", "Overview"),
    "nav.action": ("行动", "Actions"),
    "nav.indicator": ("指标", "Indicator"),
    "nav.district": ("区县", "Districts"),
    "nav.map": ("地图", "Map"),
    "nav.compare": ("对比", "Compare"),
    "nav.data": ("数据", "Data"),
    "nav.method": ("说明", "Methodology"),
    "nav.present": ("会议模式", "Meeting mode"),
    "lang.switch": ("English", "中文"),
    "plan.picker": ("规划", "Plan"),
    "lang.label": ("语言", "Language"),
    "plan.label": ("规划", "Plan"),
    "year.label": ("年份", "Year"),
    "year.option": ("{year}年", "{year}"),
    "error.generic": (
        "页面暂时无法显示：{detail}。请刷新页面，或返回总览。",
        "This page cannot be shown right now: {detail}. Reload the page or go back to the overview.",
    ),
    "error.no_warehouse": ("数据仓库尚未建立，请运行 make run。", "The data warehouse has not been built; run make run."),
    "error.bad_param": ("链接中的参数“{name}”无效：{value}。", "The link's “{name}” value is not valid: {value}."),
    "back.overview": ("返回总览", "Back to the overview"),
    # shared filters
    "widget.placeholder": ("请选择", "Choose an option"),
    "filter.district": ("区县", "District"),
    "filter.whole_city": ("全市", "Whole city"),
    # overview
    "overview.title": ("总览", "Overview"),
    "overview.lead": (
        "{plan}共设{n_actions}大行动、{n_targets}项目标。以下为各行动的目标清单。",
        "{plan} sets {n_actions} major actions with {n_targets} targets. Each action's targets are listed below.",
    ),
    "action.not_in_source": ("原文未收录此行动的内容，可通过目录导入补充。",
                             "The source text does not include this action; it can be added through the catalogue import."),
    "action.heading": ("第{no}大行动　{name}", "Action {no}: {name}"),
    "col.indicator": ("指标", "Indicator"),
    "col.target": ("目标", "Target"),
    "col.unit": ("单位", "Unit"),
    "col.year": ("年份", "Year"),
    "col.scope": ("范围", "Scope"),
    "col.quote": ("原文", "Plan wording"),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.xlsx": ("下载 Excel", "Download Excel"),
    "download.failed": ("这个文件未能生成：{reason}。请把参考号 ref {ref} 告诉管理员。",
                        "This file could not be made: {reason}. Give the administrator the reference ref {ref}."),
    "qualitative": ("定性目标", "Qualitative"),
    # comparators
    "cmp.>=": ("≥ {v}", "≥ {v}"),
    "cmp.<=": ("≤ {v}", "≤ {v}"),
    "cmp.range": ("{v}—{h}", "{v}–{h}"),
    "cmp.qualitative": ("定性", "qualitative"),
    # scopes
    "scope.city": ("全市", "City-wide"),
    "scope.region": ("薄弱地区", "Weaker areas"),
    "scope.each_district": ("每个区县", "Every district"),
    "scope.township_share": ("乡镇覆盖", "Township share"),
}
