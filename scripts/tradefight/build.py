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
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import validate as data_check
from .data import READS_LOG

ROOT = Path(__file__).resolve().parents[2]
STAMP = ".tradefight-build.json"  # in the site: the inputs it was built from
PACKAGE = Path(__file__).resolve().parent
CONFIG_FILES = ["_config.yml", "_toc.yml"]
RUNNER_ONLY = {"build.py", "bench.py", "audit.py", "validate.py"}  # not imported by notebooks
KEEP_PER_NOTEBOOK = 4             # cached executions kept per notebook (one per data folder/parameters)


@dataclass(frozen=True)
class Layout:
    """Where a build keeps its files. The default is _build/; tests and `make bench` use others."""

    build: Path

    @property
    def cache(self) -> Path:   # executed notebooks and what they depended on
        return self.build / ".cache"

    @property
    def src(self) -> Path:     # the book's source tree as Jupyter Book sees it
        return self.build / ".src"

    @property
    def jb_out(self) -> Path:  # Jupyter Book's own output, kept for incremental Sphinx builds
        return self.build / ".jb"

    @property
    def site(self) -> Path:    # the published site
        return self.build / "html"


class BuildError(Exception):
    """A failure to report in one message, without a traceback."""


# -- inputs ------------------------------------------------------------------------------------
def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    return sha256(path.read_bytes()) if path.is_file() else "missing"


def tree_hash(folder: Path, pattern: str = "*", skip_suffix: str = "", skip_names=()) -> str:
    parts = [f"{p.relative_to(folder)}:{file_hash(p)}" for p in sorted(folder.rglob(pattern))
             if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts
             and not (skip_suffix and p.suffix == skip_suffix) and p.name not in skip_names]
    return sha256("\n".join(parts).encode())


def package_hash() -> str:
    """The package code that notebooks run (the runner's own modules do not change their output)."""
    return tree_hash(PACKAGE, "*.py", skip_names=RUNNER_ONLY)


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
    # The kernel's own chatter (e.g. ipykernel's TCP warning) goes to a log beside the cache entry, not
    # the terminal; a failing cell is reported below from papermill's error.
    err = os.open(Path(reads_log).with_suffix(".kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(err, 2)
    os.close(err)
    start = time.perf_counter()
    name = Path(nb_path).name
    try:
        pm.execute_notebook(nb_path, out_path, parameters=params or None, cwd=str(Path(nb_path).parent),
                            kernel_name="python3", progress_bar=False, log_output=False)
    except pm.PapermillExecutionError as err:
        where = f"In [{err.exec_count}]" if err.exec_count else f"index {err.cell_index}"
        return name, time.perf_counter() - start, f"cell {where}: {err.ename}: {err.evalue}"
    except Exception as err:  # kernel died, notebook unreadable, ...
        return name, time.perf_counter() - start, f"{type(err).__name__}: {err}"
    nb = nbformat.read(out_path, as_version=4)
    clean_executed(nb)
    nbformat.write(nb, out_path)
    return name, time.perf_counter() - start, None


def notebook_key(nb: Path, params: dict, package: str) -> dict:
    return {"source": file_hash(nb), "params": params, "package": package}


def cache_entry(layout: Layout, nb: Path, key: dict) -> tuple[Path, Path]:
    """(executed notebook, its record of inputs) for this notebook and key."""
    tag = sha256(json.dumps(key, sort_keys=True).encode())[:16]
    return layout.cache / f"{nb.stem}-{tag}.ipynb", layout.cache / f"{nb.stem}-{tag}.json"


def cached(layout: Layout, nb: Path, key: dict) -> Path | None:
    """The executed copy, if its key matches and every data file it read is unchanged."""
    out, meta = cache_entry(layout, nb, key)
    if not (meta.is_file() and out.is_file()):
        return None
    saved = json.loads(meta.read_text(encoding="utf-8"))
    if saved["key"] != key or any(file_hash(Path(p)) != h for p, h in saved["reads"].items()):
        return None
    os.utime(meta)  # most recently used
    return out


def prune_cache(layout: Layout, nb: Path) -> None:
    records = sorted(layout.cache.glob(f"{nb.stem}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for meta in records[KEEP_PER_NOTEBOOK:]:
        meta.unlink(missing_ok=True)
        meta.with_suffix(".ipynb").unlink(missing_ok=True)


def run_notebooks(layout: Layout, per_nb: dict[Path, dict], jobs: int) -> list[Path]:
    layout.cache.mkdir(parents=True, exist_ok=True)
    package = package_hash()
    todo, done = [], []
    for nb, params in per_nb.items():
        key = notebook_key(nb, params, package)
        hit = cached(layout, nb, key)
        if hit:
            print(f"  {nb.relative_to(ROOT)}: unchanged, reused", flush=True)
        else:
            todo.append((nb, params, key))
        done.append(cache_entry(layout, nb, key)[0])
    if not todo:
        return done
    failures = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
        futures = {}
        for nb, params, key in todo:
            tmp_out = layout.cache / f"{nb.stem}.running.ipynb"
            log = layout.cache / f"{nb.stem}.reads"
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
            out, meta = cache_entry(layout, nb, key)
            os.replace(tmp_out, out)
            meta.write_text(json.dumps({"key": key, "reads": {p: file_hash(Path(p)) for p in reads}}, indent=1),
                            encoding="utf-8")
            prune_cache(layout, nb)
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


def stage_sources(layout: Layout, executed: list[Path]) -> None:
    """Lay out the book for Jupyter Book: config, book/ files, executed notebooks, the Vega runtime."""
    src = layout.src
    wanted = set()
    for name in CONFIG_FILES:
        copy_if_changed(ROOT / name, src / name)
        wanted.add(src / name)
    for path in (ROOT / "book").rglob("*"):
        if path.is_file() and path.suffix != ".ipynb" and ".ipynb_checkpoints" not in path.parts:
            copy_if_changed(path, src / path.relative_to(ROOT))
            wanted.add(src / path.relative_to(ROOT))
    for nb in executed:
        name = nb.name.rsplit("-", 1)[0] + ".ipynb"  # drop the cache tag
        copy_if_changed(nb, src / "book" / name)
        wanted.add(src / "book" / name)
    runtime = src / "book" / "_static" / "vega-runtime.js"
    if not runtime.is_file():
        runtime.write_bytes(vega_runtime())
    wanted.add(runtime)
    for path in list(src.rglob("*")):
        if path.is_file() and path not in wanted:
            path.unlink()


def jupyter_book(layout: Layout) -> None:
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(layout.src), "--path-output",
           str(layout.jb_out), "-W", "-n", "--keep-going", "-q"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(layout.jb_out, ignore_errors=True)  # next build starts clean
        lines = [ln for ln in (result.stdout + result.stderr).splitlines()
                 if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        raise BuildError("Jupyter Book failed:\n    " + "\n    ".join(lines[-20:] or ["(no message)"]))


def publish(layout: Layout, stamp: dict) -> None:
    """Swap the new site in whole; until then the old one stays as it was."""
    new = layout.build / ".html-new"
    old = layout.build / ".html-old"
    shutil.rmtree(new, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(layout.jb_out / "_build" / "html", new)
    (new / ".buildinfo").unlink(missing_ok=True)
    (new / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    write_seo_files(new, stamp["site_url"])
    if layout.site.exists():
        os.rename(layout.site, old)
    os.rename(new, layout.site)
    shutil.rmtree(old, ignore_errors=True)


def write_seo_files(site: Path, site_url: str) -> None:
    """robots.txt always; sitemap.xml when the public address is known (SITE_URL), as sitemaps need it."""
    robots = "User-agent: *\nAllow: /\n"
    if site_url:
        base = site_url.rstrip("/") + "/"
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                       if not any(part.startswith("_") for part in p.relative_to(site).parts)
                       and p.name not in ("search.html", "genindex.html") and p.parent != site)
        urls = "".join(f"  <url><loc>{base}{page}</loc></url>\n" for page in pages)
        (site / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
                                          f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n',
                                          encoding="utf-8")
        robots += f"Sitemap: {base}sitemap.xml\n"
    (site / "robots.txt").write_text(robots, encoding="utf-8")


def site_stamp(executed: list[Path], site_url: str = "") -> dict:
    """Everything the site depends on; equal stamps mean the site is up to date."""
    return {
        "notebooks": {nb.name: file_hash(nb) for nb in executed},
        "config": {name: file_hash(ROOT / name) for name in CONFIG_FILES},
        "book_files": tree_hash(ROOT / "book", skip_suffix=".ipynb"),  # notebooks are counted above
        "package": package_hash(),
        "runner": file_hash(Path(__file__)),  # how the site is assembled
        "site_url": site_url,
    }


def build(layout: Layout, data_dir: Path, as_of: str, extra: list[str], jobs: int, site_url: str = "") -> None:
    start = time.perf_counter()
    notebooks = toc_notebooks()
    params = parse_params(data_dir, as_of, extra)
    per_nb = check_params(notebooks, params)
    problems = data_check.validate(data_dir)
    if problems:
        raise BuildError(f"the data in {data_dir}/ does not match its contract:\n    "
                         + "\n    ".join(map(str, problems[:50])))
    print(f"Data check passed: {data_dir}/", flush=True)
    if not as_of:
        # Resolve the default cut-off (the latest event) once, here, so that a notebook which does not
        # use events.csv does not depend on it and is not re-run when it changes.
        from .data import as_of_date

        resolved = f"{as_of_date('', data_dir):%Y-%m-%d}"
        per_nb = {nb: {**p, "as_of": resolved} if "as_of" in p else p for nb, p in per_nb.items()}
    print(f"Running {len(notebooks)} notebooks (up to {jobs} at once):", flush=True)
    executed = run_notebooks(layout, per_nb, jobs)
    stamp = site_stamp(executed, site_url)
    current = layout.site / STAMP
    if current.is_file() and json.loads(current.read_text(encoding="utf-8")) == stamp:
        print(f"Site is up to date: {os.path.relpath(layout.site)}/ ({time.perf_counter() - start:.1f}s)")
        return
    print("Building the book with Jupyter Book ...", flush=True)
    t = time.perf_counter()
    stage_sources(layout, executed)
    jupyter_book(layout)
    publish(layout, stamp)
    print(f"  built in {time.perf_counter() - t:.1f}s")
    print(f"Site ready: {os.path.relpath(layout.site)}/index.html ({time.perf_counter() - start:.1f}s in all)")


def baseline(layout: Layout, jobs: int) -> None:
    """Re-run the committed notebooks in place on the default data and parameters (for nbval)."""
    problems = data_check.validate(ROOT / "data")
    if problems:
        raise BuildError("the default data does not match its contract:\n    " + "\n    ".join(map(str, problems)))
    notebooks = toc_notebooks()
    layout.cache.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_execute, str(nb), str(nb), {}, str(layout.cache / f"{nb.stem}.baseline.reads"))
                   for nb in notebooks]
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
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", ""),
                        help="public address of the site, for sitemap.xml (default: $SITE_URL)")
    parser.add_argument("--build-dir", default=str(ROOT / "_build"), help="where to build (default: _build)")
    parser.add_argument("--baseline", action="store_true",
                        help="re-run book/*.ipynb in place on the default data (then commit them)")
    args = parser.parse_args(argv)
    layout = Layout(Path(args.build_dir).resolve())
    try:
        if args.baseline:
            baseline(layout, args.jobs)
        else:
            data_dir = Path(args.data)
            if not data_dir.is_dir():
                raise BuildError(f"DATA={args.data!r} is not a folder")
            build(layout, data_dir, args.as_of, args.param, args.jobs, args.site_url)
    except BuildError as err:
        print(f"Build stopped: {err}", file=sys.stderr)
        print(f"The site already built in {os.path.relpath(layout.site)}/ is unchanged.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
