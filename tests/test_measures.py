"""tradefight.measures: shares computed to one decimal, tiers of tied values, a peak against the latest row."""
from __future__ import annotations

import pandas as pd

from tradefight.measures import peak_and_latest, share_table, tiers


def test_share_table_keys_in_both_rounded_with_kept_columns():
    part = pd.DataFrame({"year": [2022, 2023, 2024], "t": [2, 1, 5], "source_id": ["a", "b", "c"], "edition": [1, 2, 3]})
    whole = pd.DataFrame({"year": [2023, 2024, 2025], "t": [3, 8, 9]})
    out = share_table(part, whole, "year", "t", keep=("source_id", "edition"))
    assert list(out.columns) == ["year", "part", "whole", "share_pct", "source_id", "edition"]
    assert out.values.tolist() == [[2023, 1, 3, 33.3, "b", 2], [2024, 5, 8, 62.5, "c", 3]]


def test_share_table_keeps_source_id_by_default_and_handles_no_overlap():
    part = pd.DataFrame({"k": ["x"], "v": [1], "source_id": ["s"]})
    assert list(share_table(part, pd.DataFrame({"k": ["x"], "v": [4]}), "k", "v").columns) == \
        ["k", "part", "whole", "share_pct", "source_id"]
    assert share_table(part, pd.DataFrame({"k": ["y"], "v": [4]}), "k", "v").empty


def test_tiers_keep_ties_together_highest_first():
    frame = pd.DataFrame({"name": ["a", "b", "c", "d", "e"], "n": [5, 9, 5, 9, 1]})
    groups = tiers(frame, "n", 2)
    assert [g["name"].tolist() for g in groups] == [["b", "d"], ["a", "c"]]
    assert [g["name"].tolist() for g in tiers(frame, "n", 5)] == [["b", "d"], ["a", "c"], ["e"]]
    assert tiers(frame.iloc[:0], "n", 2) == []


def test_peak_and_latest_say_how_the_latest_row_stands():
    rows = pd.DataFrame({"year": [2022, 2021, 2023], "n": [9, 5, 7]})  # out of order on purpose
    top, last, stands = peak_and_latest(rows, "n", "year")
    assert (top["year"], last["year"], stands) == (2022, 2023, "below")
    rows.loc[2, "n"] = 9
    top, last, stands = peak_and_latest(rows, "n", "year")
    assert (top["year"], last["year"], stands) == (2022, 2023, "again")  # the first year at the peak
    rows.loc[2, "n"] = 10
    assert peak_and_latest(rows, "n", "year")[2] == "peak"
