"""District page (区县) strings."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "district.title": ("区县：{name}", "District: {name}"),
    "district.lead": (
        "{name}在各项分区县目标上的情况（截至{year}年）：状态、完成进度与序时进度，以及在十个区县（市）中的排名。",
        "How {name} stands on every target with district figures, as of {year}: status, progress against "
        "time elapsed, and its rank among the ten districts.",
    ),
    "district.lead_final": (
        "{name}在各项分区县目标上的完成情况（{year}年为目标年）：完成情况、完成进度，以及在十个区县（市）中的排名。",
        "How {name} completed every target with district figures in {year}, the target year: verdict, progress "
        "and its rank among the ten districts.",
    ),
    "district.picker": ("区县", "District"),
    "district.is_city": (
        "链接中的 {code} 是宁波市（全市），不是区县。全市情况请看总览；下面显示{name}。",
        "{code} in the link is Ningbo as a whole, not a district. See the overview for the city; {name} is shown below.",
    ),
    "district.no_data": ("尚无数据，请先导入观测值。", "No data yet: import observations first."),
    # headline
    "district.rank": ("综合排名", "Overall rank"),
    "district.rank_value": ("第{rank}名 / {n}", "{rank} of {n}"),
    "district.rank_help": (
        "按各项评估目标得分（−5至5）的平均值在十个区县（市）中排序，1为最好。",
        "Districts ordered by the mean score (−5 to 5) of their assessed targets; 1 is the best.",
    ),
    "district.rank_completion": ("完成情况排名", "Completion rank"),
    "district.rank_help_completion": (
        "按已完成目标占有数据目标的比例在十个区县（市）中排序，1为最好；与终期评估报告的排名一致。",
        "Districts ordered by the share of their targets with a figure that are completed; 1 is the best. "
        "The same ranking as the final assessment report's.",
    ),
    "district.score": ("平均得分", "Mean score"),
    "district.good": ("已达标或正常推进", "Achieved or on track"),
    "district.good_final": ("已完成", "Completed"),
    "district.off_final": ("未完成或基本完成", "Not completed or nearly"),
    "district.off": ("需关注", "Needs attention"),
    "district.of_targets": ("{n} / {total}", "{n} of {total}"),
    "district.counts": ("按状态统计（{n}项评估目标）", "Targets by status ({n} assessed)"),
    # best and worst
    "district.best": ("表现最好的目标", "Strongest targets"),
    "district.worst": ("最需加力的目标", "Weakest targets"),
    "district.best_help": ("按得分排序，得分相同时按区县排名。", "By score; equal scores by the district's rank."),
    "district.item": ("{value}（目标{target}）　排名 {rank}", "{value} (target {target}) · rank {rank}"),
    "district.none_scored": ("尚无可评分的目标。", "No target has a score yet."),
    # scorecard
    "district.scorecard": ("目标评估表", "Scorecard"),
    "district.scorecard_help": (
        "每项分区县评估的目标一行，最需关注的在前。完成进度 = 已完成的比例，序时进度 = 规划期已过的比例；排名1为最好（越小越好的指标按数值从低到高）。",
        "One row per target assessed in each district, those needing attention first. Progress = share of the "
        "way to the target; time elapsed = share of the plan period gone; rank 1 is the best (for lower-is-better "
        "targets, the lowest value).",
    ),
    "district.col.action": ("行动", "Action"),
    "district.col.id": ("编号", "ID"),
    "district.col.updated": ("更新日期", "Updated"),
    "district.col.indicator": ("指标", "Target"),
    "district.col.status": ("状态", "Status"),
    "district.col.value": ("数值", "Value"),
    "district.col.target": ("目标", "Target value"),
    "district.col.progress": ("完成进度", "Progress"),
    "district.col.elapsed": ("序时进度", "Time elapsed"),
    "district.col.rank": ("区县排名", "Rank"),
    "district.col.score": ("得分", "Score"),
    "district.col.year": ("数据年份", "Data year"),
    "district.col.city": ("全市", "City"),
    "district.col.share": ("占全市比重", "Share of city"),
    "district.col.kind": ("类别", "Kind"),
    "district.kind.judged": ("分区县评估", "Assessed per district"),
    "district.kind.split": ("全市总量分解", "Share of a city total"),
    "district.rank_of": ("{rank}/{n}", "{rank}/{n}"),
    # city totals split by district
    "district.shares": ("全市总量中的份额", "Share of city totals"),
    "district.shares_help": (
        "这些目标是全市总量（如新建数量、处理能力），规划没有分解到区县，因此不对区县判断状态；这里显示{name}的数值、占全市的比重和在十个区县中的排名（排名1为数值最大，越小越好的指标为数值最小）。",
        "These targets are city totals (new facilities, capacity and the like) that the plan does not divide "
        "among districts, so no district is judged on them; shown here are {name}'s figure, its share of the "
        "city total and its rank among the ten districts (rank 1 = the largest figure, or the smallest where lower "
        "is better).",
    ),
    # city-only targets
    "district.city_only": (
        "另有{n}项目标只有全市（或相对薄弱地区）层面的数据，没有分区县数据，因此不在上表中，并非缺失。",
        "{n} more targets are tracked for the city (or the relatively weak areas) only, with no district "
        "figures, so they are not in the tables above; they are not missing.",
    ),
    "district.city_only_list": ("查看这{n}项只有全市数据的目标", "See the {n} city-only targets"),
    "district.col.scope": ("范围", "Scope"),
    "district.download": ("下载评估表", "Download the scorecard"),
    "district.file": ("{name}_评估表_{year}", "{name}_scorecard_{year}"),
    "district.to_overview": ("在总览中查看{name}", "See {name} on the overview"),
}
