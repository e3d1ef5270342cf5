"""The site's Sphinx extension (book/_ext/tradefight_site), piece by piece."""
from __future__ import annotations

import json
import struct
import sys

import pytest

from .helpers import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from tradefight_site import assets, cards, figures, trim  # noqa: E402


def test_purge_keeps_rules_the_site_can_use_and_drops_the_rest():
    css = ('.used{color:red}.unused{color:blue}.used .unused{x:1}@media (min-width:1px){.unused{a:b}.used{c:d}}'
           '@font-face{font-family:x}html[data-theme=dark]{--c:1}.a:not(.gone){y:2}.js-added.used{z:3}')
    out = trim.purge(css, {"used", "a", "js-added"})
    assert ".used{color:red}" in out and ".unused{color:blue}" not in out and ".used .unused" not in out
    assert "@media (min-width:1px){.used{c:d}}" in out and "@font-face{font-family:x}" in out
    assert "html[data-theme=dark]{--c:1}" in out and ".a:not(.gone){y:2}" in out and ".js-added.used{z:3}" in out


def test_icon_rules_for_unused_icons_go():
    css = '.fa-sun:before{content:"\\f185"}.fa-moon:before,.fa-night:before{content:"\\f186"}.fa-car:before{content:"\\f1b9"}'
    out = trim.trim_css(css, {"fa-sun", "fa-night"})
    assert "fa-sun" in out and "fa-moon" in out and "fa-car" not in out
    assert trim.codepoints(out) == {0xF185, 0xF186}


def test_the_fixed_width_spec_replaces_the_container_width():
    spec = {"signals": [{"name": "width", "init": "containerSize()[0]", "on": []}, {"name": "height", "value": 3}],
            "usermeta": {"tfDark": {}}}
    fixed = figures.fixed_width(spec, 640)
    assert fixed["signals"][0] == {"name": "width", "value": 640} and "usermeta" not in fixed
    assert spec["signals"][0]["init"] == "containerSize()[0]"  # the original is untouched


def test_records_are_read_from_glued_and_displayed_outputs(tmp_path):
    nb = {"cells": [{"cell_type": "code", "outputs": [
        {"output_type": "display_data", "data": {
            "application/papermill.record/application/vnd.tradefight.figure+json": {"name": "a"},
            "application/papermill.record/text/plain": "x"}},
        {"output_type": "display_data", "data": {"application/vnd.tradefight.files+json": {"files": {"data/x.csv": "1"}}}}]}]}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    figs, files = figures.records(path)
    assert figs == [{"name": "a"}] and files == {"data/x.csv": "1"}


def test_the_spec_script_cannot_end_a_script_block_early():
    text = cards.spec_script({"name": "n", "vega": {"title": "</script><script>alert(1)</script>"}})
    assert "</script>" not in text and "\\u003c/script\\u003e" in text
    assert text.startswith('(window.tfSpecs = window.tfSpecs || {})["n"] = ')


def test_the_share_card_is_1200_by_630():
    record = {"title": "A title that states the takeaway", "vega": {
        "$schema": "https://vega.github.io/schema/vega/v6.json", "width": 300, "height": 200,
        "marks": [{"type": "rect", "encode": {"enter": {"x": {"value": 0}, "y": {"value": 0}, "width": {"value": 300},
                                                           "height": {"value": 200}, "fill": {"value": "#1d4f91"}}}}]}}
    import vl_convert as vlc

    png = cards.share_png(record, vlc.vega_to_svg(record["vega"]).encode(), "Tariffs", "The book")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1200, 630)


def test_chart_pages_escape_the_data():
    class App:
        class config:
            project = "Book"
    record = {"name": "n", "title": "<b>t</b>", "measure": "m", "description": "d", "sources": [{"publisher": "<i>p</i>"}]}
    page = cards.chart_page(App, "book/tariffs", record)
    assert "<b>t</b>" not in page and "&lt;b&gt;t&lt;/b&gt;" in page and "../../_static/vega-runtime.js" in page
    assert 'data-src="n.spec.js"' in page and "../tariffs.html#n" in page


def test_the_runtime_is_rewritten_when_its_version_changes(tmp_path):
    class App:
        doctreedir = str(tmp_path / "doctrees")
        added = []

        def add_css_file(self, *a, **k):
            self.added.append(a)

        def add_js_file(self, *a, **k):
            self.added.append(a)

    class Config:
        html_static_path, templates_path = [], []

    app, config = App(), Config()
    assets.config_inited(app, config)
    runtime = tmp_path / "tradefight-static" / "vega-runtime.js"
    stamp = runtime.with_suffix(".js.version")
    assert runtime.read_bytes().startswith(b"/* Vega") and "vega " in stamp.read_text()
    runtime.write_text("stale", encoding="utf-8")
    stamp.write_text("vega 0.0.1 old", encoding="utf-8")
    assets.config_inited(app, Config())
    assert runtime.read_bytes().startswith(b"/* Vega") and "0.0.1" not in stamp.read_text()
    before = runtime.stat().st_mtime_ns
    assets.config_inited(app, Config())  # same versions: left as it is
    assert runtime.stat().st_mtime_ns == before


@pytest.mark.parametrize("name, search, kept", [("searchtools.js", False, False), ("searchtools.js", True, True),
                                                ("copybutton.js", False, False), ("bootstrap.js", False, True)])
def test_pages_leave_off_scripts_they_do_not_use(name, search, kept):
    from sphinx.builders.html._assets import _JavaScript

    context = {"body": "", "script_files": [_JavaScript(f"_static/{name}")], "css_files": []}
    assets.page_context(None, "search" if search else "book/tariffs", "page.html", context, None)
    assert bool(context["script_files"]) is kept
    if kept and not search:
        assert context["script_files"][0].attributes.get("defer") == "defer"
