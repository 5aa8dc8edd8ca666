"""An area as a clerk writes it, to its code: the code itself, "330281 余姚市", 余姚市, 余姚, Yuyao,
全市 or 宁波市 for the city, and a township by its name (南门街道, or 南门) where the name is unique in
its district (the row's district, when it names one) or in the city.

``AreaNames`` is built from the areas and townships tables; ``code_of`` returns a code or None, and
``closest`` the few codes nearest to a name it does not know, written "330281 余姚市" (the form the
template's area column offers), for the finding's suggestion.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from tracker.importer.sheet import clean

CITY_WORDS = ("全市", "市本级", "全市合计", "whole city", "city", "citywide", "city total")
# the endings a name may be written without: 余姚市 → 余姚, 南门街道 → 南门, Yuyao City → Yuyao
ZH_ENDINGS = ("街道办事处", "街道", "市", "区", "县", "镇", "乡")
EN_ENDINGS = (" city", " district", " county", " subdistrict", " town", " township")
_CODE_FIRST = re.compile(r"^(\d{6}(?:\d{3})?(?!\d)|R-WEAK)\s*(?:[:：·_/|-]\s*)?(.+)$", re.IGNORECASE)
_BRACKETED = re.compile(r"^[（(](.+)[)）]$")


def key(text: str) -> str:
    """A name for comparison: NFKC, lower case, inner blanks removed."""
    return re.sub(r"\s+", "", clean(text).lower())


def short_forms(name: str) -> set[str]:
    """A name and the forms it may be written in without its ending."""
    forms = {key(name)}
    low = clean(name).lower()
    for ending in EN_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending):
            forms.add(key(low[: -len(ending)]))
    for ending in ZH_ENDINGS:
        text = clean(name)
        if text.endswith(ending) and len(text) > len(ending) + 1:
            forms.add(key(text[: -len(ending)]))
    return forms


@dataclass(frozen=True)
class AreaNames:
    labels: dict[str, str] = field(default_factory=dict)               # code → "330281 余姚市"
    areas: dict[str, str] = field(default_factory=dict)                # name form → area code
    townships: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # district → name form → codes
    township_city: dict[str, list[str]] = field(default_factory=dict)  # name form → township codes

    @classmethod
    def build(cls, areas: Iterable[dict[str, Any]], townships: Iterable[dict[str, Any]]) -> "AreaNames":
        labels: dict[str, str] = {}
        names: dict[str, set[str]] = {}
        for r in areas:
            code = str(r["area_code"])
            labels[code] = f"{code} {r['name_zh']}"
            for name in (r.get("name_zh"), r.get("name_en")):
                for form in short_forms(name) if name else ():
                    names.setdefault(form, set()).add(code)
            if r.get("kind") == "city":
                for word in CITY_WORDS:
                    names.setdefault(key(word), set()).add(code)
        by_district: dict[str, dict[str, list[str]]] = {}
        city: dict[str, list[str]] = {}
        for r in townships:
            code, district = str(r["township_code"]), str(r["district_code"])
            labels[code] = f"{code} {r['name_zh']}"
            for name in (r.get("name_zh"), r.get("name_en")):
                for form in short_forms(name) if name else ():
                    by_district.setdefault(district, {}).setdefault(form, []).append(code)
                    city.setdefault(form, []).append(code)
        unique = {form: codes.pop() for form, codes in names.items() if len(codes) == 1}
        return cls(labels, unique, by_district, city)

    def code_of(self, text: str | None, district: str | None = None) -> str | None:
        """The code a cell means, or None. A district (a code, or a name) narrows a township's name."""
        if text is None or clean(text) == "":
            return None
        raw = clean(text)
        if raw.upper() in self.labels:
            return raw.upper()
        written = _CODE_FIRST.match(raw)
        if written and written.group(1).upper() in self.labels:
            code, name = written.group(1).upper(), written.group(2).strip()
            name = _BRACKETED.sub(r"\1", name)
            return code if key(name) in self._forms_of(code) else None
        forms = [key(raw), *sorted(short_forms(raw) - {key(raw)})]
        for form in forms:
            if form in self.areas:
                return self.areas[form]
        where = self.code_of(district) if district else None
        for form in forms:
            codes = set(self.townships.get(where, {}).get(form, []) if where else self.township_city.get(form, []))
            if codes:
                return codes.pop() if len(codes) == 1 else None
        return None

    def _forms_of(self, code: str) -> set[str]:
        label = self.labels[code].split(" ", 1)[1]
        forms = short_forms(label) | {f for f, c in self.areas.items() if c == code}
        forms |= {f for f, codes in self.township_city.items() if code in codes}
        return forms

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The codes nearest to what was written, as "330281 余姚市"; none when nothing is close."""
        form = key(text)
        candidates: dict[str, str] = {f: c for f, c in self.areas.items()}
        for f, codes in self.township_city.items():
            candidates.setdefault(f, codes[0])
        for code in self.labels:
            candidates.setdefault(key(code), code)
        picked: list[str] = []
        for near in difflib.get_close_matches(form, list(candidates), n=12, cutoff=0.5):
            code = candidates[near]
            if code not in picked:
                picked.append(code)
        return [self.labels[c] for c in picked[:n]]
