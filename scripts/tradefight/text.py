"""Words and numbers for the prose, and the myst-nb `glue` calls that put them on the page.

In a chapter's markdown: {glue:text}`us_peak_pct:.0f` or {glue:text}`china_students:,d`.
Values are cast to plain int/float/str first: NumPy scalars break glue's formatting (myst-nb #610).
Sentences that compare, rank or state a trend are not glued here but as statements
(`tradefight.statements`), which carry their evidence.
"""
from __future__ import annotations

import pandas as pd


def _glue(name: str, value) -> None:
    from myst_nb import glue

    glue(name, value, display=False)


def number(name: str, value) -> float | int:
    """Glue a number. Whole numbers stay ints, so `:,d` formats them."""
    if value is None or pd.isna(value):
        raise ValueError(f"{name}: no value in the data to glue")
    value = float(value)
    plain = int(value) if value.is_integer() else value
    _glue(name, plain)
    return plain


def text(name: str, value: str) -> str:
    """Glue a name, a label or a date written out (never a comparison: use a statement)."""
    _glue(name, str(value))
    return str(value)


def date(name: str, ts) -> str:
    """Glue a date written as prose (9 June 2025)."""
    return text(name, day(ts))


def day(ts) -> str:
    """A date as prose: 9 June 2025."""
    ts = pd.Timestamp(ts)
    return f"{ts.day} {ts:%B %Y}"


def month(ts) -> str:
    """A month as prose: June 2025."""
    return f"{pd.Timestamp(ts):%B %Y}"


def pct(value, digits: int | None = None) -> str:
    """A percentage as the source gives it (12.5 -> "12.5%", 145.0 -> "145%"), or rounded to `digits`."""
    value = float(value)
    if digits is None:
        return f"{value:g}%"
    return f"{value:.{digits}f}%"


def count(value) -> str:
    """A whole number with thousands separators: 277398 -> "277,398"."""
    return f"{int(value):,}"


def points(value) -> str:
    """A difference of percentages, in points: 20.9 -> "20.9 points", 1 -> "1 point"."""
    value = abs(float(value))
    return f"{value:g} point" + ("" if value == 1 else "s")


def listing(items) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def semicolons(items) -> str:
    """Items that may hold commas themselves: ["a", "b", "c"] -> "a; b; and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + "; and " + items[-1]


def spans(chosen, order) -> str:
    """Chosen items as runs of consecutive items of `order`: "2001/02 to 2008/09 and 2023/24"."""
    order, chosen = list(order), set(chosen)
    runs, current = [], []
    for item in order:
        if item in chosen:
            current.append(item)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return listing(r[0] if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)


def times(n: int) -> str:
    """1 -> "once", 2 -> "twice", 5 -> "5 times"."""
    return {1: "once", 2: "twice"}.get(int(n), f"{int(n)} times")


def plural(n: int, one: str, many: str | None = None) -> str:
    """1 -> "1 element", 3 -> "3 elements"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def block(name: str, obj) -> None:
    """Glue a block (cards, a table, a list) for `{glue}` in the markdown."""
    _glue(name, obj)
