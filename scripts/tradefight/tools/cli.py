"""The `tradefight` command: build | baseline | check | bench | audit | pdf | diff | standby.

    tradefight build [--data DIR] [--as-of YYYY-MM-DD] [--scenario NAME] [--site-url URL] [--standby]
    tradefight standby --stop    stop the warm build server that --standby keeps (see standby.py)
    tradefight baseline          re-run book/*.ipynb in place on the default data (then commit them)
    tradefight check [DIR]       check a data folder against its contract
    tradefight bench             time builds against stock Jupyter Book; page weights; a profile
    tradefight audit             Lighthouse, mobile and desktop, on every page
    tradefight pdf               one PDF of the whole book, from the built site
    tradefight diff --data DIR   which figures, pages and statements differ from data/
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .layout import ROOT, BuildError, Layout


def _build_args(sub) -> None:
    sub.add_argument("--data", default="data", help="data folder (default: data)")
    sub.add_argument("--as-of", default="", help="cut every chapter at this date, YYYY-MM-DD")
    sub.add_argument("--scenario", default="", help="tariff scenario (a name in scenarios.csv)")
    sub.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="another notebook parameter")
    sub.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once")
    sub.add_argument("--site-url", default=os.environ.get("SITE_URL", ""),
                     help="public address of the site, for the sitemap and share cards (default: $SITE_URL)")
    sub.add_argument("--build-dir", default=str(ROOT / "_build"), help="where to build (default: _build)")
    sub.add_argument("--standby", action="store_true",
                     help="build in a warm build server kept for this build folder (started if needed)")


def main(argv: list[str] | None = None, warm=None) -> int:
    """Run one sub-command; a BuildError ends it with a plain message and exit status 1. (A build server
    passes `warm`, the workers it keeps.)"""
    parser = argparse.ArgumentParser(prog="tradefight", description=__doc__.split("\n")[0])
    subs = parser.add_subparsers(dest="command", required=True)
    _build_args(subs.add_parser("build", help="build the site into _build/html"))
    base = subs.add_parser("baseline", help="re-run the committed notebooks on data/")
    base.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    base.add_argument("--build-dir", default=str(ROOT / "_build"))
    check = subs.add_parser("check", help="check a data folder against its contract")
    check.add_argument("data", nargs="?", default="data")
    subs.add_parser("bench", help="time builds; page weights; profile")
    subs.add_parser("audit", help="Lighthouse on every page, mobile and desktop")
    pdf = subs.add_parser("pdf", help="one PDF of the built site")
    pdf.add_argument("--out", help="also copy the PDF here")
    diff = subs.add_parser("diff", help="figures, pages and statements that differ from data/")
    diff.add_argument("--data", required=True)
    server = subs.add_parser("standby", help="run (or --stop) the warm build server for a build folder")
    server.add_argument("--stop", action="store_true")
    server.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    server.add_argument("--build-dir", default=str(ROOT / "_build"))
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    args.argv = argv
    try:
        return _run(args, warm)
    except BuildError as err:
        print(f"Stopped: {err}", file=sys.stderr)
        if args.command == "build":
            print(f"The site already built in {os.path.relpath(Layout(Path(args.build_dir)).site)}/ is unchanged.",
                  file=sys.stderr)
        return 1


def _run(args, warm=None) -> int:
    if args.command == "build":
        from . import standby

        layout = Layout(Path(args.build_dir).resolve())
        if warm is None and args.standby:
            return standby.run(layout, args.argv[1:] + ["--site-url", args.site_url], args.jobs)
        if warm is None:  # a server kept for this folder would not know of this build: stop it
            standby.stop(layout)
        data_dir = Path(args.data)
        if not data_dir.is_dir():
            raise BuildError(f"DATA={args.data!r} is not a folder")
        from .build import build

        build(layout, data_dir, args.as_of, args.scenario, args.param, args.jobs, args.site_url, warm)
        return 0
    if args.command == "standby":
        from . import standby

        layout = Layout(Path(args.build_dir).resolve())
        if args.stop:
            standby.stop(layout)
            return 0
        mine = standby.key(args.jobs)  # before the server's code is imported
        from . import server

        return server.serve(layout, args.jobs, mine)
    if args.command == "baseline":
        from .build import baseline

        baseline(Layout(Path(args.build_dir).resolve()), args.jobs)
        return 0
    if args.command == "check":
        from .. import contract

        return contract.main([args.data])
    if args.command == "bench":
        from . import bench

        return bench.main()
    if args.command == "audit":
        from . import audit

        return audit.main()
    if args.command == "pdf":
        from . import pdf

        return pdf.main(Path(args.out) if args.out else None)
    from . import diff

    return diff.main(Path(args.data))


if __name__ == "__main__":
    sys.exit(main())
