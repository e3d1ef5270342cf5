"""`make pdf`: one PDF of the whole book, printed by Chromium (Playwright) from the built site.

Each page is opened offline, its charts drawn (vector SVG), and its article copied into one printable
document: a cover with the title and as-of date, a table of contents with every chapter and figure, every
chapter, and the sources with their addresses. The PDF is written into the published site
(tradefight.pdf, linked from the Overview). A build publishes a new site folder without one, so the PDF is
remade exactly when the site changed.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..markup import render
from .browser import ARGS, CHROMIUM, draw_all_charts
from .layout import ROOT
from .serve import serve, site_pages

PDF_NAME = "tradefight.pdf"
# Copy a page's article without what only works on screen.
EXTRACT = """() => {
  const art = document.querySelector('article.bd-article').cloneNode(true);
  art.querySelectorAll('script, noscript, .tf-embed, .tf-links, details.tf-data, details.tf-sources, .headerlink, .tf-reproduce, '
                      + 'nav, .vega-embed details').forEach(e => e.remove());
  art.querySelectorAll('details').forEach(d => d.setAttribute('open', ''));
  // Links within the site would point at the local server in the PDF: keep their text, drop the address.
  art.querySelectorAll('a[href]').forEach(a => { if (a.href.startsWith(location.origin)) a.removeAttribute('href'); });
  return {title: document.querySelector('article h1').textContent.replace('#', '').trim(),
          figures: [...document.querySelectorAll('figure figcaption')].map(c => c.textContent.replace('#', '').trim()),
          html: art.innerHTML};
}"""


def collect(page, url: str) -> list[dict]:
    """Every page in reading order, with its charts drawn: title, figure captions, article markup."""
    chapters = []
    for path in site_pages(ROOT):
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        draw_all_charts(page)
        chapters.append({**page.evaluate(EXTRACT), "path": path})
    return chapters


def main(out: Path | None = None, site: Path | None = None, force: bool = False) -> int:
    """Write the PDF into the site (and a copy to `out`, if given); skip when the site already has one.
    Each build publishes a new site folder, without a PDF, so a PDF in the site is always of that site."""
    site = Path(site or ROOT / "_build" / "html")
    target = site / PDF_NAME
    if not force and target.is_file():
        print(f"PDF is up to date: {os.path.relpath(target)}")
        return 0
    from .layout import Layout
    from .publish import build_lock

    with build_lock(Layout(site.parent)):  # no build may swap the site while it is printed
        return _print(site, target, out)


def _print(site: Path, target: Path, out: Path | None) -> int:
    from playwright.sync_api import sync_playwright

    url, server = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 820, "height": 1100}, color_scheme="light")
            page.route(lambda u: not u.startswith(url), lambda route: route.abort())
            chapters = collect(page, url)
            as_of = page.evaluate("() => (document.querySelector('.tf-banner') || {}).textContent || ''")
            doc = render("pdf.html.j2", title="The 2025 US–China trade fight", as_of=as_of.strip(),
                         chapters=chapters, base=url)
            page.set_content(doc, wait_until="load")
            tmp = target.with_suffix(".pdf.tmp")
            page.pdf(path=str(tmp), format="A4", print_background=True, outline=True, tagged=True,
                     margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                     display_header_footer=True, header_template="<span></span>",
                     footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                     '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
            browser.close()
    finally:
        server.shutdown()
    os.replace(tmp, target)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(target.read_bytes())
    print(f"PDF written: {os.path.relpath(target)} ({target.stat().st_size / 1024:.0f} KiB, "
          f"{len(chapters)} chapters, {sum(len(c['figures']) for c in chapters)} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1]) if len(sys.argv) > 1 else None))
