"""Statements of the Overview: the opening written for the as-of date, and the key-figure cards."""
from __future__ import annotations

from .. import events as ev_
from .. import rare_earths as re_
from .. import students as st
from .. import tariffs
from ..text import count, day, pct, times
from .core import Chapter, Statement, Statements
from .tariffs import ladder_description, ladder_title, side_path
from .rare_earths import about
from .tariffs_now import layers_on, made_of


def cards(book, said: Statements) -> list[tuple[str, str]]:
    """(value, statement key) for each key-figure card, labels computed for the date."""
    actions, cutoff, out = book.table("tariff_actions"), book.cutoff, []
    layers = layers_on(actions, cutoff)
    for side, who in (("US", "US headline tariff on Chinese goods"), ("China", "Chinese headline tariff on US goods")):
        p, k = side_path(actions, side, cutoff), side.lower()
        if p["peak"]:
            key = f"card-{k}-peak"
            said.add(Statement(key, f"Highest {who} in 2025, from {day(p['peak_date'])}", {"peak": p["peak"]}))
            out.append((pct(p["peak"]), key))
        if p["cut"] is not None:
            key = f"card-{k}-cut"
            said.add(Statement(key, f"{who[0].upper() + who[1:]} after its first cut from that high, from "
                               f"{day(p['cut_date'])}", {"cut": p["cut"], "peak": p["peak"]},
                               (("lt", "cut", "peak"),)))
            out.append((pct(p["cut"]), key))
        key = f"card-{k}-now"
        parts = made_of(layers, side)
        said.add(Statement(key, f"{who[0].upper() + who[1:]} on {day(cutoff)}" + (f": {parts}" if parts else ""),
                           {"now": p["now"]}))
        out.append((pct(p["now"]), key))
    shares = re_.china_share_by_year(book.table("rare_earth_production")).iloc[-1]
    said.add(Statement("card-mining", f"China's share of world mine production of all rare earths, "
                       f"{int(shares['year'])} (USGS)", {"share": float(shares["china_share_pct"])}))
    out.append((about(shares["china_share_pct"]), "card-mining"))
    stages = re_.stage_table(book.table("rare_earth_shares"))
    refining = re_.stage_share(stages, "refining", "magnet rare earths")
    if refining is not None:
        said.add(Statement("card-refining", f"China's share of refining of magnet rare earths, {refining['year']} "
                           "(IEA)", {"share": float(refining["china_share_pct"])}))
        out.append((pct(refining["china_share_pct"]), "card-refining"))
    latest = st.latest(book.table("students_by_origin"), "China")
    said.add(Statement("card-students", f"Students from China in the US, {latest['academic_year']} (IIE Open Doors)",
                       {"students": int(latest["students"])}))
    out.append((count(latest["students"]), "card-students"))
    return out


def opening(book, said: Statements) -> None:
    """The first paragraph, built from what had happened by the as-of date."""
    cutoff, actions = book.cutoff, book.table("tariff_actions")
    us, cn = side_path(actions, "US", cutoff), side_path(actions, "China", cutoff)
    parts = []
    for p, who, goods in ((us, "the United States", "Chinese"), (cn, "China", "US")):
        if p["peak"]:
            parts.append(f"{who} had raised its tariffs on {goods} goods {times(p['rises'])} since January 2025, to "
                         f"a high of {pct(p['peak'])}, and they stood at {pct(p['now'])}")
        else:
            parts.append(f"{who} had not raised its tariffs on {goods} goods in 2025")
    controls = book.table("rare_earth_controls")
    if len(controls):
        parts.append(f"China had put rare earths under export licensing (first on "
                     f"{day(controls['announced_date'].min())})")
    visas = ev_.episode(book.table("events"))
    visas = visas[visas["category"] == "visas"]
    if len(visas):
        parts.append(f"the US had moved on Chinese students' visas ({day(visas['date'].min())})")
    text = (f"This book follows the 2025 trade fight between the United States and China through tariffs, rare "
            f"earths and student visas. By {day(cutoff)}, " + "; ".join(parts) + ".")
    said.add(Statement("overview-opening", text, {"us_rises": us["rises"], "cn_rises": cn["rises"],
                                                 "controls": len(controls), "visa_events": len(visas)}))


def scenario_line(book, said: Statements) -> None:
    """Which tariff scenario the Tariffs chapter shows, and whether it applies on the date."""
    from .. import scenarios

    if book.scenario == scenarios.CURRENT:
        said.add(Statement("overview-scenario", "The Tariffs chapter shows the rates as recorded (no scenario).", {}))
        return
    chosen = scenarios.rows(book.raw("scenarios"), book.scenario)
    state = scenarios.status(chosen, book.cutoff)
    if state == "not yet possible":  # its name would tell of a step not yet taken
        said.add(Statement("overview-scenario", f"The Tariffs chapter was asked for a scenario that on "
                           f"{day(book.cutoff)} is not yet possible, and shows the rates as recorded.", {"status": state}))
        return
    said.add(Statement("overview-scenario", f"The Tariffs chapter shows the scenario “{chosen['title'].iloc[0]}”, "
                       f"which on {day(book.cutoff)} is {state}.", {"status": state}))


def chapter(book) -> Chapter:
    """Every statement of the Overview, and its cards."""
    said = Statements()
    opening(book, said)
    scenario_line(book, said)
    said.add(ladder_title(book.table("tariff_actions"), book.cutoff, "overview-ladder-title"))
    said.add(ladder_description(book.table("tariff_actions"), book.cutoff, "overview-ladder-desc"))
    return Chapter(said, {"cards": cards(book, said), "ladder": tariffs.ladder(book.table("tariff_actions"), book.cutoff)})
