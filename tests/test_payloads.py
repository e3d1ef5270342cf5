"""Text from the data is shown, never run, and a formula in the data is never run by a spreadsheet:
a full build of data whose text carries script payloads and a spreadsheet formula, in Chromium."""
from __future__ import annotations

import csv
import io
import urllib.request

from tradefight.tools.serve import serve

from .conftest import FORMULA, XSS_TEXT, XSS_TITLE, draw_all_charts


def test_payloads_in_the_data_show_as_text_and_never_run(page, payload_build):
    _, build_dir, _ = payload_build
    url, server = serve(build_dir / "html")
    try:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.context.route(lambda u: not u.startswith(url), lambda route: route.abort())
        for path in ("book/timeline.html", "book/methods.html"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            draw_all_charts(page)
            assert page.evaluate("window.__xss") is None, f"a payload ran on {path}"
            assert XSS_TEXT in page.inner_text("main"), f"{path}: the payload should be visible as text"
        page.goto(url + "book/timeline.html")
        draw_all_charts(page)
        assert XSS_TITLE in page.inner_text(".tf-events")
        assert XSS_TEXT in page.text_content("#timeline-block .tf-table")  # inside a closed <details>
        page.locator("#timeline-chart svg .mark-symbol path").first.hover(force=True)
        page.locator("#vg-tooltip-element").wait_for(state="visible")
        assert page.evaluate("window.__xss") is None and dialogs == []
        assert page.locator("#vg-tooltip-element img, #vg-tooltip-element script").count() == 0
        # Every CSV the site offers shows the formula as text (a leading apostrophe), the table as it is.
        for csv_url in (url + "book/charts/timeline.csv", url + "book/data/events.csv"):
            cells = [c for row in csv.reader(io.StringIO(urllib.request.urlopen(csv_url).read().decode())) for c in row]
            assert any(c.startswith("'" + FORMULA) for c in cells), csv_url
            assert not any(c.startswith(("=", "+", "@")) for c in cells), csv_url
    finally:
        server.shutdown()


def test_the_build_warns_about_formula_text(payload_build):
    _, _, out = payload_build
    assert "begins like a spreadsheet formula" in out
