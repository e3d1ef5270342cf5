"""What a book dated in the past may know: which rows had entered by its as-of date, and which notes speak
of later dates.

- Official acts (tariff actions, events, export controls and their status, quotes, scenarios) enter on
  their own date: the government made them public then, whenever the copy we read came out.
- Published figures (averages, shares) and notes on a series enter when their source was published; a
  source is taken to come out no earlier than the latest date its title names, and an undated one no
  earlier than the latest row citing it (a document cannot predate what it records).
- Figures from an edition (USGS, Open Doors, State Department) enter on the edition's release date
  (editions.csv).
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

# The date that makes a row "happen".
ROW_DATE = {"tariff_actions": "announced_date", "tariff_averages": "date", "rare_earth_controls": "announced_date",
            "events": "date", "control_status": "date", "quotes": "date", "editions": "date_published",
            "scenarios": "valid_from"}
# Tables of official acts: a row enters on its own date.
ACTS = {"tariff_actions", "events", "rare_earth_controls", "control_status", "quotes", "scenarios"}
# Tables of published figures: a row enters when its source was published (sources.csv's date_published).
PUBLISHED = ("tariff_averages", "rare_earth_shares", "series_notes")
# Tables whose rows belong to a published edition (editions.csv): the column naming the edition.
EDITION = {"rare_earth_production": "edition", "students_by_origin": "academic_year", "f1_visas": "fiscal_year"}

_DATES = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    r"|\b(?P<dmy>\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (?:19|20)\d\d)\b"
    r"|\b(?P<mdy>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d)\b"
    r"|\b(?P<my>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (?:19|20)\d\d)\b")
WITHHELD = "(note withheld: it refers to a date after this book's as-of date)"


def dates_named(text) -> list[pd.Timestamp]:
    """Every date (a month counts from its first day) that free text names."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    return list(_dates_in(str(text)))


@lru_cache(maxsize=4096)
def _dates_in(text: str) -> tuple[pd.Timestamp, ...]:
    """dates_named on one string, parsed once: the same titles and notes are read by every notebook."""
    out = []
    for m in _DATES.finditer(text):
        raw = next(v for v in m.groupdict().values() if v)
        stamp = pd.to_datetime(raw.replace(",", "").replace(".", ""), errors="coerce")
        if pd.notna(stamp):
            out.append(stamp.to_period("M").start_time if m.group("my") else stamp)
    return tuple(out)


def mentions_after(text, cutoff: pd.Timestamp) -> bool:
    """True when free text names a date (or a month) later than the cut-off."""
    return any(d > cutoff for d in dates_named(text))


def source_dates(sources: pd.DataFrame) -> pd.Series:
    """source_id -> the earliest day each source can have been read: its publication date, or the latest
    date its title names if that is later (a "2025 version" of a page updated in 2026 names 2026)."""
    named = sources["title"].map(lambda t: max(dates_named(t), default=pd.NaT))
    dated = pd.concat([sources["date_published"], named], axis=1).max(axis=1)
    return pd.Series(dated.values, index=sources["source_id"])


def published_dates(frame: pd.DataFrame, name: str, sources: pd.DataFrame,
                    editions: pd.DataFrame | None = None) -> pd.Series:
    """When each row's figure became public (see the module docstring)."""
    if name in ACTS:
        return frame[ROW_DATE[name]]
    published = frame["source_id"].map(source_dates(sources))
    if name in ROW_DATE:
        published = published.fillna(frame.groupby("source_id")[ROW_DATE[name]].transform("max"))
    if editions is not None and name in EDITION:
        dates = editions[editions["dataset"] == name].set_index("edition")["date_published"]
        published = frame[EDITION[name]].astype(str).map(dates).fillna(published)
    return published


def known_by(frame: pd.DataFrame, name: str, sources: pd.DataFrame, cutoff: pd.Timestamp,
             editions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of table `name` known on the cut-off: public by then, and their own date come."""
    entered = published_dates(frame, name, sources, editions)
    own = frame[ROW_DATE[name]] if name in ROW_DATE else pd.Series(pd.NaT, index=frame.index)
    keep = (entered <= cutoff) & (own.isna() | (own <= cutoff))
    return frame[keep.fillna(False).astype(bool)].reset_index(drop=True)


def withhold_later_notes(frame: pd.DataFrame, cutoff: pd.Timestamp, columns=("notes",)) -> pd.DataFrame:
    """Blank out free-text notes that speak of dates after the cut-off (a book must not know them)."""
    frame = frame.copy()
    for col in columns:
        if col in frame:
            later = frame[col].map(lambda t: mentions_after(t, cutoff)).astype(bool)
            frame.loc[later, col] = WITHHELD
    return frame


def future_ends_blank(frame: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Scenario windows still open on the cut-off get no end: the book cannot know when they will close."""
    if "valid_to" not in frame:
        return frame
    frame = frame.copy()
    frame.loc[frame["valid_to"] > cutoff, "valid_to"] = pd.NaT
    return frame
