"""Statements of the tariffs chapter (and the Overview's tariff cards): peaks, cuts, gaps, trends."""
from __future__ import annotations

import pandas as pd

from .. import tariffs
from ..text import day, month, pct, times
from .core import Chapter, Statement, Statements

# Per side: its tariffs, its headline rate, and the goods they fall on.
WHO = {"US": ("US tariffs on Chinese goods", "the US headline rate", "Chinese goods"),
       "China": ("China's tariffs on US goods", "China's headline rate", "US goods")}


def side_path(actions: pd.DataFrame, side: str, cutoff: pd.Timestamp) -> dict:
    """Evidence for one side: peak, first cut after it, rate now, rises and cuts."""
    path = tariffs.headline(actions, side, cutoff)
    top = tariffs.peak(actions, side, cutoff)
    cut = tariffs.first_cut_after_peak(actions, side, cutoff)
    moves = path["rate_pct"].diff().fillna(path["rate_pct"])
    return {"steps": len(path), "rises": int((moves > 0).sum()), "cuts": int((moves < 0).sum()),
            "peak": None if top is None else float(top["rate_pct"]), "peak_date": None if top is None else top["date"],
            "cut": None if cut is None else float(cut["rate_pct"]), "cut_date": None if cut is None else cut["date"],
            "now": tariffs.headline_on(actions, side, cutoff)}


def ladder_title(actions, cutoff, key: str = "tariff-ladder-title") -> Statement:
    """The ladder's takeaway: each side's high and where it stood on the cut-off."""
    ev, parts, asserts = {}, [], []
    for side in tariffs.SIDES:
        p = side_path(actions, side, cutoff)
        k = side.lower()
        ev.update({f"{k}_steps": p["steps"], f"{k}_now": p["now"]})
        if p["peak"] is None or p["peak"] == 0:
            parts.append(f"{WHO[side][0]} had no 2025 increase")
            asserts.append(("eq", f"{k}_steps", 0) if p["peak"] is None else ("eq", f"{k}_peak", 0))
            ev[f"{k}_peak"] = p["peak"] or 0.0
            continue
        ev.update({f"{k}_peak": p["peak"], f"{k}_peak_date": p["peak_date"]})
        ev[f"{k}_cuts_since_peak"] = int(p["cut"] is not None)
        if p["now"] < p["peak"]:
            tail, rel = f"and stood at {pct(p['now'])} on {day(cutoff)}", "lt"
        elif p["cut"] is None:
            tail, rel = f"and were still at that level on {day(cutoff)}", "eq"
            asserts.append(("eq", f"{k}_cuts_since_peak", 0))
        else:
            tail, rel = f"and were back at that level on {day(cutoff)}, after a cut", "eq"
            asserts.append(("eq", f"{k}_cuts_since_peak", 1))
        parts.append(f"{WHO[side][0]} reached {pct(p['peak'])} in {month(p['peak_date'])} {tail}")
        asserts += [("gt", f"{k}_peak", 0), (rel, f"{k}_now", f"{k}_peak")]
    return Statement(key, "; ".join(parts), ev, tuple(asserts))


def ladder_text(actions, cutoff) -> Statement:
    """The paragraph under "The ladder": highs, dates, rates on the cut-off, how many changes."""
    us, cn = side_path(actions, "US", cutoff), side_path(actions, "China", cutoff)
    ev = {"us_steps": us["steps"], "cn_steps": cn["steps"], "us_now": us["now"], "cn_now": cn["now"],
          "actions": len(actions)}
    sentences = []
    for side, p in (("US", us), ("China", cn)):
        if p["peak"]:
            sentences.append(f"{WHO[side][1][0].upper() + WHO[side][1][1:]} reached its highest level, "
                             f"{pct(p['peak'])}, on {day(p['peak_date'])}.")
        else:
            sentences.append(f"{WHO[side][1][0].upper() + WHO[side][1][1:]} had not been raised in 2025.")
    sentences.append(f"On {day(cutoff)}, the as-of date of this page, the headline rates were {pct(us['now'])} "
                     f"(US on China) and {pct(cn['now'])} (China on the US).")
    sentences.append(f"The chart shows {us['steps'] + cn['steps']} dated changes that moved a headline rate, "
                     f"built from {len(actions)} recorded tariff actions.")
    return Statement("tariffs-ladder-text", " ".join(sentences), ev, (), tuple(actions["source_id"].dropna()))


def ladder_description(actions, cutoff, key: str = "tariff-ladder-desc") -> Statement:
    """The ladder's text description: what each line does."""
    ev, parts = {}, []
    for side in tariffs.SIDES:
        p = side_path(actions, side, cutoff)
        k = side.lower()
        ev.update({f"{k}_rises": p["rises"], f"{k}_cuts": p["cuts"]})
        moves = ([f"rose {times(p['rises'])}"] if p["rises"] else []) + ([f"was cut {times(p['cuts'])}"] if p["cuts"] else [])
        parts.append(f"the {'US' if side == 'US' else 'Chinese'} rate " + (" and ".join(moves) or "did not change"))
    return Statement(key,
                     f"Step chart of the headline additional tariff each side applied to the other's goods, from 1 "
                     f"January 2025 to {day(cutoff)}: " + "; ".join(parts) + ".", ev)


def layers_title(stack: pd.DataFrame) -> Statement:
    """The US layers' takeaway: the highest total on a List 3 good, and its parts."""
    totals = stack.groupby("date")["rate_pct"].sum()
    top_day = totals.idxmax()
    parts = stack[(stack["date"] == top_day) & (stack["rate_pct"] > 0)]
    split = " + ".join(f"{pct(r.rate_pct)} {tariffs.LAYER_NAMES[r.layer]}" for r in parts.itertuples())
    ev = {"total": float(totals.max()), "parts_sum": float(parts["rate_pct"].sum()), "date": top_day,
          "highest_total": float(totals.max())}
    lead = "At the highest, on" if len(totals) > 1 else "On"
    return Statement("us-layers-title", f"{lead} {day(top_day)}, a Chinese good on Section 301 List 3 faced "
                     f"{pct(totals.max())}: {split or 'no additional duty'}", ev, (("eq", "total", "parts_sum"),))


def layers_description(stack: pd.DataFrame) -> Statement:
    """The US layers' text description (one bar for the as-of date when no all-goods duty had changed)."""
    days = stack["date"].nunique()
    if (stack["layer"] == "section_301_list3").all():
        return Statement("us-layers-desc", f"One bar, for {day(stack['date'].iloc[0])}: no US all-goods duty had "
                         "changed in 2025 by then, so only the Section 301 List 3 duty is shown.", {"dates": 0})
    return Statement("us-layers-desc", f"Stacked bars, one for each date on which a US all-goods duty changed "
                     f"({days} in all), split into the Section 301 List 3 duty and the all-goods layers in force that "
                     "day.", {"dates": days})


def chapter(book) -> Chapter:
    """Every statement of the tariffs chapter, and the tables its charts draw."""
    from . import tariff_averages, tariff_scenarios, tariffs_now

    cutoff = book.cutoff
    actions = book.table("tariff_actions")
    said = Statements()
    said.add(overview(actions, cutoff))
    said.add(ladder_title(actions, cutoff))
    said.add(ladder_description(actions, cutoff))
    said.add(ladder_text(actions, cutoff))
    stack = tariffs.us_layer_stack(actions, cutoff)
    said.add(layers_title(stack))
    said.add(layers_description(stack))
    said.add(tariffs_now.reading(book))
    for st in tariffs_now.now_texts(book):
        said.add(st)
    tables = {"ladder": tariffs.ladder(actions, cutoff), "stack": stack,
              "layers_now": tariffs_now.layers_table(tariffs_now.layers_on(actions, cutoff), cutoff)}
    tables.update(tariff_averages.add(said, book))
    tables.update(tariff_scenarios.add(said, book))
    return Chapter(said, tables)


def overview(actions, cutoff) -> Statement:
    """The chapter's opening, written for its as-of date."""
    us, cn = side_path(actions, "US", cutoff), side_path(actions, "China", cutoff)
    rises = us["rises"] + cn["rises"]
    ev = {"rises": rises, "us_cuts": us["cuts"], "cn_cuts": cn["cuts"]}
    if rises == 0:
        return Statement("tariffs-overview", f"By {day(cutoff)}, neither side had raised its tariffs on the other's "
                         "goods in 2025. This chapter sets out the duties in force and how it measures them:", ev,
                         (("eq", "rises", 0),))
    cuts = [p for p in (us, cn) if p["cut_date"] is not None]
    text = (f"Since January 2025 the United States and China have raised tariffs on each other's goods "
            f"{times(rises)}")
    asserts = [("gt", "rises", 0)]
    if cuts:
        first = min(cuts, key=lambda p: p["cut_date"])
        ev.update({"first_cut": first["cut"], "its_peak": first["peak"]})
        asserts.append(("lt", "first_cut", "its_peak"))
        text += f", and the first cut from a high came on {day(first['cut_date'])}."
    else:
        text += f"; by {day(cutoff)} neither had cut its rate from its high."
    return Statement("tariffs-overview", text, ev, tuple(asserts))


__all__ = ["chapter", "side_path", "scenario_listing"]


def scenario_listing(book) -> pd.DataFrame:
    """Every scenario known on the cut-off, with its window and status (scenarios.listing on the book's table)."""
    from .. import scenarios

    return scenarios.listing(book.table("scenarios"), book.cutoff)
