"""Timeline charts: every event by category and date, and events per month."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import theme
from ..events import CATEGORIES
from ..figure import Figure
from . import DATE, computed_from, sources_for


def timeline(events: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Dots of events by category and date, coloured and shaped by who acted."""
    actors = list(events["actor"].unique())
    chart = alt.Chart(events).mark_point(filled=True, size=110).encode(
        x=alt.X("date:T", axis=DATE),
        y=alt.Y("category:N", sort=CATEGORIES, title=None),
        color=alt.Color("actor:N", title="Who acted", scale=theme.scale("actor", actors)),
        shape=alt.Shape("actor:N", title="Who acted", scale=theme.shape_scale("actor", actors)),
        tooltip=[alt.Tooltip("date:T", format="%d %b %Y"), "actor:N", "title:N", "description:N"])
    return Figure(chart, events, name="timeline", title=title, description=description,
                  measure="Each mark is one dated event with a source; hover or tap for what happened.",
                  sources=sources_for(events, sources),
                  columns={"date": "date", "actor": "actor", "category": "category", "title": "title",
                           "description": "description", "source_id": "source_id"})


def by_month(counts: pd.DataFrame, title, description) -> Figure:
    """Stacked bars: events per month, by who acted."""
    actors = list(counts["actor"].unique())
    chart = alt.Chart(counts).mark_bar().encode(
        x=alt.X("month:T", axis=alt.Axis(format="%b %Y", title=None, labelAngle=-45), timeUnit="yearmonth"),
        y=alt.Y("events:Q", title="Events recorded", stack="zero"),
        color=alt.Color("actor:N", title="Who acted", scale=theme.scale("actor", actors)),
        tooltip=[alt.Tooltip("month:T", format="%B %Y"), "actor:N", "events:Q"])
    return Figure(chart, counts, name="events-by-month", title=title, description=description,
                  measure="Number of events in the timeline data per month, by who acted. A count of recorded "
                          "events, not a measure of importance.",
                  sources=computed_from("events.csv"),
                  columns={"month": "month", "actor": "actor", "events": "events"})
