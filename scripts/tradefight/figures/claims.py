"""Claims chart: each numeric claim of the news report against the value in the data."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import theme
from ..figure import Figure
from . import computed_from


def claims(frame: pd.DataFrame, title, description) -> Figure:
    """Bars of found ÷ claimed, in percent, with a rule at 100."""
    verdicts = [v for v in theme.COLOURS["verdict"] if v in set(frame["verdict"])]
    bars = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("claim_id:N", title=None, sort=None),
        x=alt.X("score_pct:Q", title="Value in the data as % of the claimed value (100 where a lower bound holds)"),
        color=alt.Color("verdict:N", title="Verdict", scale=theme.scale("verdict", verdicts)),
        tooltip=["claim_id:N", "quote:N", "claimed:Q", "found:Q", "verdict:N", "measure:N"])
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color=theme.TEXT, strokeDash=[4, 2]).encode(x="x:Q")
    return Figure(bars + rule, frame, name="claims", title=title, description=description,
                  measure="For each claim with a number: the value in the data divided by the claimed value, in "
                          "percent (100 = the same number). Each uses the measure named in its row.",
                  sources=computed_from("this book's data; see each claim's evidence above"),
                  columns={"claim_id": "claim_id", "claimed": "claimed", "found": "found",
                           "score_pct": "score_pct", "verdict": "verdict", "measure": "measure"})
