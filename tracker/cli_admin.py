"""The command line's write commands: import, rollback, batches, milestone, hash-password.

``tracker.cli.parser`` calls ``add_commands(sub)``. Exit codes as everywhere: 0 success, 2 when the
files (or the batch id) fail the checks, with nothing written and every finding printed as row,
column and message (English by default, ``--lang zh`` for Chinese), 1 any other error.
"""
from __future__ import annotations

import getpass
import os
import sys

from tracker import db, opening
from tracker.cells import safe_frame
from tracker.importer import apply, auth
from tracker.importer.findings import Finding
from tracker.importer.results import Preview

MAX_LISTED = 200


def _who(args) -> str:
    return args.by or os.environ.get("USER") or "command line"


def print_findings(findings: list[Finding], lang: str, *, warnings: bool = False) -> None:
    for f in findings[:MAX_LISTED]:
        where = []
        if f.file_name:
            where.append(f.file_name)
        if f.row is not None:
            rows = f.row_label(lang)
            where.append(f"第{rows}行" if lang == "zh" else f"row{'s' if f.rows else ''} {rows}")
        if f.column:
            where.append(f"“{f.column_label(lang)}”列" if lang == "zh" else f"column {f.column_label(lang)}")
        print(("，" if lang == "zh" else ", ").join(where) + ("：" if lang == "zh" else ": ") + f.message(lang)
              if where else f.message(lang), file=sys.stderr)
    if len(findings) > MAX_LISTED:
        more = len(findings) - MAX_LISTED
        print(f"……另有{more}条问题" if lang == "zh" else f"... and {more} more finding(s)", file=sys.stderr)
    if warnings:
        print(f"共{len(findings)}条提醒，未写入任何数据。核对无误后，加 --accept-warnings 再次导入。" if lang == "zh"
              else f"{len(findings)} warning(s); nothing was written. When the figures are right, import again "
                   "with --accept-warnings.", file=sys.stderr)
        return
    print(f"共{len(findings)}条问题，未写入任何数据。" if lang == "zh"
          else f"{len(findings)} finding(s); nothing was written.", file=sys.stderr)


def print_warnings(result: Preview, lang: str) -> None:
    """A dry run's plausibility warnings, each with its row, column and comparison."""
    if not result.warnings:
        return
    print(f"提醒（{len(result.warnings)}条，导入时须确认）：" if lang == "zh"
          else f"Warnings ({len(result.warnings)}; an import needs --accept-warnings):")
    for f in result.warnings[:MAX_LISTED]:
        rows = f.row_label(lang)
        print(f"  第{rows}行，“{f.column_label(lang)}”列：{f.message(lang)}" if lang == "zh"
              else f"  row{'s' if f.rows else ''} {rows}, column {f.column_label(lang)}: {f.message(lang)}")


def print_preview(result: Preview, lang: str) -> None:
    counts = result.counts()
    if lang == "zh":
        print(f"{result.file_name}：新增{counts['new']}条，修订{counts['revised']}条，未变{counts['unchanged']}条，"
              f"跳过空行{result.skipped}条" + (f"（编码 {result.encoding}）" if result.encoding else ""))
    else:
        print(f"{result.file_name}: {counts['new']} new, {counts['revised']} revised, {counts['unchanged']} unchanged, "
              f"{result.skipped} blank row(s) skipped" + (f" (read as {result.encoding})" if result.encoding else ""))
    shown = result.to_write().head(20)
    if len(shown):
        keep = [c for c in ("row", "file_table", "key", "indicator_id", "area_code", "plan_id", "year", "section",
                            "value", "milestone",
                            "previous_value", "change") if c in shown.columns]
        print(shown[keep].to_string(index=False))
    if len(result.rollup):
        print("乡镇（街道）数据将替换以下区县和全市数值：" if lang == "zh"
              else "The township rows set these district and city figures:")
        print(result.rollup.round({"value_before": 1, "value_after": 1}).to_string(index=False))


def cmd_import(args) -> int:
    opening.ensure()
    uploads = []
    for name in args.files:
        with open(name, "rb") as handle:
            uploads.append((os.path.basename(name), handle.read()))
    try:
        if args.dry_run:
            result = apply.dry_run(uploads)
            if not result.ok:
                raise apply.Rejected(result.findings)
            print_preview(result, args.lang)
            print_warnings(result, args.lang)
            return 0
        outcome = apply.commit(uploads, _who(args), accept_warnings=args.accept_warnings)
    except apply.Unconfirmed as exc:
        print_findings(exc.findings, args.lang, warnings=True)
        return 2
    except apply.Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    print_preview(outcome.preview, args.lang)
    if outcome.batch_id is not None and outcome.preview is not None and outcome.preview.warnings:
        n = len(outcome.preview.warnings)
        print(f"已确认{n}条提醒并导入。" if args.lang == "zh" else f"{n} warning(s) accepted.")
    if outcome.batch_id is None:
        print("没有需要写入的变化。" if args.lang == "zh" else "Nothing changed; nothing was written.")
    else:
        print(f"已导入批次 {outcome.batch_id}（{outcome.rows}行）。" if args.lang == "zh"
              else f"imported batch {outcome.batch_id} ({outcome.rows} rows)")
    return 0


def cmd_rollback(args) -> int:
    opening.ensure()
    try:
        outcome = apply.rollback(args.batch_id, _who(args))
    except apply.Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    print(f"已撤销批次 {args.batch_id}，记为批次 {outcome.batch_id}。" if args.lang == "zh"
          else f"rolled back batch {args.batch_id}, recorded as batch {outcome.batch_id}")
    return 0


def cmd_batches(args) -> int:
    opening.ensure()
    safe_frame(db.run("batches")).to_csv(sys.stdout, index=False)
    return 0


def cmd_milestone(args) -> int:
    opening.ensure()
    try:
        outcome = apply.set_milestone(args.indicator_id, args.area_code, args.year, args.status, args.note,
                                      _who(args))
    except apply.Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    if outcome.batch_id is None:
        print("进展状态未变。" if args.lang == "zh" else "The milestone is unchanged; nothing was written.")
    else:
        print(f"已记录，批次 {outcome.batch_id}。" if args.lang == "zh" else f"recorded as batch {outcome.batch_id}")
    return 0


def cmd_hash_password(args) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("the two passwords differ", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 8:
        print("use at least 8 characters", file=sys.stderr)
        return 2
    print(auth.hash_password(password))
    print(f"set it as {auth.ENV}='…' or in .streamlit/secrets.toml under [admin] password_hash", file=sys.stderr)
    return 0


def add_commands(sub) -> None:
    lang = dict(choices=["en", "zh"], default="en", help="language of the messages (default en)")

    p = sub.add_parser("import", help="check and import an observation file (.xlsx or .csv) or catalogue CSVs")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="one observation file, or catalogue files (plans / actions / mechanisms / indicators)")
    p.add_argument("--dry-run", action="store_true", help="check and show what would change; write nothing")
    p.add_argument("--accept-warnings", action="store_true",
                   help="write the figures even though some look implausible (listed by --dry-run)")
    p.add_argument("--by", help="who is importing (default: $USER)")
    p.add_argument("--lang", **lang)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("rollback", help="undo one import batch (the values before it are in force again)")
    p.add_argument("batch_id", metavar="BATCH_ID", help="a batch id from `python -m tracker batches`")
    p.add_argument("--by", help="who is rolling back (default: $USER)")
    p.add_argument("--lang", **lang)
    p.set_defaults(func=cmd_rollback)

    p = sub.add_parser("batches", help="every import batch, newest first, as CSV")
    p.set_defaults(func=cmd_batches)

    p = sub.add_parser("milestone", help="set a qualitative target's milestone for an area and year")
    p.add_argument("indicator_id", metavar="INDICATOR")
    p.add_argument("area_code", metavar="AREA")
    p.add_argument("year", metavar="YEAR")
    p.add_argument("status", metavar="STATUS", help="not_started, in_progress or done (or 未启动 / 推进中 / 已完成)")
    p.add_argument("--note", help="what happened, e.g. the document that completed it")
    p.add_argument("--by", help="who is recording it (default: $USER)")
    p.add_argument("--lang", **lang)
    p.set_defaults(func=cmd_milestone)

    p = sub.add_parser("hash-password", help="print a salted hash of an administrator password (read from the terminal or stdin)")
    p.set_defaults(func=cmd_hash_password)
