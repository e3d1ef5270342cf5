"""Page weight: a page and every local file it loads, each gzip-compressed as GitHub Pages serves it,
including what its chart loader fetches once the page is read to the end (the Vega runtime and every
chart's spec)."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

LOADED = (".css", ".js", ".woff2", ".svg", ".png")


def files_of(page: Path) -> set[Path]:
    """The page and the local scripts, styles, fonts and images it references (not links to follow)."""
    html = page.read_text(encoding="utf-8")
    files = {page}
    for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
        if "<link" in tag and not re.search(r'rel="(stylesheet|preload|icon)"', tag):
            continue
        ref = re.search(r'(?:href|src)="([^"#?]+)', tag)
        if not ref or ref.group(1).startswith(("data:", "http:", "https:")):
            continue
        target = (page.parent / ref.group(1)).resolve()
        if target.is_file() and target.suffix in LOADED:
            files.add(target)
    for ref in re.findall(r'data-src="([^"]+)"', html):  # chart specs, loaded as the reader scrolls
        target = (page.parent / ref).resolve()
        if target.is_file():
            files.add(target)
    if 'class="tf-chart"' in html:  # the runtime the chart loader brings in after the page has loaded
        runtime = page.parent.parent / "_static" / "vega-runtime.js"
        if runtime.is_file():
            files.add(runtime.resolve())
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in re.findall(r'url\(["\']?([^"\')?#]+)', css.read_text(encoding="utf-8", errors="ignore")):
            target = (css.parent / ref).resolve()
            if target.suffix == ".woff2" and "solid" in target.name and target.is_file():
                files.add(target)  # the one icon font the pages use
    return files


def page_weights(site: Path) -> dict[str, int]:
    """Per chapter page: bytes, gzip -9, of the page and what it loads."""
    return {page.name: sum(len(gzip.compress(f.read_bytes(), 9)) for f in files_of(page))
            for page in sorted((Path(site) / "book").glob("*.html"))}
