"""Figures for the book: an interactive Altair chart with everything a reader needs around it.

A `Figure` is displayed by a notebook as one HTML block:

- the chart, drawn in the browser by the Vega runtime the site serves itself (no CDN, no inline script);
- a title that states the takeaway and a line that names the measure;
- a text description (also the chart's aria-label) and a source line;
- a static SVG drawn by vl-convert for readers without JavaScript;
- the data table and a CSV download of exactly the rows the chart shows.

Everything taken from the data is HTML-escaped, so text in a CSV can never become markup or script.
The output depends only on the chart and its data (no random ids), so nbval can compare it exactly.
"""
from __future__ import annotations

import html
import json
import re
import urllib.parse

import altair as alt
import pandas as pd

# Colours with at least 4.5:1 contrast on white; series also differ by shape or dash, never colour alone.
US = "#1d4f91"
CHINA = "#a8321d"
NEUTRAL = "#4d4d4d"
PALETTE = [US, CHINA, "#2b6b2e", "#6a3d9a", "#8a5a00", NEUTRAL, "#00607a", "#9c2a6b"]
COUNTRY_COLOURS = alt.Scale(domain=["US", "China"], range=[US, CHINA])

STATIC_WIDTH = 640
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def theme() -> dict:
    """Shared look: readable type, dark axis text (WCAG contrast), no chart border."""
    text = "#222222"
    return {
        "config": {
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
            "view": {"stroke": None, "continuousHeight": 300},
            # Charts take the page's width (width="container"); heights stay fixed.
            "autosize": {"type": "fit-x", "contains": "padding"},
            "title": {"anchor": "start", "fontSize": 15, "color": text, "subtitleColor": "#444444",
                      "subtitleFontSize": 12},
            "axis": {"labelColor": text, "titleColor": text, "labelFontSize": 12, "titleFontSize": 12,
                     "gridColor": "#e3e3e3", "domainColor": "#767676", "tickColor": "#767676"},
            "legend": {"labelColor": text, "titleColor": text, "labelFontSize": 12, "titleFontSize": 12,
                       "orient": "bottom", "direction": "vertical", "labelLimit": 300},
            "range": {"category": PALETTE},
        }
    }


alt.theme.register("tradefight", enable=True)(theme)


# Columns that the data table and CSV may not show and the chart never draws: kept out of the spec.
PROVENANCE_TEXT = ["notes", "source_locator"]


def _without_provenance_text(chart):
    """The chart with long provenance text dropped from its data (and its layers' data)."""
    if isinstance(getattr(chart, "data", None), pd.DataFrame):
        chart = chart.properties(data=chart.data.drop(columns=PROVENANCE_TEXT, errors="ignore"))
    if hasattr(chart, "layer"):
        chart.layer = [_without_provenance_text(layer) for layer in chart.layer]
    return chart


class Figure:
    """One chart with its title, description, source, static fallback, table and download."""

    def __init__(self, chart: alt.TopLevelMixin, data: pd.DataFrame, *, name: str, title: str,
                 measure: str, description: str, source: str, columns: dict[str, str] | None = None):
        if not _SLUG.match(name):
            raise ValueError(f"figure name {name!r}: use lower-case letters, digits and hyphens")
        self.name = name
        self.title = title
        self.measure = measure
        self.description = description
        self.source = source
        self.columns = columns or {c: c for c in data.columns}
        self.data = data[list(self.columns)].rename(columns=self.columns)
        # The title and measure are HTML text above the chart (readable, selectable, translatable);
        # the description becomes the drawn SVG's aria-label.
        self.chart = _without_provenance_text(chart).properties(description=description)

    # -- pieces -------------------------------------------------------------------------------
    def spec(self, width: int | str = "container") -> dict:
        return self.chart.properties(width=width).to_dict()

    def vega_spec(self) -> dict:
        import vl_convert as vlc

        return vlc.vegalite_to_vega(self.spec())

    def static_svg(self) -> str:
        import vl_convert as vlc

        svg = vlc.vegalite_to_svg(self.spec(width=STATIC_WIDTH))
        # The SVG gets its own accessible name: exported images do not carry the chart's description.
        label = html.escape(f"{self.title}. {self.description}", quote=True)
        return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)

    def table_frame(self) -> pd.DataFrame:
        frame = self.data.copy()
        for col in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[col]):
                frame[col] = frame[col].dt.strftime("%Y-%m-%d")
        return frame

    def csv(self) -> str:
        return self.table_frame().to_csv(index=False, lineterminator="\n")

    def table_html(self) -> str:
        frame = self.table_frame()
        head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
        rows = []
        for _, row in frame.iterrows():
            cells = "".join(f"<td>{'' if pd.isna(v) else html.escape(str(v))}</td>" for v in row)
            rows.append(f"<tr>{cells}</tr>")
        caption = html.escape(f"Data behind the chart: {self.title}")
        return (f'<div class="tf-table-wrap" tabindex="0" role="region" aria-label="{caption}">'
                f'<table class="tf-table"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div>")

    # -- the whole block ----------------------------------------------------------------------
    def _repr_html_(self) -> str:
        esc = html.escape
        # Compiled to Vega here, so the browser skips the Vega-Lite compile step (less main-thread work).
        spec = json.dumps(self.vega_spec(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        # Inside <script type="application/json"> only "<" can end the block; escape it (and & >).
        spec = spec.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        href = "data:text/csv;charset=utf-8," + urllib.parse.quote(self.csv())
        fid = f"fig-{self.name}"
        return (
            f'<figure class="tf-figure" id="{fid}" aria-labelledby="{fid}-title">'
            f'<p class="tf-title" id="{fid}-title">{esc(self.title)}</p>'
            f'<p class="tf-measure">{esc(self.measure)}</p>'
            f'<div class="tf-chart" id="{fid}-chart" data-spec="{fid}-spec" aria-describedby="{fid}-desc"></div>'
            f'<script type="application/json" id="{fid}-spec">{spec}</script>'
            f'<noscript><div class="tf-static">{self.static_svg()}</div></noscript>'
            f'<figcaption><p class="tf-desc" id="{fid}-desc">{esc(self.description)}</p>'
            f'<p class="tf-source">Source: {esc(self.source)}</p></figcaption>'
            f'<details class="tf-data"><summary>Data table ({len(self.data)} rows)</summary>'
            f"{self.table_html()}</details>"
            f'<p class="tf-download"><a href="{esc(href, quote=True)}" download="{self.name}.csv">'
            f"Download the data for this chart (CSV)</a></p>"
            f"</figure>"
        )

    def __repr__(self) -> str:
        return f"<Figure {self.name}: {self.title} ({len(self.data)} rows)>"

