"""Statements of the rare-earths chapter: who mines, China's shares by stage and scope, the controls."""
from __future__ import annotations

import pandas as pd

from .. import controls as ctl
from .. import rare_earths as re_
from ..measures import tiers
from ..caveats import rows_for, tagged
from ..text import count, day, listing, pct, plural
from .core import Chapter, Statement, Statements, compare


def about(share: float) -> str:
    """A mining share to the nearest percent: USGS rounds the world total it is divided by."""
    return f"about {pct(share, 0)}"


def mining(production: pd.DataFrame, notes: pd.DataFrame, said: Statements) -> dict:
    """Statements on mine production and China's mining share; returns the tables drawn."""
    latest = re_.latest_edition(production)
    shares = re_.china_share_by_year(production)
    year = int(latest["year"].max())
    said.add(leader_title(re_.ranking(latest, year), year))
    top = re_.top_producers(latest, 6)
    said.add(Statement("mine-production-desc", f"Lines of rare-earth mine production, one for each of the "
                       f"{len(top)} largest producers in {year} ({listing(top)}), by production year from "
                       f"{int(latest['year'].min())} to {year}.", {"countries": len(top)}))
    last, base = shares.iloc[-1], shares.iloc[0]
    shown, base_shown = round(float(last["china_share_pct"])), round(float(base["china_share_pct"]))
    word, rel = compare(shown, base_shown, "up", "down", "the same as")  # at the precision printed
    ev = {"year": int(last["year"]), "share": float(last["china_share_pct"]), "china_t": int(last["china_t"]),
          "world_t": int(last["world_t"]), "first_year": int(base["year"]), "first_share": float(base["china_share_pct"]),
          "share_shown": shown, "first_share_shown": base_shown}
    if len(shares) == 1:  # one year: nothing to compare it with
        trend, trends = "the only year in the data", ()
    else:
        base_year = tagged(str(int(base["year"])), notes, "rare_earth_production", int(base["year"]))
        trend = f"{word} from {about(base['china_share_pct'])} in {base_year}" if rel != "eq" else \
            f"about the same as in {base_year}"
        trends = ((rel, "share_shown", "first_share_shown"),)
    year = tagged(str(int(last["year"])), notes, "rare_earth_production", int(last["year"]))
    said.add(Statement("china-mining-share-title", f"China's share of world rare-earth mining was "
                       f"{about(last['china_share_pct'])} in {year}, {trend}", ev, trends, (last["source_id"],)))
    caveat = pd.concat([rows_for(notes, "rare_earth_production", int(y)) for y in {int(base["year"]), int(last["year"])}])
    caveat = caveat.drop_duplicates(subset=["dataset", "year_from"])
    said.add(Statement("re-mining-text", f"In {int(last['year'])} China mined {count(last['china_t'])} tonnes of "
                       f"rare-earth oxide out of a world total of {count(last['world_t'])} tonnes: "
                       f"{about(last['china_share_pct'])} of world mine production of all rare earths, {trend}. "
                       "USGS rounds its world total, so the share is given to the nearest percent."
                       + "".join(f" {n}" for n in caveat["note"]) +
                       f" The table uses the newest of the {production['edition'].nunique()} USGS editions in the data "
                       "for each year, because USGS revises its figures.", ev, trends,
                       (last["source_id"], *caveat["source_id"])))
    said.add(Statement("china-mining-share-desc", f"Bars of China's share of world rare-earth mine production, one "
                       f"for each production year from {int(base['year'])} to {int(last['year'])}.", {}))
    return {"latest": latest, "top": top, "mining_share": shares}


def leader_title(ranks: pd.DataFrame, year: int) -> Statement:
    """Who mined the most in a year, against the next producers down (ties and a lone producer said as such)."""
    groups = tiers(ranks, "production_t", 2)
    top = groups[0]
    first_t = int(top["production_t"].iloc[0])
    ev = {"year": year, "first": listing(top["country"]), "first_t": first_t, "countries": len(ranks),
          "first_tied": len(top)}
    cited = tuple(dict.fromkeys(pd.concat(groups)["source_id"]))
    if len(ranks) == 1:
        return Statement("mine-production-title", f"{ev['first']} is the only producer the data records for "
                         f"{year}, with {count(first_t)} tonnes of rare-earth oxide", ev, (("eq", "countries", 1),),
                         cited)
    if len(top) > 1:
        return Statement("mine-production-title", f"{ev['first']} mined the most rare-earth oxide in {year}, "
                         f"{count(first_t)} tonnes each", ev, (("eq", "first_tied", len(top)),), cited)
    nxt = groups[1]
    second_t = int(nxt["production_t"].iloc[0])
    ev.update({"second": listing(nxt["country"]), "second_t": second_t, "ratio": round(first_t / second_t, 1)})
    who = (f"the second-largest producer ({ev['second']}, {count(second_t)} tonnes)" if len(nxt) == 1 else
           f"the next-largest producers ({ev['second']}, {count(second_t)} tonnes each)")
    against = f"{ev['ratio']:g} times {who}" if ev["ratio"] > 1 else f"more than {who}"
    return Statement("mine-production-title", f"{ev['first']} mined the most rare-earth oxide in {year}, "
                     f"{count(first_t)} tonnes: {against}", ev, (("gt", "first_t", "second_t"),), cited)


def stages(shares: pd.DataFrame, mining_share: pd.DataFrame, said: Statements) -> pd.DataFrame:
    """Statements on China's share by stage; returns the stage table drawn."""
    table = re_.stage_table(shares)
    scope = "magnet rare earths"
    same = table[table["scope"] == scope]
    found = [re_.stage_share(same, s) for s in re_.STAGES]
    found = [r for r in found if r is not None]
    ev = {f"{r['stage']}_pct": float(r["china_share_pct"]) for r in found}
    asserts = []
    for a, b in zip(found, found[1:]):
        asserts.append(("lt" if a["china_share_pct"] < b["china_share_pct"] else
                        "gt" if a["china_share_pct"] > b["china_share_pct"] else "eq",
                        f"{a['stage']}_pct", f"{b['stage']}_pct"))
    rising = all(r == "lt" for r, _, _ in asserts) and len(asserts) >= 1
    parts = listing(f"{pct(r['china_share_pct'])} of {r['stage']} ({r['year']})" for r in found)
    lead = ("China's share of magnet rare earths is higher at each later stage of the chain: " if rising else
            "China's share of magnet rare earths by stage: ")
    said.add(Statement("stage-shares-title", lead + parts, ev, tuple(asserts), tuple(r["source_id"] for r in found)))
    names = {"mining": "mining", "refining": "refining (separation)", "magnets": "permanent-magnet making"}
    present = [names[s_] for s_ in re_.STAGES if s_ in set(table["stage"])]
    said.add(Statement("stage-shares-desc", f"Horizontal bars, one for each share in the data ({len(table)}): China's "
                       f"share of rare-earth {listing(present)}, each labelled with the rare earths it covers and its "
                       "year.", {"rows": len(table)}))
    usgs = mining_share.iloc[-1]
    mine = re_.stage_share(same, "mining")
    ev2 = {"usgs_share": float(usgs["china_share_pct"]), "usgs_year": int(usgs["year"])}
    text = (f"On USGS's figures for all rare earths, China mined {about(usgs['china_share_pct'])} of the world's "
            f"output in {int(usgs['year'])}.")
    if mine is not None:
        text = "Two different measures of mining meet here. " + text
        ev2.update({f"iea_{r['stage']}": float(r["china_share_pct"]) for r in found})
        scopes = sorted(set(table["scope"]))
        cover = "cover only the magnet rare earths" if scopes == [scope] else f"cover {listing(scopes)}"
        text += (f" The shares in the chart that follows {cover}; the magnet rare earths are the few elements that "
                 "go into permanent magnets. On that scope China's share was "
                 + listing(f"{pct(r['china_share_pct'])} of {r['stage']} ({r['year']})" for r in found) + ".")
    text += " A single “China's share” needs both its stage and its scope."
    said.add(Statement("re-stages-text", text, ev2))
    return table


def controls(book, said: Statements) -> pd.DataFrame:
    """Statements on the export controls; returns the controlled elements with their status on the date."""
    table = ctl.elements_with_status(book.table("rare_earth_controls"), book.table("control_status"), book.cutoff)
    if table.empty:
        said.add(Statement("controlled-elements-title", f"By {day(book.cutoff)}, no 2025 Chinese export control on "
                           "rare earths is recorded", {"announcements": 0}))
        said.add(Statement("re-controls-text", f"The data records no Chinese export control on rare earths in 2025 up "
                           f"to {day(book.cutoff)}.", {"announcements": 0}))
        said.add(Statement("controlled-elements-desc", "An empty chart: no controlled element is recorded yet.", {}))
        return table
    first = ctl.first_announcement(table)
    first_day = first["announced_date"].iloc[0]
    later = table[(table["announced_date"] > first_day) & ~table["element"].isin(first["element"])]
    ev = {"first_date": first_day, "first_n": len(first), "added": len(later)}
    tail, rel = ((f"; later announcements added {plural(len(later), 'element')}", "gt") if len(later) else
                 (f"; no later announcement added elements by {day(book.cutoff)}", "eq"))
    said.add(Statement("controlled-elements-title", f"China's first rare-earth controls of 2025, on {day(first_day)}, covered "
                       f"{plural(len(first), 'element')}{tail}", ev, ((rel, "added", 0),),
                       tuple(dict.fromkeys(first["source_id"]))))
    status = ctl.status_sentence(book.table("control_status"), book.cutoff)
    due = ctl.status_on(book.table("control_status"), book.cutoff)["until"].dropna()
    ev.update({f"until_{i}": d for i, d in enumerate(sorted(due[due >= book.cutoff]))})  # scheduled, announced
    said.add(Statement("re-controls-text", f"The first rare-earth controls, announced on {day(first_day)}, covered "
                       f"{listing(e.lower() for e in first['element'])} and required a licence for each export."
                       + (f" On {day(book.cutoff)}, {status}." if status else ""), ev))
    said.add(Statement("controlled-elements-desc", f"Dot chart of the {len(table)} controlled elements by atomic "
                       "number, one row per announcement, labelled with chemical symbols.", {"rows": len(table)}))
    return table


def overview(book, said: Statements) -> None:
    """The chapter's opening, written for its as-of date."""
    first = ctl.first_announcement(book.table("rare_earth_controls"))
    if first.empty:
        text = (f"By {day(book.cutoff)}, China had put no rare earth under a 2025 export control; its dominance of "
                "the supply chain is the background to what followed.")
    else:
        text = (f"On {day(first['announced_date'].iloc[0])} China put {plural(len(first), 'rare earth')} under "
                "export licensing. How much of the supply does China control? It depends on the stage of the chain, "
                "and on which rare earths, you measure.")
    said.add(Statement("rare-earths-overview", text, {"first_announcement_elements": len(first)}))


def chapter(book) -> Chapter:
    """Every statement of the rare-earths chapter, and the tables its charts draw."""
    said = Statements()
    overview(book, said)
    tables = mining(book.table("rare_earth_production"), book.table("series_notes"), said)
    tables["stages"] = stages(book.table("rare_earth_shares"), tables["mining_share"], said)
    tables["controls"] = controls(book, said)
    return Chapter(said, tables)
