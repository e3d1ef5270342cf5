"""Load the curated tables as typed pandas DataFrames, cut at the book's as-of date.

Types come from the contract (datapackage.json), so a notebook never parses numbers or dates itself.
Each load is logged to the file named by $TRADEFIGHT_READS_LOG when it is set: the build uses that
log to know which data files a notebook depends on, so it re-runs only the notebooks a change touches.

Time travel: `open_book(data_dir, as_of)` returns a `Book` whose tables hold only what was known on
the as-of date. A row enters when its own date (if it has one) has come and its source had been
published (sources.date_published; a source with no date enters with the row's own date).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

READS_LOG = "TRADEFIGHT_READS_LOG"

_DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}

# The date that makes a row "happen" (absent: the row is known once its source is published).
ROW_DATE = {"tariff_actions": "announced_date", "tariff_averages": "date", "rare_earth_controls": "announced_date",
            "events": "date", "control_status": "date", "quotes": "date", "editions": "date_published"}
# Tables whose rows belong to a published edition (editions.csv): the column naming the edition.
EDITION = {"rare_earth_production": "edition", "students_by_origin": "academic_year", "f1_visas": "fiscal_year"}
# Dated columns that set the default as-of date (the latest thing the data records).
LATEST = {"events": ["date"], "tariff_actions": ["announced_date"], "tariff_averages": ["date"]}


def contract(data_dir: str) -> dict:
    """The data package descriptor (datapackage.json) of a data folder (logged as read on every call)."""
    path = Path(data_dir) / "datapackage.json"
    _log_read(path)
    stat = path.stat()
    return _descriptor(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _descriptor(path: str, mtime_ns: int, size: int) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def resource(data_dir: str | Path, name: str) -> dict:
    """The contract's entry for one table."""
    for res in contract(str(data_dir))["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in {data_dir}/datapackage.json")


def _log_read(path: Path) -> None:
    log = os.environ.get(READS_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{Path(path).resolve()}\n")


def read_rows(path: Path) -> pd.DataFrame:
    """A CSV as text cells, normalised as validation accepts it: no byte-order mark, no stray spaces."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [c.strip() for c in frame.columns]
    return frame.apply(lambda col: col.str.strip())


def load(data_dir: str | Path, name: str) -> pd.DataFrame:
    """The table `name` (e.g. "tariff_actions") with the contract's types; blank cells are <NA>."""
    res = resource(data_dir, name)
    path = Path(data_dir) / res["path"]
    _log_read(path)
    stat = path.stat()
    return _typed(str(path), stat.st_mtime_ns, stat.st_size, json.dumps(res["schema"]["fields"])).copy()


@lru_cache(maxsize=64)
def _typed(path: str, mtime_ns: int, size: int, fields: str) -> pd.DataFrame:
    """A file read and typed once per version of it (the key holds its time and size)."""
    frame = read_rows(Path(path))
    for f in json.loads(fields):
        col = frame[f["name"]].replace("", pd.NA)
        kind = f.get("type", "string")
        if kind == "date":
            col = pd.to_datetime(col, format="%Y-%m-%d")
        elif kind == "boolean":
            col = col.str.lower().map({"true": True, "false": False}).astype("boolean")
        elif kind in ("integer", "number"):
            col = pd.to_numeric(col).astype(_DTYPES[kind])
        else:
            col = col.astype("string")
        frame[f["name"]] = col
    return frame


def field_descriptions(data_dir: str | Path, name: str) -> dict[str, str]:
    """Column name -> its description in the contract."""
    return {f["name"]: f.get("description", "") for f in resource(data_dir, name)["schema"]["fields"]}


def latest_date(data_dir: str | Path) -> pd.Timestamp:
    """The latest date the data records (events, tariff actions, averages, sources' publication)."""
    dates = [load(data_dir, "sources")["date_published"].max()]
    for name, columns in LATEST.items():
        table = load(data_dir, name)
        dates += [table[c].max() for c in columns]
    return max(d for d in dates if pd.notna(d))


def as_of_date(as_of: str | None, data_dir: str | Path) -> pd.Timestamp:
    """The cut-off date: the `as_of` parameter, or, when it is empty, the latest date in the data."""
    return pd.Timestamp(as_of) if as_of else latest_date(data_dir)


def until(frame: pd.DataFrame, column: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Rows whose `column` date is on or before the cut-off."""
    return frame[frame[column] <= cutoff].reset_index(drop=True)


def published_dates(frame: pd.DataFrame, name: str, sources: pd.DataFrame,
                    editions: pd.DataFrame | None = None) -> pd.Series:
    """When each row's figure was first published: its edition's release date (editions.csv) where the
    table has editions, else its source's publication date. A source with no date is taken to have been
    published no earlier than the latest row (of this table) that cites it: a document cannot come out
    before the last thing it records."""
    published = frame["source_id"].map(sources.set_index("source_id")["date_published"])
    if name in ROW_DATE:
        floor = frame.groupby("source_id")[ROW_DATE[name]].transform("max")
        published = published.fillna(floor)
    if editions is not None and name in EDITION:
        dates = editions[editions["dataset"] == name].set_index("edition")["date_published"]
        by_edition = frame[EDITION[name]].astype(str).map(dates)
        published = by_edition.fillna(published)
    return published


def known_by(frame: pd.DataFrame, name: str, sources: pd.DataFrame, cutoff: pd.Timestamp,
             editions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of table `name` known on the cut-off: their own date has come and their figure was out."""
    published = published_dates(frame, name, sources, editions)
    own = frame[ROW_DATE[name]] if name in ROW_DATE else pd.Series(pd.NaT, index=frame.index)
    entered = published.fillna(own)
    keep = (entered <= cutoff) & (own.isna() | (own <= cutoff))
    return frame[keep.fillna(False).astype(bool)].reset_index(drop=True)


_DATES = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    r"|\b(?P<dmy>\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (?:19|20)\d\d)\b"
    r"|\b(?P<mdy>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d)\b"
    r"|\b(?P<my>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (?:19|20)\d\d)\b")


def mentions_after(text, cutoff: pd.Timestamp) -> bool:
    """True when free text names a date (or a month) later than the cut-off."""
    if text is None or pd.isna(text):
        return False
    for m in _DATES.finditer(str(text)):
        raw = next(v for v in m.groupdict().values() if v)
        stamp = pd.to_datetime(raw.replace(",", "").replace(".", ""), errors="coerce")
        if pd.notna(stamp) and stamp.to_period("D" if m.group("my") is None else "M").start_time > cutoff:
            return True
    return False


WITHHELD = "(note withheld: it refers to a date after this book's as-of date)"


def withhold_later_notes(frame: pd.DataFrame, cutoff: pd.Timestamp, columns=("notes", "status")) -> pd.DataFrame:
    """Blank out free-text cells that speak of dates after the cut-off (a book must not know them)."""
    frame = frame.copy()
    for col in columns:
        if col in frame:
            later = frame[col].map(lambda t: mentions_after(t, cutoff)).astype(bool)
            frame.loc[later, col] = WITHHELD
    return frame


@dataclass
class Book:
    """The data as the book sees it on its as-of date: tables cut at `cutoff`, and the scenario."""

    data_dir: Path
    cutoff: pd.Timestamp
    scenario: str = "current"
    _tables: dict = field(default_factory=dict, repr=False)

    def raw(self, name: str) -> pd.DataFrame:
        """The whole table, uncut (for the Methods page's own accounting)."""
        return load(self.data_dir, name)

    def sources(self) -> pd.DataFrame:
        """The sources the book may name on its date: those published by then; undated ones that rows kept
        so far cite; and the later cumulative files (a State Department workbook, say) in which rows first
        published earlier were read. A book as of the data's latest date names every source.
        (Only tables already loaded are looked at, so a notebook depends only on the files it shows.)"""
        table = load(self.data_dir, "sources")
        if self.cutoff >= table["date_published"].max():
            return table
        cited, cumulative = set(), set()
        for name, frame in self._tables.items():
            if isinstance(frame, pd.DataFrame) and "source_id" in frame and not name.startswith("_"):
                cited |= set(frame["source_id"].dropna())
                if name in EDITION:
                    cumulative |= set(frame["source_id"].dropna())
        dated = table["date_published"] <= self.cutoff
        keep = dated | (table["date_published"].isna() & table["source_id"].isin(cited)) | \
            table["source_id"].isin(cumulative)
        return table[keep].reset_index(drop=True)

    def table(self, name: str) -> pd.DataFrame:
        """Rows of one table known on the cut-off.

        When the cut left rows out (the book looks back in time), notes that speak of later dates are
        withheld too; when it left the table whole, the notes stay as recorded.
        """
        if name == "sources":
            return self.sources()
        if name not in self._tables:
            whole = load(self.data_dir, name)
            frame = whole
            if "source_id" in whole:
                editions = None if name == "editions" else self.editions()
                frame = known_by(whole, name, load(self.data_dir, "sources"), self.cutoff, editions)
            if len(frame) < len(whole):
                frame = withhold_later_notes(frame, self.cutoff)
            self._tables[name] = frame
        return self._tables[name]

    def editions(self) -> pd.DataFrame | None:
        """The release date of each edition of the edition-based tables (None if the data has none)."""
        if "_editions_uncut" not in self._tables:
            names = [r["name"] for r in contract(str(self.data_dir))["resources"]]
            self._tables["_editions_uncut"] = load(self.data_dir, "editions") if "editions" in names else None
        return self._tables["_editions_uncut"]

    def data_through(self) -> pd.Timestamp:
        """The latest dated row the cut book holds (events, tariff actions, averages)."""
        dates = [self.table(name)[col].max() for name, cols in LATEST.items() for col in cols]
        dates = [d for d in dates if pd.notna(d) and d <= self.cutoff]
        return max(dates) if dates else self.cutoff


def open_book(data_dir: str | Path, as_of: str = "", scenario: str = "current") -> Book:
    """The book's data on its as-of date (the latest date in the data when `as_of` is empty)."""
    return Book(Path(data_dir), as_of_date(as_of, data_dir), scenario or "current")
