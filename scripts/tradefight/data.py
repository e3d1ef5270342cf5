"""Load the curated tables as typed pandas DataFrames.

Types come from the contract (datapackage.json), so a notebook never parses numbers or dates itself.
Each load is logged to the file named by $TRADEFIGHT_READS_LOG when it is set: the build uses that
log to know which data files a notebook depends on, so it re-runs only the notebooks a change touches.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

READS_LOG = "TRADEFIGHT_READS_LOG"

_DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}


@lru_cache(maxsize=None)
def contract(data_dir: str) -> dict:
    path = Path(data_dir) / "datapackage.json"
    _log_read(path)
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def resource(data_dir: str | Path, name: str) -> dict:
    for res in contract(str(data_dir))["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in {data_dir}/datapackage.json")


def _log_read(path: Path) -> None:
    log = os.environ.get(READS_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{Path(path).resolve()}\n")


def load(data_dir: str | Path, name: str) -> pd.DataFrame:
    """The table `name` (e.g. "tariff_actions") with the contract's types; blank cells are <NA>."""
    res = resource(data_dir, name)
    path = Path(data_dir) / res["path"]
    _log_read(path)
    fields = res["schema"]["fields"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for f in fields:
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
    return {f["name"]: f.get("description", "") for f in resource(data_dir, name)["schema"]["fields"]}


def as_of_date(as_of: str | None, data_dir: str | Path) -> pd.Timestamp:
    """The cut-off date: the `as_of` parameter, or, when it is empty, the latest event in the data."""
    if as_of:
        return pd.Timestamp(as_of)
    return load(data_dir, "events")["date"].max()


def until(frame: pd.DataFrame, column: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Rows whose `column` date is on or before the cut-off."""
    return frame[frame[column] <= cutoff].reset_index(drop=True)
