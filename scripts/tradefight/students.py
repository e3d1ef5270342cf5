"""Student measures computed from the IIE Open Doors counts."""
from __future__ import annotations

import pandas as pd

from .measures import share_table

ALL = "All places of origin"


def series(table: pd.DataFrame, origin: str) -> pd.DataFrame:
    return table[table["place_of_origin"] == origin].sort_values("academic_year").reset_index(drop=True)


def peak(table: pd.DataFrame, origin: str) -> pd.Series:
    rows = series(table, origin)
    return rows.loc[rows["students"].idxmax()]


def latest(table: pd.DataFrame, origin: str) -> pd.Series:
    return series(table, origin).iloc[-1]


def overtake_year(table: pd.DataFrame, leader: str, other: str) -> str | None:
    """First academic year from which `leader` has more students than `other` in every later year."""
    a = series(table, leader).set_index("academic_year")["students"]
    b = series(table, other).set_index("academic_year")["students"]
    years = sorted(a.index.intersection(b.index))
    ahead = [y for y in years if a[y] > b[y]]
    for y in ahead:
        if all(a[z] > b[z] for z in years if z >= y):
            return y
    return None


def share_of_total(table: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Students from `origin` as a share of all international students, per academic year."""
    shares = share_table(series(table, origin), series(table, ALL), "academic_year", "students")
    return shares.rename(columns={"part": "students", "whole": "total"})


def rank(table: pd.DataFrame, origin: str, year: str) -> int:
    """Rank of `origin` among the places recorded for `year` (1 = most students)."""
    rows = table[(table["academic_year"] == year) & (table["place_of_origin"] != ALL)]
    order = rows.sort_values("students", ascending=False)["place_of_origin"].tolist()
    return order.index(origin) + 1
