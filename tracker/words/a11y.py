"""Text alternatives: what a screen reader says for each chart (its accessible name, written from the
chart's own figures), in both languages."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "a11y.list_sep": ("；", "; "),
    "a11y.series": ("走势图：{name}。{points}。{target}", "Trend chart: {name}. {points}. {target}"),
    "a11y.series_no_target": ("走势图：{name}。{points}。", "Trend chart: {name}. {points}."),
    "a11y.point": ("{year}年 {value}", "{year}: {value}"),
    "a11y.target": ("目标：{target}", "Target: {target}"),
    "a11y.sparkline": ("{name}走势：{points}", "{name}, trend: {points}"),
    "a11y.no_values": ("暂无数值", "no values yet"),
    "a11y.milestones": ("进展阶段图：{points}", "Milestones by year: {points}"),
    "a11y.districts": ("分区县条形图：{name}。{rows}。{target}", "Bar chart by district: {name}. {rows}. {target}"),
    "a11y.district_row": ("{area} {value}（{status}）", "{area} {value} ({status})"),
    "a11y.legend": ("图例：{title}：{rows}", "Legend: {title}: {rows}"),
    "a11y.heatmap": (
        "状态热力图：{targets}项目标、{districts}个区县，每格显示该区县该目标的状态。逐格内容见下方“{table}”表格。",
        "Status heatmap: {targets} targets by {districts} districts, each cell the district's status on the target. "
        "Every cell is listed in the table “{table}” below.",
    ),
    "a11y.ranking": ("区县排名条形图：{rows}。", "District ranking bar chart: {rows}."),
    "a11y.disparity": (
        "区县差距图：各目标首年与最新年份的最好/最差区县之比。每项目标的变化见图下方的文字。",
        "Gaps between districts: each target's best-to-worst district ratio in the first and latest year. "
        "The sentences below the chart say how each changed.",
    ),
    "a11y.cv_trend": ("{title}：{points}", "{title}: {points}"),
}
