"""``python -m bench [--quick] [--only pages,sql,serve,cluster]`` prints one table; see bench/README.md.

Other commands:
  python -m bench scale --build [--quick]   (re)build the scale warehouse under data/scale/
  python -m bench report                    the table again from bench/results/latest.json
  python -m bench load --sessions 10        one load level against a fresh server (demo warehouse)
  python -m bench cluster --procs 2         1 and N app processes behind nginx (make serve), a kill -9
  python -m bench room                      a room of tablets on one link: make run, an import, make serve
  python -m bench hostile                   seconds and peak memory to refuse each hostile upload
  python -m bench brief                     seconds and MB to make the deck and the report, both languages
  python -m bench page-worker …             internal: one page's AppTest timings, as JSON
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="a smaller, faster run (about three minutes)")
    p.add_argument("--only", default="pages,sql,serve,cluster,room,brief",
                   help="sections to run: pages, sql, serve, cluster, room, brief")
    p.add_argument("--merge", action="store_true",
                   help="keep the other sections from bench/results/latest.json (with --only)")
    sub = p.add_subparsers(dest="command")
    s = sub.add_parser("scale", help="the scale warehouse")
    s.add_argument("--build", action="store_true", help="rebuild it even when it is current")
    s.add_argument("--quick", action="store_true", help="the small spec used by --quick runs")
    sub.add_parser("report", help="print the table from bench/results/latest.json")
    lo = sub.add_parser("load", help="one load level against a fresh server")
    lo.add_argument("--sessions", type=int, default=10)
    lo.add_argument("--duration", type=float, default=10.0)
    lo.add_argument("--think", type=float, default=1.0)
    lo.add_argument("--warehouse", help="default: the demo warehouse (TRACKER_WAREHOUSE or data/)")
    lo.add_argument("--flag", action="append", default=[], help="a streamlit option key=value")
    c = sub.add_parser("cluster", help="1 and N app processes behind nginx as `make serve` runs them; a kill -9")
    c.add_argument("--procs", type=int, default=2)
    c.add_argument("--sessions", default="25,50")
    c.add_argument("--arrivals", type=int, default=25, help="fresh sessions arriving at once")
    c.add_argument("--duration", type=float, default=10.0)
    c.add_argument("--think", type=float, default=1.0)
    c.add_argument("--flag", action="append", default=[], help="a streamlit option key=value")
    r = sub.add_parser("room", help="ten tablets after make run and after an import; thirty through make serve")
    r.add_argument("--reps", type=int, default=3)
    sub.add_parser("hostile", help="time and peak memory to read (and refuse) each hostile upload")
    sub.add_parser("brief", help="seconds and MB to make the meeting pack (deck and report, both languages)")
    w = sub.add_parser("page-worker", help="internal: one page's AppTest timings as JSON")
    w.add_argument("--warehouse")
    w.add_argument("--page")
    w.add_argument("--url", default="")
    w.add_argument("--query", default="{}")
    w.add_argument("--reps", type=int, default=15)
    w.add_argument("--bare", action="store_true")
    w.add_argument("--cold-only", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "page-worker":
        from bench import pages

        timing = (pages.bare_worker(args.reps) if args.bare else
                  pages.worker(args.warehouse, args.page, args.url, json.loads(args.query), args.reps,
                               cold_only=args.cold_only))
        print(json.dumps(asdict(timing)))
        return 0
    if args.command == "scale":
        from bench import scale

        spec = scale.QUICK if args.quick else scale.FULL
        path, timings = scale.ensure(spec, rebuild=args.build)
        print(f"{path}: {scale.count_rows(path):,} observations"
              + (f"; built in {timings['total_s']:.1f} s: " + json.dumps({k: round(v, 2) for k, v in timings.items()})
                 if timings else " (current; --build rebuilds it)"))
        return 0
    if args.command == "report":
        from bench import report, runner

        print(report.render(json.loads((runner.RESULTS / "latest.json").read_text(encoding="utf-8"))))
        return 0
    if args.command == "load":
        return _load(args)
    if args.command == "room":
        from bench import room

        return room.main(args.reps)
    if args.command == "hostile":
        from bench import hostile

        hostile.main()
        return 0
    if args.command == "brief":
        from bench import brief

        brief.main()
        return 0
    if args.command == "cluster":
        from bench import cluster

        return cluster.main(args.procs, [int(n) for n in args.sessions.split(",")], args.duration, args.think,
                            dict(f.split("=", 1) for f in args.flag), arrivals=args.arrivals)
    from bench import runner

    sections = tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = set(sections) - set(runner.SECTIONS)
    if unknown:
        print(f"unknown section(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    return runner.main(runner.Plan.make(args.quick, sections), merge=args.merge)


def _load(args) -> int:
    from bench import params, serving
    from tracker import opening, paths

    warehouse = Path(args.warehouse) if args.warehouse else opening.ensure(paths.warehouse_path())
    flags = dict(f.split("=", 1) for f in args.flag)
    out = serving.measure(warehouse, params.sample(warehouse), levels=[args.sessions], duration_s=args.duration,
                          think_s=args.think, flags=flags)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
