"""Standalone chart pages, share-card images and small pieces of markup, from Jinja2 templates."""
from __future__ import annotations

import html
import json
import posixpath
import re
import textwrap
from functools import lru_cache
from pathlib import Path

import jinja2

HERE = Path(__file__).parent
SHARE_SIZE = (1200, 630)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def attr(text: str) -> str:
    """Text escaped for an XML/HTML attribute."""
    return html.escape(str(text), quote=True)


def plain(text: str) -> str:
    """Markup stripped to its text."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(text))).strip()


def script_json(value) -> str:
    """JSON safe inside <script type="application/json"> ("<" escaped so it cannot end the block)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def spec_script(record: dict) -> str:
    """The chart's Vega spec as a script that hands it to the page's chart loader (works from file:// too)."""
    return (f"(window.tfSpecs = window.tfSpecs || {{}})[{json.dumps(record['name'])}] = {script_json(record['vega'])};\n"
            f"if (window.tfSpecLoaded) {{ window.tfSpecLoaded({json.dumps(record['name'])}); }}\n")


def share_path(docname: str) -> str:
    """Where a page's share card lives, relative to the site root."""
    return f"_static/share/{docname.replace('/', '-')}.png"


def meta_description(metatags: str) -> str:
    """The page's <meta name="description"> content, if any."""
    found = re.search(r'<meta\s+name="description"\s+content="([^"]*)"', metatags or "")
    return html.unescape(found.group(1)) if found else ""


def reproduce_note(nb_name: str) -> str:
    """The closing line of a notebook page."""
    return _env().get_template("tf-reproduce.html").render(nb=nb_name)


def chart_page(app, docname: str, record: dict) -> str:
    """A standalone page for one chart (for embedding): title, measure, chart, description, source."""
    depth = docname.count("/") + 1  # the page's folder, then charts/
    root = "../" * depth
    page = posixpath.basename(docname) + ".html"
    return _env().get_template("tf-chart-page.html").render(
        fig=record, static=root + "_static/", back=f"../{page}#{record['name']}",
        site=app.config.project)


def share_png(record: dict | None, chart_svg: bytes, page_title: str, site: str) -> bytes:
    """A 1200 x 630 PNG: the site and page names, the lead chart's takeaway title and the chart (its SVG)."""
    import vl_convert as vlc

    width, height = SHARE_SIZE
    title = record["title"] if record else page_title
    lines = textwrap.wrap(title, 62)[:3]
    chart_top = 70 + 42 * len(lines) + 10
    chart = ""
    if record:
        inner = re.sub(r"<\?xml[^>]*\?>", "", chart_svg.decode())
        root = re.search(r"<svg\b[^>]*>", inner)
        w = float(re.search(r'\bwidth="([\d.]+)"', root.group(0)).group(1))
        h = float(re.search(r'\bheight="([\d.]+)"', root.group(0)).group(1))
        box = re.search(r'viewBox="([^"]+)"', root.group(0))
        scale = min((width - 96) / w, (height - chart_top - 60) / h)
        tag = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="48" '
               f'y="{chart_top}" width="{w * scale:.0f}" height="{h * scale:.0f}" '
               f'viewBox="{box.group(1) if box else f"0 0 {w:g} {h:g}"}">')
        inner = inner[:root.start()] + tag + inner[root.end():]
        chart = inner
    text = "".join(f'<text x="48" y="{70 + 42 * i}" font-size="32" font-weight="700" fill="#222222" '
                   f'font-family="sans-serif">{html.escape(line)}</text>' for i, line in enumerate(lines))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
           f'<text x="48" y="32" font-size="20" fill="#444444" font-family="sans-serif">'
           f'{html.escape(site)} · {html.escape(page_title)}</text>{text}{chart}</svg>')
    return vlc.svg_to_png(svg, scale=1)
