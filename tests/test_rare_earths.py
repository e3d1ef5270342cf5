"""tradefight.rare_earths: USGS editions, producers, China's mining share, and the shares by stage."""
from __future__ import annotations

import pandas as pd

from tradefight import rare_earths

from .helpers import production_table


def shares_table():
    """China's share by stage: two mining years, a refining figure with and without a year, magnets undated."""
    rows = [["mining", "all rare earths", 2023, 69, "USGS-based", "a"],
            ["mining", "all rare earths", 2024, 70, "USGS-based", "a"],
            ["magnets", "magnet rare earths", None, 94, "magnets made", "c"],
            ["refining", "magnet rare earths", None, 91, "refined", "b"],
            ["refining", "magnet rare earths", 2023, 92, "refined", "b"],
            ["mining", "magnet rare earths", 2023, 62, "IEA", "d"]]
    frame = pd.DataFrame(rows, columns=["stage", "scope", "year", "china_share_pct", "measure", "source_id"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def test_latest_edition_keeps_the_newest_edition_of_each_year():
    rows = rare_earths.latest_edition(production_table())
    assert rows[["year", "edition"]].drop_duplicates().values.tolist() == [[2023, 2025], [2024, 2026]]
    assert len(rows) == 6 and rows.index.tolist() == list(range(6))


def test_countries_leave_out_totals_and_other():
    frame = pd.DataFrame({"country": ["China", "World total", "Other", "Myanmar"]})
    assert rare_earths.countries(frame)["country"].tolist() == ["China", "Myanmar"]


def test_top_producers_in_the_latest_year():
    rows = rare_earths.latest_edition(production_table())
    assert rare_earths.top_producers(rows, 1) == ["China"]
    assert rare_earths.top_producers(rows, 5) == ["China", "United States"]


def test_top_producers_ties_break_by_name():
    frame = pd.DataFrame({"year": [2024] * 3, "country": ["Myanmar", "Australia", "China"],
                          "production_t": [13000, 13000, 270000]})
    assert rare_earths.top_producers(frame, 3) == ["China", "Australia", "Myanmar"]


def test_ranking_of_one_year():
    ranks = rare_earths.ranking(rare_earths.latest_edition(production_table()), 2024)
    assert ranks.values.tolist() == [["China", 270000, "b", 1], ["United States", 45000, "b", 2]]
    assert rare_earths.ranking(production_table(), 1999).empty


def test_china_share_by_year_uses_the_newest_edition():
    shares = rare_earths.china_share_by_year(production_table())
    assert list(shares.columns) == ["year", "china_t", "world_t", "china_share_pct", "edition", "source_id"]
    assert shares.values.tolist() == [[2023, 255000, 376000, 67.8, 2025, "a"], [2024, 270000, 380000, 71.1, 2026, "b"]]


def test_stage_table_takes_the_latest_year_per_stage_and_scope_in_stage_order():
    table = rare_earths.stage_table(shares_table())
    assert table[["stage", "scope", "china_share_pct"]].values.tolist() == [
        ["mining", "all rare earths", 70], ["mining", "magnet rare earths", 62],
        ["refining", "magnet rare earths", 92], ["magnets", "magnet rare earths", 94]]
    assert table["label"].tolist()[0] == "mining, all rare earths (2024)"
    assert table["label"].tolist()[-1] == "magnets, magnet rare earths (year not stated)"


def test_stage_share_by_stage_and_scope():
    table = rare_earths.stage_table(shares_table())
    assert rare_earths.stage_share(table, "refining")["china_share_pct"] == 92
    assert rare_earths.stage_share(table, "mining", "magnet rare earths")["china_share_pct"] == 62
    assert rare_earths.stage_share(table, "mining")["scope"] == "all rare earths"
    assert rare_earths.stage_share(table, "magnets", "all rare earths") is None
    assert rare_earths.stage_share(table, "recycling") is None
