"""A Jupyter Book process started early: it imports Sphinx and the extensions while the notebooks run,
then builds when told to (a line "go" on its standard input; anything else, or end of input, stops it).

    python -m tradefight.tools.sphinx_worker ARGS...   (the arguments of `jupyter-book`)
"""
from __future__ import annotations

import sys


def main() -> int:
    """Import, wait for the signal, build; the exit status is Jupyter Book's."""
    import importlib

    import jupyter_book.cli.main as cli

    for name in ("sphinx.application", "sphinx.builders.html", "myst_nb.sphinx_ext", "myst_nb.ext.glue", "sphinx_design",
                 "sphinx_book_theme", "sphinx_external_toc", "sphinxext.opengraph", "sphinx_comments", "jupyter_book",
                 "fontTools.subset", "vl_convert"):  # the slow imports, done ahead of time
        importlib.import_module(name)

    if sys.stdin.readline().strip() != "go":
        return 0
    try:
        cli.main(args=sys.argv[1:], prog_name="jupyter-book", standalone_mode=True)
    except SystemExit as done:
        return int(done.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
