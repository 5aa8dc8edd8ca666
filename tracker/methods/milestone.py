"""Milestones: a qualitative target's stage (not started, in progress, done) is entered by people; no
ratio is computed, and at the target year it is completed when done."""
from __future__ import annotations

from tracker.methods.base import Method

METHOD = Method(
    name="milestone",
    label={"zh": "里程碑（人工录入）", "en": "Milestones (entered by people)"},
    final_label={"zh": "终期：里程碑已完成即为已完成", "en": "Final: completed when the milestone is done"},
    text={"zh": "- **里程碑法**（定性目标）：由人工填报里程碑（未启动、推进中、已完成），不计算进展比。",
          "en": "- **Milestones** (qualitative targets): people enter the stage (not started, in progress, done); "
                "no ratio is computed."},
    formula_title={"zh": "里程碑法", "en": "Milestones"},
    formulas=lambda words: (),
)
