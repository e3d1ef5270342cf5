"""Text from the data is shown, never run: a built site whose CSVs carry script payloads, in Chromium."""
from __future__ import annotations

import urllib.parse

from .conftest import XSS_TEXT, XSS_TITLE, draw_all_charts, serve


def test_payloads_in_the_data_show_as_text_and_never_run(page, payload_build):
    _, build_dir, _ = payload_build
    url, server = serve(build_dir / "html")
    try:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.context.route(lambda u: not u.startswith(url), lambda route: route.abort())
        for path in ("book/road_to_london.html", "book/methods.html"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            draw_all_charts(page)
            assert page.evaluate("window.__xss") is None, f"a payload ran on {path}"
            text = page.inner_text("main")
            assert XSS_TEXT in text, f"{path}: the payload should be visible as text"
        # Prose list, table cell and download on the timeline page.
        page.goto(url + "book/road_to_london.html")
        draw_all_charts(page)
        assert XSS_TITLE in page.inner_text(".tf-events")
        assert XSS_TEXT in page.text_content("#fig-timeline .tf-table")  # inside a closed <details>
        href = page.get_attribute("#fig-timeline a[download]", "href")
        assert XSS_TEXT in urllib.parse.unquote(href)  # the CSV keeps the text as data
        # Tooltip: hover the first event's mark.
        page.locator("#fig-timeline-chart svg .mark-symbol path").first.hover(force=True)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible")
        assert page.evaluate("window.__xss") is None and dialogs == []
        assert page.locator("#vg-tooltip-element img, #vg-tooltip-element script").count() == 0
    finally:
        server.shutdown()
