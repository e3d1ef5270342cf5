"""Tariff measures computed from tariff_actions.csv and tariff_averages.csv (pure functions).

The headline rate is a statutory measure: the sum, on a given day, of the rates of every layer that
applies to (nearly) all goods from the other country (for the US: the IEEPA fentanyl and reciprocal
duties and any other all-goods surcharge; for China: its all-goods countermeasure). It leaves out
product-specific duties (Section 301 lists, China's product lists) and the ordinary MFN tariff. It is
not an average; the averages (PIIE, CRS) are kept apart in tariff_averages.csv.
"""
from __future__ import annotations

import weakref

import pandas as pd

SIDES = ("US", "China")
START = pd.Timestamp("2025-01-01")  # the 2025 episode; earlier actions are history

LAYER_NAMES = {
    "ieepa_fentanyl": "IEEPA 'fentanyl' duty",
    "ieepa_reciprocal": "IEEPA 'reciprocal' duty",
    "section_301": "Section 301 duty on all goods",
    "section_301_list3": "Section 301 duty (List 3 goods)",
    "section_232": "Section 232 duty",
    "section_122": "Section 122 surcharge (all countries)",
    "countermeasure_all_goods": "Countermeasure on all US goods",
    "countermeasure_products": "Countermeasure on listed products",
    "other": "Other all-goods surcharge",
}
# How each measure of tariff_averages.csv is named on the page.
AVERAGE_NAMES = {"average_tariff": "PIIE average tariff (2017 import weights)",
                 "crs_average_tariff_rate": "CRS approximate average tariff rate (exemptions not counted)"}


_MEMO: dict[int, dict] = {}


def _memo(actions: pd.DataFrame, key: tuple, compute):
    """A result computed once per tariff table and arguments (tables are never changed in place here);
    the entry goes when the table does."""
    table = _MEMO.get(id(actions))
    if table is None:
        table = _MEMO[id(actions)] = {}
        weakref.finalize(actions, _MEMO.pop, id(actions), None)
    if key not in table:
        table[key] = compute()
    value = table[key]
    return value.copy() if hasattr(value, "copy") else value


def ordered(actions: pd.DataFrame) -> pd.DataFrame:
    """Later actions win; on the same effective day, the one announced later wins."""
    return actions.sort_values(["effective_date", "announced_date"], kind="stable")


def all_goods_rows(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp, since=START) -> pd.DataFrame:
    """One side's all-goods actions in force by `cutoff` (set since `since`), in the order they apply."""
    rows = actions[(actions["imposer"] == imposer) & actions["applies_to_all_goods"].fillna(False).astype(bool)
                   & (actions["effective_date"] <= cutoff) & (actions["effective_date"] >= since)]
    return ordered(rows)


def layer_state(actions: pd.DataFrame, imposer: str, day: pd.Timestamp, since=START) -> dict[str, float]:
    """Rate of each all-goods layer in force on `day` (layers set since `since`)."""
    def compute():
        rows = all_goods_rows(actions, imposer, day, since)
        return {layer: float(rate) for layer, rate in zip(rows["layer"], rows["rate_set_pct"])}
    return _memo(actions, ("state", imposer, pd.Timestamp(day), pd.Timestamp(since)), compute)


def layer_rates(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp, since=START) -> pd.DataFrame:
    """Rate of each all-goods layer after each change: columns date, layer, rate_pct."""
    rows = all_goods_rows(actions, imposer, cutoff, since)
    layers = list(dict.fromkeys(rows["layer"]))
    state: dict[str, float] = {}
    out = []
    for date, changes in rows.groupby("effective_date", sort=True):  # keeps the order within a day
        state.update({layer: float(rate) for layer, rate in zip(changes["layer"], changes["rate_set_pct"])})
        out += [{"date": date, "layer": layer, "rate_pct": state.get(layer, 0.0)} for layer in layers]
    return pd.DataFrame(out, columns=["date", "layer", "rate_pct"])


def headline(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Headline rate after each change: columns date, imposer, rate_pct (changes that moved it only)."""
    return _memo(actions, ("headline", imposer, pd.Timestamp(cutoff)), lambda: _headline(actions, imposer, cutoff))


def _headline(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    layers = layer_rates(actions, imposer, cutoff)
    if layers.empty:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "imposer": pd.Series(dtype=str),
                             "rate_pct": pd.Series(dtype=float)})
    total = layers.groupby("date", as_index=False)["rate_pct"].sum()
    total = total[total["rate_pct"].diff().fillna(total["rate_pct"]) != 0]  # drop extensions that changed nothing
    total.insert(1, "imposer", imposer)
    return total.reset_index(drop=True)


def headline_on(actions: pd.DataFrame, imposer: str, day: pd.Timestamp) -> float:
    """Headline rate in force on `day` (0 before the first 2025 step)."""
    return float(sum(layer_state(actions, imposer, day).values()))


def peak(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp) -> pd.Series | None:
    """The row (date, rate_pct) of the highest headline rate, first day it was reached; None if no step."""
    path = headline(actions, imposer, cutoff)
    return None if path.empty else path.loc[path["rate_pct"].idxmax()]


def first_cut_after_peak(actions: pd.DataFrame, imposer: str, cutoff: pd.Timestamp) -> pd.Series | None:
    """The first change after the peak that lowered the headline rate, or None if there was none."""
    path = headline(actions, imposer, cutoff)
    top = peak(actions, imposer, cutoff)
    if top is None:
        return None
    later = path[(path["date"] > top["date"]) & (path["rate_pct"] < top["rate_pct"])]
    return later.iloc[0] if len(later) else None


def step_series(path: pd.DataFrame, until: pd.Timestamp) -> pd.DataFrame:
    """Add a last point at `until` for each imposer, so a step line runs on to the as-of date."""
    ends = [{**rows.iloc[-1].to_dict(), "date": until}
            for _, rows in path.groupby("imposer") if rows["date"].iloc[-1] < until]
    return pd.concat([path, pd.DataFrame(ends)], ignore_index=True) if ends else path


def ladder(actions: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Both sides' headline paths, each running on to the cut-off, with the source of each change."""
    parts = [headline(actions, who, cutoff) for who in SIDES]
    path = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[0]
    changes = ordered(actions[actions["applies_to_all_goods"].fillna(False).astype(bool)])
    last_source = changes.groupby(["imposer", "effective_date"])["source_id"].last()
    path["source_id"] = [last_source.get((i, d), pd.NA) for i, d in zip(path["imposer"], path["date"])]
    return step_series(path, cutoff) if len(path) else path


def section_301_rate(actions: pd.DataFrame, day: pd.Timestamp, listed: str = "List 3") -> float:
    """US Section 301 rate in force on `day` for goods on one list (scope starting 'List 3', say)."""
    rows = actions[(actions["imposer"] == "US") & (actions["layer"] == "section_301")
                   & actions["scope"].str.startswith(listed).fillna(False) & (actions["effective_date"] <= day)]
    return float(ordered(rows)["rate_set_pct"].iloc[-1]) if len(rows) else 0.0


def us_layer_stack(actions: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """US layers on a good on Section 301 List 3, after each all-goods change: date, layer, rate_pct. With no
    all-goods change by the cut-off, one row: the List 3 duty on the cut-off."""
    layers = layer_rates(actions, "US", cutoff)
    dates = layers["date"].drop_duplicates() if not layers.empty else pd.Series([pd.Timestamp(cutoff)])
    older = pd.DataFrame({"date": dates, "layer": "section_301_list3",
                          "rate_pct": [section_301_rate(actions, d) for d in dates]})
    stack = pd.concat([older, layers], ignore_index=True) if not layers.empty else older
    return stack.sort_values(["date", "layer"]).reset_index(drop=True)


def average_series(averages: pd.DataFrame, measure: str = "average_tariff") -> pd.DataFrame:
    """One series per side for one measure: the rows of the source with the most rows for it.

    Where a dated PIIE page disagrees with PIIE's later data file, the data file is the consistent
    series; the page's rows stay in the data (and on the Methods page) but are not drawn.
    """
    rows = averages[averages["measure"] == measure]
    if rows.empty:
        return rows.reset_index(drop=True)
    main = rows["source_id"].value_counts().idxmax()
    return rows[rows["source_id"] == main].sort_values(["imposer", "date"]).reset_index(drop=True)


def value_on(series: pd.DataFrame, day: pd.Timestamp, column: str) -> float | None:
    """The value of a step series (columns date, `column`) in force on `day`; None before its start."""
    rows = series[series["date"] <= day]
    return None if rows.empty else float(rows.sort_values("date")[column].iloc[-1])


def same_day_gaps(actions: pd.DataFrame, averages: pd.DataFrame, imposer: str, cutoff: pd.Timestamp,
                  since=START) -> pd.DataFrame:
    """Headline rate minus PIIE's average, on every day from `since` on which either changed and both had a
    value in force (the average only up to the end of its series): date, headline, average, gap."""
    avg = average_series(averages)
    avg = avg[avg["imposer"] == imposer]
    head = headline(actions, imposer, cutoff)
    end = avg["date"].max() if len(avg) else since
    days = sorted(d for d in set(head["date"]) | set(avg["date"]) | {since} if since <= d <= min(cutoff, end))
    rows = []
    for d in days:
        a = value_on(avg, d, "value_pct")
        if a is not None:
            h = headline_on(actions, imposer, d)
            rows.append({"date": d, "headline": h, "average": a, "gap": h - a})
    return pd.DataFrame(rows, columns=["date", "headline", "average", "gap"])


def headline_and_average(actions: pd.DataFrame, averages: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Headline paths and average series from 2025, in one long frame: date, imposer, measure, rate_pct."""
    head = ladder(actions, cutoff).assign(measure="headline")
    frames = [head[["date", "imposer", "measure", "rate_pct", "source_id"]]]
    for measure in sorted(averages["measure"].unique()):
        avg = average_series(averages, measure)
        avg = avg[avg["date"] >= START].rename(columns={"value_pct": "rate_pct"})
        frames.append(avg.assign(measure=measure)[["date", "imposer", "measure", "rate_pct", "source_id"]])
    return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)


def highest_section_301(actions: pd.DataFrame, day: pd.Timestamp) -> tuple[float, list[str]]:
    """The highest US Section 301 rate set on a product list by `day`, and the lists that carry it."""
    rows = actions[(actions["imposer"] == "US") & (actions["layer"] == "section_301")
                   & ~actions["applies_to_all_goods"].fillna(False).astype(bool) & (actions["effective_date"] <= day)]
    if rows.empty:
        return 0.0, []
    top = float(rows["rate_set_pct"].max())
    return top, list(dict.fromkeys(rows[rows["rate_set_pct"] == top]["scope"]))
