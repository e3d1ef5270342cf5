"""Build the site: check the data, run the notebooks with papermill, build the book, publish atomically.

Steps, each stopping the build with a plain message on failure:
1. Check the parameters against each notebook's `parameters` cell (names and types).
2. Check the data folder against its datapackage.json (before any notebook runs).
3. Run each notebook in _toc.yml with papermill, in parallel, through the cache (see cache.py).
4. Build the book with Jupyter Book in a work tree under _build/, then publish it atomically.
   A failed or killed build leaves the published site as it was.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from .. import contract
from . import cache, execute, params, publish, site
from .layout import CONFIG_FILES, ROOT, BuildError, Layout, toc_notebooks


def site_stamp(executed: list[Path], site_url: str) -> dict:
    """Everything the site depends on; equal stamps mean the site is up to date."""
    return {
        "notebooks": {nb.name: cache.file_hash(nb) for nb in executed},
        "config": {name: cache.file_hash(ROOT / name) for name in CONFIG_FILES},
        "book_files": cache.tree_hash(ROOT / "book", skip_suffix=".ipynb"),
        "library": cache.library_hash(),
        "tooling": cache.tree_hash(Path(__file__).parent),
        **cache.environment_key(),
        "site_url": site_url,
    }


def check_data(data_dir: Path) -> None:
    """Stop with every problem listed (file, line, column) if the data breaks its contract."""
    problems = contract.validate(data_dir)
    if problems:
        raise BuildError(f"the data in {data_dir}/ does not match its contract:\n    "
                         + "\n    ".join(map(str, problems[:50])))
    for warning in contract.warnings(data_dir):
        print(f"  note: {warning}", flush=True)
    print(f"Data check passed: {data_dir}/", flush=True)


def build(layout: Layout, data_dir: Path, as_of: str, scenario: str, extra: list[str], jobs: int,
          site_url: str = "") -> None:
    """One whole build (see the module docstring)."""
    start = time.perf_counter()
    notebooks = toc_notebooks()
    wanted = params.parse(data_dir, as_of, scenario, extra)
    per_nb = params.per_notebook(notebooks, wanted)
    check_data(data_dir)
    if scenario:
        params.check_scenario(scenario, data_dir)
    if not as_of:
        # Resolve the default cut-off once, here, so that a notebook does not depend on every dated file.
        from ..data import as_of_date

        resolved = f"{as_of_date('', data_dir):%Y-%m-%d}"
        per_nb = {nb: {**p, "as_of": resolved} if "as_of" in p else p for nb, p in per_nb.items()}
        as_of = resolved
    print(f"Running {len(notebooks)} notebooks as of {as_of} (up to {jobs} at once):", flush=True)
    with publish.build_lock(layout):
        executed = execute.run(layout, per_nb, jobs)
        stamp = site_stamp(executed, site_url)
        if publish.current_stamp(layout) == stamp:
            print(f"Site is up to date: {os.path.relpath(layout.site)}/ ({time.perf_counter() - start:.1f}s)")
            return
        print("Building the book with Jupyter Book ...", flush=True)
        t = time.perf_counter()
        site.stage(layout, executed, site_url)
        html = site.jupyter_book(layout)
        publish.publish(layout, html, stamp)
    print(f"  built in {time.perf_counter() - t:.1f}s")
    print(f"Site ready: {os.path.relpath(layout.site)}/index.html ({time.perf_counter() - start:.1f}s in all)")


def baseline(layout: Layout, jobs: int) -> None:
    """Re-run the committed notebooks in place on the default data (then commit them, for nbval)."""
    problems = contract.validate(ROOT / "data")
    if problems:
        raise BuildError("the default data does not match its contract:\n    " + "\n    ".join(map(str, problems)))
    with publish.build_lock(layout):
        execute.baseline(layout, toc_notebooks(), jobs)
