"""China's export controls on rare earths: elements per announcement and each announcement's status."""
from __future__ import annotations

import pandas as pd

from .text import day, listing

STATUS_WORDS = {"announced": "announced, not yet in force", "in force": "in force", "suspended": "suspended",
                "ended": "ended"}


def status_on(status: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """The latest recorded status of each announcement on the cut-off: announcement, status, date, until."""
    rows = status[status["date"] <= cutoff].sort_values(["announcement", "date"], kind="stable")
    last = rows.groupby("announcement").tail(1)  # whole rows: an empty `until` stays empty
    return last[["announcement", "status", "date", "until"]].reset_index(drop=True)


def first_announcement(controls: pd.DataFrame) -> pd.DataFrame:
    """The element rows (those with an atomic number) of the earliest announcement; empty if there are none."""
    rows = controls.dropna(subset=["atomic_number"])
    return rows[rows["announced_date"] == rows["announced_date"].min()]


def elements_with_status(controls: pd.DataFrame, status: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Controlled elements (rows with an atomic number) with their announcement's status on the cut-off."""
    table = controls.dropna(subset=["atomic_number"]).copy()
    now = status_on(status, cutoff).set_index("announcement")

    def words(announcement):
        if announcement not in now.index:
            return "status not recorded"
        row = now.loc[announcement]
        text = f"{STATUS_WORDS.get(row['status'], row['status'])} from {day(row['date'])}"
        if pd.notna(row["until"]) and row["until"] >= cutoff:
            text += f" until {day(row['until'])}"
        return text

    table["status_on_date"] = table["announcement"].map(words)
    return table.reset_index(drop=True)


def status_sentence(status: pd.DataFrame, cutoff: pd.Timestamp) -> str:
    """Every announcement's status on the cut-off, grouped: "No. 18 was in force; Nos. ... were suspended
    until 10 November 2026". A status whose recorded end has passed is said as such, with no guess at what
    followed ("" if no status is recorded)."""
    now = status_on(status, cutoff)
    lapsed = now["until"].notna() & (now["until"] < cutoff)
    parts = []
    for (state, until, over), rows in now.groupby(["status", now["until"], lapsed], sort=False, dropna=False):
        names = list(rows.sort_values("date", kind="stable")["announcement"])
        many = len(names) > 1
        if state == "ended":
            words = "had ended"
        elif over:
            words = (f"{'were' if many else 'was'} due to take effect on {day(until)}" if state == "announced" else
                     f"had been {STATUS_WORDS.get(state, state)} until {day(until)}")
            words += " (the data records no later status)"
        else:
            words = f"{'were' if many else 'was'} {STATUS_WORDS.get(state, state)}"
            if pd.notna(until):
                words += (f", due to take effect on {day(until)}" if state == "announced" else f" until {day(until)}")
        parts.append(f"{listing(names)} {words}")
    return "; ".join(parts)
