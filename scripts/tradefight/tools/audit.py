"""`make audit`: Lighthouse scores (desktop) for every page of the built site.

Lighthouse comes from npm (lighthouse@12.2.3, installed into node_modules/ on first use) and runs
against Debian's Chromium. The site is served on loopback under the same sub-path as GitHub Pages.
Prints performance, accessibility, best practices and SEO for each page, each the median of RUNS runs
(single Lighthouse runs vary by several points on a 2-core machine); exits 1 if any is below 95.
"""
from __future__ import annotations

import json
import statistics
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
TARGET = 95
RUNS = 3
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        print(f"Installing lighthouse@{VERSION} into node_modules/ ...", flush=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-save", "--silent",
                        f"lighthouse@{VERSION}"], cwd=ROOT, check=True)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.conftest import SITE, serve, site_pages

    ensure_lighthouse()
    url, server = serve(SITE)
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    failed = False
    print(f"{'page':32s} " + " ".join(f"{c[:13]:>14s}" for c in CATEGORIES))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for path in site_pages():
                runs = []
                for _ in range(RUNS):
                    report = Path(tmp) / "report.json"
                    subprocess.run([str(LIGHTHOUSE), url + path, "--preset=desktop", "--output=json",
                                    f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
                                    "--only-categories=" + ",".join(CATEGORIES)],
                                   env=env, check=True, capture_output=True)
                    cats = json.loads(report.read_text())["categories"]
                    runs.append([round(100 * (cats[c]["score"] or 0)) for c in CATEGORIES])
                scores = [statistics.median(column) for column in zip(*runs)]
                failed |= min(scores) < TARGET
                print(f"{path:32s} " + " ".join(f"{s:14d}" for s in scores), flush=True)
    finally:
        server.shutdown()
    print(f"Every score at least {TARGET}." if not failed else f"Some scores are below {TARGET}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
