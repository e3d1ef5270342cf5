"""Rare-earth measures computed from the USGS table and the stage shares (pure functions)."""
from __future__ import annotations

import pandas as pd

from .measures import share_table

STAGES = ["mining", "refining", "magnets"]
WORLD = "World total"
OTHER = "Other"


def latest_edition(production: pd.DataFrame) -> pd.DataFrame:
    """For each production year, the rows of the newest USGS edition that reports it."""
    newest = production.groupby("year")["edition"].transform("max")
    return production[production["edition"] == newest].sort_values(["year", "country"]).reset_index(drop=True)


def countries(frame: pd.DataFrame) -> pd.DataFrame:
    """Country rows only (no World total, no 'Other')."""
    return frame[~frame["country"].isin([WORLD, OTHER])]


def top_producers(frame: pd.DataFrame, n: int) -> list[str]:
    """The n countries with the largest output in the latest year."""
    last = countries(frame)
    last = last[last["year"] == last["year"].max()]
    return list(last.sort_values(["production_t", "country"], ascending=[False, True])["country"].head(n))


def ranking(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Countries by output in one year, largest first (ties by name): country, production_t, rank (tied
    countries share a rank: 1, 1, 3)."""
    rows = countries(frame)
    rows = rows[rows["year"] == year].sort_values(["production_t", "country"], ascending=[False, True])
    rows = rows[["country", "production_t", "source_id"]].reset_index(drop=True)
    rows["rank"] = rows["production_t"].rank(method="min", ascending=False).astype(int)
    return rows


def china_share_by_year(production: pd.DataFrame) -> pd.DataFrame:
    """China's share of the world total, per year, from the newest edition that reports the year."""
    rows = latest_edition(production)
    china = rows[rows["country"] == "China"]
    world = rows[rows["country"] == WORLD]
    table = share_table(china, world, "year", "production_t", keep=("edition", "source_id"))
    return table.rename(columns={"part": "china_t", "whole": "world_t", "share_pct": "china_share_pct"})


def stage_table(shares: pd.DataFrame) -> pd.DataFrame:
    """One share per stage and scope, as published: the latest year a source gives for each."""
    rows = shares.copy()
    rows["sort_year"] = rows["year"].fillna(0)
    rows = rows.sort_values(["stage", "scope", "sort_year"]).groupby(["stage", "scope"]).tail(1)
    rows["order"] = rows["stage"].map({s: i for i, s in enumerate(STAGES)})
    rows = rows.sort_values(["order", "scope"]).reset_index(drop=True)
    rows["year"] = rows["year"].astype("string").fillna("year not stated")
    rows["label"] = rows["stage"] + ", " + rows["scope"] + " (" + rows["year"] + ")"
    return rows[["stage", "scope", "year", "china_share_pct", "measure", "source_id", "label"]]


def stage_share(stages: pd.DataFrame, stage: str, scope: str | None = None) -> pd.Series | None:
    """The row for one stage (and scope, if given), or None when the data has none."""
    rows = stages[stages["stage"] == stage]
    if scope is not None:
        rows = rows[rows["scope"] == scope]
    return None if rows.empty else rows.iloc[0]
