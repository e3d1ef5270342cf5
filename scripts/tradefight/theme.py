"""Colours and the chart theme, in one place, keyed by the values the data holds.

Every colour scale in the book comes from `scale(kind)`: its domain is written out here, so colours
never depend on the alphabetical order of the values. Each light colour has a dark-mode partner
(`DARK`); the browser swaps them when the reader switches the site to dark mode.
Light colours have at least 4.5:1 contrast on white, dark ones at least 4.5:1 on the dark page.
"""
from __future__ import annotations

import altair as alt

TEXT = "#222222"
MUTED = "#444444"
GRID = "#e3e3e3"
AXIS = "#767676"
PAPER = "#ffffff"

BLUE = "#1d4f91"
RED = "#a8321d"
GREEN = "#2b6b2e"
PURPLE = "#6a3d9a"
OCHRE = "#8a5a00"
GREY = "#4d4d4d"
TEAL = "#00607a"
PLUM = "#9c2a6b"
SKY = "#41689f"
ORANGE = "#b35900"

# Light colour -> dark-mode colour (contrast checked against the dark page, #121212).
DARK = {
    TEXT: "#e8e8e8", MUTED: "#c8c8c8", GRID: "#3a3a3a", AXIS: "#9a9a9a", PAPER: "transparent",
    BLUE: "#8fb4ff", RED: "#ff8f75", GREEN: "#7fcf83", PURPLE: "#c9a3f0", OCHRE: "#e0b050",
    GREY: "#bdbdbd", TEAL: "#5cc8e0", PLUM: "#f08fc6", SKY: "#b3c8ee", ORANGE: "#ffad66",
}

PALETTE = [BLUE, RED, GREEN, PURPLE, OCHRE, GREY, TEAL, PLUM, SKY, ORANGE]

# kind -> {value in the data: colour}. The order here is the legend order.
COLOURS: dict[str, dict[str, str]] = {
    "imposer": {"US": BLUE, "China": RED},
    "actor": {"US": BLUE, "China": RED, "Both": GREY},
    "origin": {"China": RED, "India": GREEN},
    "layer": {"section_301_list3": SKY, "ieepa_fentanyl": BLUE, "ieepa_reciprocal": PURPLE, "section_301": TEAL,
              "section_122": PLUM, "other": OCHRE},
    "scenario": {"current": GREY, "scenario": ORANGE},
    "verdict": {"supported": GREEN, "imprecise": OCHRE, "not supported": RED, "not checked": GREY},
    "measure": {"headline": BLUE, "piie": RED, "crs": GREEN},
}
SHAPES = {"imposer": {"US": "circle", "China": "square"},
          "actor": {"US": "circle", "China": "square", "Both": "diamond"},
          "origin": {"China": "square", "India": "triangle-up"}}
DASHES = {"imposer": {"US": [1, 0], "China": [6, 3]}}


def colour(kind: str, value: str) -> str:
    """The colour of one value (e.g. colour("imposer", "US"))."""
    return COLOURS[kind][value]


def _domain(kind: str, table: dict, values) -> list:
    known = list(table[kind])
    if values is None:
        return known
    extra = [v for v in dict.fromkeys(values) if v not in table[kind]]
    if extra:
        raise KeyError(f"no {kind} colour for {extra}; add it to tradefight.theme")
    return [v for v in known if v in set(values)]


def scale(kind: str, values=None) -> alt.Scale:
    """A colour scale with an explicit domain (only the values present, when given)."""
    domain = _domain(kind, COLOURS, values)
    return alt.Scale(domain=domain, range=[COLOURS[kind][v] for v in domain])


def shape_scale(kind: str, values=None) -> alt.Scale:
    """A shape scale with an explicit domain, so shapes, like colours, tell series apart."""
    domain = _domain(kind, SHAPES, values)
    return alt.Scale(domain=domain, range=[SHAPES[kind][v] for v in domain])


def dash_scale(kind: str, values=None) -> alt.Scale:
    """A stroke-dash scale with an explicit domain."""
    domain = _domain(kind, DASHES, values)
    return alt.Scale(domain=domain, range=[DASHES[kind][v] for v in domain])


def palette_scale(values) -> alt.Scale:
    """Colours for a list of values with no fixed meaning (e.g. the top producers), in that order."""
    values = list(values)
    return alt.Scale(domain=values, range=[PALETTE[i % len(PALETTE)] for i in range(len(values))])


def vega_lite_config() -> dict:
    """The shared look of every chart: readable type, dark text, light grid, legend below."""
    return {
        "background": PAPER,
        "font": "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
        "view": {"stroke": None, "continuousHeight": 300},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "title": {"anchor": "start", "fontSize": 15, "color": TEXT, "subtitleColor": MUTED},
        "axis": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12, "titleFontSize": 12,
                 "gridColor": GRID, "domainColor": AXIS, "tickColor": AXIS},
        "legend": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12, "titleFontSize": 12,
                   "orient": "bottom", "direction": "vertical", "labelLimit": 300},
        "text": {"color": TEXT},
        "rule": {"color": TEXT},
        "range": {"category": PALETTE},
    }


@alt.theme.register("tradefight", enable=True)
def _altair_theme() -> alt.theme.ThemeConfig:
    return {"config": vega_lite_config()}
