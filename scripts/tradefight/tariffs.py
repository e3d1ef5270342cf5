"""Tariff measures computed from tariff_actions.csv.

The headline rate is a statutory measure: the sum, on a given day, of the rates of every layer that
applies to (nearly) all goods from the other country (for the US: the IEEPA fentanyl and reciprocal
duties and any other all-goods surcharge; for China: its all-goods countermeasure). It leaves out
product-specific duties (Section 301 lists, China's product lists) and the ordinary MFN tariff. It is
not a trade-weighted average; PIIE's averages are kept apart in tariff_averages.csv.
"""
from __future__ import annotations

import pandas as pd

SCENARIOS = {
    "current": "Rates as recorded in the data, up to the as-of date.",
    "truce_lapses": "The truce lapses: the headline rate returns to the highest level it reached "
                    "before the as-of date (the April 2025 rates).",
}

LAYER_NAMES = {
    "ieepa_fentanyl": "IEEPA 'fentanyl' duty",
    "ieepa_reciprocal": "IEEPA 'reciprocal' duty",
    "section_301": "Section 301 duty",
    "section_232": "Section 232 duty",
    "countermeasure_all_goods": "Countermeasure on all US goods",
    "countermeasure_products": "Countermeasure on listed products",
    "other": "Other all-goods surcharge",
}


def _ordered(actions: pd.DataFrame) -> pd.DataFrame:
    """Later actions win; on the same effective day, the one announced later wins."""
    return actions.sort_values(["effective_date", "announced_date"], kind="stable")


def layer_rates(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp,
                since: str = "2025-01-01") -> pd.DataFrame:
    """Rate of each all-goods layer after each change: columns date, layer, rate_pct."""
    rows = actions[(actions["imposer"] == imposer) & actions["applies_to_all_goods"]
                   & (actions["effective_date"] <= cutoff) & (actions["effective_date"] >= since)]
    rows = _ordered(rows)
    layers = list(dict.fromkeys(rows["layer"]))
    state = {layer: 0.0 for layer in layers}
    out = []
    for date, day in rows.groupby("effective_date", sort=True):
        for _, row in day.iterrows():
            state[row["layer"]] = float(row["rate_set_pct"])
        out += [{"date": date, "layer": layer, "rate_pct": state[layer]} for layer in layers]
    return pd.DataFrame(out, columns=["date", "layer", "rate_pct"])


def headline(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Headline rate after each change: columns date, imposer, rate_pct."""
    layers = layer_rates(actions, imposer, cutoff)
    if layers.empty:
        return pd.DataFrame(columns=["date", "imposer", "rate_pct"])
    total = layers.groupby("date", as_index=False)["rate_pct"].sum()
    total.insert(1, "imposer", imposer)
    return total


def headline_on(actions: pd.DataFrame, imposer: str, day: pd.Timestamp) -> float:
    """Headline rate in force on `day` (0 before the first 2025 step)."""
    path = headline(actions, imposer, day)
    return float(path["rate_pct"].iloc[-1]) if len(path) else 0.0


def peak(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp) -> pd.Series:
    """The row (date, rate_pct) of the highest headline rate, first day it was reached."""
    path = headline(actions, imposer, cutoff)
    return path.loc[path["rate_pct"].idxmax()]


def scenario_rate(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp, scenario: str) -> float:
    """Headline rate on the cut-off day under a scenario."""
    if scenario not in SCENARIOS:
        raise ValueError(f"scenario {scenario!r}: expected one of {', '.join(SCENARIOS)}")
    if headline(actions, imposer, cutoff).empty:
        return 0.0
    if scenario == "current":
        return headline_on(actions, imposer, cutoff)
    return float(peak(actions, imposer, cutoff)["rate_pct"])


def step_series(path: pd.DataFrame, until: pd.Timestamp) -> pd.DataFrame:
    """Add a last point at `until` for each imposer, so a step line runs on to the as-of date."""
    ends = [{**rows.iloc[-1].to_dict(), "date": until}
            for _, rows in path.groupby("imposer") if rows["date"].iloc[-1] < until]
    return pd.concat([path, pd.DataFrame(ends)], ignore_index=True) if ends else path


def ladder(actions: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Both sides' headline paths, each running on to the cut-off, with the source of each change."""
    path = pd.concat([headline(actions, who, cutoff) for who in ("US", "China")], ignore_index=True)
    changes = _ordered(actions[actions["applies_to_all_goods"]])
    last_source = changes.groupby(["imposer", "effective_date"])["source_id"].last()
    path["source_id"] = [last_source.get((i, d), pd.NA) for i, d in zip(path["imposer"], path["date"])]
    return step_series(path, cutoff)


def average_series(averages: pd.DataFrame) -> pd.DataFrame:
    """One series per side: the rows of the source with the most rows (PIIE's data file).

    Where a dated PIIE page disagrees with the later data file, the data file is the consistent series;
    the page's rows stay in the data (and on the Methods page) but are not drawn.
    """
    main = averages["source_id"].value_counts().idxmax()
    return averages[averages["source_id"] == main].sort_values(["imposer", "date"]).reset_index(drop=True)


def after_peak(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp) -> pd.Series:
    """The first headline change after the peak (the truce cut), or the peak itself if none yet."""
    path = headline(actions, imposer, cutoff)
    top = peak(actions, imposer, cutoff)
    later = path[path["date"] > top["date"]]
    return later.iloc[0] if len(later) else top


def section_301_rate(actions: pd.DataFrame, day: pd.Timestamp, listed: str = "List 3") -> float:
    """US Section 301 rate in force on `day` for goods on one list (scope starting 'List 3', say)."""
    rows = actions[(actions["imposer"] == "US") & (actions["layer"] == "section_301")
                   & actions["scope"].str.startswith(listed) & (actions["effective_date"] <= day)]
    return float(_ordered(rows)["rate_set_pct"].iloc[-1]) if len(rows) else 0.0
