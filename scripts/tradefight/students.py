"""Student measures computed from the IIE Open Doors counts (pure functions)."""
from __future__ import annotations

import pandas as pd

from .measures import share_table

ALL = "All places of origin"
CHINA_VISAS = "China - mainland"  # the State Department's name for China in its visa tables


def series(table: pd.DataFrame, origin: str) -> pd.DataFrame:
    """One place's counts by academic year, oldest first."""
    return table[table["place_of_origin"] == origin].sort_values("academic_year").reset_index(drop=True)


def peak(table: pd.DataFrame, origin: str) -> pd.Series | None:
    """The year with the most students from `origin` (the first such year), or None."""
    rows = series(table, origin)
    return None if rows.empty else rows.loc[rows["students"].idxmax()]


def latest(table: pd.DataFrame, origin: str) -> pd.Series | None:
    """The latest year's row for `origin`, or None."""
    rows = series(table, origin)
    return None if rows.empty else rows.iloc[-1]


def years_compared(table: pd.DataFrame, a: str, b: str) -> list[str]:
    """Academic years the data holds counts for both `a` and `b`, oldest first."""
    years = set(series(table, a)["academic_year"]) & set(series(table, b)["academic_year"])
    return sorted(years)


def count_in(table: pd.DataFrame, origin: str, year: str) -> int | None:
    """Students from `origin` in `year`, or None if the data has no such row."""
    rows = table[(table["place_of_origin"] == origin) & (table["academic_year"] == year)]
    return None if rows.empty else int(rows["students"].iloc[0])


def years_ahead(table: pd.DataFrame, leader: str, other: str) -> list[str]:
    """Academic years in which `leader` had more students than `other`."""
    return [y for y in years_compared(table, leader, other)
            if count_in(table, leader, y) > count_in(table, other, y)]


def overtake_year(table: pd.DataFrame, leader: str, other: str) -> str | None:
    """First academic year from which `leader` has more students than `other` in every later year, after a
    year in which it had not; None if it never did, or led in every year compared (nothing was overtaken)."""
    years, ahead = years_compared(table, leader, other), set(years_ahead(table, leader, other))
    for i, y in enumerate(years):
        if all(z in ahead for z in years[i:]):
            return y if i > 0 else None
    return None


def share_of_total(table: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Students from `origin` as a share of all international students, per academic year."""
    shares = share_table(series(table, origin), series(table, ALL), "academic_year", "students")
    return shares.rename(columns={"part": "students", "whole": "total"})


def ranking(table: pd.DataFrame, year: str) -> pd.DataFrame:
    """Places recorded for `year`, most students first: place_of_origin, students, rank."""
    rows = table[(table["academic_year"] == year) & (table["place_of_origin"] != ALL)]
    rows = rows.sort_values(["students", "place_of_origin"], ascending=[False, True])
    rows = rows[["place_of_origin", "students", "source_id"]].reset_index(drop=True)
    rows["rank"] = range(1, len(rows) + 1)
    return rows


def places_recorded(table: pd.DataFrame, year: str) -> int:
    """How many places of origin the data records for `year` (the total row excluded)."""
    return int(((table["academic_year"] == year) & (table["place_of_origin"] != ALL)).sum())


def rank(table: pd.DataFrame, origin: str, year: str) -> int | None:
    """Rank of `origin` among the places recorded for `year` (1 = most students), or None."""
    order = ranking(table, year)["place_of_origin"].tolist()
    return order.index(origin) + 1 if origin in order else None
