"""tradefight.measures.share_table: part over whole, per key present in both, computed to one decimal."""
from __future__ import annotations

import pandas as pd

from tradefight.measures import share_table


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
