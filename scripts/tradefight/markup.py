"""HTML blocks from Jinja2 templates (autoescaped), and the object a notebook displays.

Every value from the data is escaped by the template engine: text in a CSV is shown, never run.
`Html` displays as its markup in the book and compares as that markup under nbval; it can also carry
files (a CSV download, say) that the site's Sphinx extension writes beside the page.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2
import pandas as pd
from markupsafe import Markup

FILES_MIME = "application/vnd.tradefight.files+json"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: templates from tradefight/templates, autoescape on."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("tradefight", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["link"] = link
    env.filters["href"] = href
    return env


def render(template: str, **context) -> str:
    """Render templates/<template> with the context (escaped)."""
    return environment().get_template(template).render(**context).strip()


def link(url, text) -> Markup:
    """An <a> for http(s) addresses; other text (or a blank address) is shown as plain text."""
    url = "" if url is None or (not isinstance(url, str) and pd.isna(url)) else str(url)
    if url.startswith(("https://", "http://")):
        return Markup('<a href="{}">{}</a>').format(url, text)
    return Markup("{}").format(text)


SOURCE_FIELDS = ["source_id", "publisher", "title", "url", "primary_url"]  # what a source line or table shows


def source_fields(row: dict) -> dict:
    """A source row as the templates read it: every field, with blanks (NaN, None) as ""."""
    return {k: ("" if v is None or (not isinstance(v, (list, dict)) and pd.isna(v)) else v) for k, v in row.items()}


def href(source) -> str:
    """The address a source is linked by: its primary document where known, else the page read."""
    primary = source.get("primary_url") if isinstance(source, dict) else getattr(source, "primary_url", None)
    if isinstance(primary, str) and primary:
        return primary
    url = source.get("url") if isinstance(source, dict) else getattr(source, "url", "")
    return url if isinstance(url, str) else ""


def table_rows(frame: pd.DataFrame) -> list[list[str]]:
    """Cells as text: dates as YYYY-MM-DD, blanks as empty strings."""
    rows = []
    for values in frame.itertuples(index=False):
        cells = []
        for v in values:
            if v is None or (not isinstance(v, (list, dict)) and pd.isna(v)):
                cells.append("")
            elif isinstance(v, pd.Timestamp):
                cells.append(f"{v:%Y-%m-%d}")
            else:
                cells.append(str(v))
        rows.append(cells)
    return rows


def table(frame: pd.DataFrame, caption: str, headers: list[str] | None = None) -> str:
    """The one table renderer: a scrollable, labelled region with a caption and column headers."""
    return render("table.html.j2", caption=caption, headers=headers or [str(c) for c in frame.columns],
                  rows=table_rows(frame))


class Html:
    """A block of HTML for the page, with optional files (path -> text) to publish beside it."""

    def __init__(self, markup: str, label: str, files: dict[str, str] | None = None):
        self.markup = markup
        self.label = label
        self.files = files or {}

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/html": self.markup, "text/plain": repr(self)}
        if self.files:
            bundle[FILES_MIME] = {"files": self.files}
        return bundle

    def __repr__(self) -> str:
        return f"<{self.label}>"
