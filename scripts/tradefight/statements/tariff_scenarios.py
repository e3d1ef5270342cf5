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
        said.add(Statement("scenario-text", "This edition shows the rates as recorded. Built with a scenario, the "
                           "chart shows what its legal step would change; the scenarios the data holds are listed "
                           "below.", {}))
        return {"scenario_totals": recorded, "scenario_rows": everything[:0]}
    chosen = scenarios.rows(everything, name)
    title = chosen["title"].iloc[0]
    start, end = scenarios.window(chosen)
    state = scenarios.status(chosen, cutoff)
    ev.update({"valid_from": start, "cutoff": cutoff, "status": state})
    if state == "not yet possible":  # the book cannot know the step yet: say so without its dates
        said.add(Statement("scenario-title", f"On {day(cutoff)} the chosen scenario is not yet possible: the step "
                           "it rests on had not been taken, so nothing is projected", ev,
                           (("lt", "cutoff", "valid_from"),)))
        said.add(Statement("scenario-text", "The chosen scenario rests on a legal step taken after this page's "
                           "as-of date.", ev, (("lt", "cutoff", "valid_from"),)))
        return {"scenario_totals": recorded, "scenario_rows": chosen[:0]}
    if state == "no longer possible":
        ev["valid_to"] = end
        said.add(Statement("scenario-title", f"On {day(cutoff)} the scenario “{title}” is no longer possible: it was "
                           f"open from {day(start)} to {day(end)}, so nothing is projected", ev,
                           (("gt", "cutoff", "valid_to"),), tuple(chosen["source_id"])))
        said.add(Statement("scenario-text", f"{sentence(chosen['description'].iloc[0])}Legal basis: "
                           f"{sentence(chosen['mechanism'].iloc[0])}{aftermath(actions, chosen, end)}",
                           ev, (("gt", "cutoff", "valid_to"),), tuple(chosen["source_id"])))
        return {"scenario_totals": recorded, "scenario_rows": chosen}
    if matches(actions, chosen, cutoff):
        said.add(Statement("scenario-title", f"On {day(cutoff)} the rates as recorded already match the scenario "
                           f"“{title}”: the US headline rate was {pct(ev['us_now'])} and China's {pct(ev['china_now'])}",
                           ev, (), tuple(chosen["source_id"])))
        said.add(Statement("scenario-text", f"{sentence(chosen['description'].iloc[0])}Legal basis: "
                           f"{sentence(chosen['mechanism'].iloc[0])}The step it describes had already happened.", ev,
                           (), tuple(chosen["source_id"])))
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
    said.add(Statement("scenario-title", f"If {title}, " + " and ".join(parts), ev,
                       tuple(asserts), tuple(chosen["source_id"])))
    ev.update({"valid_to": end, "until_scheduled": end})
    said.add(Statement("scenario-text", f"{sentence(chosen['description'].iloc[0])}Legal basis: "
                       f"{sentence(chosen['mechanism'].iloc[0])}The scenario has been open since {day(start)}, "
                       f"and still was on the as-of date, {day(cutoff)}.", ev,
                       (("ge", "cutoff", "valid_from"), ("le", "cutoff", "valid_to")), tuple(chosen["source_id"])))
    return {"scenario_totals": totals.reset_index(), "scenario_rows": chosen}


def sentence(text) -> str:
    """A sentence from the data (scenario texts are written to hold from the day the scenario opens)."""
    text = str(text).strip()
    return (text if text.endswith(".") else text + ".") + " "


def matches(actions: pd.DataFrame, chosen: pd.DataFrame, day_: pd.Timestamp) -> bool:
    """True when every layer the scenario sets is already at the scenario's rate on that day."""
    return all(tariffs.layer_state(actions, r.imposer, day_).get(r.layer, 0.0) == float(r.rate_pct)
               for r in chosen.itertuples())


def aftermath(actions: pd.DataFrame, chosen: pd.DataFrame, end: pd.Timestamp) -> str:
    """What the data records the day after the scenario's window closed: the scenario or something else."""
    after = end + pd.Timedelta(days=1)
    rates = {side: tariffs.headline_on(actions, side, after) for side in tariffs.SIDES}
    lead = "The step came about" if matches(actions, chosen, after) else "The data records what happened instead"
    return (f"{lead}: on {day(after)} the headline rates were {pct(rates['US'])} (US on China) and "
            f"{pct(rates['China'])} (China on the US).")
