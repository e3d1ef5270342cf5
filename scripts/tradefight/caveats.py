"""Caveats on spans of years of a series (series_notes.csv) and the calendar of the series (pure functions)."""
from __future__ import annotations

import pandas as pd


def start_year(year) -> int:
    """A series year on one scale: a fiscal or production year as is, an academic year by its first year."""
    return int(str(year)[:4])


def rows_for(notes: pd.DataFrame, dataset: str, first, last=None) -> pd.DataFrame:
    """The notes on `dataset` whose span meets the years from `first` to `last` (or the one year `first`)."""
    lo, hi = start_year(first), start_year(last if last is not None else first)
    rows = notes[(notes["dataset"] == dataset) & (notes["year_from"] <= hi) & (notes["year_to"] >= lo)]
    return rows.sort_values("year_from")


def label(notes: pd.DataFrame, dataset: str, year) -> str | None:
    """The short label of every note covering one year ("; "-joined), or None."""
    rows = rows_for(notes, dataset, year)
    return "; ".join(rows["label"]) if len(rows) else None


def tagged(year_text: str, notes: pd.DataFrame, dataset: str, year, bracket: bool = True) -> str:
    """A year as written in a sentence, with its notes' labels when it has any: in brackets, or after a comma
    (for a year that is itself in brackets)."""
    found = label(notes, dataset, year)
    if not found:
        return year_text
    return f"{year_text} ({found})" if bracket else f"{year_text}, {found}"


def academic_year_began(year) -> pd.Timestamp:
    """The first day of August of an academic year's first year: before any autumn term starts."""
    return pd.Timestamp(year=start_year(year), month=8, day=1)


def academic_year_over(year) -> pd.Timestamp:
    """The last day of July of an academic year's second year: after any spring or summer term ends."""
    return pd.Timestamp(year=start_year(year) + 1, month=7, day=31)


def fiscal_year_ended(year) -> pd.Timestamp:
    """The last day of a US fiscal year (October to September)."""
    return pd.Timestamp(year=start_year(year), month=9, day=30)


def times_words(a: float, b: float) -> tuple[str, str]:
    """a against b in words ("2.3 times", "more than", "the same as", "fewer than") and the relation asserted."""
    if a > b:
        return (f"{a / b:.1f} times" if b > 0 and round(a / b, 1) > 1 else "more than"), "gt"
    if a < b:
        return "fewer than", "lt"
    return "the same as", "eq"
