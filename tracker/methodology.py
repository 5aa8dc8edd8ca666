"""The method in words (METHOD_TEXT) and one status recomputed by hand (worked_example), in zh and en.

Plain text only: the page renders these as text, never as HTML.
"""
from __future__ import annotations

import math
from types import SimpleNamespace

from tracker import statuses
from tracker.progress import ACCELERATE, LIMITED, ON_TRACK, ZERO, Target, goal, score_from_ratio

METHOD_TEXT: dict[str, str] = {
    "zh": """\
**方法**：每项目标、每个地区、每一年，用截至当年的数据评估一次。依据开放可持续发展目标平台（Open SDG）的进展测度方法（加拿大统计局方法），基年为2020年，目标年为2025年。

- **比较对象**：一般指标取当年数值；"新增/新建/累计"类指标取基年之后各年新增量之和；年均增速类指标取基年之后各年增速的平均值。
- **已达标**：比较对象满足目标（达到/以上、控制在…以内、区间含端点）。新建数量超过区间上限视为超额完成；其他超出区间的数值按最近的端点衡量。
- **复合增长法（cagr）**：实际年均增速 g_o = (v_t/v_0)^(1/(t−t_0)) − 1，所需年均增速 g_r = (T/v_0)^(1/(Y−t_0)) − 1，进展比 R = s·d·g_o/|g_r|（d：越大越好为+1，越小越好为−1；s：基数为负时为−1）。基数或目标为0时以0.001代替；基年无数据时顺延至下一个有数据的年份；不足两年数据、基数与最新值异号，或目标与基数异号时为"无数据"。
- **线性法与累计法**：完成进度 = (当前值 − 基数)/(目标 − 基数)（累计法：新增量之和/目标），序时进度 = (当年 − 基年)/(目标年 − 基年)，R = 完成进度/序时进度。
- **保持类目标**（基年已满足目标，含目标等于基数）：仍满足即已达标；一旦不再满足即为倒退（目标等于基数时 R 记为 −1）。
- **年均增速目标**（如"年均增长10%以上""零增长"）：平均增速 a 满足目标即已达标；须达到某一增速的，R = a/T；限制增速上限的，R = T/a；零增长目标未实现（实际为正增长）记为倒退（R = −1）。完成进度 = R × 序时进度。
- **状态**：R ≥ 0.95 正常推进；0.6 ≤ R < 0.95 需加快；0 ≤ R < 0.6 进展缓慢；R < 0 倒退；无法计算为无数据。定性目标由人工填报里程碑：未启动、推进中、已完成。
- **得分**（−5 至 5，沿用 Open SDG）：已达标为5；R ≥ 0.6 时为 min(7.1429R − 4.2857, 5)，否则为 max(4.1667R − 2.5, −5)。行动、全市与区县的得分为所含目标得分的平均，平均分 ≥ 2.5 正常推进，≥ 0 需加快，≥ −2.5 进展缓慢，否则倒退；全部已达标则为已达标。
- **预测与所需努力**：按近期趋势推算目标年数值（复合增长法延续实际增速；线性法取最近三年的最小二乘斜率；累计法按年均新增量）；"每年还需"= (目标 − 当前)/(剩余年数)，复合增长法为所需年增速（%）；"每年已实现"= (当前 − 基数)/(已过年数)。已达标时每年还需为0，目标年之后不再计算。
- **区县差距**：对分区县的水平和比例指标，逐年计算区县间变异系数（总体标准差/均值）和最好与最差之比（大于1表示差距更大）；最近一年的变异系数低于首年即为差距缩小。

**来源**：《宁波高质量发展建设共同富裕先行市行动计划（2021—2025年）》；Open SDG 进展测度（open-sdg/sdg-build 中的 sdg/ProgressMeasure.py）；加拿大统计局的可持续发展目标进展评估方法。
""",
    "en": """\
**Method**: each target is assessed for every area and every year, with the data up to that year, following Open SDG's progress measure (Statistics Canada's method), with base year 2020 and target year 2025.

- **What is compared**: the value itself; for counts of new facilities ("新增/新建/累计") the sum of the additions since the base year; for average-growth targets the mean of the yearly growth rates since the base year.
- **Target achieved**: the compared quantity meets the target (at least, at most, or within a range, ends included). A count of new facilities above a range's upper end is over-fulfilled; any other value outside a range is measured toward the nearer end.
- **Compound growth (cagr)**: observed growth g_o = (v_t/v_0)^(1/(t−t_0)) − 1, required growth g_r = (T/v_0)^(1/(Y−t_0)) − 1, ratio R = s·d·g_o/|g_r| (d = +1 when higher is better, −1 when lower is better; s = −1 for a negative base). A zero base or target is replaced by 0.001; a missing base year moves to the next year with data; fewer than two years of data, base and latest of opposite sign, or a target of the opposite sign to the base give "no data".
- **Linear and cumulative**: progress (完成进度) = (value − base)/(target − base) (cumulative: sum of additions / target), time elapsed (序时进度) = (year − base year)/(target year − base year), R = progress / time elapsed.
- **Hold targets** (the base already meets the target, including target = base): achieved while the value still meets it; once it no longer does, going backwards (R = −1 when target = base).
- **Average growth targets** ("10% a year or more", "zero growth"): achieved when the mean growth a meets the target; for a required pace R = a/T; for a ceiling on growth R = T/a; a missed zero-growth target (growth above zero) is going backwards (R = −1). Progress = R × time elapsed.
- **Status**: R ≥ 0.95 on track; 0.6 ≤ R < 0.95 needs acceleration; 0 ≤ R < 0.6 limited progress; R < 0 going backwards; no usable data: no data. Qualitative targets carry a milestone entered by people: not started, in progress, completed.
- **Score** (−5 to 5, as in Open SDG): 5 when achieved; min(7.1429R − 4.2857, 5) for R ≥ 0.6, otherwise max(4.1667R − 2.5, −5). An action's, the city's or a district's score is the mean of its targets' scores: 2.5 or more on track, 0 or more needs acceleration, −2.5 or more limited progress, below that going backwards; achieved when every target with data is achieved.
- **Projection and remaining effort**: the value at the target year from the recent trend (cagr: the observed growth continues; linear: the least-squares slope of the last three years; cumulative: the mean yearly addition); needed per year = (target − current)/(years left), for cagr the growth rate needed in % a year; achieved per year = (current − base)/(years elapsed). Needed per year is 0 once achieved and is not computed after the target year.
- **Gaps between districts**: for district-level levels and shares, each year's coefficient of variation (population standard deviation / mean) and best-to-worst ratio (above 1 means a wider gap); the gap is narrowing when the latest year's coefficient of variation is below the first year's.

**Sources**: Ningbo's action plan for building a pioneering city of common prosperity through high-quality development (2021–2025); Open SDG's progress measure (sdg/ProgressMeasure.py in open-sdg/sdg-build); Statistics Canada's method for assessing progress toward the SDGs.
""",
}

WORDS: dict[str, dict[str, str]] = {
    "zh": dict(
        target="目标：{op} {T}（{Y}年），方法 {method}，基年 {t0}。",
        milestone="定性目标：里程碑为「{label}」，不计算进展比。",
        no_value="{t}年无可用数值：无数据。",
        level="比较对象：{t}年数值 v = {v}；基数 b = {b}（{t0}年）。",
        cumulative="比较对象：{t0}年之后新增量之和 v = {v}；基数 b = 0。",
        growth="比较对象：{t0}年之后年均增速 a = {v}%。",
        met="是否已达标：{v} {op} {T} → {answer}。",
        yes="是", no="否",
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
    ),
    "en": dict(
        target="Target: {op} {T} by {Y}, method {method}, base year {t0}.",
        milestone="Qualitative target: milestone \"{label}\"; no ratio is computed.",
        no_value="No usable value in {t}: no data.",
        level="Compared: the value in {t}, v = {v}; base b = {b} ({t0}).",
        cumulative="Compared: the additions since {t0}, summed, v = {v}; base b = 0.",
        growth="Compared: the mean yearly growth since {t0}, a = {v}%.",
        met="Achieved? {v} {op} {T} → {answer}.",
        yes="yes", no="no",
        cagr="g_o = ({v}/{b0})^(1/{n}) − 1 = {g_o}; g_r = ({T0}/{b0})^(1/{N}) − 1 = {g_r}; R = {s}×{d}×{g_o}/|{g_r}| = {R}.",
        linear="progress = {d}×({v} − {b})/|{T} − {b}| = {progress}; time elapsed = ({t} − {t0})/({Y} − {t0}) = {time}; R = {R}.",
        hold="The base already met the target (a hold target).",
        pace="Required pace: R = a/T = {v}/{T} = {R}.",
        cap="Ceiling on growth: R = T/a = {T}/{v} = {R}.",
        zero_growth="Zero-growth target missed: R = −1.",
        hold_lost="Target equals the base and is no longer met: R = −1.",
        none="Too little data or signs that differ: no ratio, no data.",
        status="Thresholds 0.95 / 0.6 / 0 → {label} (stored: {stored}); score {score}.",
        effort="Projected for {Y}: {proj}; needed per year: {req}; achieved per year: {ach}.",
    ),
}


def _n(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{float(x):,.6g}"


def _pct(x) -> str:
    return "—" if x is None or math.isnan(x) else f"{x:.2f}%"


def _get(row, key):
    value = row.get(key) if hasattr(row, "get") else getattr(row, key, None)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _ratio_from(ratio: float | None) -> str:
    if ratio is None:
        return "no_data"
    return "on_track" if ratio >= ON_TRACK else "accelerate" if ratio >= ACCELERATE else (
        "limited" if ratio >= LIMITED else "backwards")


def worked_example(status_row, indicator_row, lang: str = "zh") -> list[str]:
    """Lines that recompute one row of ``status`` by hand, for the methodology page."""
    w = WORDS["en" if lang == "en" else "zh"]
    spec = Target.from_row(SimpleNamespace(**{k: _get(indicator_row, k) for k in (
        "comparator", "target_value", "target_high", "target_year", "baseline_year", "direction",
        "measure", "method")}))
    code = str(_get(status_row, "status") or "no_data")
    t, Y, t0 = int(_get(status_row, "year")), spec.target_year, int(_get(status_row, "baseline_year") or spec.baseline_year)
    target_text = _n(spec.target_value) if spec.comparator != "range" else f"{_n(spec.target_value)}–{_n(spec.target_high)}"
    lines = [w["target"].format(op=spec.comparator, T=target_text, Y=Y, method=spec.method, t0=spec.baseline_year)]
    if spec.comparator == "qualitative" or spec.method == "milestone":
        return lines + [w["milestone"].format(label=statuses.label(code, lang))]
    v, b = _get(status_row, "value"), _get(status_row, "baseline_value")
    if v is None:
        return lines + [w["no_value"].format(t=t)]
    op, T, d, achieved = goal(spec, v)
    key = "growth" if spec.measure == "growth_rate" else "cumulative" if spec.is_cumulative else "level"
    lines.append(w[key].format(t=t, v=_n(v), b=_n(b), t0=t0))
    lines.append(w["met"].format(v=_n(v), op=op, T=_n(T), answer=w["yes"] if achieved else w["no"]))
    ratio = None
    if spec.measure == "growth_rate":
        cap = (op == "<=" and T >= 0) or (op == ">=" and T <= 0)
        if not (cap and achieved):
            ratio = T / v if cap and T != 0 else (-1.0 if cap else v / T)
            lines.append(w["cap" if cap and T != 0 else "zero_growth" if cap else "pace"].format(
                v=_n(v), T=_n(T), R=_n(ratio)))
    elif b is not None and t > t0:
        hold = (spec.target_value <= b <= (spec.target_high or spec.target_value)) if spec.comparator == "range" \
            else (b >= T if op == ">=" else b <= T)
        if hold:
            lines.append(w["hold"])
        if hold and achieved:
            pass
        elif spec.method == "cagr" and not spec.is_cumulative:
            b0, T0 = b or ZERO, T or ZERO
            direction = d if spec.comparator == "range" else (1 if spec.direction == "up" else -1)
            if (b0 > 0 > v) or (b0 < 0 < v) or T0 / b0 <= 0:
                lines.append(w["none"])
            else:
                g_o, g_r = (v / b0) ** (1 / (t - t0)) - 1, (T0 / b0) ** (1 / (Y - t0)) - 1
                ratio = -1.0 if g_r == 0 else (-1 if b < 0 else 1) * direction * g_o / abs(g_r)
                lines.append(w["cagr"].format(v=_n(v), b0=_n(b0), n=t - t0, g_o=_n(g_o), T0=_n(T0), N=Y - t0,
                                              g_r=_n(g_r), s=-1 if b < 0 else 1, d=direction, R=_n(ratio)))
        elif T == b:
            ratio = -1.0
            lines.append(w["hold_lost"])
        else:
            progress, time = d * (v - b) / abs(T - b), (t - t0) / (Y - t0)
            ratio = progress / time
            lines.append(w["linear"].format(d=d, v=_n(v), b=_n(b), T=_n(T), progress=_pct(100 * progress), t=t,
                                            t0=t0, Y=Y, time=_pct(100 * time), R=_n(ratio)))
    else:
        lines.append(w["none"])
    mine = "achieved" if achieved else _ratio_from(ratio)
    lines.append(w["status"].format(label=statuses.badge(mine, lang), stored=statuses.badge(code, lang),
                                    score=_n(score_from_ratio(ratio, achieved))))
    rate = "%" if spec.measure == "growth_rate" or (spec.method == "cagr" and not spec.is_cumulative) else ""
    req, ach = _get(status_row, "required_annual_change"), _get(status_row, "achieved_annual_change")
    lines.append(w["effort"].format(Y=Y, proj=_n(_get(status_row, "projected_value")),
                                    req=_n(req) + (rate if req is not None else ""),
                                    ach=_n(ach) + (rate if ach is not None else "")))
    return lines
