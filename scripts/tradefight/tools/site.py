"""Lay out the book for Jupyter Book and build it (execution off: the notebooks already ran)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from . import cache
from .layout import CONFIG_FILES, ROOT, BuildError, Layout
from .lifetime import PARENT


def copy_if_changed(src: Path, dst: Path) -> None:
    """Copy keeping dst's timestamp when the content is the same (Sphinx rebuilds by timestamp)."""
    if dst.is_file() and dst.read_bytes() == src.read_bytes():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def write_if_changed(dst: Path, text: str) -> None:
    """Write text unless the file already holds it."""
    if dst.is_file() and dst.read_text(encoding="utf-8") == text:
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(text, encoding="utf-8")


def config_for(site_url: str) -> str:
    """_config.yml as committed, plus the public address when it is known (sitemap, share cards)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    if site_url:  # sphinx-sitemap needs the public address; without one there is no sitemap
        extra = config.setdefault("sphinx", {}).setdefault("config", {})
        extra["html_baseurl"] = site_url.rstrip("/") + "/"
        extra["ogp_site_url"] = site_url.rstrip("/") + "/"
        extra["extensions"] = list(extra.get("extensions", [])) + ["sphinx_sitemap"]
        extra["sitemap_url_scheme"] = "{link}"
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def stage_book(layout: Layout, site_url: str) -> None:
    """Config and the book's own files (extension, templates, static files) in the source tree under _build/:
    all but the notebooks (start_jupyter_book stages these before it starts Jupyter Book)."""
    src = layout.src
    wanted = set()
    for name in CONFIG_FILES:
        if name == "_config.yml":
            write_if_changed(src / name, config_for(site_url))
        else:
            copy_if_changed(ROOT / name, src / name)
        wanted.add(src / name)
    for path in (ROOT / "book").rglob("*"):
        if path.is_file() and path.suffix != ".ipynb" and not {".ipynb_checkpoints", "__pycache__"} & set(path.parts):
            copy_if_changed(path, src / path.relative_to(ROOT))
            wanted.add(src / path.relative_to(ROOT))
    _remove_unwanted(src, wanted, notebooks=False)


def stage_notebooks(layout: Layout, executed: list[Path]) -> None:
    """The executed notebooks, under the names the table of contents uses."""
    wanted = set()
    for nb in executed:
        name = nb.name.rsplit("-", 1)[0] + ".ipynb"  # drop the cache tag
        copy_if_changed(nb, layout.src / "book" / name)
        wanted.add(layout.src / "book" / name)
    _remove_unwanted(layout.src, wanted, notebooks=True)


def _remove_unwanted(src: Path, wanted: set[Path], notebooks: bool) -> None:
    """Delete the staged notebooks (or the other files) that are not wanted."""
    for path in list(src.rglob("*")):
        if (path.is_file() and (path.suffix == ".ipynb") == notebooks and path not in wanted
                and "__pycache__" not in path.parts):
            path.unlink()


def fresh_output(layout: Layout) -> None:
    """Incremental Sphinx builds re-render only changed pages and keep old static files (Sphinx 7.4): after a
    change of the installed stack, the site's extension, templates or config, start Jupyter Book afresh."""
    marker = layout.jb_out / ".tradefight-environment.json"
    if marker.is_file() and marker.read_text(encoding="utf-8") != _environment():
        shutil.rmtree(layout.jb_out, ignore_errors=True)


def _environment() -> str:
    return json.dumps({**cache.environment_key(), "site_code": cache.tree_hash(ROOT / "book", skip_suffix=".ipynb"),
                       "config": [cache.file_hash(ROOT / n) for n in CONFIG_FILES]}, sort_keys=True)


def start_jupyter_book(layout: Layout, site_url: str) -> subprocess.Popen:
    """A Jupyter Book process that loads the staged config, extensions and the last build's state now, and
    builds the staged book when `jupyter_book` says (see sphinx_worker.py). Stages all but the notebooks."""
    fresh_output(layout)
    stage_book(layout, site_url)
    args = ["build", str(layout.src), "--path-output", str(layout.jb_out), "-W", "-n", "--keep-going", "-q"]
    return subprocess.Popen([sys.executable, "-m", "tradefight.tools.sphinx_worker", *args], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, PARENT: str(os.getpid())})


def jupyter_book(layout: Layout, site_url: str, process: subprocess.Popen | None = None) -> Path:
    """Build the staged book (warnings are errors); returns the HTML folder."""
    process = process or start_jupyter_book(layout, site_url)
    out, err = process.communicate("go\n")
    if process.returncode != 0:
        shutil.rmtree(layout.jb_out, ignore_errors=True)  # next build starts clean
        lines = [ln for ln in (out + err).splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        raise BuildError("Jupyter Book failed:\n    " + "\n    ".join(lines[-20:] or ["(no message)"]))
    (layout.jb_out / ".tradefight-environment.json").write_text(_environment(), encoding="utf-8")
    return layout.jb_out / "_build" / "html"
