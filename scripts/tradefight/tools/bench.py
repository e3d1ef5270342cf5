"""`make bench`: how long builds take, and how heavy the pages are.

Measures, in fresh folders under a temporary directory (your _build/ is not touched):
1. cold build: `tradefight.build` with an empty cache;
2. no-change rebuild: the same again;
3. one CSV changed: one figure edited in students_by_origin.csv, then a rebuild;
4. stock Jupyter Book executing the same notebooks itself (`execute_notebooks: force`).
Then the gzip-compressed weight of each page with the files it loads (HTML, CSS, JS, fonts).

Targets (issue 5): no-change <= 20 % of cold, one-CSV <= 60 % of cold, cold <= stock Jupyter Book,
heaviest page < 1 MiB gzipped. It prints each figure and whether the target is met.
"""
from __future__ import annotations

import csv
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .build import ROOT, toc_notebooks

PY = sys.executable


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(cmd)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return time.perf_counter() - start


def edit_one_figure(data_dir: Path) -> None:
    path = data_dir / "students_by_origin.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[-1]["students"] = str(int(rows[-1]["students"]) + 1)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def stock_jupyter_book(work: Path) -> float:
    """The same book built the stock way: Jupyter Book executes every notebook itself."""
    src = work / "stock"
    shutil.copytree(ROOT / "book", src / "book")
    shutil.copytree(ROOT / "data", src / "data")
    shutil.copy(ROOT / "_toc.yml", src / "_toc.yml")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"] = {"execute_notebooks": "force", "timeout": 300}
    (src / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    jb = str(Path(PY).parent / "jupyter-book")
    return timed([jb, "build", str(src), "--path-output", str(work / "stock-out"), "-q"], cwd=src)


def page_weights(site: Path) -> dict[str, int]:
    """Per page: the page and every local file it references (and that CSS pulls in), gzip -9 bytes."""
    weights = {}
    for page in sorted((site / "book").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        files = {page}
        for ref in re.findall(r'(?:href|src)="([^"#?]+)', html):
            if ref.startswith(("data:", "http:", "https:")):
                continue
            target = (page.parent / ref).resolve()
            if target.is_file() and target.suffix in (".css", ".js", ".woff2"):
                files.add(target)
        for css in [f for f in files if f.suffix == ".css"]:
            for ref in re.findall(r'url\(["\']?([^"\')?#]+)', css.read_text(encoding="utf-8", errors="ignore")):
                target = (css.parent / ref).resolve()
                if target.suffix == ".woff2" and "solid" in target.name and target.is_file():
                    files.add(target)  # the one icon font the pages use
        weights[page.name] = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return weights


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tradefight-bench-") as tmp:
        work = Path(tmp)
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        build = [PY, "-m", "tradefight.build", "--data", str(data), "--build-dir", str(work / "build")]
        n = len(toc_notebooks())
        print(f"Benchmark: {n} notebooks, {Path('/proc/cpuinfo').read_text().count('processor')} cores")
        cold = timed(build, ROOT)
        print(f"  cold build                 {cold:6.1f} s")
        again = timed(build, ROOT)
        print(f"  no-change rebuild          {again:6.1f} s   {again / cold:5.0%} of cold (target <= 20%)")
        edit_one_figure(data)
        one = timed(build, ROOT)
        print(f"  one CSV changed            {one:6.1f} s   {one / cold:5.0%} of cold (target <= 60%)")
        stock = stock_jupyter_book(work)
        print(f"  stock Jupyter Book (force) {stock:6.1f} s   cold is {cold / stock:5.0%} of it (target <= 100%)")
        weights = page_weights(work / "build" / "html")
        print("Page weight, gzip -9, page plus the CSS, JS and font it loads:")
        for name, size in weights.items():
            print(f"  {name:22s} {size / 1024:7.0f} KiB")
        heaviest = max(weights.values())
        print(f"  heaviest               {heaviest / 1024:7.0f} KiB (target < 1024 KiB)")
        ok = again <= 0.2 * cold and one <= 0.6 * cold and cold <= stock and heaviest < 1024 * 1024
        print("All targets met." if ok else "Some targets are NOT met.")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
