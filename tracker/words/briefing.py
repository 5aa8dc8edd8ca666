"""The Briefing control (汇报材料): the deck or the report for what is on screen."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "briefing.label": ("汇报材料", "Briefing"),
    "briefing.lead": (
        "按当前年份、区县和语言制作汇报材料：可编辑的演示文稿（PPTX），或A4终期评估报告（PDF）。",
        "Make the meeting pack for the year, district and language shown: an editable deck (PPTX) or an "
        "A4 final-assessment report (PDF).",
    ),
    "briefing.format": ("格式", "Format"),
    "briefing.pptx": ("演示文稿（PPTX）", "Deck (PPTX)"),
    "briefing.pdf": ("报告（PDF）", "Report (PDF)"),
    "briefing.make": ("制作", "Make"),
    "briefing.making": ("正在制作，约需数秒……", "Making it: this takes a few seconds…"),
    "briefing.ready": ("已完成", "Ready"),
    "briefing.failed": ("无法制作", "Could not make it"),
    "briefing.download": ("下载{name}", "Download {name}"),
    "briefing.file": ("汇报材料", "briefing"),
}
