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


def overtake_year(table: pd.DataFrame, leader: str, other: str) -> str | None:
    """First academic year from which `leader` has more students than `other` in every later year."""
    a = series(table, leader).set_index("academic_year")["students"]
    b = series(table, other).set_index("academic_year")["students"]
    years = sorted(a.index.intersection(b.index))
    for y in years:
        if all(a[z] > b[z] for z in years if z >= y):
            return y
    return None


def years_ahead(table: pd.DataFrame, leader: str, other: str) -> list[str]:
    """Academic years in which `leader` had more students than `other`."""
    a = series(table, leader).set_index("academic_year")["students"]
    b = series(table, other).set_index("academic_year")["students"]
    return [y for y in sorted(a.index.intersection(b.index)) if a[y] > b[y]]


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
