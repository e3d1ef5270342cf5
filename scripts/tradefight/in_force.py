"""What was in force on a day (pure functions over tariff_actions.csv): each side's all-goods layers with
the action that set them, the layers that had ended, and the product-list duties no later row replaced."""
from __future__ import annotations

import pandas as pd

from .tariffs import LAYER_NAMES, START, all_goods_rows, ordered

PRODUCT_LAYERS = {"US": "section_301", "China": "countermeasure_products"}
COLUMNS = ["imposer", "layer", "name", "rate_pct", "status", "since", "instrument", "scope", "source_id"]


def all_goods_layers(actions: pd.DataFrame, imposer: str, day: pd.Timestamp, since=START) -> pd.DataFrame:
    """One row per all-goods layer set since `since`, as it stood on `day`: its rate, "in force" or "ended",
    the date of its last change (`since`) and the instrument, scope and source of the row that made it."""
    out = {}
    for row in all_goods_rows(actions, imposer, day, since).to_dict("records"):
        rate = float(row["rate_set_pct"])
        last = out.get(row["layer"])
        if last is not None and last["rate_pct"] == rate:
            continue  # an extension that kept the rate: the layer dates from its last change
        out[row["layer"]] = {"imposer": imposer, "layer": row["layer"], "name": LAYER_NAMES.get(row["layer"], row["layer"]),
                             "rate_pct": rate, "status": "in force" if rate > 0 else "ended",
                             "since": row["effective_date"], "instrument": row["instrument"], "scope": row["scope"],
                             "source_id": row["source_id"]}
    return pd.DataFrame(list(out.values()), columns=COLUMNS)


def product_duties(actions: pd.DataFrame, imposer: str, day: pd.Timestamp, since=None) -> pd.DataFrame:
    """Product-list duties of one side in force on `day` (set since `since`, if given): rows with a positive
    rate that no row in force by then replaces (column `replaces`)."""
    rows = actions[(actions["imposer"] == imposer) & (actions["layer"] == PRODUCT_LAYERS[imposer])
                   & ~actions["applies_to_all_goods"].fillna(False).astype(bool) & (actions["effective_date"] <= day)]
    links = rows["replaces"].dropna() if "replaces" in rows else []  # older folders have no such column
    replaced = {old for ids in links for old in str(ids).split()}
    live = rows[(rows["rate_set_pct"] > 0) & ~rows["action_id"].isin(replaced)]
    if since is not None:
        live = live[live["effective_date"] >= since]
    return ordered(live).reset_index(drop=True)


def ended_products(actions: pd.DataFrame, imposer: str, day: pd.Timestamp, since=START) -> pd.DataFrame:
    """Rows set to 0 since `since` that ended product-list duties: the ending rows, in date order."""
    rows = actions[(actions["imposer"] == imposer) & (actions["layer"] == PRODUCT_LAYERS[imposer])
                   & (actions["rate_set_pct"] == 0) & (actions["effective_date"] >= since)
                   & (actions["effective_date"] <= day)]
    return ordered(rows).reset_index(drop=True)
