"""Compound growth, exactly as Open SDG: g_o = (v_t/v_0)^(1/(t−t_0)) − 1, g_r = (T/v_0)^(1/(Y−t_0)) − 1,
R = s·d·g_o/|g_r|; a zero base or target becomes 0.001; base and latest of opposite sign, or a target
of the opposite sign to the base (g_r undefined), give no ratio."""
from __future__ import annotations

from tracker.methods.base import HOLD_BROKEN, ZERO, Method, Pace, Point, Step, n, tex


def pace(p: Point) -> Pace:
    t = p.target
    b0, tz = p.b or ZERO, p.goal or ZERO
    out = Pace(kind="hold" if p.hold and p.achieved else "none")
    if not ((b0 > 0 and p.v < 0) or (b0 < 0 and p.v > 0)):
        g_o = (p.v / b0) ** (1.0 / (p.year - p.base_year)) - 1.0
        out.achieved_annual_change = 100.0 * g_o
        out.projected_value = p.v * (1.0 + g_o) ** p.left if p.left > 0 else p.v
        if tz / b0 > 0 and not (p.hold and p.achieved):
            g_r = (tz / b0) ** (1.0 / (t.target_year - p.base_year)) - 1.0
            direction = p.d if t.comparator == "range" else (1 if t.direction == "up" else -1)
            sign = -1 if p.b < 0 else 1
            out.ratio = HOLD_BROKEN if g_r == 0 else sign * direction * g_o / abs(g_r)
            out.kind = "cagr"
            out.parts = dict(b0=b0, T0=tz, g_o=g_o, g_r=g_r, s=sign, d=direction)
    v0 = p.v or ZERO
    if not p.achieved and p.left > 0 and tz / v0 > 0:
        out.required_annual_change = 100.0 * ((tz / v0) ** (1.0 / p.left) - 1.0)
    return out


WORDS = {
    "zh": "g_o = ({v}/{b0})^(1/{n}) − 1 = {g_o}；g_r = ({T0}/{b0})^(1/{N}) − 1 = {g_r}；R = {s}×{d}×{g_o}/|{g_r}| = {R}。",
    "en": "g_o = ({v}/{b0})^(1/{n}) − 1 = {g_o}; g_r = ({T0}/{b0})^(1/{N}) − 1 = {g_r}; R = {s}×{d}×{g_o}/|{g_r}| = {R}.",
}


def explain(p: Point, out: Pace, lang: str) -> Step:
    """The ratio as the engine computed it, from ``out.parts``."""
    x = out.parts
    k, big_n = p.year - p.base_year, p.target.target_year - p.base_year
    return Step(WORDS["en" if lang == "en" else "zh"].format(
                    v=n(p.v), b0=n(x["b0"]), n=k, g_o=n(x["g_o"]), T0=n(x["T0"]), N=big_n, g_r=n(x["g_r"]),
                    s=x["s"], d=x["d"], R=n(out.ratio)),
                (rf"g_o = \left(\frac{{{tex(p.v)}}}{{{tex(x['b0'])}}}\right)^{{1/{k}}} - 1 = {tex(x['g_o'])}",
                 rf"g_r = \left(\frac{{{tex(x['T0'])}}}{{{tex(x['b0'])}}}\right)^{{1/{big_n}}} - 1 = {tex(x['g_r'])}",
                 rf"R = \frac{{{tex(x['s'])} \times {tex(x['d'])} \times {tex(x['g_o'])}}}{{\lvert {tex(x['g_r'])} \rvert}}"
                 rf" = {tex(out.ratio)}"))


def formulas(words: dict[str, str]) -> tuple[str, ...]:
    return (r"g_o = \left(\frac{v_t}{v_0}\right)^{1/(t - t_0)} - 1,\qquad "
            r"g_r = \left(\frac{T}{v_0}\right)^{1/(Y - t_0)} - 1",
            r"R = s \cdot d \cdot \frac{g_o}{\lvert g_r \rvert}")


METHOD = Method(
    name="cagr",
    label={"zh": "复合增长率法（Open SDG）", "en": "Compound growth (Open SDG)"},
    final_label={"zh": "终期：目标年数值是否达到目标，未达到看完成进度",
                 "en": "Final: does the target-year figure meet the target; if not, progress"},
    text={"zh": "- **复合增长法**：实际年均增速 g_o = (v_t/v_0)^(1/(t−t_0)) − 1，所需年均增速 g_r = (T/v_0)^(1/(Y−t_0)) − 1，"
                "进展比 R = s·d·g_o/|g_r|（d：越大越好为+1，越小越好为−1；s：基数为负时为−1）。基数或目标为0时以0.001代替；"
                "目标年数值按实际增速延续推算，“每年还需”为所需年增速（%）。",
          "en": "- **Compound growth**: observed growth g_o = (v_t/v_0)^(1/(t−t_0)) − 1, required growth g_r = "
                "(T/v_0)^(1/(Y−t_0)) − 1, ratio R = s·d·g_o/|g_r| (d = +1 when higher is better, −1 when lower is better; "
                "s = −1 for a negative base). A zero base or target is replaced by 0.001; the target-year value continues "
                "the observed growth, and the effort still needed is a growth rate in % a year."},
    formula_title={"zh": "复合增长法", "en": "Compound growth"},
    formulas=formulas,
    pace=pace,
    explain=explain,
    compounds=True,
)
