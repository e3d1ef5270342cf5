"""Rare-earth charts: mine production, China's mining share, shares by stage, controlled elements."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import theme
from ..figure import Figure
from . import sources_for

YEAR = alt.Axis(labelAngle=0, labelOverlap="parity")


def mine_production(frame: pd.DataFrame, top: list[str], sources: pd.DataFrame, title, description) -> Figure:
    """Lines of mine production for the largest producers, each named at its end."""
    frame = frame[frame["country"].isin(top)]
    colours = theme.palette_scale(top)
    last_year = frame["year"].max()
    lines = alt.Chart(frame).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("year:O", title="Production year", axis=YEAR),
        y=alt.Y("production_t:Q", title="Tonnes of rare-earth oxide (REO) equivalent", axis=alt.Axis(format="~s")),
        color=alt.Color("country:N", title="Country", scale=colours, sort=top),
        tooltip=["country:N", "year:O", alt.Tooltip("production_t:Q", title="Tonnes REO", format=","),
                 "estimated:N", alt.Tooltip("edition:O", title="USGS edition")])
    ends = alt.Chart(frame[frame["year"] == last_year]).mark_text(align="left", dx=6, fontSize=11).encode(
        x="year:O", y="production_t:Q", text="country:N", color=alt.Color("country:N", scale=colours, sort=top))
    return Figure(lines + ends, frame, name="mine-production", title=title, description=description,
                  measure="Mine production of all rare earths, metric tons of rare-earth-oxide equivalent, USGS "
                          "Mineral Commodity Summaries (newest edition for each year). Mining only, not refining.",
                  sources=sources_for(frame, sources),
                  columns={"year": "year", "country": "country", "production_t": "production_t",
                           "estimated": "estimated", "edition": "usgs_edition", "source_id": "source_id"})


def china_mining_share(frame: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Bars of China's share of world mine production, labelled."""
    bars = alt.Chart(frame).mark_bar(color=theme.colour("imposer", "China")).encode(
        x=alt.X("year:O", title="Production year", axis=YEAR),
        y=alt.Y("china_share_pct:Q", title="China's share of world mine production (%)",
                scale=alt.Scale(domain=[0, 100])),
        tooltip=["year:O", alt.Tooltip("china_t:Q", title="China, tonnes", format=","),
                 alt.Tooltip("world_t:Q", title="World, tonnes", format=","),
                 alt.Tooltip("china_share_pct:Q", title="Share (%)", format=".1f")])
    text = bars.mark_text(dy=-6, color=theme.TEXT).encode(text=alt.Text("china_share_pct:Q", format=".1f"))
    return Figure(bars + text, frame, name="china-mining-share", title=title, description=description,
                  measure="Computed here: China's mine production of all rare earths divided by USGS's (rounded) "
                          "world total, same edition. A share of mining only.",
                  sources=sources_for(frame, sources),
                  columns={"year": "year", "china_t": "china_t", "world_t": "world_total_t",
                           "china_share_pct": "china_share_pct", "edition": "usgs_edition", "source_id": "source_id"})


def stage_shares(stages: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Horizontal bars: China's share at each stage and scope, as each source states it."""
    bars = alt.Chart(stages).mark_bar(color=theme.colour("imposer", "China")).encode(
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        x=alt.X("china_share_pct:Q", title="China's share (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=["stage:N", "scope:N", "year:N", alt.Tooltip("china_share_pct:Q", title="Share (%)"), "measure:N",
                 "source_id:N"])
    text = bars.mark_text(align="left", dx=3, color=theme.TEXT).encode(text=alt.Text("china_share_pct:Q", format="~g"))
    return Figure(bars + text, stages, name="stage-shares", title=title, description=description,
                  measure="China's share at each stage of the supply chain, each as its source states it, with the "
                          "rare earths it covers and the year. Mining, refining and magnet-making are different "
                          "measures; so are all rare earths and magnet rare earths.",
                  sources=sources_for(stages, sources),
                  columns={"stage": "stage", "scope": "scope", "year": "year", "china_share_pct": "china_share_pct",
                           "measure": "measure", "source_id": "source_id"})


def controlled_elements(frame: pd.DataFrame, sources: pd.DataFrame, title, description) -> Figure:
    """Dots: each element under each announcement, by atomic number, labelled with its symbol."""
    frame = frame.assign(announced=frame["announced_date"].dt.strftime("%Y-%m-%d") + ": " + frame["announcement"])
    rows = list(dict.fromkeys(frame.sort_values("announced_date")["announced"]))
    dots = alt.Chart(frame).mark_point(filled=True, size=160).encode(
        x=alt.X("atomic_number:O", title="Atomic number", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("announced:N", title=None, sort=rows, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("announced:N", legend=None, sort=rows, scale=theme.palette_scale(rows)),
        shape=alt.Shape("announced:N", legend=None, sort=rows),
        tooltip=["element:N", "symbol:N", "atomic_number:O", "announcement:N",
                 alt.Tooltip("effective_date:T", format="%d %b %Y"), "status_on_date:N"])
    labels = alt.Chart(frame).mark_text(dy=-14, color=theme.TEXT).encode(
        x="atomic_number:O", y=alt.Y("announced:N", sort=rows), text="symbol:N")
    return Figure(dots + labels, frame, name="controlled-elements", title=title, description=description,
                  measure="Elements named in China's export-control announcements of 2025 (one mark per element "
                          "per announcement), with each announcement's status on the as-of date.",
                  sources=sources_for(frame, sources),
                  columns={"element": "element", "symbol": "symbol", "atomic_number": "atomic_number",
                           "announcement": "announcement", "announced_date": "announced_date",
                           "effective_date": "effective_date", "status_on_date": "status_on_date",
                           "source_id": "source_id"})
