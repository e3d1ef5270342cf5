"""The site's own Sphinx extension: what the pages need at read time comes from the build itself.

- the Vega runtime (vl-convert's bundle, wrapped in its own scope), regenerated whenever the installed
  vl-convert changes, and the chart loader (static/charts.js), on pages that have charts;
- per figure (from the figure records the notebooks carry): a CSV download, static SVG and PNG images,
  and a standalone page for embedding, under <page folder>/charts/; other files blocks carry;
- a share-card image (1200 x 630 PNG of the page's lead chart) and per-page Open Graph fields for
  sphinxext-opengraph; a link to each page's notebook;
- fewer render-blocking files: scripts a page does not use are left off it;
- compiled page templates kept beside the build's saved state (Jinja2's bytecode cache), so a rebuild
  does not compile the theme's templates again.

It needs only Sphinx, Jinja2 and vl-convert-python, so a plain `jupyter-book build .` works.
"""
from __future__ import annotations

from . import assets, figures


def _pause_for_tests(app, env) -> None:
    """Test hook: wait here, mid-build, if a test asked to stop the build during Sphinx (tools/faults.py;
    absent when the book is built without the tradefight package, and then there is nothing to pause)."""
    try:
        from tradefight.tools.faults import pause
    except ImportError:
        return
    pause("sphinx")


def _template_cache(app) -> None:
    """Keep the compiled templates between builds (Jinja2 checks each template's source before reuse)."""
    import os

    from jinja2 import FileSystemBytecodeCache

    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        folder = os.path.join(app.doctreedir, "jinja")
        os.makedirs(folder, exist_ok=True)
        templates.environment.bytecode_cache = FileSystemBytecodeCache(folder)


def setup(app):
    """Register the static files, the runtime and the event handlers."""
    app.connect("config-inited", assets.config_inited)
    app.connect("builder-inited", _template_cache)
    app.connect("html-page-context", assets.page_context, priority=400)
    app.connect("html-page-context", figures.share_fields, priority=450)
    app.connect("html-page-context", figures.notebook_link, priority=600)
    app.connect("env-updated", _pause_for_tests)
    app.connect("build-finished", figures.write_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
