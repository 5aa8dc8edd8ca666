"""The office's own words for the pack: per target and area the cause (原因分析) and measures
(下一步措施), per plan and year the sections 总体评价, 主要成效, 存在问题, 下一步建议, and each
target's lead unit (牵头单位), read through tracker/commentary.py in the pack's language. A cause
not written stays blank here and the deck and the report say "原因待填报" (tracker/brief/words.py);
a lead unit not named is commentary's 未指定 / Not assigned."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from tracker import commentary


@dataclass(frozen=True)
class OfficeWords:
    sections: dict[str, str] = field(default_factory=dict)                   # section → text in the language
    notes: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (indicator, area) → (cause, measures)

    def note(self, indicator_id: str, area_code: str) -> tuple[str, str]:
        return self.notes.get((indicator_id, area_code), ("", ""))


def read(plan_id: str, year: int, lang: str) -> OfficeWords:
    """The office's words for one plan and year in ``lang`` (the other language's when only that one
    was written); nothing when none were imported."""
    sections = {}
    for key, texts in commentary.plan_sections(plan_id, year).items():
        text = (texts.get(lang) or texts.get("zh" if lang == "en" else "en") or "").strip()
        if text:
            sections[key] = text
    frame = commentary.target_notes(plan_id, year)
    notes = {(str(r["indicator_id"]), str(r["area_code"])): (commentary.in_lang(r, "cause", lang),
                                                              commentary.in_lang(r, "measures", lang))
             for r in frame.to_dict("records")}
    return OfficeWords(sections, notes)


def lead_unit(row: Mapping[str, Any], lang: str) -> str:
    """The target's 牵头单位 as the catalogue gives it (未指定 / Not assigned when blank)."""
    return commentary.lead_unit(row, lang)
