"""Strings for failures: the error boundary around every page, the damaged-snapshot notice on the
Data page, and a write that found nothing to record."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # the error boundary (components/frame.py guarded): one sentence and a reference for the log
    "boundary.failed": (
        "本页暂时无法显示：出现了意外问题，已记入日志（编号 {ref}）。请刷新页面重试；若仍不行，请把编号告诉管理员。",
        "This page cannot be shown right now: something unexpected went wrong and was logged (ref {ref}). "
        "Reload the page to try again; if that does not help, give the reference to an administrator.",
    ),
    "boundary.damaged": (
        "数据文件已损坏，且未能自动恢复，已记入日志（编号 {ref}）。请管理员运行 python -m tracker check。",
        "The data file is damaged and could not be recovered automatically; this was logged (ref {ref}). "
        "An administrator should run python -m tracker check.",
    ),
    "boundary.busy": (
        "数据正在更新，本页暂时无法显示，已记入日志（编号 {ref}）。请稍后刷新页面。",
        "The data is being updated, so this page cannot be shown right now; this was logged (ref {ref}). "
        "Reload the page in a moment.",
    ),
    # a damaged snapshot, recovered (components/screens/data/recovery.py, on the Data page)
    "recovery.public.restored": (
        "数据文件曾于{at}损坏，已自动恢复为{backup_time}的备份；此后导入的数据可能需要重新导入。",
        "The data file was found damaged on {at} and was restored automatically from the backup of "
        "{backup_time}; figures imported after that may need importing again.",
    ),
    "recovery.public.rebuilt": (
        "数据文件曾于{at}损坏且没有可用的备份，已按导入记录重新生成，此前导入的数据都在其中。",
        "The data file was found damaged on {at} with no usable backup, so it was rebuilt from the record of "
        "imports, with every figure imported before.",
    ),
    "recovery.admin.head": ("数据文件已自动恢复", "The data file was recovered automatically"),
    "recovery.admin.restored": (
        "{at}发现数据文件损坏（{problem}）。已恢复为通过检查的最新备份 {backup}（写入于{backup_time}）。"
        "损坏的文件保存在 {kept}，供排查。该备份之后导入或撤销的批次不在恢复后的数据中，请核对“导入记录”并重新导入。",
        "On {at} the data file was found damaged ({problem}). It was replaced by the newest backup that passes "
        "the check, {backup} (written {backup_time}). The damaged file is kept as {kept} for inspection. "
        "Batches imported or rolled back after that backup are not in the restored data: check the history "
        "and import them again.",
    ),
    "recovery.admin.rebuilt": (
        "{at}发现数据文件损坏（{problem}），且没有通过检查的备份，已按 data/ 和导入日志重新生成"
        "（重放 {batches} 个批次，含各批次的数值、撤销和目录更正）。损坏的文件保存在 {kept}，供排查。请核对“导入记录”。",
        "On {at} the data file was found damaged ({problem}) and no backup passed the check, so it was rebuilt "
        "from data/ and the import journal ({batches} batches replayed, with their figures, rollbacks and "
        "catalogue corrections). The damaged file is kept as {kept} for inspection. Check the history.",
    ),
    "recovery.admin.earlier": ("此前共自动恢复 {n} 次，详见 {record}。", "{n} earlier recoveries; see {record}."),
    # a write that found nothing new or revised once it held the lock
    "write.nothing_recorded": (
        "没有变化，未记录任何批次：这些数值已在当前数据中（可能刚由另一次导入写入）。",
        "Nothing changed, nothing recorded: these values are already in force (perhaps written by another "
        "import a moment ago).",
    ),
}
