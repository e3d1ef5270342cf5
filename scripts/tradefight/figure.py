"""A figure: an interactive Altair chart with everything a reader needs around it.

A chapter glues a `Figure` under its name and places it with `{glue:figure}`, which numbers it and
gives it a caption (the takeaway title) and a permalink. The block shows:

- the measure the chart uses, and the chart, drawn in the browser by the site's own Vega runtime;
- a text description (also the chart's accessible name), and a source line naming the primaries;
- the data table, and links to the CSV, PNG and SVG files and a standalone page for embedding,
  which the site's Sphinx extension writes beside the page from this figure's record.

Everything taken from the data is escaped by the template. The output depends only on the chart and
its data (no random ids), so nbval compares it exactly.
"""
from __future__ import annotations

import re

import altair as alt
import pandas as pd

from . import csvsafe, markup, theme
from .statements import Statement

FIGURE_MIME = "application/vnd.tradefight.figure+json"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Columns that tables and downloads may show but the chart never draws: kept out of the spec.
PROVENANCE_TEXT = ["notes", "source_locator"]


def _words(value) -> tuple[str, str]:
    """(text, statement key or "") for a Statement or plain text."""
    return (value.text, value.key) if isinstance(value, Statement) else (str(value), "")


def _without_provenance_text(chart):
    if isinstance(getattr(chart, "data", None), pd.DataFrame):
        chart = chart.properties(data=chart.data.drop(columns=PROVENANCE_TEXT, errors="ignore"))
    if hasattr(chart, "layer"):
        chart.layer = [_without_provenance_text(layer) for layer in chart.layer]
    return chart


class Figure:
    """One chart with its title, measure, description, sources, table and downloads."""

    def __init__(self, chart, data: pd.DataFrame, *, name: str, title, measure: str, description,
                 sources: list[dict], columns: dict[str, str] | None = None):
        if not _SLUG.match(name):
            raise ValueError(f"figure name {name!r}: use lower-case letters, digits and hyphens")
        self.name = name
        self.title, self.title_key = _words(title)
        self.description, self.description_key = _words(description)
        self.measure = measure
        self.sources = sources
        self.columns = columns or {c: c for c in data.columns}
        self.data = data[list(self.columns)].rename(columns=self.columns).reset_index(drop=True)
        self.chart = _without_provenance_text(chart).properties(description=self.description)

    def spec(self) -> dict:
        """The Vega-Lite spec (container width)."""
        return self.chart.properties(width="container").to_dict()

    def vega_spec(self) -> dict:
        """The spec compiled to Vega, with the dark-mode colours the page swaps in."""
        import vl_convert as vlc

        spec = vlc.vegalite_to_vega(self.spec())
        spec["usermeta"] = {"tfDark": theme.DARK}
        return spec

    def csv(self) -> str:
        """The data table as a formula-safe CSV."""
        return csvsafe.to_csv(self.data)

    def record(self) -> dict:
        """What the site's extension needs to write the figure's files and standalone page."""
        return {"name": self.name, "title": self.title, "measure": self.measure,
                "description": self.description, "sources": self.sources, "csv": self.csv(),
                "vega": self.vega_spec()}

    def markup(self) -> str:
        """The HTML block placed on the page."""
        return markup.render("figure.html.j2", fig=self, rows=markup.table_rows(self.data), headers=list(self.data.columns),
                           caption=f"Data behind the chart: {self.title}")

    def glue(self) -> None:
        """Glue the figure under its name, for `{glue:figure}` in the chapter's markdown."""
        from myst_nb import glue

        glue(self.name, self, display=False)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        record = self.record()
        return {"text/html": self.markup(), FIGURE_MIME: record, "text/plain": repr(self)}

    def __repr__(self) -> str:
        return f"<Figure {self.name}: {self.title} ({len(self.data)} rows)>"
