"""Statements about the chosen tariff scenario: what it would change, or why nothing is projected."""
from __future__ import annotations

import pandas as pd

from .. import scenarios, tariffs
from ..text import day, pct
from .core import Statement, Statements, compare

SIDE = {"US": "the US headline rate", "China": "China's"}


def add(said: Statements, book) -> dict:
    """Add the scenario statements to the chapter; return the tables its chart draws."""
    cutoff, actions, name = book.cutoff, book.table("tariff_actions"), book.scenario
    everything = book.raw("scenarios")
    now = scenarios.apply(actions, everything[:0], cutoff)
    recorded = scenarios.totals(now)
    recorded = recorded[recorded["case"] == "as recorded"]
    ev = {f"{s.lower()}_now": float(recorded.set_index("imposer").loc[s, "rate_pct"]) for s in tariffs.SIDES}
    said.add(Statement("scenario-desc", "Bars comparing each side's headline rate on the as-of date, as recorded, "
                       "with the rate under the chosen scenario where one applies.", {}))
    if name == scenarios.CURRENT:
        said.add(Statement("scenario-title", f"No scenario chosen: each side's headline rate on {day(cutoff)}, as "
                           "recorded", ev))
        said.add(Statement("scenario-text", "This build shows the rates as recorded. Run it with a scenario to see "
                           "what a legal step would change; the scenarios the data holds are listed below.", {}))
        return {"scenario_totals": recorded, "scenario_rows": everything[:0]}
    chosen = scenarios.rows(everything, name)
    title = chosen["title"].iloc[0]
    start, end = scenarios.window(chosen)
    state = scenarios.status(chosen, cutoff)
    ev.update({"valid_from": start, "valid_to": end, "cutoff": cutoff, "status": state})
    if state != "possible":
        rel = ("lt", "cutoff", "valid_from") if state == "not yet possible" else ("gt", "cutoff", "valid_to")
        said.add(Statement("scenario-title", f"On {day(cutoff)} the scenario “{title}” is {state}: it rests on a "
                           f"step open only from {day(start)} to {day(end)}, so nothing is projected", ev, (rel,),
                           tuple(chosen["source_id"])))
        said.add(Statement("scenario-text", f"{chosen['description'].iloc[0]} Legal basis: "
                           f"{chosen['mechanism'].iloc[0]} {aftermath(actions, end, cutoff, state)}", ev, (rel,),
                           tuple(chosen["source_id"])))
        return {"scenario_totals": recorded, "scenario_rows": chosen}
    totals = scenarios.totals(scenarios.apply(actions, chosen, cutoff)).set_index(["imposer", "case"])["rate_pct"]
    parts, asserts = [], []
    for side in tariffs.SIDES:
        k = side.lower()
        before, after = float(totals[(side, "as recorded")]), float(totals[(side, "under the scenario")])
        ev.update({f"{k}_now": before, f"{k}_scenario": after})
        word, rel = compare(after, before, "rise", "fall", "stay")
        change = f"{word} from {pct(before)} to {pct(after)}" if rel != "eq" else f"stay at {pct(before)}"
        parts.append(f"{SIDE[side]} would {change}")
        asserts.append((rel, f"{k}_scenario", f"{k}_now"))
    said.add(Statement("scenario-title", f"If {title[0].lower() + title[1:]}, " + " and ".join(parts), ev,
                       tuple(asserts), tuple(chosen["source_id"])))
    said.add(Statement("scenario-text", f"{chosen['description'].iloc[0]} Legal basis: {chosen['mechanism'].iloc[0]} "
                       f"The scenario was open from {day(start)} to {day(end)}; the as-of date, {day(cutoff)}, falls "
                       "inside that window.", ev, (("ge", "cutoff", "valid_from"), ("le", "cutoff", "valid_to")),
                       tuple(chosen["source_id"])))
    return {"scenario_totals": totals.reset_index(), "scenario_rows": chosen}


def aftermath(actions: pd.DataFrame, end: pd.Timestamp, cutoff: pd.Timestamp, state: str) -> str:
    """What the data records just after the window closed (only when the window has closed)."""
    if state != "no longer possible":
        return ""
    after = end + pd.Timedelta(days=1)
    rates = {side: tariffs.headline_on(actions, side, after) for side in tariffs.SIDES}
    return (f"The data records what happened instead: on {day(after)} the headline rates were {pct(rates['US'])} "
            f"(US on China) and {pct(rates['China'])} (China on the US).")


def listing(book) -> pd.DataFrame:
    """Every scenario with its window and its status on the cut-off: name, title, from, to, status."""
    table = book.raw("scenarios")
    rows = []
    for name in scenarios.names(table)[1:]:
        chosen = scenarios.rows(table, name)
        start, end = scenarios.window(chosen)
        rows.append({"scenario": name, "what": chosen["title"].iloc[0], "possible_from": start, "possible_to": end,
                     "on_the_as_of_date": scenarios.status(chosen, book.cutoff)})
    return pd.DataFrame(rows, columns=["scenario", "what", "possible_from", "possible_to", "on_the_as_of_date"])
