"""CSV files the site offers, safe to open in a spreadsheet.

A cell that begins with =, +, - or @ (or a tab or carriage return) is read by spreadsheet programs as
a formula (CSV injection, OWASP). Such text cells get a leading apostrophe, which spreadsheets show as
text; numbers, negative ones included, are left as they are.
"""
from __future__ import annotations

import re

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def risky(text) -> bool:
    """True for text a spreadsheet would run as a formula (a plain number is not risky)."""
    if not isinstance(text, str) or not text:
        return False
    return text.startswith(TRIGGERS) and not _NUMBER.match(text)


def neutralise(text):
    """The cell as text a spreadsheet will not evaluate (numbers untouched)."""
    return "'" + text if risky(text) else text


def to_csv(frame: pd.DataFrame) -> str:
    """The frame as CSV (dates as YYYY-MM-DD, blanks empty), every risky text cell neutralised."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out.to_csv(index=False, lineterminator="\n")
