"""Build the site: check the data, run the notebooks with papermill, build the book, publish atomically.

    python -m tradefight.build [--data DIR] [--as-of YYYY-MM-DD] [--param NAME=VALUE ...]
    python -m tradefight.build --baseline     # re-run book/*.ipynb in place on the default data

Steps, each stopping the build with a plain message on failure:
1. Check the parameters against each notebook's `parameters` cell (names and types).
2. Check the data folder against data/datapackage.json (before any notebook runs).
3. Run each notebook in _toc.yml with papermill, in parallel. A notebook is re-run only when its own
   source, the parameters, the package code or a data file it read has changed (content hashes).
4. Build the book with Jupyter Book (execution off: papermill already ran everything) in a work tree
   under _build/, then swap the result into _build/html. A failed build leaves _build/html as it was.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from . import validate as data_check
from .data import READS_LOG

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build"
CACHE = BUILD / ".cache"          # executed notebooks and what they depended on
SRC = BUILD / ".src"              # the book's source tree as Jupyter Book sees it
JB_OUT = BUILD / ".jb"            # Jupyter Book's own output (kept for incremental Sphinx builds)
SITE = BUILD / "html"             # the published site
STAMP = ".tradefight-build.json"  # in SITE: the inputs the site was built from
PACKAGE = Path(__file__).resolve().parent
CONFIG_FILES = ["_config.yml", "_toc.yml"]


class BuildError(Exception):
    """A failure to report in one message, without a traceback."""


# -- inputs ------------------------------------------------------------------------------------
def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    return sha256(path.read_bytes()) if path.is_file() else "missing"


def tree_hash(folder: Path, pattern: str = "*", skip_suffix: str = "") -> str:
    parts = [f"{p.relative_to(folder)}:{file_hash(p)}" for p in sorted(folder.rglob(pattern))
             if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts
             and not (skip_suffix and p.suffix == skip_suffix)]
    return sha256("\n".join(parts).encode())


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """Notebooks in _toc.yml order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            for part in entry.get("parts", []):
                walk(part.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return [root / f"{f}.ipynb" for f in files if (root / f"{f}.ipynb").is_file()]


def parse_params(data_dir: Path, as_of: str, extra: list[str]) -> dict:
    params: dict = {"data_dir": str(data_dir.resolve()), "as_of": as_of}
    if as_of:
        try:
            dt.date.fromisoformat(as_of)
        except ValueError:
            raise BuildError(f"AS_OF={as_of!r} is not a date; expected YYYY-MM-DD, e.g. 2025-06-09") from None
    for item in extra:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise BuildError(f"parameter {item!r}: expected NAME=VALUE")
        params[name] = value
    return params


def check_params(notebooks: list[Path], params: dict) -> dict[Path, dict]:
    """Per notebook, the parameters it declares, typed like its defaults. Unknown names are refused."""
    import papermill as pm

    from .tariffs import SCENARIOS

    declared = {nb: pm.inspect_notebook(str(nb)) for nb in notebooks}
    for nb, names in declared.items():
        for needed in ("data_dir", "as_of"):
            if needed not in names:
                raise BuildError(f"{nb.relative_to(ROOT)}: its parameters cell must define {needed}")
    known = set().union(*declared.values()) if declared else set()
    for name in params:
        if name not in known:
            raise BuildError(f"unknown parameter {name!r}; notebooks accept: {', '.join(sorted(known))}")
    if "scenario" in params and params["scenario"] not in SCENARIOS:
        raise BuildError(f"scenario {params['scenario']!r} is unknown; expected one of: {', '.join(SCENARIOS)}")
    per_nb = {}
    for nb, names in declared.items():
        mine = {}
        for name, value in params.items():
            if name not in names:
                continue
            kind = names[name]["inferred_type_name"]
            try:
                mine[name] = {"int": int, "float": float}.get(kind, str)(value)
            except ValueError:
                raise BuildError(f"parameter {name}={value!r}: expected {kind} (see {nb.name})") from None
        per_nb[nb] = mine
    return per_nb


# -- executing notebooks ------------------------------------------------------------------------
def clean_executed(nb) -> None:
    """Hide the injected-parameters cell and drop papermill's timings, so outputs are reproducible."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = tags + ["remove-cell"]


def _execute(nb_path: str, out_path: str, params: dict, reads_log: str) -> tuple[str, float, str | None]:
    """Run one notebook (in a worker process). Returns (name, seconds, error message or None)."""
    import nbformat
    import papermill as pm

    os.environ[READS_LOG] = reads_log
    Path(reads_log).write_text("", encoding="utf-8")
    start = time.perf_counter()
    name = Path(nb_path).name
    try:
        pm.execute_notebook(nb_path, out_path, parameters=params or None, cwd=str(Path(nb_path).parent),
                            kernel_name="python3", progress_bar=False, log_output=False)
    except pm.PapermillExecutionError as err:
        return name, time.perf_counter() - start, (
            f"cell {err.exec_count or err.cell_index}: {err.ename}: {err.evalue}")
    except Exception as err:  # kernel died, notebook unreadable, ...
        return name, time.perf_counter() - start, f"{type(err).__name__}: {err}"
    nb = nbformat.read(out_path, as_version=4)
    clean_executed(nb)
    nbformat.write(nb, out_path)
    return name, time.perf_counter() - start, None


def notebook_key(nb: Path, params: dict, package: str) -> dict:
    return {"source": file_hash(nb), "params": params, "package": package}


def cached(nb: Path, key: dict) -> Path | None:
    meta = CACHE / f"{nb.stem}.json"
    out = CACHE / nb.name
    if not (meta.is_file() and out.is_file()):
        return None
    saved = json.loads(meta.read_text(encoding="utf-8"))
    if saved["key"] != key:
        return None
    if any(file_hash(Path(p)) != h for p, h in saved["reads"].items()):
        return None
    return out


def run_notebooks(per_nb: dict[Path, dict], jobs: int) -> list[Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    package = tree_hash(PACKAGE, "*.py")
    todo, done = [], []
    for nb, params in per_nb.items():
        key = notebook_key(nb, params, package)
        hit = cached(nb, key)
        if hit:
            print(f"  {nb.relative_to(ROOT)}: unchanged, reused", flush=True)
        else:
            todo.append((nb, params, key))
        done.append(CACHE / nb.name)
    if not todo:
        return done
    failures = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
        futures = {}
        for nb, params, key in todo:
            tmp_out = CACHE / f"{nb.stem}.running.ipynb"
            log = CACHE / f"{nb.stem}.reads"
            futures[pool.submit(_execute, str(nb), str(tmp_out), params, str(log))] = (nb, key, tmp_out, log)
        for future in futures:
            nb, key, tmp_out, log = futures[future]
            name, seconds, error = future.result()
            rel = nb.relative_to(ROOT)
            if error:
                print(f"  {rel}: FAILED after {seconds:.1f}s", flush=True)
                failures.append(f"{rel}, {error}")
                continue
            reads = sorted(set(log.read_text(encoding="utf-8").split()))
            (CACHE / f"{nb.stem}.json").unlink(missing_ok=True)
            os.replace(tmp_out, CACHE / nb.name)
            (CACHE / f"{nb.stem}.json").write_text(json.dumps(
                {"key": key, "reads": {p: file_hash(Path(p)) for p in reads}}, indent=1), encoding="utf-8")
            print(f"  {rel}: ran in {seconds:.1f}s", flush=True)
    if failures:
        raise BuildError("a notebook failed:\n    " + "\n    ".join(failures))
    return done


# -- building and publishing the site ------------------------------------------------------------
def copy_if_changed(src: Path, dst: Path) -> None:
    """Copy keeping dst's timestamp when the content is the same (Sphinx rebuilds by timestamp)."""
    if dst.is_file() and dst.read_bytes() == src.read_bytes():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def vega_runtime() -> bytes:
    """vl-convert's Vega + Vega-Lite + vega-embed bundle, in its own function scope.

    The raw bundle declares top-level names (among them `_`) that would clash with Sphinx's scripts.
    """
    import vl_convert as vlc

    return ("/* Vega, Vega-Lite and vega-embed, bundled by vl-convert-python "
            f"(vega {vlc.get_vega_version()}, vega-embed {vlc.get_vega_embed_version()}). */\n"
            "(function () {\n" + vlc.javascript_bundle() + "\n})();\n").encode()


def stage_sources(executed: list[Path]) -> None:
    """Lay out the book for Jupyter Book: config, book/ files, executed notebooks, the Vega runtime."""
    wanted = set()
    for name in CONFIG_FILES:
        copy_if_changed(ROOT / name, SRC / name)
        wanted.add(SRC / name)
    for path in (ROOT / "book").rglob("*"):
        if path.is_file() and path.suffix != ".ipynb" and ".ipynb_checkpoints" not in path.parts:
            copy_if_changed(path, SRC / path.relative_to(ROOT))
            wanted.add(SRC / path.relative_to(ROOT))
    for nb in executed:
        copy_if_changed(nb, SRC / "book" / nb.name)
        wanted.add(SRC / "book" / nb.name)
    runtime = SRC / "book" / "_static" / "vega-runtime.js"
    if not runtime.is_file():
        runtime.write_bytes(vega_runtime())
    wanted.add(runtime)
    for path in list(SRC.rglob("*")):
        if path.is_file() and path not in wanted:
            path.unlink()


def jupyter_book() -> None:
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(SRC), "--path-output",
           str(JB_OUT), "-W", "-n", "--keep-going", "-q"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(JB_OUT, ignore_errors=True)  # next build starts clean
        lines = [ln for ln in (result.stdout + result.stderr).splitlines()
                 if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        raise BuildError("Jupyter Book failed:\n    " + "\n    ".join(lines[-20:] or ["(no message)"]))


def publish(stamp: dict) -> None:
    """Swap the new site in whole; until then the old one stays as it was."""
    new = BUILD / ".html-new"
    old = BUILD / ".html-old"
    shutil.rmtree(new, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(JB_OUT / "_build" / "html", new)
    (new / ".buildinfo").unlink(missing_ok=True)
    (new / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    if SITE.exists():
        os.rename(SITE, old)
    os.rename(new, SITE)
    shutil.rmtree(old, ignore_errors=True)


def site_stamp(executed: list[Path]) -> dict:
    return {
        "notebooks": {nb.name: file_hash(nb) for nb in executed},
        "config": {name: file_hash(ROOT / name) for name in CONFIG_FILES},
        "book_files": tree_hash(ROOT / "book", skip_suffix=".ipynb"),  # notebooks are counted above
        "package": tree_hash(PACKAGE, "*.py"),
    }


def build(data_dir: Path, as_of: str, extra: list[str], jobs: int) -> None:
    start = time.perf_counter()
    notebooks = toc_notebooks()
    params = parse_params(data_dir, as_of, extra)
    per_nb = check_params(notebooks, params)
    problems = data_check.validate(data_dir)
    if problems:
        raise BuildError(f"the data in {data_dir}/ does not match its contract:\n    "
                         + "\n    ".join(map(str, problems[:50])))
    print(f"Data check passed: {data_dir}/", flush=True)
    print(f"Running {len(notebooks)} notebooks (up to {jobs} at once):", flush=True)
    executed = run_notebooks(per_nb, jobs)
    stamp = site_stamp(executed)
    current = SITE / STAMP
    if current.is_file() and json.loads(current.read_text(encoding="utf-8")) == stamp:
        print(f"Site is up to date: {SITE.relative_to(ROOT)}/ ({time.perf_counter() - start:.1f}s)")
        return
    print("Building the book with Jupyter Book ...", flush=True)
    t = time.perf_counter()
    stage_sources(executed)
    jupyter_book()
    publish(stamp)
    print(f"  built in {time.perf_counter() - t:.1f}s")
    print(f"Site ready: {SITE.relative_to(ROOT)}/index.html ({time.perf_counter() - start:.1f}s in all)")


def baseline(jobs: int) -> None:
    """Re-run the committed notebooks in place on the default data and parameters (for nbval)."""
    problems = data_check.validate(ROOT / "data")
    if problems:
        raise BuildError("the default data does not match its contract:\n    " + "\n    ".join(map(str, problems)))
    notebooks = toc_notebooks()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_execute, str(nb), str(nb), {}, str(CACHE / f"{nb.stem}.baseline.reads"))
                   for nb in notebooks]
        CACHE.mkdir(parents=True, exist_ok=True)
        errors = []
        for future in futures:
            name, seconds, error = future.result()
            print(f"  book/{name}: {'FAILED: ' + error if error else f'ran in {seconds:.1f}s'}", flush=True)
            if error:
                errors.append(f"book/{name}, {error}")
    if errors:
        raise BuildError("a notebook failed:\n    " + "\n    ".join(errors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tradefight.build", description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("--as-of", default="", help="cut every chapter at this date, YYYY-MM-DD")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="another notebook parameter, e.g. scenario=truce_lapses")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once")
    parser.add_argument("--baseline", action="store_true",
                        help="re-run book/*.ipynb in place on the default data (then commit them)")
    args = parser.parse_args(argv)
    try:
        if args.baseline:
            CACHE.mkdir(parents=True, exist_ok=True)
            baseline(args.jobs)
        else:
            data_dir = Path(args.data)
            if not data_dir.is_dir():
                raise BuildError(f"DATA={args.data!r} is not a folder")
            build(data_dir, args.as_of, args.param, args.jobs)
    except BuildError as err:
        print(f"Build stopped: {err}", file=sys.stderr)
        print("The site already built in _build/html is unchanged.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
