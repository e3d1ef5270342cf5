"""Student measures computed from the IIE Open Doors counts (pure functions)."""
from __future__ import annotations

import pandas as pd

from .measures import share_table

ALL = "All places of origin"
CHINA_VISAS = "China - mainland"  # the State Department's name for China in its visa tables


def series(table: pd.DataFrame, origin: str) -> pd.DataFrame:
    """One place's counts by academic year, oldest first."""
    return table[table["place_of_origin"] == origin].sort_values("academic_year").reset_index(drop=True)


def latest(table: pd.DataFrame, origin: str) -> pd.Series | None:
    """The latest year's row for `origin`, or None."""
    rows = series(table, origin)
    return None if rows.empty else rows.iloc[-1]


def row_in(table: pd.DataFrame, origin: str, year: str) -> pd.Series | None:
    """The row for `origin` in `year` (count and source), or None if the data has no such row."""
    rows = table[(table["place_of_origin"] == origin) & (table["academic_year"] == year)]
    return None if rows.empty else rows.iloc[0]


def count_in(table: pd.DataFrame, origin: str, year: str) -> int | None:
    """Students from `origin` in `year`, or None if the data has no such row."""
    row = row_in(table, origin, year)
    return None if row is None else int(row["students"])


def lead(table: pd.DataFrame, leader: str, other: str) -> dict:
    """`leader` against `other` over the academic years the data holds for both (oldest first): "years", the
    years it had more students ("ahead"), the year it "overtook" (the first of a lead held to the last year,
    after a year without one; None if it never led at the end, or led in every year) and the last year's
    counts ("leader_n", "other_n")."""
    both = table[table["place_of_origin"].isin([leader, other])]
    both = both.pivot_table(index="academic_year", columns="place_of_origin", values="students", aggfunc="first")
    both = both.reindex(columns=[leader, other]).dropna().sort_index()
    years = list(both.index)
    ahead = [y for y in years if both.at[y, leader] > both.at[y, other]]
    behind = [i for i, y in enumerate(years) if y not in ahead]
    overtook = years[behind[-1] + 1] if behind and behind[-1] + 1 < len(years) else None
    last = both.iloc[-1] if years else None
    return {"years": years, "ahead": ahead, "overtook": overtook,
            "leader_n": None if last is None else int(last[leader]),
            "other_n": None if last is None else int(last[other])}


def share_of_total(table: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Students from `origin` as a share of all international students, per academic year."""
    shares = share_table(series(table, origin), series(table, ALL), "academic_year", "students")
    return shares.rename(columns={"part": "students", "whole": "total"})


def ranking(table: pd.DataFrame, year: str) -> pd.DataFrame:
    """Places recorded for `year`, most students first (ties by name): place_of_origin, students, rank (tied
    places share a rank: 1, 1, 3)."""
    rows = table[(table["academic_year"] == year) & (table["place_of_origin"] != ALL)]
    rows = rows.sort_values(["students", "place_of_origin"], ascending=[False, True])
    rows = rows[["place_of_origin", "students", "source_id"]].reset_index(drop=True)
    rows["rank"] = rows["students"].rank(method="min", ascending=False).astype(int)
    return rows


def places_recorded(table: pd.DataFrame, year: str) -> int:
    """How many places of origin the data records for `year` (the total row excluded)."""
    return int(((table["academic_year"] == year) & (table["place_of_origin"] != ALL)).sum())


def rank_of(ranks: pd.DataFrame, origin: str) -> int | None:
    """Rank of `origin` in a `ranking` table (1 = most students), or None if it is not listed."""
    row = ranks[ranks["place_of_origin"] == origin]
    return None if row.empty else int(row["rank"].iloc[0])
