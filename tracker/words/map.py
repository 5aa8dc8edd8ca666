"""Strings of the map screen (地图): coverage choropleths, the legend and the district panel."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "map.title": ("覆盖地图", "Coverage map"),
    "map.lead": (
        "按区县查看覆盖类目标的完成情况。点击地图上的区县，查看该区县的数据。",
        "See coverage targets district by district. Tap a district on the map to see its figures.",
    ),
    "map.target": ("目标", "Target"),
    "map.target_is": ("目标：{v}", "Target: {v}"),
    "map.no_targets": ("当前规划没有可按区县展示的覆盖类目标。", "This plan has no coverage targets to map by district."),
    "map.no_data": ("该目标暂无区县数据。", "No district figures for this target yet."),
    "map.alt": ("宁波市各区县{name}分布图（{year}年）", "Map of {name} by district of Ningbo, {year}"),
    "map.summary.target": (
        "{year}年，{n_met}/{n_all}个区县达到目标（{target}）。",
        "In {year}, {n_met} of {n_all} districts met the target ({target}).",
    ),
    "map.summary.short": ("未达到：{names}。", "Short of it: {names}."),
    "map.summary.level": (
        "{year}年各区县数值（全市目标{target}，区县数值为全市的组成部分，不单独考核）。",
        "District figures in {year} (the city-wide target is {target}; districts add up to the city "
        "and are not assessed against it one by one).",
    ),
    "map.summary.baseline": ("{year}年为基期，仅显示起点数值。", "{year} is the baseline year: starting values only."),
    "map.sep": ("、", ", "),
    # legend
    "map.legend": ("图例", "Legend"),
    "map.band.met": ("{range}　达到目标", "{range}  target met"),
    "map.band.yes": ("已达到", "Met"),
    "map.band.not_yet": ("尚未达到", "Not yet"),
    "map.band.no_data": ("无数据", "No data"),
    "map.band.count": ("{label}（{n}个区县）", "{label} ({n} districts)"),
    "map.band.count_one": ("{label}（{n}个区县）", "{label} ({n} district)"),
    "map.range.between": ("{low}—{high}", "{low}–{high}"),
    "map.range.below": ("低于{v}", "below {v}"),
    "map.range.above": ("高于{v}", "above {v}"),
    "map.range.at_least": ("≥ {v}", "≥ {v}"),
    "map.range.at_most": ("≤ {v}", "≤ {v}"),
    # tooltips and the district panel
    "map.tap_hint": ("点击地图上的区县查看详情。", "Tap a district on the map to see its figures."),
    "map.city": ("全市", "Whole city"),
    "map.show_city": ("显示全市", "Show the whole city"),
    "map.value": ("数值", "Value"),
    "map.status": ("状态", "Status"),
    "map.baseline": ("基期值（{year}年）", "Baseline ({year})"),
    "map.baseline_year": ("基期年份，不评估", "Baseline year, not assessed"),
    "map.progress_final": ("完成进度 {progress}", "Progress {progress}"),
    "map.progress": ("完成进度 {progress} · 序时进度 {time}", "Progress {progress} · time elapsed {time}"),
    "map.rank": ("区县排名：第{rank}/{n}", "Rank among districts: {rank} of {n}"),
    "map.to_district": ("查看{name}全部目标", "All targets for {name}"),
    "map.to_indicator": ("查看该指标详情", "This indicator in detail"),
    "map.table": ("各区县数据", "District figures"),
    "map.col.district": ("区县", "District"),
    "map.col.value": ("数值", "Value"),
    "map.col.townships": ("乡镇（街道）覆盖", "Townships covered"),
    "map.col.status": ("状态", "Status"),
    "map.col.rank": ("排名", "Rank"),
}
