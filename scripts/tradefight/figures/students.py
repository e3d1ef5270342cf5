"""Student charts: China and India over time, the latest ranking, China's share, F-1 visas."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import theme
from ..students import CHINA_VISAS
from ..figure import Figure
from . import sources_for

YEARS = alt.Axis(labelAngle=-45)


def by_origin(frame: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Two lines: students from China and from India, by academic year."""
    frame = frame.rename(columns={"place_of_origin": "origin"})
    places = list(frame["origin"].unique())
    chart = alt.Chart(frame).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("academic_year:O", title="Academic year", axis=YEARS),
        y=alt.Y("students:Q", title="Students in the US", axis=alt.Axis(format="~s")),
        color=alt.Color("origin:N", title="Place of origin", scale=theme.scale("origin", places)),
        shape=alt.Shape("origin:N", title="Place of origin", scale=theme.shape_scale("origin", places)),
        tooltip=[alt.Tooltip("origin:N", title="Place of origin"), "academic_year:O",
                 alt.Tooltip("students:Q", format=",")])
    return Figure(chart, frame, name="students-by-origin", title=title, description=description,
                  measure="International students in the US (IIE Open Doors count, which includes students on "
                          "Optional Practical Training), by academic year.",
                  sources=sources_for(frame, sources),
                  columns={"academic_year": "academic_year", "origin": "place_of_origin", "students": "students",
                           "source_id": "source_id"})


def ranking(frame: pd.DataFrame, year: str, sources: pd.DataFrame, title, description) -> Figure:
    """Horizontal bars: the places of origin recorded for one year, most students first."""
    order = list(frame["place_of_origin"])
    highlight = {"China": theme.colour("origin", "China"), "India": theme.colour("origin", "India")}
    frame = frame.assign(colour=[highlight.get(p, theme.GREY) for p in order])
    bars = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("place_of_origin:N", title=None, sort=order),
        x=alt.X("students:Q", title=f"Students in the US, {year}", axis=alt.Axis(format="~s")),
        color=alt.Color("colour:N", scale=None, legend=None),
        tooltip=[alt.Tooltip("rank:Q", title="Rank"), alt.Tooltip("place_of_origin:N", title="Place of origin"),
                 alt.Tooltip("students:Q", format=",")])
    text = bars.mark_text(align="left", dx=3, color=theme.TEXT).encode(text=alt.Text("students:Q", format=","))
    return Figure(bars + text, frame, name="top-places", title=title, description=description,
                  measure=f"International students in the US by place of origin, {year} (IIE Open Doors), for every "
                          "place the data records that year.",
                  sources=sources_for(frame, sources),
                  columns={"rank": "rank", "place_of_origin": "place_of_origin", "students": "students",
                           "source_id": "source_id"})


def china_share(frame: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Area of China's share of all international students."""
    china = theme.colour("origin", "China")
    chart = alt.Chart(frame).mark_area(color=china, opacity=0.85, line={"color": china}).encode(
        x=alt.X("academic_year:O", title="Academic year", axis=YEARS),
        y=alt.Y("share_pct:Q", title="Share of all international students (%)"),
        tooltip=["academic_year:O", alt.Tooltip("students:Q", title="China", format=","),
                 alt.Tooltip("total:Q", title="All places", format=","),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")])
    return Figure(chart, frame, name="china-share-students", title=title, description=description,
                  measure="Computed here: students from China divided by all international students (IIE Open Doors).",
                  sources=sources_for(frame, sources),
                  columns={"academic_year": "academic_year", "students": "china", "total": "all_places",
                           "share_pct": "china_share_pct", "source_id": "source_id"})


def f1_visas(frame: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Grouped bars of F-1 visas issued, by nationality and fiscal year."""
    frame = frame.assign(origin=frame["nationality"].replace({CHINA_VISAS: "China"}))
    places = list(dict.fromkeys(frame["origin"]))
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("fiscal_year:O", title="US fiscal year", axis=YEARS), xOffset=alt.XOffset("origin:N", sort=places),
        y=alt.Y("issued:Q", title="F-1 visas issued", axis=alt.Axis(format="~s")),
        color=alt.Color("origin:N", title="Nationality", scale=theme.scale("origin", places)),
        tooltip=["nationality:N", "fiscal_year:O", alt.Tooltip("issued:Q", format=",")])
    return Figure(chart, frame, name="f1-visas", title=title, description=description,
                  measure="F-1 student visas issued in each US fiscal year (State Department). Issuances, not "
                          "students: a visa can cover several years.",
                  sources=sources_for(frame, sources),
                  columns={"fiscal_year": "fiscal_year", "nationality": "nationality", "issued": "issued",
                           "source_id": "source_id"})
