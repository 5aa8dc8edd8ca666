"""Overview (总览) strings: the headline, the off-track list, the action tiles, city-only targets."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "overview.final": (
        "{year}年为规划目标年：以下为{start}—{end}年行动计划的最终评估。",
        "{year} is the plan's final year: this is the final assessment of the {start}–{end} plan.",
    ),
    "overview.interim": (
        "截至{year}年的进展（规划期{start}—{end}年）。",
        "Progress as of {year} (plan period {start}–{end}).",
    ),
    "overview.summary": (
        "{area}：{n}项目标中，{good}项已达标或正常推进，{off}项未达序时进度。",
        "{area}: of {n} targets, {good} are achieved or on track and {off} are off track.",
    ),
    "overview.summary_none": ("{area}：没有可评估的目标。", "{area}: no targets can be assessed."),
    "overview.total": ("目标合计", "Targets in all"),
    "overview.no_data": ("该规划尚无任何数据。请先导入数据。", "This plan has no figures yet. Import data first."),
    # off-track list
    "overview.off_title": ("未达序时进度的目标（{n}项）", "Off track ({n} targets)"),
    "overview.off_order": ("按严重程度排列：倒退、进展缓慢、需加快、未启动。点击进入所属行动。",
                           "Worst first: going backwards, limited progress, needs acceleration, not started. "
                           "Tap one to open its action."),
    "overview.off_title_final": ("未完成和基本完成的目标（{n}项）", "Targets not completed or nearly completed ({n})"),
    "overview.off_order_final": ("按差距排列：未完成在前，基本完成在后。点击进入所属行动。",
                                 "Largest gaps first: not completed, then nearly completed. Tap one to open its action."),
    "overview.off_none_final": ("所有可评估的目标均已完成。", "Every target that can be assessed was completed."),
    "overview.off_none": ("所有可评估的目标均已达标或正常推进。", "Every target that can be assessed is achieved or on track."),
    "overview.off_more": ("其余{n}项", "{n} more"),
    "overview.off_sep": ("　｜　", " | "),
    "overview.off_item": ("{status}　{name}", "{status} · {name}"),
    "overview.latest_vs_target": ("行动{action}　{year}年：{value}　目标：{target}",
                                  "Action {action} · {year}: {value} · target {target}"),
    "overview.latest_qualitative": ("行动{action}　定性目标", "Action {action} · qualitative target"),
    "overview.latest_none": ("行动{action}　暂无数值　目标：{target}", "Action {action} · no figure yet · target {target}"),
    # action tiles
    "overview.tiles_title": ("各行动完成情况", "The actions"),
    "overview.tiles_lead": ("条形为平均完成进度，竖线为序时进度。", "Bars show mean progress toward target; the line marks time elapsed."),
    "overview.tile_title": ("行动{no}　{name}", "{no}. {name}"),
    "overview.tile_counts": ("{n}项目标，{off}项未达进度", "{n} targets, {off} off track"),
    "overview.tile_city_only": ("另有{n}项仅有全市数据", "{n} more with city figures only"),
    "overview.tile_no_district": ("本区县无此行动的分区数据（{n}项仅有全市数据）",
                                  "No district figures for this action ({n} targets with city figures only)"),
    "overview.tile_qualitative": ("定性目标，无完成进度", "Qualitative targets: no progress percentage"),
    "overview.tiles_lead_final": ("条形为平均完成进度。", "Bars show mean progress toward target."),
    "overview.progress_final": ("平均完成进度{p}", "Mean progress {p}"),
    "overview.bar_label_final": ("完成进度{p}", "progress {p}"),
    "overview.progress": ("完成进度{p}　序时进度{t}", "Progress {p} · time elapsed {t}"),
    "overview.bar_label": ("完成进度{p}，序时进度{t}", "progress {p}, time elapsed {t}"),
    "overview.not_in_source": ("行动{nos}（原文未收录）", "Actions {nos} (not in the source text)"),
    # district mode
    "overview.district_note": (
        "{area}：以下数字只计本区县有分区数据的{n}项目标；另有{c}项目标仅有全市数据，未按区县评估。",
        "{area}: the figures below count only the {n} targets with figures for this district; {c} targets "
        "have city figures only and are not assessed per district.",
    ),
    "overview.city_only_title": ("仅有全市数据的目标（{n}项）", "Targets with city figures only ({n})"),
    "overview.city_only_file": ("仅有全市数据的目标", "targets-with-city-figures-only"),
    "overview.city_only_why": (
        "这些目标没有分区县数据：或为全市总量、定性目标，或只针对相对薄弱地区。",
        "These targets have no district figures: city totals, qualitative targets, or targets for the weaker areas only.",
    ),
    "overview.col_action": ("行动", "Action"),
}
