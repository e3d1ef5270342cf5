"""Tariff charts: the ladder, the US layers, headline against average, averages since 2018, scenarios."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import theme
from ..figure import Figure
from ..tariffs import AVERAGE_NAMES, LAYER_NAMES
from . import DATE, PCT, computed_from, sources_for

SIDE_NAMES = {"US": "US on Chinese goods", "China": "China on US goods"}
MEASURE_NAMES = {"headline": "Headline statutory rate", **AVERAGE_NAMES}


def ladder(path: pd.DataFrame, sources: pd.DataFrame, title, description, name: str = "tariff-ladder") -> Figure:
    """Step lines of each side's headline rate."""
    frame = path.assign(who=path["imposer"].map(SIDE_NAMES))
    sides = list(frame["imposer"].unique())
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", axis=DATE),
        y=alt.Y("rate_pct:Q", axis=PCT),
        color=alt.Color("imposer:N", scale=theme.scale("imposer", sides), title="Tariff imposed by"),
        strokeDash=alt.StrokeDash("imposer:N", scale=theme.dash_scale("imposer", sides), title="Tariff imposed by"),
        tooltip=[alt.Tooltip("who:N", title="Tariff"), alt.Tooltip("date:T", title="From", format="%d %b %Y"),
                 alt.Tooltip("rate_pct:Q", title="Headline rate (%)")])
    chart = base.mark_line(interpolate="step-after", strokeWidth=2.5) + base.mark_point(filled=True, size=50).encode(
        shape=alt.Shape("imposer:N", scale=theme.shape_scale("imposer", sides), title="Tariff imposed by"))
    return Figure(chart, frame, name=name, title=title, description=description,
                  measure="Headline statutory rate: the sum of the additional duties that apply to nearly all "
                          "goods from the other country. Not an average.",
                  sources=sources_for(frame, sources),
                  columns={"date": "date", "imposer": "imposer", "rate_pct": "headline_rate_pct",
                           "source_id": "source_id"})


def us_layers(stack: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Stacked bars of the US layers on a Section 301 List 3 good."""
    frame = stack.assign(layer_name=stack["layer"].map(LAYER_NAMES))
    layers = [k for k in theme.COLOURS["layer"] if k in set(frame["layer"])]
    colours = alt.Scale(domain=[LAYER_NAMES[k] for k in layers], range=[theme.COLOURS["layer"][k] for k in layers])
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("date:O", timeUnit="yearmonthdate", title="Change effective on",
                axis=alt.Axis(format="%d %b %Y", labelAngle=-40)),
        y=alt.Y("rate_pct:Q", stack="zero", axis=PCT),
        color=alt.Color("layer_name:N", title="Layer", scale=colours),
        order=alt.Order("layer_order:Q"),
        tooltip=[alt.Tooltip("date:T", title="From", format="%d %b %Y"), alt.Tooltip("layer_name:N", title="Layer"),
                 alt.Tooltip("rate_pct:Q", title="Rate (%)")]).transform_calculate(
        layer_order=f"indexof({layers!r}, datum.layer)")
    return Figure(chart, frame, name="us-layers", title=title, description=description,
                  measure="Statutory rates, in percent, of the US layers on a good on Section 301 List 3 (about "
                          "USD 200 billion of 2018 imports), after each change of an all-goods layer. Goods on no "
                          "Section 301 list pay the all-goods layers only.",
                  sources=computed_from("tariff_actions.csv"),
                  columns={"date": "date", "layer": "layer", "rate_pct": "rate_pct"})


def headline_vs_average(frame: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Headline rate (solid) against the average estimates (dashed), both sides."""
    frame = frame.assign(measure_name=frame["measure"].map(MEASURE_NAMES).fillna(frame["measure"]))
    measures = list(dict.fromkeys(frame["measure_name"]))
    sides = list(frame["imposer"].unique())
    chart = alt.Chart(frame).mark_line(interpolate="step-after", strokeWidth=2).encode(
        x=alt.X("date:T", axis=DATE), y=alt.Y("rate_pct:Q", axis=PCT),
        color=alt.Color("imposer:N", scale=theme.scale("imposer", sides), title="Imposed by"),
        strokeDash=alt.StrokeDash("measure_name:N", title="Measure", sort=measures,
                                  scale=alt.Scale(domain=measures, range=[[1, 0], [4, 3], [1, 3]][:len(measures)])),
        tooltip=[alt.Tooltip("measure_name:N", title="Measure"), alt.Tooltip("imposer:N", title="Imposed by"),
                 alt.Tooltip("date:T", format="%d %b %Y"), alt.Tooltip("rate_pct:Q", title="Percent")])
    return Figure(chart, frame, name="headline-vs-average", title=title, description=description,
                  measure="Two kinds of measure: the headline statutory rate (solid), and estimates of the average "
                          "tariff (dashed): PIIE's weights each product by its 2017 trade and counts older duties and "
                          "exemptions; CRS's approximate rate does not count exemptions.",
                  sources=sources_for(frame, sources),
                  columns={"date": "date", "imposer": "imposer", "measure": "measure", "rate_pct": "percent",
                           "source_id": "source_id"})


def averages_since_2018(series: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """PIIE's average tariffs, both sides, from 2018."""
    frame = series[["date", "imposer", "value_pct", "source_id"]]
    sides = list(frame["imposer"].unique())
    chart = alt.Chart(frame).mark_line(interpolate="step-after", strokeWidth=2).encode(
        x=alt.X("date:T", axis=alt.Axis(format="%Y", title=None)), y=alt.Y("value_pct:Q", axis=PCT),
        color=alt.Color("imposer:N", scale=theme.scale("imposer", sides), title="Imposed by"),
        strokeDash=alt.StrokeDash("imposer:N", scale=theme.dash_scale("imposer", sides), title="Imposed by"),
        tooltip=[alt.Tooltip("imposer:N", title="Imposed by"), alt.Tooltip("date:T", format="%d %b %Y"),
                 alt.Tooltip("value_pct:Q", title="Average tariff (%)")])
    return Figure(chart, frame, name="averages-since-2018", title=title, description=description,
                  measure="PIIE's average tariff, percent, with each product weighted by its 2017 import value. "
                          "Not a statutory rate.",
                  sources=sources_for(frame, sources),
                  columns={"date": "date", "imposer": "imposer", "value_pct": "piie_average_tariff_pct",
                           "source_id": "source_id"})


def scenario(totals: pd.DataFrame, cited: pd.DataFrame, sources: pd.DataFrame, title, description,
             measure: str) -> Figure:
    """Bars: each side's headline rate as recorded and under the chosen scenario."""
    frame = totals.assign(case_key=totals["case"].map({"as recorded": "current", "under the scenario": "scenario"}))
    cases = ["as recorded", "under the scenario"]
    bars = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("imposer:N", title=None, sort=["US", "China"]), yOffset=alt.YOffset("case:N", sort=cases),
        x=alt.X("rate_pct:Q", axis=PCT),
        color=alt.Color("case:N", title="Case", sort=cases,
                        scale=alt.Scale(domain=cases, range=[theme.colour("scenario", "current"),
                                                             theme.colour("scenario", "scenario")])),
        tooltip=[alt.Tooltip("imposer:N", title="Imposed by"), alt.Tooltip("case:N", title="Case"),
                 alt.Tooltip("rate_pct:Q", title="Headline rate (%)")])
    text = bars.mark_text(align="left", dx=3, color=theme.TEXT).encode(text=alt.Text("rate_pct:Q", format="~g"))
    return Figure(bars + text, frame, name="scenario", title=title, description=description, measure=measure,
                  sources=sources_for(cited, sources) or computed_from("tariff_actions.csv"),
                  columns={"imposer": "imposer", "case": "case", "rate_pct": "headline_rate_pct"})
