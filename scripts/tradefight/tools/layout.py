"""Where things are: the project root, and the folders a build keeps under _build/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "scripts" / "tradefight"
CONFIG_FILES = ["_config.yml", "_toc.yml"]
LOCK_FILE = "requirements.txt"   # pinned, hashed requirements: part of every cache key


class BuildError(Exception):
    """A failure to report in one message, without a traceback."""


@dataclass(frozen=True)
class Layout:
    """Where a build keeps its files. The default is _build/; tests and `make bench` use others."""

    build: Path

    @property
    def cache(self) -> Path:
        """Executed notebooks and the inputs each depended on."""
        return self.build / ".cache"

    @property
    def src(self) -> Path:
        """The book's source tree as Jupyter Book sees it."""
        return self.build / ".src"

    @property
    def jb_out(self) -> Path:
        """Jupyter Book's own output, kept for incremental Sphinx builds."""
        return self.build / ".jb"

    @property
    def sites(self) -> Path:
        """Every published site version; `site` points at the current one."""
        return self.build / ".sites"

    @property
    def site(self) -> Path:
        """The published site (a link swapped atomically to the newest version)."""
        return self.build / "html"

    @property
    def lock(self) -> Path:
        """Held while a build runs, so two builds of one checkout take turns."""
        return self.build / ".lock"


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """Notebooks in _toc.yml order."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return [root / f"{f}.ipynb" for f in files if (root / f"{f}.ipynb").is_file()]
