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


def tiers(frame: pd.DataFrame, value: str, n: int) -> list[pd.DataFrame]:
    """The rows at each of the `n` highest distinct values of `value`, highest first; tied rows stay together,
    in the frame's order."""
    values = sorted(frame[value].dropna().unique(), reverse=True)[:n]
    return [frame[frame[value] == v] for v in values]


def peak_and_latest(rows: pd.DataFrame, value: str, when: str) -> tuple[pd.Series, pd.Series, str]:
    """The first row with the highest `value`, the latest row by `when`, and how the latest stands: "peak"
    (it is the peak), "again" (as high as an earlier peak) or "below"."""
    rows = rows.sort_values(when)
    top, last = rows.loc[rows[value].idxmax()], rows.iloc[-1]
    if top[when] == last[when]:
        return top, last, "peak"
    return top, last, "again" if last[value] == top[value] else "below"
