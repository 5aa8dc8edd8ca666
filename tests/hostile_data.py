"""A warehouse whose outside text is hostile, loaded through the real import paths.

The demo warehouse is copied; then the catalogue import rewrites the plan's name, every action's
name and summary and every target's name, with units, plan wording and notes for a few, and an
observation import brings values whose ``source`` and ``note`` are hostile. Each hostile text
carries Markdown that would draw a link, a remote image, colour, an icon, the Streamlit logo, LaTeX
and bold if a screen rendered it, plus bare addresses that Streamlit would link.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

from tracker import paths
from tracker.importer import apply

EVIL = "evil.example"
HOSTILE = (f"![x](http://{EVIL}/img.png) [login](https://{EVIL}/login) https://{EVIL}/bare www.{EVIL} "
           f"someone@{EVIL} :red[ZZRED] :material/bolt: :streamlit: $ZZMATH^2$ **ZZBOLD** "
           f"<img src=http://{EVIL}/h.png>")
# what may never appear in the Markdown a page sends: each is a live piece of HOSTILE
LIVE = ("](", "![", ":red[", ":material/", ":streamlit:", "http://", "https://", f"www.{EVIL}", f"@{EVIL}",
        "$ZZMATH", "**ZZBOLD", "<img")
MARKER = "ZZRED"

MAPPED = "A12-06"
TARGETS_WITH_FIGURES = ("A12-01", "A12-06", "A07-03")


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _csv(fields: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _hostile(text: str) -> str:
    return f"{text} {HOSTILE}"


def catalogue_files() -> list[tuple[str, bytes]]:
    """plans, actions and indicators as the catalogue import takes them, with hostile text."""
    files = []
    fields, plans = _rows(paths.CATALOG / "plans.csv")
    for row in plans:
        row["name_zh"], row["name_en"] = _hostile(row["name_zh"]), _hostile(row["name_en"])
    files.append(("plans.csv", _csv(fields, plans)))
    fields, actions = _rows(paths.CATALOG / "actions.csv")
    for row in actions:
        for col in ("name_zh", "name_en", "summary_zh", "summary_en"):
            row[col] = _hostile(row[col])
    files.append(("actions.csv", _csv(fields, actions)))
    fields, indicators = _rows(paths.CATALOG / "indicators.csv")
    for row in indicators:
        row["name_zh"], row["name_en"] = _hostile(row["name_zh"]), _hostile(row["name_en"])
        if row["indicator_id"] in TARGETS_WITH_FIGURES:
            row["source_quote"] = _hostile(row["source_quote"])
            row["note"] = f"{HOSTILE} / {HOSTILE}"
            if row["unit_zh"]:
                row["unit_zh"], row["unit_en"] = f"{row['unit_zh']} [u](https://{EVIL}/u)", f"{row['unit_en']} :red[u]"
    files.append(("indicators.csv", _csv(fields, indicators)))
    return files


def observation_file() -> tuple[str, bytes]:
    """New 2025 city values for a few targets, each with a hostile source and note."""
    lines = ["indicator_id,area_code,year,value,source,note"]
    for i, indicator_id in enumerate(TARGETS_WITH_FIGURES):
        if indicator_id != MAPPED:
            lines.append(f'{indicator_id},330200,2025,{91.5 + i},"{HOSTILE}","{HOSTILE}"')
    # a township-reported target takes township rows (its district figure is rolled up from them)
    lines.append(f'{MAPPED},330212001,2025,1,"{HOSTILE}","{HOSTILE}"')
    return "hostile.csv", ("\n".join(lines) + "\n").encode("utf-8")


def build_hostile(demo: Path, target: Path) -> Path:
    """Copy the demo warehouse to ``target`` and load the hostile catalogue and figures into it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo, target)
    apply.commit(catalogue_files(), "测试 <b>[x](https://evil.example)</b>", path=target)
    apply.commit([observation_file()], "测试 :red[who]", path=target, accept_warnings=True)
    return target


def live_parts(markdown: str) -> list[str]:
    """The pieces of HOSTILE that would still act in ``markdown`` (empty when it is inert): a piece
    is live when it appears as written, its first character not escaped by a backslash."""
    return [piece for piece in LIVE if re.search(r"(?<!\\)" + re.escape(piece), markdown)]


