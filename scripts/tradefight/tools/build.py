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
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor
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


def check_data(data_dir: Path, layout: Layout) -> None:
    """Stop with every problem listed (file, line, column) if the data breaks its contract. Row checks run
    only on the files changed since the folder last passed, while the contract's code, datapackage.json
    and sources.csv (which every file refers to) are unchanged."""
    record = layout.cache / "data-checked.json"
    files = {p.name: cache.file_hash(p) for p in sorted(data_dir.iterdir()) if p.is_file()}
    base = {"code": cache.file_hash(Path(contract.__file__)), "folder": str(data_dir.resolve()),
            "datapackage.json": files.get("datapackage.json"), "sources.csv": files.get("sources.csv")}
    last = cache.read_record(record)
    only = None
    if last.get("base") == base:
        if last.get("files") == files:
            print(f"Data check passed: {data_dir}/ (unchanged since it last passed)", flush=True)
            return
        paths = {r["path"]: r["name"] for r in contract.load_contract(data_dir)["resources"]}
        only = {paths[n] for n, h in files.items() if n in paths and last["files"].get(n) != h}
    problems, notes = contract.check(data_dir, only)
    if problems:
        raise BuildError(f"the data in {data_dir}/ does not match its contract:\n{contract.report(problems)}")
    for note in notes:
        print(f"  note: {note}", flush=True)
    print(f"Data check passed: {data_dir}/", flush=True)
    cache.write_record(record, {"base": base, "files": files})


class PerBuild:
    """What a build starts early, while the data is checked, and stops when it ends: notebook workers with
    warm kernels, and a Jupyter Book process that sets up while the notebooks run. A build server keeps
    them between builds instead (standby.py)."""

    def __init__(self, layout: Layout, jobs: int):
        self.layout, self.jobs = layout, jobs
        self.pool: ProcessPoolExecutor | None = None
        self._sphinx: subprocess.Popen | None = None

    def start(self, pending: int, site_url: str) -> None:
        """Start both when `pending` notebooks will likely run (else a build may need neither)."""
        if pending:
            self.pool = execute.start_pool(self.layout, self.jobs, pending)
            self._sphinx = site.start_jupyter_book(self.layout, site_url)

    def notebooks_done(self) -> None:
        """The notebooks have run (or failed): stop the workers and their kernels."""
        self.stop_pool()

    def sphinx(self) -> subprocess.Popen | None:
        """The Jupyter Book process to build with (None: jupyter_book starts one)."""
        process, self._sphinx = self._sphinx, None
        return process

    def close(self) -> None:
        """Stop whatever was started and not used."""
        self.stop_pool()
        self.stop_sphinx()

    def stop_pool(self) -> None:
        """Stop the workers and their kernels, if they run."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def stop_sphinx(self) -> None:
        """Stop the Jupyter Book process, if one is waiting."""
        if self._sphinx is not None:
            self._sphinx.kill()
            self._sphinx.wait()
            self._sphinx = None


def build(layout: Layout, data_dir: Path, as_of: str, scenario: str, extra: list[str], jobs: int,
          site_url: str = "", warm: PerBuild | None = None) -> None:
    """One whole build (see the module docstring); `warm` holds the workers (a build server passes its own)."""
    start = time.perf_counter()
    notebooks = toc_notebooks()
    wanted = params.parse(data_dir, as_of, scenario, extra)
    warm = warm or PerBuild(layout, jobs)
    with publish.build_lock(layout):
        try:
            _build(layout, data_dir, as_of, scenario, jobs, site_url, warm, notebooks, wanted, start)
        finally:
            warm.close()


def _build(layout, data_dir, as_of, scenario, jobs, site_url, warm, notebooks, wanted, start) -> None:
    per_nb = params.per_notebook(notebooks, wanted, layout.cache / "parameters.json")
    # Kernels start while the data is checked, when the cache will likely not serve every notebook
    # (a guess from the files as they are; no notebook runs before the check has passed).
    try:
        latest = "" if as_of else params.latest_date(data_dir)
        todo = execute.pending(layout, {nb: {**p, "as_of": as_of or latest} if "as_of" in p else p
                                        for nb, p in per_nb.items()})
    except Exception:  # unreadable data: the check below says what is wrong, and nothing starts
        todo = []
    warm.start(len(todo), site_url)
    try:
        check_data(data_dir, layout)
        if scenario:
            params.check_scenario(scenario, data_dir)
        if not as_of:  # the default cut-off, resolved once here so notebooks do not all read every file
            as_of = params.latest_date(data_dir)
            per_nb = {nb: {**p, "as_of": as_of} if "as_of" in p else p for nb, p in per_nb.items()}
        print(f"Running {len(notebooks)} notebooks as of {as_of} (up to {jobs} at once):", flush=True)
        executed = execute.run(layout, per_nb, jobs, warm.pool)
    finally:
        warm.notebooks_done()
    stamp = site_stamp(executed, site_url)
    if publish.current_stamp(layout) == stamp:
        print(f"Site is up to date: {os.path.relpath(layout.site)}/ ({time.perf_counter() - start:.1f}s)")
        return
    print("Building the book with Jupyter Book ...", flush=True)
    t = time.perf_counter()
    site.stage_notebooks(layout, executed)
    html = site.jupyter_book(layout, site_url, warm.sphinx())
    publish.publish(layout, html, stamp)
    print(f"  built in {time.perf_counter() - t:.1f}s")
    print(f"Site ready: {os.path.relpath(layout.site)}/index.html ({time.perf_counter() - start:.1f}s in all)")


def baseline(layout: Layout, jobs: int) -> None:
    """Re-run the committed notebooks in place on the default data (then commit them, for nbval)."""
    with publish.build_lock(layout):
        check_data(ROOT / "data", layout)
        execute.baseline(layout, toc_notebooks(), jobs)
