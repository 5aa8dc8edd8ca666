"""The reporting findings: one problem with a submission, a round or a review, in both languages, as
the importer's findings are (tracker/importer/findings.py), so the command line and the screen say
the same thing."""
from __future__ import annotations

from typing import Any

from tracker.importer.findings import Finding

MESSAGES: dict[str, tuple[str, str]] = {
    "unit.unknown": ("没有编号为“{value}”的填报单位。", "There is no reporting unit “{value}”."),
    "round.none": ("还没有开启填报轮次。请先运行 round open。", "No reporting round is open: run round open first."),
    "round.unknown": ("没有编号为“{value}”的填报轮次。", "There is no reporting round “{value}”."),
    "round.year": ("{year}年不在规划期内（{start}—{end}年）。", "{year} is outside the plan's period ({start}–{end})."),
    "round.deadline": ("截止日期“{value}”不是 YYYY-MM-DD 格式的日期。",
                       "The deadline “{value}” is not a date written YYYY-MM-DD."),
    "round.plan": ("没有编号为“{value}”的规划。", "There is no plan “{value}”."),
    "submit.catalog": ("填报只能包含数据，不能包含目录文件。", "A submission holds figures, not catalogue files."),
    "submit.not_assigned": ("{indicator}（{area}，{year}年）不是本单位（{unit}）本轮的填报任务。",
                            "{indicator} ({area}, {year}) is not one of {unit}'s items in this round."),
    "review.unknown": ("没有编号为“{value}”的报送。", "There is no submission “{value}”."),
    "review.state": ("报送“{value}”已处理（{state}），不能再次审核。",
                     "Submission “{value}” has already been reviewed ({state})."),
    "review.reason": ("退回时须写明原因。", "A return needs a reason."),
}


def _pick(value: Any, index: int) -> Any:
    return value[index] if isinstance(value, tuple) else value


def problem(row: int | None, column: str | None, code: str, **values: Any) -> Finding:
    """A finding from a message code; a value given as a (zh, en) pair is used per language."""
    zh, en = MESSAGES[code]
    return Finding(row, column, code, zh.format(**{k: _pick(v, 0) for k, v in values.items()}),
                   en.format(**{k: _pick(v, 1) for k, v in values.items()}))
