"""Tariff scenarios from data/scenarios.csv: what a legal step would change, and when it was possible.

A scenario is a set of rows (one per side and layer it changes) with the legal mechanism it rests on
and the dates between which it was possible. `current` is not a scenario but the rates as recorded.
"""
from __future__ import annotations

import pandas as pd

from . import tariffs

CURRENT = "current"


def names(scenarios: pd.DataFrame) -> list[str]:
    """Scenario names in the order of the file, `current` first."""
    return [CURRENT] + list(dict.fromkeys(scenarios["name"]))


def rows(scenarios: pd.DataFrame, name: str) -> pd.DataFrame:
    """The rows of one scenario (KeyError for an unknown name)."""
    chosen = scenarios[scenarios["name"] == name]
    if chosen.empty:
        raise KeyError(f"scenario {name!r} is not in scenarios.csv; known: {', '.join(names(scenarios))}")
    return chosen.reset_index(drop=True)


def window(chosen: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day on which the scenario was legally possible."""
    return chosen["valid_from"].min(), chosen["valid_to"].max()


def status(chosen: pd.DataFrame, cutoff: pd.Timestamp) -> str:
    """"possible", "not yet possible" or "no longer possible" on the cut-off day."""
    start, end = window(chosen)
    if cutoff < start:
        return "not yet possible"
    if cutoff > end:
        return "no longer possible"
    return "possible"


def apply(actions: pd.DataFrame, chosen: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Each side's all-goods layers on the cut-off day, as recorded and under the scenario.

    Columns: imposer, case ("as recorded" / "under the scenario"), layer, rate_pct.
    """
    out = []
    for imposer in tariffs.SIDES:
        now = tariffs.layer_state(actions, imposer, cutoff)
        after = dict(now)
        for row in chosen[chosen["imposer"] == imposer].itertuples():
            after[row.layer] = float(row.rate_pct)
        for case, state in (("as recorded", now), ("under the scenario", after)):
            out += [{"imposer": imposer, "case": case, "layer": layer, "rate_pct": rate}
                    for layer, rate in state.items()]
    return pd.DataFrame(out, columns=["imposer", "case", "layer", "rate_pct"])


def totals(layers: pd.DataFrame) -> pd.DataFrame:
    """Headline rate per side and case: imposer, case, rate_pct (0 where no layer was in force)."""
    index = pd.MultiIndex.from_product([tariffs.SIDES, ["as recorded", "under the scenario"]],
                                       names=["imposer", "case"])
    summed = layers.groupby(["imposer", "case"])["rate_pct"].sum().reindex(index, fill_value=0.0)
    return summed.reset_index()


def listing(scenarios: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """The scenarios known on the cut-off, with their window and status: scenario, what, possible_from,
    possible_to, on_the_as_of_date. A window still open on the cut-off has no known end yet."""
    table = scenarios[scenarios["valid_from"] <= cutoff]
    out = []
    for name in names(table)[1:]:
        chosen = rows(table, name)
        start, end = window(chosen)
        state = status(chosen, cutoff)
        out.append({"scenario": name, "what": chosen["title"].iloc[0], "possible_from": start,
                    "possible_to": end if state == "no longer possible" else pd.NaT, "on_the_as_of_date": state})
    return pd.DataFrame(out, columns=["scenario", "what", "possible_from", "possible_to", "on_the_as_of_date"])
