"""Statements on the rates in force on the as-of date: each side's layers, what had ended, product duties, and
how the tariff steps were read."""
from __future__ import annotations

import pandas as pd

from .. import in_force, provenance, tariffs
from ..text import day, listing, pct, plural, semicolons
from .core import Statement
from .tariffs import WHO


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
    rate = f"{WHO[side][1]} on {WHO[side][2]}"  # "the US headline rate on Chinese goods"
    what = rate[0].upper() + rate[1:]
    if live.empty:
        text = {"US": "no US all-goods duty set since January 2025 was in force on Chinese goods.",
                "China": "no Chinese all-goods duty set since January 2025 was in force on US goods."}[side]
    else:
        parts = [f"the {name(n)} of {pct(r)}, from {day(s)}" + ("" if str(scope).startswith("all goods")
                                                                 else f", on {scope}")
                 for n, r, s, scope in zip(live["name"], live["rate_pct"], live["since"], live["scope"])]
        text = (f"{what}, {pct(now)}, was made of " + (f"one layer: {parts[0]}" if len(parts) == 1 else
                                                      f"{len(parts)} layers: {semicolons(parts)}") + ".")
    if len(ended):
        groups = [f"the {listing(name(n) for n in g['name'])} on {day(d)}, by {instrument}"
                  for (d, instrument), g in ended.groupby(["since", "instrument"], sort=True)]
        text += f" Ended by then: {semicolons(groups)}."
        ev[f"{k}_ended"] = len(ended)
    return text, [("eq", f"{k}_now", f"{k}_layers_sum")]


def now_texts(book) -> tuple[Statement, Statement]:
    """Two paragraphs on the rates in force on the as-of date: the US side ("tariffs-now-us"), then China's
    ("tariffs-now-china")."""
    actions, cutoff = book.table("tariff_actions"), book.cutoff
    layers, out = layers_on(actions, cutoff), []
    for side in tariffs.SIDES:
        ev, cited = {}, list(layers[layers["imposer"] == side]["source_id"])
        text, asserts = _side(actions, layers, side, cutoff, ev)
        texts = [f"On {day(cutoff)}, " + ("t" + text[1:] if text.startswith("The ") else text)]
        if side == "US":
            duties = in_force.product_duties(actions, "US", cutoff)
            if len(duties):
                lo, hi = float(duties["rate_set_pct"].min()), float(duties["rate_set_pct"].max())
                ev.update({"us_products_low": lo, "us_products_high": hi})
                span = f"of {pct(lo)}" if lo == hi else f"from {pct(lo)} to {pct(hi)} by product"
                texts.append(f"Section 301 duties on listed Chinese products, {span} in the data, come on top for "
                             "the goods they cover.")
                cited += list(duties["source_id"])
            texts.append("Duties that apply to particular goods from every country (Section 232) are not counted "
                         "here.")
        else:
            detail, sources = _china_detail(actions, cutoff, ev)
            texts.append(detail)
            cited += sources
        last = _last_record(book)
        if side == tariffs.SIDES[-1] and last is not None and last < cutoff:  # dated after the data's last record
            ev["data_ends"] = last
            asserts.append(("lt", "data_ends", cutoff))
            texts.append(f"The data records nothing after {day(last)}, so a change to either side's rates since "
                         "then would not show here.")
        out.append(Statement(f"tariffs-now-{side.lower()}", " ".join(t for t in texts if t), ev, tuple(asserts),
                             tuple(dict.fromkeys(c for c in cited if isinstance(c, str)))))
    return out[0], out[1]


def _last_record(book) -> pd.Timestamp | None:
    """The latest date the whole data folder records (not cut at the book's date); None for a test's book."""
    from .. import data

    return data.latest_date(book.data_dir) if hasattr(book, "data_dir") else None


def _china_detail(actions, cutoff, ev) -> tuple[str, list]:
    rows = tariffs.all_goods_rows(actions, "China", cutoff)
    parts, cited = [], []
    if len(rows):
        last = rows.iloc[-1]
        same = len(rows) > 1 and float(rows["rate_set_pct"].iloc[-2]) == float(last["rate_set_pct"]) \
            and rows["layer"].iloc[-2] == last["layer"]
        ev["cn_last_action"] = last["effective_date"]
        verb = "extended, at the same rate," if same else "set"
        parts.append(f"China's rate was last {verb} on {day(last['effective_date'])}, by {last['instrument']}; the "
                     "data records no later change.")
        cited.append(last["source_id"])
    live = in_force.product_duties(actions, "China", cutoff)
    recent, older = live[live["effective_date"] >= tariffs.START], live[live["effective_date"] < tariffs.START]
    if len(recent):
        ev["cn_products_2025"] = len(recent)
        parts.append("China's duties on listed US products set since January 2025 and in force: " + semicolons(
            f"{pct(r.rate_set_pct)} on {r.scope}, from {day(r.effective_date)}" for r in recent.itertuples()) + ".")
        cited += list(recent["source_id"])
    if len(older):
        lo, hi = float(older["rate_set_pct"].min()), float(older["rate_set_pct"].max())
        ev.update({"cn_older_products": len(older), "cn_older_low": lo, "cn_older_high": hi})
        span = f"of {pct(lo)}" if lo == hi else f"from {pct(lo)} to {pct(hi)}"
        years = sorted({older["effective_date"].min().year, older["effective_date"].max().year})
        made = plural(older["instrument"].nunique(), "announcement")
        parts.append(f"China's older product duties ({'–'.join(map(str, years))}: {plural(len(older), 'rate tier')} "
                     f"from {made}, {span}) also stay in force in the data.")
        cited += list(older["source_id"])
    gone = in_force.ended_products(actions, "China", cutoff)
    if len(gone):
        parts.append("Ended: " + semicolons(f"the duties on {r.scope} on {day(r.effective_date)}"
                                            for r in gone.itertuples()) + ".")
        cited += list(gone["source_id"])
    return " ".join(parts), cited


def reading(book) -> Statement:
    """How the tariff steps that took effect from January 2025 to the cut-off were read."""
    actions, cutoff = book.table("tariff_actions"), book.cutoff
    steps = actions[(actions["effective_date"] >= tariffs.START) & (actions["effective_date"] <= cutoff)
                    & (actions["layer"] != "section_232")]  # global product duties: not counted in this chapter
    counts = provenance.tally(steps["source_id"], book.sources())
    sources, on_site = counts["government site"] + counts["elsewhere"], counts["government site"]
    ev = {"actions": len(steps), "sources": sources, "government_site": on_site}
    if steps.empty:
        return Statement("tariffs-reading", f"No tariff step had taken effect since January 2025 by {day(cutoff)}. "
                         "The chapter keeps two measures apart:", ev, (("eq", "actions", 0),))
    where = "the Methods page lists each one, with the original's address where it is known"
    if sources == 1:
        tail = (("Their one source was read on a government's own site" if on_site else
                 "Their one source is a reprint, a copy or a report by others, not a government's own page") +
                "; the Methods page lists it, with the original's address where it is known.")
    else:
        site = ("none was read on a government's own site: all are reprints, copies or reports by others"
                if on_site == 0 else "all were read on a government's own site" if on_site == sources else
                f"{on_site} {'was' if on_site == 1 else 'were'} read on a government's own site and the rest are "
                "reprints, copies or reports by others")
        tail = f"Of the {sources} sources behind them, {site}; {where}."
    text = (f"This chapter rebuilds each step from {plural(len(steps), 'recorded tariff action')} that took effect "
            f"from January 2025 to {day(cutoff)}. {tail} The chapter keeps two measures apart:")
    return Statement("tariffs-reading", text, ev)


def layers_table(layers: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """The layers as a reader's table: side, layer, rate, status, legal basis, goods covered."""
    return pd.DataFrame({
        "Side": layers["imposer"], "Layer": layers["name"], f"Rate on {day(cutoff)} (%)": layers["rate_pct"],
        "Status": [f"in force from {day(s)}" if st == "in force" else f"ended on {day(s)}"
                   for st, s in zip(layers["status"], layers["since"])],
        "Legal basis (of the last change)": layers["instrument"], "Goods covered": layers["scope"],
        "Source": layers["source_id"]})
