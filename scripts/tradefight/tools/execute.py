"""Run notebooks with papermill, in parallel worker processes, through the cache."""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import cache, faults
from .layout import ROOT, BuildError, Layout

READS_LOG = "TRADEFIGHT_READS_LOG"  # the library logs each data file it reads here


def clean_executed(nb) -> None:
    """Hide the injected-parameters cell and drop papermill's timings, so outputs are reproducible."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = tags + ["remove-cell"]


def run_one(nb_path: str, out_path: str, params: dict, reads_log: str) -> tuple[str, float, str | None]:
    """Run one notebook (in a worker process). Returns (name, seconds, error message or None)."""
    import nbformat
    import papermill as pm

    os.environ[READS_LOG] = reads_log
    Path(reads_log).write_text("", encoding="utf-8")
    # The kernel's own chatter goes to a log beside the cache entry, not the terminal.
    err = os.open(Path(reads_log).with_suffix(".kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(err, 2)
    os.close(err)
    start = time.perf_counter()
    name = Path(nb_path).name
    try:
        pm.execute_notebook(nb_path, out_path, parameters=params or None, cwd=str(Path(nb_path).parent),
                            kernel_name="python3", progress_bar=False, log_output=False)
    except pm.PapermillExecutionError as err:
        if err.ename == "StatementError":
            return name, time.perf_counter() - start, f"{err.evalue}"
        where = f"In [{err.exec_count}]" if err.exec_count else f"index {err.cell_index}"
        return name, time.perf_counter() - start, f"cell {where}: {err.ename}: {err.evalue}"
    except Exception as err:  # kernel died, notebook unreadable, ...
        return name, time.perf_counter() - start, f"{type(err).__name__}: {err}"
    nb = nbformat.read(out_path, as_version=4)
    clean_executed(nb)
    nbformat.write(nb, out_path)
    faults.pause("execute")
    return name, time.perf_counter() - start, None


def run(layout: Layout, per_nb: dict[Path, dict], jobs: int) -> list[Path]:
    """Executed copies of every notebook, from the cache or fresh; stops on the first failures."""
    layout.cache.mkdir(parents=True, exist_ok=True)
    todo, done = [], []
    for nb, params in per_nb.items():
        key = cache.notebook_key(nb, params)
        if cache.lookup(layout, nb, key):
            print(f"  {nb.relative_to(ROOT)}: unchanged, reused", flush=True)
        else:
            todo.append((nb, params, key))
        done.append(cache.entry(layout, nb, key)[0])
    if not todo:
        return done
    failures = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
        futures = {}
        for nb, params, key in todo:
            tmp_out = layout.cache / f"{nb.stem}.running.ipynb"
            log = layout.cache / f"{nb.stem}.reads"
            futures[pool.submit(run_one, str(nb), str(tmp_out), params, str(log))] = (nb, key, tmp_out, log)
        for future in futures:
            nb, key, tmp_out, log = futures[future]
            name, seconds, error = future.result()
            rel = nb.relative_to(ROOT)
            if error:
                print(f"  {rel}: FAILED after {seconds:.1f}s", flush=True)
                failures.append(f"{rel}, {error}")
                continue
            reads = sorted(set(log.read_text(encoding="utf-8").split()))
            cache.store(layout, nb, key, tmp_out, reads)
            print(f"  {rel}: ran in {seconds:.1f}s", flush=True)
    if failures:
        raise BuildError("a notebook failed:\n    " + "\n    ".join(failures))
    return done


def baseline(layout: Layout, notebooks: list[Path], jobs: int) -> None:
    """Re-run the committed notebooks in place on the default data and parameters (for nbval)."""
    layout.cache.mkdir(parents=True, exist_ok=True)
    errors = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_one, str(nb), str(nb), {}, str(layout.cache / f"{nb.stem}.baseline.reads"))
                   for nb in notebooks]
        for future in futures:
            name, seconds, error = future.result()
            print(f"  book/{name}: {'FAILED: ' + error if error else f'ran in {seconds:.1f}s'}", flush=True)
            if error:
                errors.append(f"book/{name}, {error}")
    if errors:
        raise BuildError("a notebook failed:\n    " + "\n    ".join(errors))
