"""The command line: ``python -m tracker <command> --help``.

Exit codes: 0 success, 2 validation findings or bad arguments, or a data folder that cannot take a
write (a full disk, a read-only folder: one sentence, nothing changed), 1 any other error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tracker import build, db, files, freshness, opening, paths
from tracker.cells import safe_frame


def _params(pairs: list[str]) -> dict[str, object]:
    params: dict[str, object] = {}
    for pair in pairs:
        if "=" not in pair:
            raise SystemExit(f"--param expects key=value, got {pair!r}")
        key, value = pair.split("=", 1)
        params[key] = _typed(value)
    return params


def _typed(value: str) -> object:
    if value.lower() in ("", "null", "none"):
        return None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


def _write_csv(frame, out: str | None) -> None:
    """The frame as CSV on standard output or in a file, formula-like text neutralised (tracker/cells.py)."""
    frame = safe_frame(frame)
    if out in (None, "-"):
        frame.to_csv(sys.stdout, index=False)
    else:
        with files.replacing(out) as tmp:
            frame.to_csv(tmp, index=False, encoding="utf-8")
        print(f"wrote {len(frame)} rows to {out}", file=sys.stderr)


def cmd_build(args) -> int:
    path = build.build(demo=not args.no_demo, seed=args.seed)
    print(f"built {path}" + ("" if args.no_demo else " with demo data"))
    return 0


def cmd_demo(args) -> int:
    opening.ensure()
    if args.clear:
        from tracker.importer import apply

        outcome = apply.clear_demo(args.by or "tracker demo --clear")
        if outcome.batch_id is None:
            print("no demo figures in force; nothing was written")
        else:
            print(f"removed {outcome.rows} demo figures as batch {outcome.batch_id} "
                  f"(python -m tracker rollback {outcome.batch_id} puts them back)")
        return 0
    n = build.demo(seed=args.seed)
    print(f"wrote {n} demo observations (seed {args.seed}) to {paths.warehouse_path()}")
    return 0


def cmd_query(args) -> int:
    opening.ensure()
    if args.name not in db.query_names():
        print(f"unknown query {args.name!r}; known: {', '.join(db.query_names())}", file=sys.stderr)
        return 2
    _write_csv(db.run(args.name, **_params(args.param or [])), args.out)
    return 0


def cmd_export_observations(args) -> int:
    opening.ensure()
    _write_csv(db.run("observations_export", plan_id=args.plan), args.out)
    return 0


def default_plan() -> str:
    """The plan with the newest data (the same default the screens use)."""
    return str(db.run("plans").iloc[0]["plan_id"])


def cmd_export_status(args) -> int:
    opening.ensure()
    frame = db.run("status_export", plan_id=args.plan or default_plan(), year=args.year)
    _write_csv(with_freshness(frame), args.out)
    return 0


def with_freshness(frame):
    """Add figure_overdue: whether a figure due by today (tracker/freshness.py) is missing."""
    on, plans = freshness.today(), db.run("plans").set_index("plan_id")
    frame = frame.copy()
    frame["figure_overdue"] = [
        freshness.is_overdue(r["latest_year"], on, freshness.lag_of(r["release_lag_months"]),
                             int(plans.loc[r["plan_id"], "baseline_year"]), int(plans.loc[r["plan_id"], "target_year"]))
        for r in frame.to_dict("records")]
    return frame


def moment(text: str) -> dt.datetime:
    """A moment given as YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS (local time)."""
    for form in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip().replace("T", " "), form)
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a moment: write YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS")


CHANGE_COLUMNS = ["indicator_id", "area_code", "change", "status_before", "status_now", "value_before", "value_now",
                  "year_before", "year_now", "batch_id", "changed_at", "name_zh", "name_en", "area_name_zh",
                  "area_name_en"]


def cmd_changes(args) -> int:
    opening.ensure()
    since = moment(args.since)
    changes = db.run("changes_since", plan_id=args.plan or default_plan(), since=since, year=args.year)
    _write_csv(changes[CHANGE_COLUMNS], args.out)
    return 0


def cmd_brief(args) -> int:
    """The meeting pack: the deck (pptx) or the report (pdf) for one plan, year, area and language."""
    from tracker import brief

    since = moment(args.since) if args.since is not None else None      # a bad moment: its sentence, exit 1
    opening.ensure()
    options = dict(lang=args.lang, year=args.year, plan=args.plan, since=since, issuer=args.issuer)
    try:
        if args.district == brief.ALL:
            made = brief.make_all(args.format, **options)
        else:
            data = brief.make(args.format, district=args.district, **options)
    except brief.BriefError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.district == brief.ALL:          # --out is a folder: one file per area
        folder = Path(args.out)
        folder.mkdir(parents=True, exist_ok=True)
        for code, data in made:
            out = folder / f"brief-{code}-{args.lang}.{args.format}"
            files.write_bytes(out, data)
            print(f"wrote {out} ({len(data) / 1e6:.1f} MB)", file=sys.stderr)
        return 0
    out = Path(args.out)
    files.write_bytes(out, data)
    print(f"wrote {out} ({len(data) / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m tracker",
                                  description="Ningbo common-prosperity plan tracker: warehouse commands.")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="create data/warehouse.duckdb from data/ (with demo data by default)")
    p.add_argument("--no-demo", action="store_true", help="catalogue and areas only, no demo observations")
    p.add_argument("--seed", type=int, default=2021, help="demo generator seed (default 2021)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("demo", help="(re)write the deterministic demo observations, or remove them (--clear)")
    p.add_argument("--seed", type=int, default=2021, help="demo generator seed (default 2021)")
    p.add_argument("--clear", action="store_true",
                   help="remove every demo figure as one batch (rolled back like any batch: the demo returns)")
    p.add_argument("--by", help="who is clearing the demo figures (recorded with the batch)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("query", help="run queries/NAME.sql and print CSV")
    p.add_argument("name", help="query file name without .sql")
    p.add_argument("--param", action="append", metavar="KEY=VALUE", help="a bound parameter; repeatable")
    p.add_argument("--out", help="write CSV here instead of standard output")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export-observations", help="the values in force as CSV")
    p.add_argument("--out", required=True, help="CSV file to write ('-' for standard output)")
    p.add_argument("--plan", default=None, help="plan id (default: every plan)")
    p.set_defaults(func=cmd_export_observations)

    p = sub.add_parser("export-status", help="status of every target and area as CSV")
    p.add_argument("--out", required=True, help="CSV file to write ('-' for standard output)")
    p.add_argument("--plan", default=None, help="plan id (default: the plan with the newest data)")
    p.add_argument("--year", type=int, default=None, help="year (default: latest year with data)")
    p.set_defaults(func=cmd_export_status)

    p = sub.add_parser("changes", help="targets and areas whose status changed since a moment, as CSV")
    p.add_argument("--since", required=True, help='the moment: "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS"')
    p.add_argument("--out", required=True, help="CSV file to write ('-' for standard output)")
    p.add_argument("--plan", default=None, help="plan id (default: the plan with the newest data)")
    p.add_argument("--year", type=int, default=None, help="status as of this year (default: latest year with data)")
    p.set_defaults(func=cmd_changes)

    p = sub.add_parser("brief", help="the meeting pack: a briefing deck (pptx) or a final-assessment report (pdf)")
    p.add_argument("--format", required=True, choices=("pptx", "pdf"), help="pptx (16:9 deck) or pdf (A4 report)")
    p.add_argument("--out", required=True, help="file to write")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language (default zh)")
    p.add_argument("--year", type=int, default=None, help="year (default: the latest year with data)")
    p.add_argument("--district", default=None, help="district code, e.g. 330212 (default: the whole city); "
                   "'all': the city and every district, --out is then a folder")
    p.add_argument("--plan", default=None, help="plan id (default: the plan with the newest data)")
    p.add_argument("--issuer", default=None, help="the issuing unit named on the cover")
    p.add_argument("--since", default=None, help='add what changed since this moment: "YYYY-MM-DD", '
                   '"YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (as the changes command)')
    p.set_defaults(func=cmd_brief)

    from tracker import cli_admin
    cli_admin.add_commands(sub)
    from tracker import cli_reporting
    cli_reporting.add_commands(sub, _write_csv, default_plan)
    from tracker import recovery
    recovery.add_command(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # noqa: BLE001 - a full disk or read-only folder: one sentence, exit 2
        problem = files.storage_problem(exc, paths.warehouse_path().parent)
        if problem is not None:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        if isinstance(exc, (db.QueryError, OSError, ValueError, RuntimeError)):
            print(f"error: {exc}", file=sys.stderr)
            return 1
        raise
