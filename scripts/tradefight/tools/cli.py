"""The `tradefight` command: build | baseline | check | bench | audit | pdf | diff.

    tradefight build [--data DIR] [--as-of YYYY-MM-DD] [--scenario NAME] [--site-url URL]
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


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command; a BuildError ends it with a plain message and exit status 1."""
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
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BuildError as err:
        print(f"Stopped: {err}", file=sys.stderr)
        if args.command == "build":
            print(f"The site already built in {os.path.relpath(Layout(Path(args.build_dir)).site)}/ is unchanged.",
                  file=sys.stderr)
        return 1


def _run(args) -> int:
    if args.command == "build":
        from .build import build

        data_dir = Path(args.data)
        if not data_dir.is_dir():
            raise BuildError(f"DATA={args.data!r} is not a folder")
        build(Layout(Path(args.build_dir).resolve()), data_dir, args.as_of, args.scenario, args.param, args.jobs,
              args.site_url)
        return 0
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
