"""Methods chart: rows and sources per dataset."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import theme
from ..figure import Figure
from . import computed_from


def rows_per_dataset(frame: pd.DataFrame, title, description) -> Figure:
    """Horizontal bars of each dataset's row count."""
    chart = alt.Chart(frame).mark_bar(color=theme.BLUE).encode(
        y=alt.Y("dataset:N", sort=None, title=None), x=alt.X("rows:Q", title="Rows"),
        tooltip=["dataset:N", "rows:Q", alt.Tooltip("sources:Q", title="Distinct sources")])
    return Figure(chart, frame, name="rows-per-dataset", title=title, description=description,
                  measure="Number of rows in each data file on the as-of date, and how many distinct sources they cite.",
                  sources=computed_from("the data package"),
                  columns={"dataset": "dataset", "rows": "rows", "sources": "distinct_sources"})
