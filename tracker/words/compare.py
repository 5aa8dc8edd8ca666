"""Strings of the compare screen (对比): the district × target heatmap, rankings and the disparity lens."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "compare.title": ("区县对比", "District comparison"),
    "compare.lead": (
        "各区县在分区县目标上的状态、排名，以及区县之间差距的变化。",
        "How the districts stand on every target with district figures, how they rank, and whether the gaps "
        "between them are narrowing.",
    ),
    "compare.actions": ("行动", "Actions"),
    "compare.districts": ("区县", "Districts"),
    "compare.all": ("全部", "All"),
    "compare.action_option": ("第{no}大行动 {name}", "Action {no}: {name}"),
    "compare.no_cells": ("所选行动没有分区县的目标。", "The chosen actions have no targets with district figures."),
    # heatmap
    "compare.heatmap": ("目标状态（截至{year}年）", "Status by target and district (as of {year})"),
    "compare.heatmap_note": (
        "每格显示该区县该目标截至所选年份的最新状态：图标与颜色含义见图例。",
        "Each cell shows the district's latest status for the target up to the chosen year; the legend "
        "gives each icon and colour.",
    ),
    "compare.legend": ("图例", "Legend"),
    "compare.off_track": ("需关注的格子：{n}/{total}", "Cells needing attention: {n} of {total}"),
    "compare.table": ("表格（可下载）", "Table (downloadable)"),
    "compare.download_name": ("区县对比_{year}", "district_comparison_{year}"),
    "compare.col.indicator_id": ("指标编号", "Indicator ID"),
    "compare.col.indicator": ("指标", "Indicator"),
    "compare.col.area_code": ("区县代码", "District code"),
    "compare.col.district": ("区县", "District"),
    "compare.col.year": ("数据年份", "Year of data"),
    "compare.col.value": ("数值", "Value"),
    "compare.col.unit": ("单位", "Unit"),
    "compare.col.target": ("目标", "Target"),
    "compare.col.status": ("状态", "Status"),
    "compare.col.progress": ("完成进度（%）", "Progress (%)"),
    "compare.col.time": ("序时进度（%）", "Time elapsed (%)"),
    # rankings
    "compare.ranking": ("区县排名", "District ranking"),
    "compare.ranking_target": ("排名目标", "Target to rank"),
    "compare.ranking_note": (
        "{year}年数值，{order}排在前面；虚线为目标。",
        "Values in {year}, {order} first; the dashed line is the target.",
    ),
    "compare.order.up": ("数值越高越好，高者", "higher is better, so the highest"),
    "compare.order.down": ("数值越低越好，低者", "lower is better, so the lowest"),
    "compare.target_line": ("目标 {v}", "target {v}"),
    "compare.no_ranking": ("该目标在{year}年没有区县数值。", "No district figures for this target in {year}."),
    # disparity
    "compare.disparity": ("区县差距变化", "Gaps between districts"),
    "compare.disparity_note": (
        "差距用最好与最差区县之比衡量：越接近1，区县之间越均衡。括号中为起始年→最新年的比值；图中空心点为起始年份，"
        "实心点为最新年份。只包括比率类指标。",
        "Gaps are measured by the best-to-worst district ratio: the closer to 1, the more even the districts. "
        "The figures are that ratio in the first and the latest year; in the chart the hollow dot is the first "
        "year, the filled dot the latest. Rates and shares only.",
    ),
    "compare.no_disparity": ("所选目标中没有可计算区县差距的比率类指标。",
                             "None of the chosen targets is a rate or share whose district spread can be measured."),
    "compare.ratio_axis": ("最好/最差区县之比", "Best-to-worst district ratio"),
    "compare.narrowing": ("差距缩小", "Gap narrowing"),
    "compare.widening": ("差距扩大", "Gap widening"),
    "compare.unchanged": ("差距持平", "Gap unchanged"),
    "compare.single": ("仅有一年数据", "Only one year so far"),
    "compare.measure.ratio": ("最好/最差区县之比", "best-to-worst district ratio"),
    "compare.measure.cv": ("区县离散程度（标准差÷平均值）", "spread across districts (standard deviation ÷ mean)"),
    "compare.by_cv": ("（按标准差÷平均值，有区县为零）", " (by standard deviation ÷ mean: a district is at zero)"),
    "compare.figures": ("{moved}（{y0}→{y1}年）", "{moved} ({y0} → {y1})"),
    "compare.figures_single": ("{latest}（{y1}年）", "{latest} ({y1})"),
    "compare.sentence": ("{trend}：{measure} {figures}", "{trend}: {measure} {figures}"),
    "compare.group": ("- **{trend}（{n}项）**：", "- **{trend} ({n})**: "),
    "compare.group_years": ("- **{trend}（{n}项，{y0}→{y1}年）**：", "- **{trend} ({n}, {y0} → {y1})**: "),
    "compare.more": ("；另有{n}项", "; and {n} more"),
    "compare.list_sep": ("；", "; "),
    "compare.trend_title.ratio": ("{name}：历年最好/最差区县之比", "{name}: best-to-worst district ratio by year"),
    "compare.trend_title.cv": ("{name}：历年区县离散程度（标准差÷平均值）",
                               "{name}: spread across districts by year (standard deviation ÷ mean)"),
}
