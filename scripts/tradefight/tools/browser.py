"""The one browser setup the PDF, the audit and the browser tests share: Debian's Chromium, with no
background network traffic, and a way to wait until every chart on a page is drawn."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]
DRAWN = "[...document.querySelectorAll('.tf-chart')].every(e => e.classList.contains('tf-drawn'))"


def draw_all_charts(page, timeout_ms: int = 30000) -> None:
    """Charts draw as they near the screen: scroll to each one, then wait until all are drawn."""
    charts = page.locator(".tf-chart")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(DRAWN, timeout=timeout_ms)
