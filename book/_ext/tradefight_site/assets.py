"""The Vega runtime and the chart loader, and the scripts and styles each page actually loads."""
from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).parent
RUNTIME = "vega-runtime.js"
LOADER = "charts.js"
# Scripts only the search page needs, and helpers for features this book does not use.
SEARCH_ONLY = ("searchtools.js", "language_data.js", "searchindex.js", "doctools.js", "sphinx_highlight.js")
UNUSED = ("clipboard.min.js", "copybutton.js", "togglebutton.js", "design-tabs.js")
UNUSED_CSS = ("copybutton.css", "togglebutton.css", "pygments.css", "mystnb.")  # no code cells are shown
DESIGN_CSS = "sphinx-design.min.css"  # only pages that use its classes (the key-figure cards)


def runtime_tag() -> str:
    """The versions the runtime bundles (and of vl-convert, which bundles it)."""
    from importlib.metadata import version

    import vl_convert as vlc

    return (f"vega {vlc.get_vega_version()}, vega-embed {vlc.get_vega_embed_version()}, "
            f"vl-convert-python {version('vl-convert-python')}")


def runtime_bytes() -> bytes:
    """vl-convert's Vega + Vega-Lite + vega-embed bundle in its own function scope.

    The raw bundle declares top-level names (among them `_`) that would clash with Sphinx's scripts."""
    import vl_convert as vlc

    return ("/* Vega, Vega-Lite and vega-embed, bundled by vl-convert-python (" + runtime_tag() + "). */\n"
            "(function () {\n" + vlc.javascript_bundle() + "\n})();\n").encode()


def config_inited(app, config) -> None:
    """Write the runtime into a generated static folder (only when its version changed) and register files."""
    generated = Path(app.doctreedir).parent / "tradefight-static"
    generated.mkdir(parents=True, exist_ok=True)
    stamp, target = generated / (RUNTIME + ".version"), generated / RUNTIME
    tag = runtime_tag()
    fresh = target.is_file() and stamp.is_file() and \
        stamp.read_text() == f"{tag} {hashlib.sha256(target.read_bytes()).hexdigest()}"
    if not fresh:  # written again only when the installed versions change (or the file was altered)
        body = runtime_bytes()
        target.write_bytes(body)
        stamp.write_text(f"{tag} {hashlib.sha256(body).hexdigest()}")
    config.html_static_path = list(config.html_static_path) + [str(HERE / "static"), str(generated)]
    config.templates_path = list(config.templates_path) + [str(HERE / "templates")]
    app.add_css_file("tradefight.css")
    app.add_js_file(LOADER, defer="defer")  # it loads the runtime itself, after the page has loaded


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset)).split("?")[0].rsplit("/", 1)[-1]


def _deferred(js):
    """The same script, loaded without holding up the first paint."""
    from sphinx.builders.html._assets import _JavaScript

    if not isinstance(js, _JavaScript) or not js.filename or "defer" in js.attributes or "async" in js.attributes:
        return js
    return _JavaScript(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})


def page_context(app, pagename, templatename, context, doctree) -> None:
    """Leave off each page the scripts and styles it does not use, and defer the rest."""
    body = context.get("body", "")
    has_charts = 'class="tf-chart"' in body
    search = pagename == "search"
    scripts = []
    for js in context.get("script_files", []):
        name = _name(js)
        if name in UNUSED or (name in SEARCH_ONLY and not search) or (name in (RUNTIME, LOADER) and not has_charts):
            continue
        scripts.append(js if search else _deferred(js))
    context["script_files"] = scripts
    context["css_files"] = [css for css in context.get("css_files", []) if not _name(css).startswith(UNUSED_CSS)
                            and (_name(css) != DESIGN_CSS or " sd-" in body or '"sd-' in body)]
