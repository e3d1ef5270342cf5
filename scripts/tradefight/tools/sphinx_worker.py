"""A Jupyter Book process started early. While the notebooks run it imports Sphinx and the extensions and
sets up the Sphinx application (config, extensions, theme, the last build's saved state); it builds when
told to (a line "go" on its standard input; anything else, or end of input, stops it). Which pages to
rebuild is decided only then, from the files staged by that time.

    python -m tradefight.tools.sphinx_worker ARGS...   (the arguments of `jupyter-book`)
"""
from __future__ import annotations

import sys


def main() -> int:
    """Import and set up, wait for the signal, build; the exit status is Jupyter Book's."""
    import importlib
    import os

    from tradefight.tools.lifetime import PARENT, die_with

    if os.environ.get(PARENT):
        die_with(int(os.environ[PARENT]))

    import jupyter_book.cli.main as cli
    import sphinx.application

    sphinx_build = sphinx.application.Sphinx.build

    def build_when_told(app, *args, **kwargs):
        for name in ("fontTools.subset", "vl_convert"):  # the site extension's slow imports, made ahead
            importlib.import_module(name)
        if sys.stdin.readline().strip() != "go":
            raise SystemExit(0)
        return sphinx_build(app, *args, **kwargs)

    sphinx.application.Sphinx.build = build_when_told
    try:
        cli.main(args=sys.argv[1:], prog_name="jupyter-book", standalone_mode=True)
    except SystemExit as done:
        return int(done.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
