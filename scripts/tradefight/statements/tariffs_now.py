"""Statements on the rates in force on the as-of date: each side's layers, what had ended, product duties."""
from __future__ import annotations

import pandas as pd

from .. import in_force, provenance, tariffs
from ..text import day, listing, pct, plural
from .core import Statement

RATE = {"US": "the US headline rate on Chinese goods", "China": "China's headline rate on US goods"}


def layers_on(actions: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Both sides' all-goods layers of 2025 onward as they stood on the cut-off."""
    return pd.concat([in_force.all_goods_layers(actions, s, cutoff) for s in tariffs.SIDES], ignore_index=True)


def name(layer_name: str) -> str:
    """A layer's name inside a sentence: common nouns lower-cased, proper names (IEEPA, Section 301) kept."""
    return layer_name[0].lower() + layer_name[1:] if layer_name.split()[0] in ("Countermeasure", "Other") \
        else layer_name


def made_of(layers: pd.DataFrame, side: str) -> str:
    """The names of one side's layers in force, as a list ("" if none)."""
    live = layers[(layers["imposer"] == side) & (layers["status"] == "in force")]
    return listing(name(n) for n in live["name"])


def _side(actions, layers, side, cutoff, ev) -> tuple[str, list]:
    rows = layers[layers["imposer"] == side]
    live, ended = rows[rows["status"] == "in force"], rows[rows["status"] == "ended"]
    k, now = side.lower(), tariffs.headline_on(actions, side, cutoff)
    ev.update({f"{k}_now": now, f"{k}_layers_sum": float(live["rate_pct"].sum()), f"{k}_layers": len(live)})
    asserts = [("eq", f"{k}_now", f"{k}_layers_sum")]
    what = RATE[side][0].upper() + RATE[side][1:]
    if live.empty:
        text = f"{what} had no 2025 all-goods layer in force."
    else:
        parts = [f"the {name(n)} of {pct(r)}, from {day(s)}" + ("" if scope.startswith("all goods") else f", on {scope}")
                 for n, r, s, scope in zip(live["name"], live["rate_pct"], live["since"], live["scope"])]
        text = (f"{what}, {pct(now)}, was made of " + (f"one layer: {parts[0]}" if len(parts) == 1 else
                                                      f"{len(parts)} layers: {listing(parts)}") + ".")
    if len(ended):
        groups = [f"the {listing(name(n) for n in g['name'])} on {day(d)}, by {g['instrument'].iloc[-1]}"
                  for d, g in ended.groupby("since", sort=True)]
        text += f" Ended by then: {listing(groups)}."
        ev[f"{k}_ended"] = len(ended)
    return text, asserts


def now_text(book) -> Statement:
    """The paragraph on the rates in force on the as-of date, for both sides."""
    actions, cutoff = book.table("tariff_actions"), book.cutoff
    layers, ev, texts, asserts = layers_on(actions, cutoff), {}, [f"On {day(cutoff)}:"], []
    for side in tariffs.SIDES:
        text, more = _side(actions, layers, side, cutoff, ev)
        texts.append(text)
        asserts += more
        duties = in_force.product_duties(actions, side, cutoff, since=None if side == "US" else tariffs.START)
        if side == "US" and len(duties):
            lo, hi = float(duties["rate_set_pct"].min()), float(duties["rate_set_pct"].max())
            ev.update({"us_products_low": lo, "us_products_high": hi})
            span = f"of {pct(lo)}" if lo == hi else f"from {pct(lo)} to {pct(hi)} by product"
            texts.append(f"Section 301 duties on listed products, {span} in the data, come on top for the goods "
                         "they cover.")
        if side == "China":
            texts.append(_china_detail(actions, cutoff, duties, ev))
    return Statement("tariffs-now-text", " ".join(texts), ev, tuple(asserts),
                     tuple(dict.fromkeys(layers["source_id"])))


def _china_detail(actions, cutoff, duties, ev) -> str:
    rows = actions[(actions["imposer"] == "China") & actions["applies_to_all_goods"].fillna(False).astype(bool)
                   & (actions["effective_date"] <= cutoff) & (actions["effective_date"] >= tariffs.START)]
    parts = []
    if len(rows):
        last = rows.sort_values(["effective_date", "announced_date"]).iloc[-1]
        ev["cn_last_set"] = last["effective_date"]
        parts.append(f"China's rate was last set on {day(last['effective_date'])}, by {last['instrument']}; the "
                     "data records no later change.")
    if len(duties):
        ev["cn_products_2025"] = len(duties)
        parts.append("Its 2025 duties on listed US products in force: " + listing(
            f"{pct(r.rate_set_pct)} on {r.scope}, from {day(r.effective_date)}" for r in duties.itertuples()) + ".")
    gone = in_force.ended_products(actions, "China", cutoff)
    if len(gone):
        parts.append("Ended: " + listing(f"the duties on {r.scope} on {day(r.effective_date)}"
                                         for r in gone.itertuples()) + ".")
    return " ".join(parts)


def reading(book) -> Statement:
    """How the tariff steps since January 2025 were read: copies of official texts, reports, government sites."""
    actions = book.table("tariff_actions")
    steps = actions[actions["effective_date"] >= tariffs.START]
    counts = provenance.tally(steps["source_id"], book.sources())
    ev = {"actions": len(steps), **{k.replace(" ", "_"): v for k, v in counts.items()}}
    text = (f"This chapter rebuilds each step from {plural(len(steps), 'recorded tariff action')} since January 2025. "
            f"Of their {plural(sum(counts.values()), 'source')}, {counts['copy of an official text']} reproduce an "
            f"official text (a CBP notice, an executive order, a Tariff Commission announcement) and "
            f"{counts['report']} are reports by law firms, trade bodies or news outlets; "
            f"{_read_on_site(counts['government site'])}. Each source line says which. The chapter keeps two "
            "measures apart:")
    return Statement("tariffs-reading", text, ev)


def layers_table(layers: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """The layers as a reader's table: side, layer, rate, status, legal basis, goods covered."""
    return pd.DataFrame({
        "Side": layers["imposer"], "Layer": layers["name"], f"Rate on {day(cutoff)} (%)": layers["rate_pct"],
        "Status": [f"in force from {day(s)}" if st == "in force" else f"ended on {day(s)}"
                   for st, s in zip(layers["status"], layers["since"])],
        "Legal basis (of the last change)": layers["instrument"], "Goods covered": layers["scope"],
        "Source": layers["source_id"]})


def _read_on_site(n: int) -> str:
    return ("none was read on a government's own site" if n == 0 else
            f"{n} {'was' if n == 1 else 'were'} read on a government's own site")
