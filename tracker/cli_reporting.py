"""The command line's reporting commands: units, round open / status / list / items, review accept /
return / preview, and ``import FILE --unit UNIT_ID`` (a unit's submission: ``add_commands`` adds the
option to the import command and sends a file with it here, any other to ``tracker.cli_admin.cmd_import``).
``tracker.cli.parser`` hands in its CSV writer and default plan, so nothing here imports tracker.cli.

Exit codes as everywhere: 0 success, 2 findings (nothing written; each printed with its row and
column), 1 any other error."""
from __future__ import annotations

import datetime as dt
import os
import sys
from typing import Callable

from tracker import db, opening
from tracker.cli_admin import _who, cmd_import, print_findings, print_preview
from tracker.importer.results import Rejected, Unconfirmed
from tracker.reporting import review, rounds, submit, units

_SHARED: dict[str, Callable] = {}     # tracker.cli's write_csv and default_plan (add_commands)


def _write_csv(frame, out) -> None:
    _SHARED["write_csv"](frame, out)


def cmd_units(args) -> int:
    opening.ensure()
    try:
        for name, load in ((args.load, units.load_units), (args.assign, units.assign)):
            if name:
                with open(name, "rb") as handle:
                    n = load(handle.read())
                print(f"{name}: {n} row(s) written", file=sys.stderr)
    except Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    _write_csv(db.run("units"), args.out)
    return 0


def cmd_round_open(args) -> int:
    opening.ensure()
    try:
        deadline = rounds.parse_deadline(args.deadline)
        round_id = rounds.open_round(args.year, deadline, args.plan or _SHARED["default_plan"](), _who(args))
    except Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    print(round_id)
    return 0


def cmd_round_status(args) -> int:
    opening.ensure()
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(f"error: --today {args.today!r} is not a date written YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        frame = rounds.status(args.round, today=today)
    except Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    _write_csv(frame, args.out)
    return 0


def cmd_round_list(args) -> int:
    opening.ensure()
    _write_csv(rounds.rounds(), args.out)
    return 0


def cmd_round_items(args) -> int:
    opening.ensure()
    try:
        rnd = rounds.find_round(args.round)
    except Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    frame = rounds.cells(str(rnd["round_id"]), args.unit)
    if args.missing:
        frame = frame[frame["cell_state"].isin(["missing", "returned"])]
    _write_csv(frame, args.out)
    return 0


def cmd_import_or_submit(args) -> int:
    """``import``: with --unit a unit's submission, else the administrator's import as before."""
    if not args.unit:
        return cmd_import(args)
    opening.ensure()
    uploads = []
    for name in args.files:
        with open(name, "rb") as handle:
            uploads.append((os.path.basename(name), handle.read()))
    return cmd_submit(args, uploads)


def cmd_submit(args, uploads) -> int:
    """``import FILE --unit UNIT_ID``: the file as the unit's submission to the round."""
    try:
        if args.dry_run:
            result = submit.preview(uploads, args.unit, args.round)
            print_preview(result, args.lang)
            return 0
        outcome = submit.submit(uploads, args.unit, _who(args), args.round, accept_warnings=args.accept_warnings)
    except Unconfirmed as exc:
        print_findings(exc.findings, args.lang, warnings=True)
        return 2
    except Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    if outcome.batch_id is None:
        print("文件中没有数据。" if args.lang == "zh" else "The file holds no figures; nothing was written.")
        return 0
    print(f"已报送批次 {outcome.batch_id}（{outcome.rows}行），待审核后生效。" if args.lang == "zh"
          else f"submitted batch {outcome.batch_id} ({outcome.rows} rows); in force once accepted")
    return 0


def cmd_review(args) -> int:
    opening.ensure()
    try:
        if args.verdict == "accept":
            outcome = review.accept(args.batch_id, _who(args))
            print(f"已采纳报送 {args.batch_id}，生效批次 {outcome.batch_id}（{outcome.rows}行）。" if args.lang == "zh"
                  else f"accepted {args.batch_id}: in force as batch {outcome.batch_id} ({outcome.rows} rows)")
        else:
            review.send_back(args.batch_id, args.reason or "", _who(args))
            print(f"已退回报送 {args.batch_id}。" if args.lang == "zh" else f"returned {args.batch_id}")
    except Rejected as exc:
        print_findings(exc.findings, args.lang)
        return 2
    return 0


def cmd_review_preview(args) -> int:
    opening.ensure()
    _write_csv(review.effect(args.batch_id), args.out)
    return 0


def add_commands(sub, write_csv: Callable, default_plan: Callable) -> None:
    """Add the reporting commands (and --unit, --round to ``import``, added before by cli_admin)."""
    _SHARED.update(write_csv=write_csv, default_plan=default_plan)
    p = sub.choices["import"]
    p.add_argument("--unit", help="a reporting unit's submission: not in force until `review accept`")
    p.add_argument("--round", help="with --unit: the round (default: the newest)")
    p.set_defaults(func=cmd_import_or_submit)
    lang = dict(choices=["en", "zh"], default="en", help="language of the messages (default en)")
    who = dict(help="who is acting (default: $USER)")

    p = sub.add_parser("units", help="the reporting units with the targets assigned to each, as CSV")
    p.add_argument("--out", default="-", help="CSV file to write (default: standard output)")
    p.add_argument("--load", metavar="FILE", help="add or replace units from a CSV shaped like data/catalog/units.csv")
    p.add_argument("--assign", metavar="FILE", help="assign figures to units: CSV indicator_id, area_code, unit_id "
                                                    "(a blank unit_id: back to the default rule)")
    p.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the messages (default en)")
    p.set_defaults(func=cmd_units)

    p = sub.add_parser("round", help="reporting rounds: open one, list them, each unit's state, the items")
    verbs = p.add_subparsers(dest="verb", required=True)
    q = verbs.add_parser("open", help="open a round for a year's figures; prints its id")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--deadline", required=True, help="YYYY-MM-DD")
    q.add_argument("--plan", default=None, help="plan id (default: the plan with the newest data)")
    q.add_argument("--by", **who)
    q.add_argument("--lang", **lang)
    q.set_defaults(func=cmd_round_open)
    q = verbs.add_parser("status", help="one row per unit: expected, received, accepted, returned, missing, "
                                        "on time, state (green, blue, yellow, red, open)")
    q.add_argument("--round", default=None, help="round id (default: the newest round)")
    q.add_argument("--out", default="-", help="CSV file to write (default: standard output)")
    q.add_argument("--today", default=None, help="judge as of this day, YYYY-MM-DD (default: today)")
    q.add_argument("--lang", **lang)
    q.set_defaults(func=cmd_round_status)
    q = verbs.add_parser("list", help="every round, newest first")
    q.add_argument("--out", default="-")
    q.set_defaults(func=cmd_round_list)
    q = verbs.add_parser("items", help="every figure the round expects, with its unit and state")
    q.add_argument("--round", default=None, help="round id (default: the newest round)")
    q.add_argument("--unit", default=None, help="one unit's items only")
    q.add_argument("--missing", action="store_true", help="only the figures still missing (or returned)")
    q.add_argument("--out", default="-")
    q.add_argument("--lang", **lang)
    q.set_defaults(func=cmd_round_items)

    p = sub.add_parser("review", help="accept a submission (its figures come into force) or return it")
    verbs = p.add_subparsers(dest="verdict", required=True)
    q = verbs.add_parser("accept", help="put a submitted batch in force")
    q.add_argument("batch_id", metavar="BATCH_ID")
    q.add_argument("--by", **who)
    q.add_argument("--lang", **lang)
    q.set_defaults(func=cmd_review)
    q = verbs.add_parser("return", help="send a submitted batch back to its unit with a reason")
    q.add_argument("batch_id", metavar="BATCH_ID")
    q.add_argument("--reason", required=True)
    q.add_argument("--by", **who)
    q.add_argument("--lang", **lang)
    q.set_defaults(func=cmd_review)
    q = verbs.add_parser("preview", help="what accepting a submission would change, as CSV")
    q.add_argument("batch_id", metavar="BATCH_ID")
    q.add_argument("--out", default="-")
    q.set_defaults(func=cmd_review_preview)


