"""The method in words (METHOD_TEXT) and one status recomputed by hand (explain).

``explain`` walks through one row of table ``status`` step by step, so an analyst can check it with a
calculator: the compared quantity rebuilt from the observations (when given), then the ratio with the
intermediate values the engine itself computes from the row's base and value (tracker.progress.point
and the target's method in tracker/methods/, whose words print them); its ``ratio`` must equal the
stored ratio. Plain text and LaTeX only: the page
renders these as text and formulas, never as HTML.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np

from tracker import judgement, methods, progress, statuses
from tracker.methods.base import Step
from tracker.methods.base import n as _n
from tracker.methods.base import pct as _pct
from tracker.methods.base import tex as _tex
from tracker.progress import ACCELERATE, LIMITED, ON_TRACK, Target, goal, score_from_ratio
from tracker.text import number

METHOD_TEXT: dict[str, str] = {
    "zh": """\
**方法**：每项目标、每个地区、每一年，用截至当年的数据评估一次。依据开放可持续发展目标平台（Open SDG）的进展测度方法（加拿大统计局方法），基年为{t0}年，目标年为{Y}年。

- **比较对象**：一般指标取当年数值；“新增/新建/累计”类指标取基年之后各年新增量之和（基数为0）；年均增速类指标取基年之后各年增速的平均值。
- **已达标**：比较对象满足目标（达到/以上/超过为“不低于”，控制在…以下/以内/小于/下降到为“不高于”，区间含端点）。新建数量超过区间上限视为超额完成；其他超出区间的数值按最近的端点衡量。
- **越小越好的目标**（不高于某值）：方向 d 取 −1，数值下降即为进展。
{methods}
- **基年顺延与无数据**：基年无数据时顺延至下一个有数据的年份（序时进度也从该年起算）；不足两年数据、基数与最新值异号，或目标与基数异号（无法计算所需增速）时为“无数据”。
- **保持类目标**（基年已满足目标，含目标等于基数）：仍满足即已达标；一旦不再满足即为倒退（目标等于基数时 R 记为 −1）。
- **年均增速目标**（如“年均增长10%以上”“零增长”）：平均增速 a 满足目标即已达标；须达到某一增速的，R = a/T；限制增速上限的，R = T/a；零增长目标未实现（实际为正增长）记为倒退（R = −1）。完成进度 = R × 序时进度。
- **状态**：R ≥ 0.95 正常推进；0.6 ≤ R < 0.95 需加快；0 ≤ R < 0.6 进展缓慢；R < 0 倒退；无法计算为无数据。定性目标由人工填报里程碑：未启动、推进中、已完成。
- **终期评估（目标年{Y}年及以后）**：不再看进度快慢，而判断完成情况。目标年数值满足目标为**已完成**（此前某年已满足并保持至今为**提前完成**）；未满足但完成进度不低于{nearly}%为**基本完成**；否则为**未完成**（含较基期下降）；没有目标年数值为**无数据**（显示最近一年的数值及其年份，不作判断）。年均增速类目标的完成进度 = 实际年均增速/要求年均增速。定性目标已完成为已完成，否则为未完成。目标年不显示序时进度、进度状态和预测。
- **中期评价等级（目标年之前）**：与进度状态并列：已满足目标为**提前实现**；R ≥ 1 为**快于预期**；0.95 ≤ R < 1 为**基本符合预期**；R < 0.95 为**滞后**；定性目标已完成为提前实现、推进中为基本符合预期、未启动为滞后；无法计算为无数据。
- **得分**（−5 至 5，沿用 Open SDG）：已达标为5；R ≥ 0.6 时为 min(7.1429R − 4.2857, 5)，否则为 max(4.1667R − 2.5, −5)。
- **汇总**：行动、全市与区县的得分为所含目标得分的平均，平均分 ≥ 2.5 正常推进，≥ 0 需加快，≥ −2.5 进展缓慢，否则倒退；有数据的目标全部已达标则为已达标；只有定性目标时取最靠后的里程碑。
- **预测与所需努力**：按近期趋势推算目标年数值（复合增长法延续实际增速；线性法取最近三年的最小二乘斜率；累计法按年均新增量）；“每年还需”= (目标 − 当前)/(剩余年数)，复合增长法为所需年增速（%）；“每年已实现”= (当前 − 基数)/(已过年数)。已达标时每年还需为0，目标年之后不再计算。
- **区县差距**：对分区县的水平和比例指标，逐年计算区县间变异系数（总体标准差/均值）和最好与最差之比（大于1表示差距更大）；最近一年的变异系数低于首年即为差距缩小。
- **全市总量**：按区县加总的全市指标（如新建数量、处理能力）只对全市判断状态，各区县显示其数值及占全市的比重。
""",
    "en": """\
**Method**: each target is assessed for every area and every year, with the data up to that year, following Open SDG's progress measure (Statistics Canada's method), with base year {t0} and target year {Y}.

- **What is compared**: the value itself; for counts of new facilities (targets to build or add so many) the sum of the additions since the base year (base 0); for average-growth targets the mean of the yearly growth rates since the base year.
- **Target achieved**: the compared quantity meets the target ("reach", "above" and "over" mean at least; "keep below", "within", "less than" and "fall to" mean at most; a range includes its ends). A count of new facilities above a range's upper end is over-fulfilled; any other value outside a range is measured toward the nearer end.
- **At-most targets** (lower is better): the direction d is −1, so a falling value is progress.
{methods}
- **Base year moved forward, and no data**: a missing base year moves to the next year with data (time elapsed then counts from that year); fewer than two years of data, base and latest of opposite sign, or a target of the opposite sign to the base (no required growth) give "no data".
- **Hold targets** (the base already meets the target, including target = base): achieved while the value still meets it; once it no longer does, going backwards (R = −1 when target = base).
- **Average growth targets** ("10% a year or more", "zero growth"): achieved when the mean growth a meets the target; for a required pace R = a/T; for a ceiling on growth R = T/a; a missed zero-growth target (growth above zero) is going backwards (R = −1). Progress = R × time elapsed.
- **Status**: R ≥ 0.95 on track; 0.6 ≤ R < 0.95 needs acceleration; 0 ≤ R < 0.6 limited progress; R < 0 going backwards; no usable data: no data. Qualitative targets carry a milestone entered by people: not started, in progress, completed.
- **Final assessment (the target year {Y} and after)**: completion is judged, not pace. A target-year figure that meets the target is **completed** (**completed early** when an earlier year already met it and it has held since); one that does not, with progress at least {nearly}%, is **nearly completed**; otherwise **not completed** (falling below the base included); no target-year figure gives **no data** (the latest earlier figure is shown with its year, not judged). For an average-growth target progress = achieved / required average growth. A milestone is completed when done, otherwise not completed. No time elapsed, pace status or projection is shown for the target year.
- **Mid-term grades (before the target year)**, beside the pace status: target already met, **achieved early**; R ≥ 1, **ahead of schedule**; 0.95 ≤ R < 1, **broadly as expected**; R < 0.95, **behind schedule**; a milestone done is achieved early, in progress broadly as expected, not started behind; no usable data, no data.
- **Score** (−5 to 5, as in Open SDG): 5 when achieved; min(7.1429R − 4.2857, 5) for R ≥ 0.6, otherwise max(4.1667R − 2.5, −5).
- **Roll-ups**: an action's, the city's or a district's score is the mean of its targets' scores: 2.5 or more on track, 0 or more needs acceleration, −2.5 or more limited progress, below that going backwards; achieved when every target with data is achieved; with qualitative targets only, the least advanced milestone.
- **Projection and remaining effort**: the value at the target year from the recent trend (cagr: the observed growth continues; linear: the least-squares slope of the last three years; cumulative: the mean yearly addition); needed per year = (target − current)/(years left), for cagr the growth rate needed in % a year; achieved per year = (current − base)/(years elapsed). Needed per year is 0 once achieved and is not computed after the target year.
- **Gaps between districts**: for district-level levels and shares, each year's coefficient of variation (population standard deviation / mean) and best-to-worst ratio (above 1 means a wider gap); the gap is narrowing when the latest year's coefficient of variation is below the first year's.
- **City totals**: a city total that adds up over the districts (new facilities, capacity) is judged for the city only; each district shows its figure and its share of the city total.
""",
}

WORDS: dict[str, dict[str, str]] = {
    "zh": dict(
        target="目标：{op} {T}（{Y}年），方法：{method}，基年 {t0}。",
        milestone="定性目标（{Y}年）：{t}年里程碑为“{label}”，由人工填报，不计算进展比。",
        no_value="{t}年无可用数值：无数据。",
        moved="{t0_plan}年无数值，基年顺延至{t0}年。",
        level="比较对象：{t}年数值 v = {v}；基数 b = {b}（{t0}年）。",
        cumulative="比较对象：{t0}年之后新增量之和 v = {v}；基数 b = 0。",
        growth="比较对象：{t0}年之后年均增速 a = {v}%。",
        met="是否已达标：{v} {op} {T} → {answer}。",
        yes="是", no="否", progress="完成进度", elapsed="序时进度", score="得分",
        cagr="g_o = ({v}/{b0})^(1/{n}) − 1 = {g_o}；g_r = ({T0}/{b0})^(1/{N}) − 1 = {g_r}；R = {s}×{d}×{g_o}/|{g_r}| = {R}。",
        linear="完成进度 = {d}×({v} − {b})/|{T} − {b}| = {progress}；序时进度 = ({t} − {t0})/({Y} − {t0}) = {time}；R = {R}。",
        hold="基年已满足目标（保持类目标）。",
        pace="须达到的增速：R = a/T = {v}/{T} = {R}。",
        cap="增速上限：R = T/a = {T}/{v} = {R}。",
        zero_growth="零增长目标未实现：R = −1。",
        hold_lost="目标等于基数且已不满足：R = −1。",
        none="数据不足或符号不一致，无法计算 R：无数据。",
        status="阈值 0.95 / 0.6 / 0 → {label}（存储结果：{stored}）；得分 {score}。",
        effort="预测{Y}年数值 {proj}；每年还需 {req}；每年已实现 {ach}。",
        final="{t}年为目标年，判断完成情况：{reason} → {label}（存储结果：{stored}）。",
        final_met="满足目标（自{since}年起）",
        final_progress="未满足，完成进度 {p} {cmp} {nearly}%",
        grade_met="{t}年已满足目标 → {label}",
        grade_ratio="{t}年进展比 R = {R} → {label}（R ≥ 1 快于预期，0.95 ≤ R < 1 基本符合预期，R < 0.95 滞后）",
        grade_milestone="{t}年里程碑为“{stage}” → {label}",
    ),
    "en": dict(
        target="Target: {op} {T} by {Y}, method: {method}, base year {t0}.",
        milestone="Qualitative target (by {Y}): the milestone entered for {t} is \"{label}\"; no ratio is computed.",
        no_value="No usable value in {t}: no data.",
        moved="No value for {t0_plan}: the base year moves forward to {t0}.",
        level="Compared: the value in {t}, v = {v}; base b = {b} ({t0}).",
        cumulative="Compared: the additions since {t0}, summed, v = {v}; base b = 0.",
        growth="Compared: the mean yearly growth since {t0}, a = {v}%.",
        met="Achieved? {v} {op} {T} → {answer}.",
        yes="yes", no="no", progress="progress", elapsed="time elapsed", score="score",
        cagr="g_o = ({v}/{b0})^(1/{n}) − 1 = {g_o}; g_r = ({T0}/{b0})^(1/{N}) − 1 = {g_r}; R = {s}×{d}×{g_o}/|{g_r}| = {R}.",
        linear="progress = {d}×({v} − {b})/|{T} − {b}| = {progress}; time elapsed = ({t} − {t0})/({Y} − {t0}) = {time}; R = {R}.",
        hold="The base already met the target (a hold target).",
        pace="Required pace: R = a/T = {v}/{T} = {R}.",
        cap="Ceiling on growth: R = T/a = {T}/{v} = {R}.",
        zero_growth="Zero-growth target missed: R = −1.",
        hold_lost="Target equals the base and is no longer met: R = −1.",
        none="Too little data or signs that differ: no ratio, no data.",
        status="Thresholds 0.95 / 0.6 / 0 → {label} (stored: {stored}); score {score}.",
        final="{t} is the target year, so completion is judged: {reason} → {label} (stored: {stored}).",
        final_met="meets the target (since {since})",
        final_progress="not met, progress {p} {cmp} {nearly}%",
        grade_met="met in {t} → {label}",
        grade_ratio="in {t} R = {R} → {label} (R ≥ 1 ahead, 0.95 ≤ R < 1 broadly as expected, R < 0.95 behind)",
        grade_milestone="the milestone in {t} is \"{stage}\" → {label}",
        effort="Projected for {Y}: {proj}; needed per year: {req}; achieved per year: {ach}.",
    ),
}


def method_text(lang: str, baseline_year: int, target_year: int, nearly_pct: float | None = None) -> str:
    """The method in words for one plan (its base and target years and 基本完成 threshold come from the
    plan's data)."""
    nearly = number(judgement.NEARLY_PCT if nearly_pct is None or nearly_pct != nearly_pct else nearly_pct)
    bullets = "\n".join(m.words("text", lang) for m in methods.REGISTRY.values() if m.pace is not None)
    return METHOD_TEXT["en" if lang == "en" else "zh"].format(t0=baseline_year, Y=target_year, nearly=nearly,
                                                              methods=bullets)


@dataclass
class Example:
    steps: list[Step] = field(default_factory=list)
    compared: float | None = None  # the quantity compared with the target, recomputed from the series
    ratio: float | None = None     # R, recomputed; equals the stored ratio
    achieved: bool = False
    status: str = "no_data"        # from the recomputed R and the thresholds
    stored: str = "no_data"        # the status table's code
    score: float | None = None

    @property
    def lines(self) -> list[str]:
        return [step.text for step in self.steps]


def _get(row, key):
    value = row.get(key) if hasattr(row, "get") else getattr(row, key, None)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _ratio_from(ratio: float | None) -> str:
    if ratio is None:
        return "no_data"
    return "on_track" if ratio >= ON_TRACK else "accelerate" if ratio >= ACCELERATE else (
        "limited" if ratio >= LIMITED else "backwards")


_OP_TEXT = {">=": "≥", "<=": "≤", "range": "∈"}
_OP_TEX = {">=": {True: r"\ge", False: r"\ngeq"}, "<=": {True: r"\le", False: r"\nleq"}}


def _compared(spec: Target, series, t: int, t0: int) -> tuple[float | None, Step | None]:
    """The compared quantity rebuilt from the observations (year, value) up to year ``t``."""
    points = sorted((int(y), float(v)) for y, v in (series or []) if v is not None and not math.isnan(float(v))
                    and int(y) <= t)
    if not points:
        return None, None
    if spec.measure == "growth_rate" or spec.is_cumulative:
        parts = [v for y, v in points if y > spec.baseline_year]
        if not parts:
            return None, None
        total = sum(parts)
        terms = " + ".join(_tex(v) for v in parts)
        if spec.measure == "growth_rate":
            mean = total / len(parts)
            return mean, Step(f"a = ({terms})/{len(parts)} = {_n(mean)}%",
                              (rf"a = \frac{{{terms}}}{{{len(parts)}}} = {_tex(mean)}",))
        return total, Step(f"v = {' + '.join(_n(x) for x in parts)} = {_n(total)}", (rf"v = {terms} = {_tex(total)}",))
    values = dict(points)
    if t not in values or t0 not in values:
        return None, None
    return values[t], None


def _pace(spec: Target, t0: int, t: int, b: float, v: float) -> tuple[methods.Point, methods.Pace]:
    """The engine's own point and pace (tracker.progress, tracker/methods/) from a row's base and value."""
    point = progress.point(spec, np.array([t0, t]), np.array([b, v], dtype=float), t)
    return point, progress.pace(spec, point)


def explain(status_row, indicator_row, lang: str = "zh", series=None) -> Example:
    """Recompute one row of ``status`` step by step; ``series`` is [(year, value), ...] when known."""
    w = WORDS["en" if lang == "en" else "zh"]
    spec = Target.from_row(SimpleNamespace(**{k: _get(indicator_row, k) for k in (
        "comparator", "target_value", "target_high", "target_year", "baseline_year", "direction",
        "measure", "method")}))
    code = str(_get(status_row, "status") or "no_data")
    t, Y, t0 = int(_get(status_row, "year")), spec.target_year, int(_get(status_row, "baseline_year") or spec.baseline_year)
    out = Example(stored=code)
    add = out.steps.append
    if spec.comparator == "qualitative" or methods.get(spec.method).pace is None:
        add(Step(w["milestone"].format(Y=Y, t=t, label=statuses.label(code, lang))))
        out.status = code
        return out
    target_text = _n(spec.target_value) if spec.comparator != "range" else f"{_n(spec.target_value)}–{_n(spec.target_high)}"
    add(Step(w["target"].format(op=_OP_TEXT.get(spec.comparator, ""), T=target_text, Y=Y,
                                method=methods.get(spec.method).words("label", lang),
                                t0=spec.baseline_year)))
    v, b = _get(status_row, "value"), _get(status_row, "baseline_value")
    if v is None:
        add(Step(w["no_value"].format(t=t)))
        return out
    if t0 > spec.baseline_year and spec.measure != "growth_rate" and not spec.is_cumulative:
        add(Step(w["moved"].format(t0_plan=spec.baseline_year, t0=t0)))
    op, T, d, achieved = goal(spec, v)
    key = "growth" if spec.measure == "growth_rate" else "cumulative" if spec.is_cumulative else "level"
    add(Step(w[key].format(t=t, v=_n(v), b=_n(b), t0=t0)))
    out.compared, derived = _compared(spec, series, t, t0)
    if derived is not None:
        add(derived)
    add(Step(w["met"].format(v=_n(v), op=_OP_TEXT[op], T=_n(T), answer=w["yes"] if achieved else w["no"]),
             (rf"{_tex(v)} {_OP_TEX[op][achieved]} {_tex(T)}",)))
    ratio = None
    if spec.measure == "growth_rate":
        cap = (op == "<=" and T >= 0) or (op == ">=" and T <= 0)
        if not (cap and achieved):
            ratio = progress.assess_growth(spec, np.array([v], dtype=float), t)["ratio"]   # the engine's R for mean a
            kind = "cap" if cap and T != 0 else "zero_growth" if cap else "pace"
            formula = {"cap": rf"R = \frac{{T}}{{a}} = \frac{{{_tex(T)}}}{{{_tex(v)}}} = {_tex(ratio)}",
                       "pace": rf"R = \frac{{a}}{{T}} = \frac{{{_tex(v)}}}{{{_tex(T)}}} = {_tex(ratio)}",
                       "zero_growth": r"R = -1"}[kind]
            add(Step(w[kind].format(v=_n(v), T=_n(T), R=_n(ratio)), (formula,)))
    elif b is not None and t > t0:
        found = _pace(spec, t0, t, b, v)
        if found[0].hold:
            add(Step(w["hold"]))
        point, pace = found
        ratio = pace.ratio
        if pace.kind in ("hold_lost", "none"):
            add(Step(w[pace.kind], (r"R = -1",) if pace.kind == "hold_lost" else ()))
        elif pace.kind != "hold":
            add(methods.measuring(spec).explain(point, pace, lang))
    else:
        add(Step(w["none"]))
    out.ratio, out.achieved = ratio, achieved
    out.status = "achieved" if achieved else _ratio_from(ratio)
    out.score = score_from_ratio(ratio, achieved)
    if judgement.is_final(t, Y):
        return _final(out, w, spec, status_row, indicator_row, lang, code, t, v, b, T, d, ratio, achieved)
    add(Step(w["status"].format(label=statuses.badge(out.status, lang), stored=statuses.badge(code, lang),
                                score=_n(out.score)), _score_tex(ratio, achieved, out.score, w["score"])))
    rate = "%" if spec.measure == "growth_rate" or methods.measuring(spec).compounds else ""
    req, ach = _get(status_row, "required_annual_change"), _get(status_row, "achieved_annual_change")
    add(Step(w["effort"].format(Y=Y, proj=_n(_get(status_row, "projected_value")),
                                req=_n(req) + (rate if req is not None else ""),
                                ach=_n(ach) + (rate if ach is not None else ""))))
    return out


def _final(out: Example, w: dict, spec: Target, status_row, indicator_row, lang: str, code: str, t: int,
           v: float, b: float | None, T: float, d: int, ratio: float | None, achieved: bool) -> Example:
    """The target year's verdict (tracker/judgement.py) from the numbers above: met, or 完成进度
    against the plan's nearly_pct."""
    nearly = _get(indicator_row, "nearly_pct")
    nearly = judgement.NEARLY_PCT if nearly is None or nearly != nearly else float(nearly)
    since = _get(status_row, "first_met_year")
    since = int(since) if since is not None and since == since else t
    if spec.measure == "growth_rate":
        progress = None if ratio is None else 100.0 * ratio
    elif b is not None and T != b:
        progress = 100.0 if achieved and (b >= T if d == 1 else b <= T) else d * (v - b) / abs(T - b) * 100.0
    else:
        progress = None
    out.status = judgement.verdict(achieved, since, t, progress, nearly)
    reason = w["final_met"].format(since=since) if achieved else w["final_progress"].format(
        p=_pct(progress) if progress is not None else "—", cmp="≥" if out.status == "nearly_completed" else "<",
        nearly=_n(nearly))
    out.steps.append(Step(w["final"].format(t=t, reason=reason, label=statuses.badge(out.status, lang),
                                            stored=statuses.badge(code, lang))))
    return out


def grade_line(status_row, lang: str = "zh") -> str:
    """Why a row before the target year has its mid-term grade (tracker/judgement.grade), in words."""
    w = WORDS["en" if lang == "en" else "zh"]
    code, ratio, t = str(_get(status_row, "status")), _get(status_row, "ratio"), int(_get(status_row, "year"))
    grade = judgement.grade(code, ratio)
    label = statuses.grade_label(grade, lang)
    if code.startswith("milestone_"):
        return w["grade_milestone"].format(t=t, stage=statuses.label(code, lang), label=label)
    if code == "achieved":
        return w["grade_met"].format(t=t, label=label)
    return w["grade_ratio"].format(t=t, R=_n(ratio), label=label)


def _score_tex(ratio: float | None, achieved: bool, score: float | None, word: str) -> tuple[str, ...]:
    if achieved:
        return (rf"\text{{{word}}} = 5",)
    if ratio is None or score is None:
        return ()
    if ratio >= ACCELERATE:
        return (rf"\text{{{word}}} = \min(7.1429 \times {_tex(ratio)} - 4.2857,\ 5) = {_tex(score)}",)
    return (rf"\text{{{word}}} = \max(4.1667 \times {_tex(ratio)} - 2.5,\ -5) = {_tex(score)}",)
