"""The causes and measures a unit's submission carries: for a figure that leaves its target short,
the cause (原因分析) and the measures (下一步措施), written in the same row as the figure. They are
the office's commentary (queries/schema/02c_commentary.sql, per target, area and year) once the
submission is accepted; until then they are stored under the submission's batch and not in force.

``split`` takes those columns out of the sheet, so the figures meet the importer's checks unchanged,
and returns them by spreadsheet row; ``rows`` pairs them with the checked figures' keys."""
from __future__ import annotations

import pandas as pd

from tracker.importer import bounds
from tracker.importer.findings import Finding
from tracker.importer.sheet import Sheet, clean

# the stored field → the headers a file may give it (Chinese, English)
FIELDS: dict[str, tuple[str, str]] = {
    "cause_zh": ("原因分析", "cause_zh"),
    "measures_zh": ("下一步措施", "measures_zh"),
    "cause_en": ("原因分析（英文）", "cause_en"),
    "measures_en": ("下一步措施（英文）", "measures_en"),
}
COLUMNS = ["indicator_id", "area_code", "year", *FIELDS]


def template_headers(lang: str) -> list[str]:
    """The two columns a unit's template adds, in the language its people write."""
    return ["cause_en", "measures_en"] if lang == "en" else [FIELDS["cause_zh"][0], FIELDS["measures_zh"][0]]


def _field(header: str | None) -> str | None:
    text = clean(header or "").lower()
    return next((f for f, names in FIELDS.items() if text in (names[0].lower(), names[1])), None)


def split(sheet: Sheet) -> tuple[Sheet, dict[int, dict[str, str]]]:
    """The sheet without its cause and measures columns, and those texts by spreadsheet row (rows with
    none left out)."""
    fields = [_field(h) for h in sheet.headers]
    if not any(fields):
        return sheet, {}
    keep = [i for i, f in enumerate(fields) if f is None]
    figures = Sheet(sheet.file_name, sheet.kind, headers=[sheet.headers[i] for i in keep],
                    rows=[(n, [cells[i] if i < len(cells) else None for i in keep]) for n, cells in sheet.rows],
                    merged=sheet.merged, findings=sheet.findings, encoding=sheet.encoding)
    texts = {}
    for n, cells in sheet.rows:
        found = {f: clean(cells[i]) for i, f in enumerate(fields)
                 if f and i < len(cells) and cells[i] is not None and clean(cells[i])}
        if found:
            texts[n] = found
    return figures, texts


def _bad(row: int, zh: str, en: str) -> Finding:
    return Finding(row, "cause_zh", "reporting.cause", zh, en)


def rows(texts: dict[int, dict[str, str]], figures: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """The commentary rows to store (COLUMNS), each keyed by the figure of its row; findings for a text
    too long or holding control characters, and for a cause in a row without a figure."""
    keys = {int(r["row"]): r for r in figures.to_dict("records")} if len(figures) else {}
    out, found = [], []
    for n, given in sorted(texts.items()):
        for field, text in given.items():
            found += bounds.text_findings(n, field, text, bounds.NOTE_LIMIT)
        figure = keys.get(n)
        if figure is None:
            found.append(_bad(n, "原因和措施须与该指标的数值写在同一行。",
                              "A cause and measures go in the row of the figure they explain."))
            continue
        out.append({"indicator_id": figure["indicator_id"], "area_code": figure["area_code"],
                    "year": int(figure["year"]), **{f: given.get(f) for f in FIELDS}})
    return pd.DataFrame(out, columns=COLUMNS), found
