"""The Vega runtime and the chart loader, and the scripts and styles each page actually loads."""
from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).parent
RUNTIME = "vega-runtime.js"
LOADER = "charts.js"
# Scripts only the search page needs, and helpers for features this book does not use.
SEARCH_ONLY = ("searchtools.js", "language_data.js", "searchindex.js")
UNUSED = ("clipboard.min.js", "copybutton.js", "togglebutton.js", "design-tabs.js", "sphinx_highlight.js")
UNUSED_CSS = ("copybutton.css", "togglebutton.css", "pygments.css")


def runtime_bytes() -> tuple[bytes, str]:
    """vl-convert's Vega + Vega-Lite + vega-embed bundle in its own function scope, and its version tag.

    The raw bundle declares top-level names (among them `_`) that would clash with Sphinx's scripts."""
    import vl_convert as vlc

    tag = f"vega {vlc.get_vega_version()}, vega-embed {vlc.get_vega_embed_version()}"
    body = ("/* Vega, Vega-Lite and vega-embed, bundled by vl-convert-python (" + tag + "). */\n"
            "(function () {\n" + vlc.javascript_bundle() + "\n})();\n").encode()
    return body, tag


def config_inited(app, config) -> None:
    """Write the runtime into a generated static folder (only when its version changed) and register files."""
    generated = Path(app.doctreedir).parent / "tradefight-static"
    generated.mkdir(parents=True, exist_ok=True)
    body, tag = runtime_bytes()
    stamp = generated / (RUNTIME + ".version")
    target = generated / RUNTIME
    digest = hashlib.sha256(body).hexdigest()
    if not target.is_file() or not stamp.is_file() or stamp.read_text() != f"{tag} {digest}":
        target.write_bytes(body)
        stamp.write_text(f"{tag} {digest}")
    config.html_static_path = list(config.html_static_path) + [str(HERE / "static"), str(generated)]
    config.templates_path = list(config.templates_path) + [str(HERE / "templates")]
    app.add_css_file("tradefight.css")
    app.add_js_file(RUNTIME, defer="defer")
    app.add_js_file(LOADER, defer="defer")


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset)).split("?")[0].rsplit("/", 1)[-1]


def page_context(app, pagename, templatename, context, doctree) -> None:
    """Leave off each page the scripts it does not use; charts' scripts only where there are charts."""
    body = context.get("body", "")
    has_charts = 'class="tf-chart"' in body
    keep_search = pagename == "search"
    scripts = []
    for js in context.get("script_files", []):
        name = _name(js)
        if name in UNUSED or (name in SEARCH_ONLY and not keep_search):
            continue
        if name in (RUNTIME, LOADER) and not has_charts:
            continue
        scripts.append(js)
    context["script_files"] = scripts
    context["css_files"] = [css for css in context.get("css_files", []) if _name(css) not in UNUSED_CSS]
