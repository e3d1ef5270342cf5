"""Load the curated tables as typed pandas DataFrames, cut at the book's as-of date.

Types come from the contract (datapackage.json), so a notebook never parses numbers or dates itself.
Each load is logged to the file named by $TRADEFIGHT_READS_LOG when it is set: the build uses that
log to know which data files a notebook depends on, so it re-runs only the notebooks a change touches.

Time travel: `open_book(data_dir, as_of)` returns a `Book` whose tables hold only what was known on
the as-of date (the rules are in `timecut`).
"""
from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .timecut import known_by, source_dates, withhold_later_notes, future_ends_blank

READS_LOG = "TRADEFIGHT_READS_LOG"

_DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}

# Dated columns that set the default as-of date (the latest thing the data records).
LATEST = {"events": ["date"], "tariff_actions": ["announced_date"], "tariff_averages": ["date"]}


def contract(data_dir: str) -> dict:
    """The data package descriptor (datapackage.json) of a data folder (logged as read on every call)."""
    path = Path(data_dir) / "datapackage.json"
    _log_read(path)
    return _descriptor(path.read_bytes())


@lru_cache(maxsize=8)
def _descriptor(content: bytes) -> dict:
    return json.loads(content.decode("utf-8"))


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


def read_rows(source: Path | bytes) -> pd.DataFrame:
    """A CSV (a path or its bytes) as text cells, normalised as validation accepts it: no byte-order mark,
    no stray spaces."""
    frame = pd.read_csv(io.BytesIO(source) if isinstance(source, bytes) else source, dtype=str,
                        keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [c.strip() for c in frame.columns]
    return frame.apply(lambda col: col.str.strip())


def load(data_dir: str | Path, name: str) -> pd.DataFrame:
    """The table `name` (e.g. "tariff_actions") with the contract's types; blank cells are <NA>."""
    res = resource(data_dir, name)
    path = Path(data_dir) / res["path"]
    _log_read(path)
    return _typed(path.read_bytes(), json.dumps(res["schema"]["fields"])).copy()


@lru_cache(maxsize=64)
def _typed(content: bytes, fields: str) -> pd.DataFrame:
    """A file's content typed once (keyed by the content: a kernel kept between builds never sees an old
    version of a file)."""
    frame = read_rows(content)
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
        """The sources the book may name on its date: those out by then, and those that rows of the tables
        loaded so far cite (a row that entered on its own date may have been read in a later copy).
        (Only tables already loaded are looked at, so a notebook depends only on the files it shows.)"""
        table = load(self.data_dir, "sources")
        cited = set()
        for name, frame in self._tables.items():
            if isinstance(frame, pd.DataFrame) and "source_id" in frame and not name.startswith("_"):
                cited |= set(frame["source_id"].dropna())
        out_by_then = table["source_id"].map(source_dates(table)) <= self.cutoff
        return table[out_by_then.values | table["source_id"].isin(cited).values].reset_index(drop=True)

    def table(self, name: str) -> pd.DataFrame:
        """Rows of one table known on the cut-off, notes that speak of later dates withheld."""
        if name == "sources":
            return self.sources()
        if name not in self._tables:
            frame = load(self.data_dir, name)
            if "source_id" in frame:
                editions = None if name == "editions" else self.editions()
                frame = known_by(frame, name, load(self.data_dir, "sources"), self.cutoff, editions)
            self._tables[name] = future_ends_blank(withhold_later_notes(frame, self.cutoff), self.cutoff)
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
