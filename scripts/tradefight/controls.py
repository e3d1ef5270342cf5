"""China's export controls on rare earths: elements per announcement and each announcement's status."""
from __future__ import annotations

import pandas as pd

from .text import day, listing

STATUS_WORDS = {"announced": "announced, not yet in force", "in force": "in force", "suspended": "suspended",
                "ended": "ended"}


def status_on(status: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """The latest recorded status of each announcement on the cut-off: announcement, status, date, until."""
    rows = status[status["date"] <= cutoff].sort_values(["announcement", "date"])
    return rows.groupby("announcement", as_index=False).last()[["announcement", "status", "date", "until"]]


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
    """Every announcement's status on the cut-off, grouped: "No. 18 ... was in force; Nos. ... were suspended
    until 10 November 2026" ("" if none is recorded)."""
    now = status_on(status, cutoff)
    parts = []
    for (state, until), rows in now.groupby(["status", now["until"].where(now["until"] >= cutoff)], sort=False,
                                             dropna=False):
        names = sorted(rows["announcement"], key=lambda a: rows.loc[rows["announcement"] == a, "date"].iloc[0])
        verb = "was" if len(names) == 1 else "were"
        tail = "" if pd.isna(until) else (f", due to take effect on {day(until)}" if state == "announced" else
                                          f" until {day(until)}")
        parts.append(f"{listing(names)} {verb} {STATUS_WORDS.get(state, state)}{tail}")
    return "; ".join(parts)
