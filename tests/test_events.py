"""tradefight.events: the episode's events, counted by month, first of each category, months spanned."""
from __future__ import annotations

import pandas as pd

from tradefight import events

from .helpers import T, event_table


def test_episode_starts_in_2025_in_date_order():
    table = pd.concat([event_table(), event_table([["old", "2018-07-06", "US", "tariffs", "t", "d", "s"]])])
    out = events.episode(table.iloc[::-1])
    assert out["event_id"].tolist() == ["e1", "e2", "e3", "e4"] and out.index.tolist() == [0, 1, 2, 3]
    assert events.episode(table, start=T("2018-01-01"))["event_id"].iloc[0] == "old"


def test_episode_breaks_same_day_ties_by_id():
    table = event_table([["b", "2025-03-01", "US", "talks", "t", "d", "s"], ["a", "2025-03-01", "US", "talks", "t", "d", "s"]])
    assert events.episode(table)["event_id"].tolist() == ["a", "b"]


def test_monthly_counts_by_actor():
    counts = events.monthly_counts(event_table())
    assert list(counts.columns) == ["month", "actor", "events"]
    assert counts.values.tolist() == [[T("2025-02-01"), "China", 1], [T("2025-02-01"), "US", 1],
                                      [T("2025-04-01"), "China", 1], [T("2025-05-01"), "Both", 1]]


def test_busiest_month_and_ties():
    assert events.busiest_month(events.monthly_counts(event_table())) == (T("2025-02-01"), 2, 1)
    tie = event_table([["a", "2025-03-01", "US", "talks", "t", "d", "s"], ["b", "2025-01-09", "US", "talks", "t", "d", "s"]])
    assert events.busiest_month(events.monthly_counts(tie)) == (T("2025-01-01"), 1, 2)


def test_first_by_category_in_date_order():
    firsts = events.first_by_category(event_table())
    assert list(firsts.columns) == ["category", "date", "title", "event_id"]
    assert firsts[["category", "event_id"]].values.tolist() == [["tariffs", "e1"], ["export_controls", "e3"],
                                                                ["talks", "e4"]]


def test_months_spanned_counts_both_ends():
    assert events.months_spanned(event_table()) == 4  # February to May
    across = event_table([["a", "2025-11-30", "US", "talks", "t", "d", "s"], ["b", "2026-02-01", "US", "talks", "t", "d", "s"]])
    assert events.months_spanned(across) == 4
    assert events.months_spanned(event_table().iloc[:1]) == 1
    assert events.months_spanned(event_table().iloc[:0]) == 0


def test_every_category_has_a_name():
    assert set(events.CATEGORY_NAMES) == set(events.CATEGORIES)
