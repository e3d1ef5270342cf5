"""`make audit`: Lighthouse scores for every page, on the mobile run and on the desktop preset.

Lighthouse comes from npm (lighthouse@12.2.3, installed into node_modules/ on first use) and runs against
Debian's Chromium. The site is served as GitHub Pages serves it: under a sub-path, gzip-compressed.
Each figure is the median of RUNS runs (single runs vary by several points on a 2-core machine).
Targets: mobile performance >= 90 with first contentful paint <= 1.8 s, largest contentful paint <= 2.5 s
and layout shift <= 0.1; accessibility, best practices and SEO 100 on both; desktop performance >= 95.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .layout import ROOT
from .browser import ARGS, CHROMIUM
from .serve import serve, site_pages

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
RUNS = 3
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"first-contentful-paint": 1800, "largest-contentful-paint": 2500, "cumulative-layout-shift": 0.1}
TARGETS = {"mobile": {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100},
           "desktop": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}}
CHROME_FLAGS = " ".join(["--headless=new", "--disable-gpu", *ARGS])


def ensure_lighthouse() -> None:
    """Install Lighthouse into node_modules/ on first use."""
    if not LIGHTHOUSE.exists():
        print(f"Installing lighthouse@{VERSION} into node_modules/ ...", flush=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-save", "--silent",
                        f"lighthouse@{VERSION}"], cwd=ROOT, check=True)


def run_once(url: str, form: str, report: Path) -> tuple[list[int], dict[str, float]]:
    """One Lighthouse run: category scores and the three timing metrics."""
    preset = [] if form == "mobile" else ["--preset=desktop"]
    subprocess.run([str(LIGHTHOUSE), url, *preset, "--output=json", f"--output-path={report}", "--quiet",
                    f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True)
    result = json.loads(report.read_text())
    scores = [round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES]
    metrics = {m: result["audits"][m]["numericValue"] for m in METRICS}
    return scores, metrics


def main(site: Path | None = None) -> int:
    """Print a table per form factor; exit 1 if any page misses a target."""
    ensure_lighthouse()
    url, server = serve(site or ROOT / "_build" / "html")
    failed = False
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for form in ("mobile", "desktop"):
                print(f"\n{form}: median of {RUNS} runs")
                print(f"{'page':26s} {'perf':>5s} {'a11y':>5s} {'best':>5s} {'seo':>5s} {'FCP s':>6s} {'LCP s':>6s} {'CLS':>6s}")
                for path in site_pages(ROOT):
                    runs = [run_once(url + path, form, Path(tmp) / "report.json") for _ in range(RUNS)]
                    scores = [statistics.median(col) for col in zip(*[r[0] for r in runs])]
                    metrics = {m: statistics.median(r[1][m] for r in runs) for m in METRICS}
                    misses = [c for c, s in zip(CATEGORIES, scores) if s < TARGETS[form][c]]
                    if form == "mobile":
                        misses += [m for m, limit in METRICS.items() if metrics[m] > limit]
                    failed |= bool(misses)
                    print(f"{path:26s} " + " ".join(f"{s:5.0f}" for s in scores)
                          + f" {metrics['first-contentful-paint'] / 1000:6.2f} {metrics['largest-contentful-paint'] / 1000:6.2f}"
                          + f" {metrics['cumulative-layout-shift']:6.3f}" + (f"  MISSED: {', '.join(misses)}" if misses else ""),
                          flush=True)
    finally:
        server.shutdown()
    print("\nEvery target met." if not failed else "\nSome targets are NOT met.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
