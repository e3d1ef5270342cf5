"""Numbers and words for the prose, inserted with myst-nb `glue` so they follow the data.

In a notebook's markdown: {glue:text}`us_peak_pct:.0f` or {glue:text}`china_students:,d`.
Values are cast to plain int/float/str first: NumPy scalars break glue's formatting (myst-nb #610).
"""
from __future__ import annotations

import pandas as pd
from myst_nb import glue


def number(name: str, value) -> float | int:
    """Glue a number. Whole numbers stay ints, so `:,d` formats them."""
    if pd.isna(value):
        raise ValueError(f"{name}: no value in the data to glue")
    value = float(value)
    plain = int(value) if value.is_integer() else value
    glue(name, plain, display=False)
    return plain


def text(name: str, value: str) -> str:
    glue(name, str(value), display=False)
    return str(value)


def day(ts) -> str:
    """A date as prose: 9 June 2025."""
    ts = pd.Timestamp(ts)
    return f"{ts.day} {ts:%B %Y}"


def date(name: str, ts) -> str:
    return text(name, day(ts))

