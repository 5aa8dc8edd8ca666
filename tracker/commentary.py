"""The office's own words (DESIGN §4, Commentary) and each target's lead unit, as plain data for the
screens, the briefing and the reporting rounds.

Commentary is imported like figures (tracker/importer/commentary_import.py): per target, area and
year a cause (原因分析) and measures (下一步措施); per plan and year the four sections of an
evaluation. What is in force is the newest row of a batch still applied (queries/schema/03a, 03b).
Everything here is plain text: a Markdown or HTML sink takes it through components.safe.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from tracker import db

SECTIONS = ("overall", "achievements", "problems", "next_steps")
SECTION_TITLES = {
    "overall": {"zh": "总体评价", "en": "Overall assessment"},
    "achievements": {"zh": "主要成效", "en": "Main achievements"},
    "problems": {"zh": "存在问题", "en": "Problems"},
    "next_steps": {"zh": "下一步建议", "en": "Next steps"},
}
NOT_ASSIGNED = {"zh": "未指定", "en": "Not assigned"}


def _text(value: Any) -> str:
    """A stored text as a stripped string ('' for null, NaN or blank)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def in_lang(row: Mapping[str, Any], field: str, lang: str) -> str:
    """``field`` (cause, measures, text, lead_unit) in ``lang``, or in the other language when only that
    one was given (an English reader is better served by the Chinese words than by none); '' if neither."""
    mine, other = ("en", "zh") if lang == "en" else ("zh", "en")
    return _text(row.get(f"{field}_{mine}")) or _text(row.get(f"{field}_{other}"))


def lead_unit(row: Mapping[str, Any], lang: str) -> str:
    """A target's lead unit (牵头单位) in ``lang``; 未指定 / Not assigned when the catalogue names none."""
    return in_lang(row, "lead_unit", lang) or NOT_ASSIGNED["en" if lang == "en" else "zh"]


def target_notes(plan_id: str, year: int, path: Path | None = None) -> pd.DataFrame:
    """The cause and measures in force for every target and area of a plan in ``year``: one row per
    target and area with text (indicator_id, area_code, year, cause_zh, cause_en, measures_zh,
    measures_en; null where a text was not given)."""
    return db.run("commentary_targets", path=path, plan_id=plan_id, year=int(year))


def plan_sections(plan_id: str, year: int, path: Path | None = None) -> dict[str, dict[str, str]]:
    """The plan's evaluation sections in force for ``year``, in SECTIONS order, only those given:
    {"overall": {"zh": ..., "en": ...}, ...} ('' for a language not given)."""
    frame = db.run("commentary_plan", path=path, plan_id=plan_id, year=int(year))
    given = {row["section"]: {"zh": _text(row["text_zh"]), "en": _text(row["text_en"])}
             for row in frame.to_dict("records")}
    return {section: given[section] for section in SECTIONS if section in given}


def latest_note(notes: Iterable[Mapping[str, Any]], indicator_id: str, area_code: str,
                year: int | None = None) -> dict[str, Any] | None:
    """The note a screen shows for a target and area: the newest year's up to ``year`` (every year when
    None), from rows of queries/commentary_notes.sql; None when there is none."""
    mine = [dict(r) for r in notes if r["indicator_id"] == indicator_id and str(r["area_code"]) == str(area_code)
            and (year is None or int(r["year"]) <= int(year))]
    return max(mine, key=lambda r: int(r["year"])) if mine else None
