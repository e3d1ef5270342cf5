"""Rare-earth measures computed from the USGS table and the stage shares."""
from __future__ import annotations

import pandas as pd

from .measures import share_table

STAGES = ["mining", "refining", "magnets"]


def latest_edition(production: pd.DataFrame) -> pd.DataFrame:
    """For each production year, the rows of the newest USGS edition that reports it."""
    newest = production.groupby("year")["edition"].transform("max")
    return production[production["edition"] == newest].sort_values(["year", "country"]).reset_index(drop=True)


def top_producers(frame: pd.DataFrame, n: int) -> list[str]:
    """The n countries with the largest output in the latest year (USGS's 'Other' row excluded)."""
    last = frame[(frame["year"] == frame["year"].max()) & (frame["country"] != "Other")]
    return list(last.sort_values("production_t", ascending=False)["country"].head(n))


def china_share_by_year(production: pd.DataFrame) -> pd.DataFrame:
    """China's share of the world total, per year, from the newest edition that reports the year."""
    rows = latest_edition(production)
    china = rows[rows["country"] == "China"]
    world = rows[rows["country"] == "World total"]
    table = share_table(china, world, "year", "production_t", keep=("edition", "source_id"))
    return table.rename(columns={"part": "china_t", "whole": "world_t", "share_pct": "china_share_pct"})


def stage_table(shares: pd.DataFrame, production: pd.DataFrame) -> pd.DataFrame:
    """One share per stage, as published: the latest year a source gives for that stage."""
    rows = shares.copy()
    rows["sort_year"] = rows["year"].fillna(0)
    rows = rows.sort_values(["stage", "sort_year"]).groupby("stage").tail(1)
    rows["stage"] = pd.Categorical(rows["stage"], STAGES, ordered=True)
    rows = rows.sort_values("stage").reset_index(drop=True)
    rows["stage"] = rows["stage"].astype(str)
    rows["year"] = rows["year"].astype("string").fillna("year not stated")
    rows["label"] = rows["stage"] + " (" + rows["year"] + ")"
    return rows[["stage", "year", "china_share_pct", "qualifier", "measure", "source_id", "label"]]
