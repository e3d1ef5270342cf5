"""Measures shared by the chapters."""
from __future__ import annotations

import pandas as pd


def share_table(part: pd.DataFrame, whole: pd.DataFrame, key: str, value: str,
                keep: tuple[str, ...] = ("source_id",)) -> pd.DataFrame:
    """For each `key` present in both tables: part, whole, and part as a percentage of whole (1 decimal).

    `keep` names columns of `part` carried along (its source, say). Computed, never typed.
    """
    a, b = part.set_index(key), whole.set_index(key)
    keys = a.index.intersection(b.index)
    out = pd.DataFrame({key: keys,
                        "part": a.loc[keys, value].astype(int).values,
                        "whole": b.loc[keys, value].astype(int).values})
    out["share_pct"] = [round(100 * p / w, 1) for p, w in zip(out["part"], out["whole"])]
    for column in keep:
        out[column] = a.loc[keys, column].values
    return out
