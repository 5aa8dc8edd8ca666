"""Linear: R = 完成进度 / 序时进度, the trend the least-squares slope of the last three points."""
from __future__ import annotations

import numpy as np

from tracker.methods.base import HOLD_BROKEN, Method, Pace, Point, Step, n, pct, tex


def slope(years: np.ndarray, values: np.ndarray) -> float:
    """Least-squares slope of the last three points; two points give base → latest."""
    if len(years) >= 3:   # plain floats: numpy's per-call cost dwarfs three points
        x, y = [float(v) for v in years[-3:]], [float(v) for v in values[-3:]]
        xm, ym = (x[0] + x[1] + x[2]) / 3, (y[0] + y[1] + y[2]) / 3
        dx = [v - xm for v in x]
        return (dx[0] * (y[0] - ym) + dx[1] * (y[1] - ym) + dx[2] * (y[2] - ym)) / (dx[0] ** 2 + dx[1] ** 2 + dx[2] ** 2)
    return float((values[-1] - values[0]) / (years[-1] - years[0]))


def pace_with(p: Point, trend: float) -> Pace:
    """R, projection and effort of a linear-type method whose yearly trend is ``trend``."""
    rate = (p.v - p.b) / (p.year - p.base_year)
    out = Pace(achieved_annual_change=rate, projected_value=p.v + trend * max(p.left, 0))
    if p.hold and p.achieved:
        out.kind = "hold"
        return out
    if p.progress is None:                       # target == base, no longer met
        out.ratio, out.kind = HOLD_BROKEN, "hold_lost"
    else:
        out.ratio, out.kind = p.progress / p.time_pct, "linear"
        out.parts = dict(progress=p.progress, time=p.time_pct)
    if not p.achieved and p.left > 0:
        out.required_annual_change = (p.goal - p.v) / p.left
    return out


def pace(p: Point) -> Pace:
    return pace_with(p, slope(p.years, p.q))


WORDS = {
    "zh": "完成进度 = {d}×({v} − {b})/|{T} − {b}| = {progress}；序时进度 = ({t} − {t0})/({Y} − {t0}) = {time}；R = {R}。",
    "en": "progress = {d}×({v} − {b})/|{T} − {b}| = {progress}; time elapsed = ({t} − {t0})/({Y} − {t0}) = {time}; R = {R}.",
}
PROGRESS_WORDS = {"zh": ("完成进度", "序时进度"), "en": ("progress", "time elapsed")}


def explain(p: Point, out: Pace, lang: str) -> Step:
    """The ratio as the engine computed it: 完成进度 and 序时进度 from ``out.parts``."""
    lang = "en" if lang == "en" else "zh"
    progress, time = out.parts["progress"], out.parts["time"]
    t, t0, Y = p.year, p.base_year, p.target.target_year
    word_p, word_t = PROGRESS_WORDS[lang]
    return Step(WORDS[lang].format(d=p.d, v=n(p.v), b=n(p.b), T=n(p.goal), progress=pct(progress), t=t, t0=t0, Y=Y,
                                   time=pct(time), R=n(out.ratio)),
                (rf"\text{{{word_p}}} = \frac{{{tex(p.d)} \times ({tex(p.v)} - {tex(p.b)})}}"
                 rf"{{\lvert {tex(p.goal)} - {tex(p.b)} \rvert}} = {tex(progress)}\%",
                 rf"\text{{{word_t}}} = \frac{{{t} - {t0}}}{{{Y} - {t0}}} = {tex(time)}\%",
                 rf"R = \frac{{{tex(progress)}\%}}{{{tex(time)}\%}} = {tex(out.ratio)}"))


def formulas(words: dict[str, str]) -> tuple[str, ...]:
    progress, elapsed = words["progress"], words["elapsed"]
    return (rf"\text{{{progress}}} = \frac{{d\,(v_t - b)}}{{\lvert T - b \rvert}},\qquad "
            rf"\text{{{elapsed}}} = \frac{{t - t_0}}{{Y - t_0}}",
            rf"R = \frac{{\text{{{progress}}}}}{{\text{{{elapsed}}}}}")


METHOD = Method(
    name="linear",
    label={"zh": "线性：完成进度÷序时进度", "en": "Linear: progress ÷ time elapsed"},
    final_label={"zh": "终期：完成进度 =（实际值 − 基数）÷（目标 − 基数）",
                 "en": "Final: progress = (value − base) ÷ (target − base)"},
    text={"zh": "- **线性法**：完成进度 = (当前值 − 基数)/(目标 − 基数)，序时进度 = (当年 − 基年)/(目标年 − 基年)，"
                "R = 完成进度/序时进度；目标年数值按最近三年的最小二乘斜率推算。",
          "en": "- **Linear**: progress = (value − base)/(target − base), time elapsed = (year − base year)/(target year "
                "− base year), R = progress / time elapsed; the target-year value is projected along the least-squares "
                "slope of the last three years."},
    formula_title={"zh": "线性法", "en": "Linear"},
    formulas=formulas,
    pace=pace,
    explain=explain,
)
