"""Statements of the timeline chapter: how many moves, which came first, the busiest month."""
from __future__ import annotations

from .. import events as ev_
from ..text import day, month, plural
from .core import Chapter, Statement, Statements


def chapter(book) -> Chapter:
    """Every statement of the timeline chapter, and the tables its charts draw."""
    events = ev_.episode(book.table("events"))
    said = Statements()
    cutoff = book.cutoff
    if events.empty:
        for key in ("timeline-overview", "timeline-title", "timeline-desc", "events-by-month-title",
                    "events-by-month-desc"):
            said.add(Statement(key, f"No event of 2025 is recorded up to {day(cutoff)}", {"events": 0}))
        return Chapter(said, {"events": events, "counts": ev_.monthly_counts(events)})
    n, months = len(events), ev_.months_spanned(events)
    first = events.iloc[0]
    london = events[(events["category"] == "talks") & events["title"].str.contains("London", case=False)]
    text = (f"The timeline holds {plural(n, 'event')} from {day(events['date'].min())} to "
            f"{day(events['date'].max())}.")
    ev = {"events": n, "first_date": events["date"].min(), "last_date": events["date"].max()}
    asserts = ()
    if len(london):
        talks = london["date"].min()
        before = int((events["date"] < talks).sum())
        ev.update({"london": talks, "before_london": before})
        text += f" {plural(before, 'event')} came before the London talks opened on {day(talks)}."
    said.add(Statement("timeline-overview", text, ev, asserts))
    firsts = ev_.first_by_category(events)
    order = [f"{ev_.CATEGORY_NAMES[r.category]} ({day(r.date)})" for r in firsts.itertuples()]
    said.add(Statement("timeline-title", f"{plural(n, 'recorded move')} in {plural(months, 'month')}, the first on "
                       f"{day(first['date'])}: {first['title']}", {"events": n, "months": months,
                                                                         "first": first["event_id"]},
                       (), (first["source_id"],)))
    said.add(Statement("timeline-desc", "Timeline dot chart of events by category and date, marked by who acted. "
                       "Each category's first event, in date order: " + "; ".join(order) + ".",
                       {"categories": len(firsts)}))
    counts = ev_.monthly_counts(events)
    top, size, ties = ev_.busiest_month(counts)
    tie = "" if ties == 1 else f" (level with {plural(ties - 1, 'other month')})"
    said.add(Statement("events-by-month-title", f"The busiest month was {month(top)}, with "
                       f"{plural(size, 'recorded move')}{tie}", {"month": top, "events": size, "ties": ties},
                       (("ge", "events", 1),)))
    said.add(Statement("events-by-month-desc", "Stacked bars counting the timeline's events in each month with at "
                       f"least one ({plural(counts['month'].nunique(), 'month')}), by who acted.", {}))
    return Chapter(said, {"events": events, "counts": counts})
