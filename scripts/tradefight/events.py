"""The timeline: events of the episode, counted and ordered (pure functions)."""
from __future__ import annotations

import pandas as pd

START = pd.Timestamp("2025-01-01")
CATEGORIES = ["tariffs", "export_controls", "rare_earths", "visas", "talks", "other"]
CATEGORY_NAMES = {"tariffs": "tariffs", "export_controls": "export controls", "rare_earths": "rare earths",
                  "visas": "visas", "talks": "talks", "other": "other moves"}


def episode(events: pd.DataFrame, start=START) -> pd.DataFrame:
    """Events from the start of the 2025 episode, in date order."""
    return events[events["date"] >= start].sort_values(["date", "event_id"]).reset_index(drop=True)


def monthly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events per month and actor: month (first day), actor, events."""
    frame = events.assign(month=events["date"].dt.to_period("M").dt.to_timestamp())
    counts = frame.groupby(["month", "actor"], as_index=False).size().rename(columns={"size": "events"})
    return counts.sort_values(["month", "actor"]).reset_index(drop=True)


def busiest_month(counts: pd.DataFrame) -> tuple[pd.Timestamp, int, int]:
    """(month, events that month, how many months tie with it); the earliest month wins a tie."""
    per_month = counts.groupby("month")["events"].sum().sort_index()
    top = int(per_month.max())
    return per_month.idxmax(), top, int((per_month == top).sum())


def first_by_category(events: pd.DataFrame) -> pd.DataFrame:
    """The first event of each category: category, date, title, in date order."""
    firsts = events.sort_values("date").groupby("category", as_index=False).first()
    return firsts[["category", "date", "title", "event_id"]].sort_values(["date", "category"]).reset_index(drop=True)


def months_spanned(events: pd.DataFrame) -> int:
    """Calendar months from the first event's month to the last's, both counted."""
    if events.empty:
        return 0
    first, last = events["date"].min(), events["date"].max()
    return (last.year - first.year) * 12 + last.month - first.month + 1
