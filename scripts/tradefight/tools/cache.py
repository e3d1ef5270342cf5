"""Content hashes and the cache of executed notebooks.

A notebook is re-run only when its key changes (its own source, its parameters, the library code, the
locked requirements, the versions of the executing stack) or a data file it read has changed.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .layout import LOCK_FILE, PACKAGE, ROOT, Layout

KEEP_PER_NOTEBOOK = 4       # cached executions kept per notebook (one per data folder/parameters)
# What executes a notebook; a new version of any of these re-runs every notebook.
STACK = ["papermill", "ipykernel", "nbformat", "nbclient", "altair", "pandas", "numpy", "vl-convert-python",
         "myst-nb", "Jinja2", "jupyter-book", "Sphinx", "pydata-sphinx-theme", "sphinx-book-theme"]


def sha256(data: bytes) -> str:
    """Hex digest of bytes."""
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """Digest of a file's bytes ("missing" if it is not there)."""
    return sha256(path.read_bytes()) if path.is_file() else "missing"


def tree_hash(folder: Path, pattern: str = "*", skip_suffix: str = "", skip_dirs=()) -> str:
    """Digest of every file under a folder (names and contents), caches and checkpoints left out."""
    parts = [f"{p.relative_to(folder)}:{file_hash(p)}" for p in sorted(folder.rglob(pattern))
             if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts
             and not (skip_suffix and p.suffix == skip_suffix)
             and not any(d in p.relative_to(folder).parts for d in skip_dirs)]
    return sha256("\n".join(parts).encode())


def library_hash() -> str:
    """The library code notebooks run (the tooling under tools/ does not change their output)."""
    return tree_hash(PACKAGE, skip_dirs=("tools",))


@lru_cache(maxsize=1)
def stack_versions() -> dict[str, str]:
    """Installed versions of the packages that execute and render notebooks."""
    out = {}
    for name in STACK:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def environment_key() -> dict:
    """The locked requirements and the executing stack, as part of every cache key.
    ($TRADEFIGHT_REQUIREMENTS names another lock file: the tests use it to change a pin.)"""
    lock = Path(os.environ.get("TRADEFIGHT_REQUIREMENTS", ROOT / LOCK_FILE))
    return {"requirements": file_hash(lock), "stack": stack_versions()}


def notebook_key(nb: Path, params: dict) -> dict:
    """Everything an executed notebook depends on, except the data files it reads (recorded per run)."""
    return {"source": file_hash(nb), "params": params, "library": library_hash(), **environment_key()}


def entry(layout: Layout, nb: Path, key: dict) -> tuple[Path, Path]:
    """(executed notebook, its record of inputs) for this notebook and key."""
    tag = sha256(json.dumps(key, sort_keys=True).encode())[:16]
    return layout.cache / f"{nb.stem}-{tag}.ipynb", layout.cache / f"{nb.stem}-{tag}.json"


def lookup(layout: Layout, nb: Path, key: dict) -> Path | None:
    """The executed copy, if its key matches and every data file it read is unchanged."""
    out, meta = entry(layout, nb, key)
    if not (meta.is_file() and out.is_file()):
        return None
    saved = read_record(meta)  # a record cut short by a killed build reads as none: a miss
    if saved.get("key") != key or any(file_hash(Path(p)) != h for p, h in saved.get("reads", {}).items()):
        return None
    os.utime(meta)  # most recently used
    return out


def read_record(path: Path) -> dict:
    """A small JSON record the build keeps; an unreadable one (a build killed mid-write) counts as none."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_record(path: Path, value) -> None:
    """Write a JSON record whole or not at all."""
    write_whole(path, json.dumps(value, indent=1))


def write_whole(path: Path, text: str) -> None:
    """Write a file whole or not at all (a temporary file, then one rename): no reader sees it half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def store(layout: Layout, nb: Path, key: dict, executed: Path, reads: list[str]) -> Path:
    """Move a fresh execution into the cache with its record; the record is written last, atomically."""
    out, meta = entry(layout, nb, key)
    os.replace(executed, out)
    write_record(meta, {"key": key, "reads": {p: file_hash(Path(p)) for p in reads}})
    prune(layout, nb)
    return out


def prune(layout: Layout, nb: Path) -> None:
    """Keep the most recently used executions of a notebook, drop the rest."""
    records = sorted(layout.cache.glob(f"{nb.stem}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for meta in records[KEEP_PER_NOTEBOOK:]:
        meta.unlink(missing_ok=True)
        meta.with_suffix(".ipynb").unlink(missing_ok=True)
