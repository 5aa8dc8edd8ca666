"""Cumulative: the sum of the yearly additions since the base year (base 0) against the target, R =
完成进度 / 序时进度 as in the linear method, the trend the mean yearly addition."""
from __future__ import annotations

from tracker.methods import linear
from tracker.methods.base import Method, Pace, Point


def pace(p: Point) -> Pace:
    return linear.pace_with(p, (p.v - p.b) / (p.year - p.base_year))


def formulas(words: dict[str, str]) -> tuple[str, ...]:
    progress, elapsed = words["progress"], words["elapsed"]
    return (rf"v_t = \sum_{{k = t_0 + 1}}^{{t}} \Delta_k,\qquad \text{{{progress}}} = \frac{{v_t}}{{T}},\qquad "
            rf"\text{{{elapsed}}} = \frac{{t - t_0}}{{Y - t_0}}",
            rf"R = \frac{{\text{{{progress}}}}}{{\text{{{elapsed}}}}}")


METHOD = Method(
    name="cumulative",
    label={"zh": "累计：完成进度÷序时进度", "en": "Cumulative: progress ÷ time elapsed"},
    final_label={"zh": "终期：完成进度 = 新增量之和 ÷ 目标", "en": "Final: progress = sum of additions ÷ target"},
    text={"zh": "- **累计法**：比较对象为基年之后新增量之和（基数为0），完成进度 = 新增量之和/目标，R = 完成进度/序时进度；"
                "目标年数值按年均新增量推算。",
          "en": "- **Cumulative**: the compared quantity is the sum of the additions since the base year (base 0), "
                "progress = sum of additions / target, R = progress / time elapsed; the target-year value adds the mean "
                "yearly addition for each year left."},
    formula_title={"zh": "累计法", "en": "Cumulative"},
    formulas=formulas,
    pace=pace,
    explain=linear.explain,
    measures_as="sum",
)
