"""`make bench`: build times against stock Jupyter Book, a profile of where the time goes, page weights.

In fresh folders under a temporary directory (your _build/ is not touched) it times, as `make book` runs
them outside CI (`--standby`: the first build starts the warm build server, the next ones run in it):
1. a cold build (empty cache, no server); 2. a rebuild with nothing changed; 3. a rebuild after one
figure in one CSV changed; 4. stock Jupyter Book executing the same notebooks itself
(`execute_notebooks: force`). The server is stopped at the end.
Then it profiles the pieces (kernel start, imports, each notebook, the Sphinx build, one chart's static
render) and weighs every page with everything it loads, gzip-compressed.

Targets: cold <= 0.6 x stock, one CSV changed <= 0.4 x cold, nothing changed <= 0.05 x cold, heaviest
page <= 450 KiB gzipped. Exits 1 if any is missed.
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import standby
from .layout import ROOT, Layout, toc_notebooks
from .weights import page_weights

PY = sys.executable
TARGETS = {"cold": 0.6, "one": 0.4, "none": 0.05, "heaviest_kib": 450}


def timed(cmd: list[str], cwd: Path) -> tuple[float, str]:
    """Seconds a command took, and its output; stops the bench if it fails."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(cmd)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return time.perf_counter() - start, result.stdout


def edit_one_figure(data_dir: Path) -> None:
    """Add one to the latest count of students from India (a file four of the notebooks read)."""
    path = data_dir / "students_by_origin.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    place, count = rows[0].index("place_of_origin"), rows[0].index("students")
    last = max(n for n, row in enumerate(rows) if row[place] == "India")
    rows[last][count] = str(int(rows[last][count]) + 1)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


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
    return timed([jb, "build", str(src), "--path-output", str(work / "stock-out"), "-q"], cwd=src)[0]


def profile(cold_log: str) -> list[tuple[str, float]]:
    """Where a cold build's time goes."""
    rows = [(f"notebook {m.group(1)}", float(m.group(2)))
            for m in re.finditer(r"book/(\S+)\.ipynb: ran in ([\d.]+)s", cold_log)]
    built = re.search(r"built in ([\d.]+)s", cold_log)
    if built:
        rows.append(("Sphinx build (Jupyter Book)", float(built.group(1))))
    rows.append(("kernel start + one cell", timed([PY, "-c", "from jupyter_client.manager import start_new_kernel\n"
                                                    "km, kc = start_new_kernel(kernel_name='python3')\n"
                                                    "kc.execute_interactive('1')\nkm.shutdown_kernel()"], ROOT)[0]))
    rows.append(("python + library imports", timed([PY, "-c", "import tradefight.figures.tariffs, "
                                                     "tradefight.statements.tariffs, myst_nb"], ROOT)[0]))
    rows.append(("python alone", timed([PY, "-c", "pass"], ROOT)[0]))
    return rows


def main() -> int:
    """Run the benchmark and print the figures against their targets."""
    with tempfile.TemporaryDirectory(prefix="tradefight-bench-") as tmp:
        work = Path(tmp)
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        build = [PY, "-m", "tradefight.tools.cli", "build", "--standby", "--data", str(data),
                 "--build-dir", str(work / "build")]
        print(f"Benchmark: {len(toc_notebooks())} notebooks, {Path('/proc/cpuinfo').read_text().count('processor')} cores")
        try:
            cold, log = timed(build, ROOT)
            print(f"  cold build (starts server) {cold:6.1f} s")
            none, _ = timed(build, ROOT)
            print(f"  nothing changed            {none:6.1f} s   {none / cold:5.1%} of cold "
                  f"(target <= {TARGETS['none']:.0%})")
            edit_one_figure(data)
            one, _ = timed(build, ROOT)
            print(f"  one CSV changed            {one:6.1f} s   {one / cold:5.1%} of cold "
                  f"(target <= {TARGETS['one']:.0%})")
        finally:
            standby.stop(Layout(work / "build"))
        stock = stock_jupyter_book(work)
        print(f"  stock Jupyter Book (force) {stock:6.1f} s   cold is {cold / stock:.2f} x stock "
              f"(target <= {TARGETS['cold']})")
        print("Profile of the cold build (seconds; notebooks ran two at a time):")
        for name, seconds in profile(log):
            print(f"  {name:34s} {seconds:6.2f}")
        weights = page_weights(work / "build" / "html")
        print("Page weight, gzip -9, the page plus everything it loads (CSS, JS, fonts, images):")
        for name, size in weights.items():
            print(f"  {name:22s} {size / 1024:7.0f} KiB")
        heaviest = max(weights.values()) / 1024
        print(f"  heaviest               {heaviest:7.0f} KiB (target <= {TARGETS['heaviest_kib']} KiB)")
        ok = (cold <= TARGETS["cold"] * stock and one <= TARGETS["one"] * cold and none <= TARGETS["none"] * cold
              and heaviest <= TARGETS["heaviest_kib"])
        print("All targets met." if ok else "Some targets are NOT met.")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
