"""Run notebooks with papermill, in parallel worker processes, through the cache.

Each worker process keeps one warm kernel (started in book/, with the library already imported) and runs
its notebooks in it one after another, clearing the kernel's namespace before each: kernel start and
imports, most of a notebook's run time, are paid once per worker instead of once per notebook. nbval, in
the tests, still runs every committed notebook in a fresh kernel, so no notebook can lean on another.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..data import READS_LOG  # the library logs each data file it reads here
from . import cache, faults
from .layout import ROOT, BuildError, Layout
from .lifetime import die_with



def clean_executed(nb) -> None:
    """Hide the injected-parameters cell, drop papermill's timings and number the code cells from 1 (a warm
    kernel counts on from the notebooks it ran before), so outputs are reproducible."""
    nb.metadata.pop("papermill", None)
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = count
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = tags + ["remove-cell"]


WARM = None       # this worker's kernel manager
# Imports, and vl-convert's first compile (it starts its JavaScript engine), done before any notebook.
PRELOAD = ("import altair, pandas, myst_nb.ext.glue, tradefight.figures, tradefight.statements.claims, vl_convert\n"
           "_ = vl_convert.vegalite_to_vega({'mark': 'point', 'data': {'values': [{}]}})")
KERNEL_FAILURES = ("Kernel didn't respond", "Kernel died before replying")


def _warm_kernel(book_dir: str, log: str):
    """This worker's kernel: started once in book/ with the library imported; restarted if it died."""
    global WARM
    from jupyter_client.manager import KernelManager

    if WARM is not None and WARM.is_alive():
        return WARM
    err = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(err, 2)  # the kernel's own chatter goes to a log beside the cache, not the terminal
    os.close(err)
    for attempt in range(3):  # two kernels starting at once can race for a port: try again
        try:
            km = KernelManager(kernel_name="python3")
            km.start_kernel(cwd=book_dir)
            _run(km, PRELOAD)
            WARM = km
            import multiprocessing.util

            multiprocessing.util.Finalize(None, km.shutdown_kernel, kwargs={"now": True}, exitpriority=10)
            return km
        except RuntimeError:
            if attempt == 2:
                raise
    return WARM


def _run(km, code: str) -> None:
    """Run code in the kernel and wait for it."""
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        reply = kc.execute_interactive(code, timeout=120, store_history=False)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel setup failed: {reply['content'].get('evalue')}")
    finally:
        kc.stop_channels()


def run_one(nb_path: str, out_path: str, params: dict, reads_log: str,
            retried: bool = False) -> tuple[str, float, str | None]:
    """Run one notebook (in a worker process). Returns (name, seconds, error message or None)."""
    import nbformat
    import papermill as pm

    Path(reads_log).write_text("", encoding="utf-8")
    start = time.perf_counter()
    name = Path(nb_path).name
    try:
        km = _warm_kernel(str(Path(nb_path).parent), str(Path(reads_log).parent / "kernels.log"))
        _run(km, f"get_ipython().reset(new_session=False)\nimport os\nos.environ[{READS_LOG!r}] = {reads_log!r}")
        pm.execute_notebook(nb_path, out_path, parameters=params or None, cwd=str(Path(nb_path).parent),
                            kernel_name="python3", progress_bar=False, log_output=False, km=km,
                            request_save_on_cell_execute=False)  # written once, at the end
    except pm.PapermillExecutionError as err:
        _restart()
        if err.ename == "StatementError":
            return name, time.perf_counter() - start, f"{err.evalue}"
        where = f"In [{err.exec_count}]" if err.exec_count else f"index {err.cell_index}"
        return name, time.perf_counter() - start, f"cell {where}: {err.ename}: {err.evalue}"
    except Exception as err:  # kernel died, notebook unreadable, ...
        _restart()
        if any(text in str(err) for text in KERNEL_FAILURES) and not retried:
            return run_one(nb_path, out_path, params, reads_log, retried=True)
        return name, time.perf_counter() - start, f"{type(err).__name__}: {err}"
    nb = nbformat.read(out_path, as_version=4)
    clean_executed(nb)
    nbformat.write(nb, out_path)
    faults.pause("execute")
    return name, time.perf_counter() - start, None


def _restart() -> None:
    """After a failure, the next notebook gets a fresh kernel."""
    global WARM
    if WARM is not None:
        WARM.shutdown_kernel(now=True)
        WARM = None


def warm(book_dir: str, log: str) -> bool:
    """Start this worker's kernel ahead of the notebooks (a task of its own)."""
    _warm_kernel(book_dir, log)
    return True


def pending(layout: Layout, per_nb: dict[Path, dict]) -> list[Path]:
    """The notebooks the cache cannot serve for these parameters."""
    return [nb for nb, params in per_nb.items() if not cache.lookup(layout, nb, cache.notebook_key(nb, params))]


def start_pool(layout: Layout, jobs: int, count: int) -> ProcessPoolExecutor:
    """Worker processes for `count` notebooks, their kernels starting now, while the data is checked."""
    layout.cache.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(jobs, count))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=die_with, initargs=(os.getpid(),))
    for _ in range(workers):
        pool.submit(warm, str(ROOT / "book"), str(layout.cache / "kernels.log"))
    return pool


def run(layout: Layout, per_nb: dict[Path, dict], jobs: int, pool: ProcessPoolExecutor | None = None) -> list[Path]:
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
    own = pool is None
    pool = pool or start_pool(layout, jobs, len(todo))
    keys = {nb: key for nb, _, key in todo}
    record = layout.cache / "durations.json"
    last = cache.read_record(record)
    todo.sort(key=lambda task: -last.get(task[0].name, float("inf")))  # longest first: workers end together
    try:
        tasks = [(nb, layout.cache / f"{nb.stem}.running.ipynb", params, layout.cache / f"{nb.stem}.reads")
                 for nb, params, _ in todo]
        took = _run_tasks(pool, tasks, lambda nb, out, log: cache.store(
            layout, nb, keys[nb], out, sorted(set(log.read_text(encoding="utf-8").split()))))
        cache.write_record(record, {**last, **{nb.name: seconds for nb, seconds in took.items()}})
    finally:
        if own:
            pool.shutdown()
    return done


def _run_tasks(pool: ProcessPoolExecutor, tasks: list[tuple], on_done) -> dict[Path, float]:
    """Run each (notebook, output, parameters, reads log) task on the pool and call on_done(notebook, output,
    log) for each that ran, printing a line each; then stop with every failure, if any. Returns the
    seconds each notebook took."""
    futures = [(nb, out, log, pool.submit(run_one, str(nb), str(out), params, str(log)))
               for nb, out, params, log in tasks]
    failures, took = [], {}
    for nb, out, log, future in futures:
        _, seconds, error = future.result()
        rel = nb.relative_to(ROOT)
        if error:
            print(f"  {rel}: FAILED after {seconds:.1f}s", flush=True)
            failures.append(f"{rel}, {error}")
            continue
        on_done(nb, out, log)
        took[nb] = seconds
        print(f"  {rel}: ran in {seconds:.1f}s", flush=True)
    if failures:
        raise BuildError("a notebook failed:\n    " + "\n    ".join(failures))
    return took


def baseline(layout: Layout, notebooks: list[Path], jobs: int) -> None:
    """Re-run the committed notebooks in place on the default data and parameters (for nbval)."""
    layout.cache.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        _run_tasks(pool, [(nb, nb, {}, layout.cache / f"{nb.stem}.baseline.reads") for nb in notebooks],
                   lambda nb, out, log: None)
