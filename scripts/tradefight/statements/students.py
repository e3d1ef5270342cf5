"""Statements of the students chapter: peaks, overtaking, rankings, shares, visas."""
from __future__ import annotations

import pandas as pd

from .. import events as ev_
from .. import students as st
from ..measures import tiers
from ..caveats import tagged
from ..text import count, day, listing, pct, spans
from . import student_context
from .core import Chapter, Statement, Statements, against_peak, compare


def trend(table: pd.DataFrame, said: Statements) -> None:
    """Students from China over time, and India against China."""
    china = st.series(table, "China")
    top, last, stands, rel = against_peak(china, "students", "academic_year")
    first = china.iloc[0]
    ev = {"first": int(first["students"]), "first_year": first["academic_year"], "peak": int(top["students"]),
          "peak_year": top["academic_year"], "latest": int(last["students"]), "latest_year": last["academic_year"]}
    asserts = [(rel, "latest", "peak")]
    text = f"Students from China went from {count(first['students'])} in {first['academic_year']} "
    if len(china) == 1:
        text = (f"Students from China numbered {count(last['students'])} in {last['academic_year']}, the only year "
                "in the data.")
    elif stands == "peak":
        text += f"to {count(last['students'])} in {last['academic_year']}, the highest count in the data."
    elif stands == "again":
        text += (f"to a peak of {count(top['students'])} in {top['academic_year']}, and there were as many again in "
                 f"{last['academic_year']}.")
    else:
        ev["drop_pct"] = round(100 * (top["students"] - last["students"]) / top["students"], 1)
        text += (f"to a peak of {count(top['students'])} in {top['academic_year']}. By {last['academic_year']} "
                 f"there were {count(last['students'])}, {pct(ev['drop_pct'], 1)} fewer than at the peak.")
    lead, lead_ev, lead_asserts = india_against_china(table)
    ev.update(lead_ev)
    asserts += lead_asserts
    said.add(Statement("students-text", text + lead[0], ev, tuple(asserts), (top["source_id"], last["source_id"])))
    head = (f"Students from China peaked at {count(top['students'])} in {top['academic_year']}" +
            {"peak": " (the latest year)", "again": f", as many again in {last['academic_year']}", "below": ""}[stands] +
            lead[1])
    said.add(Statement("students-by-origin-title", head, ev, tuple(asserts)))
    said.add(Statement("students-by-origin-desc", f"Two lines, students from China and from India in the US by "
                       f"academic year, from {china['academic_year'].iloc[0]} to {last['academic_year']}.", {}))


def india_against_china(table: pd.DataFrame) -> tuple[tuple[str, str], dict, list]:
    """India against China on the years the data holds for both: a sentence for the text, a clause for the
    title, the evidence and the relations asserted."""
    lead = st.lead(table, "India", "China")
    years, ahead, cross = lead["years"], lead["ahead"], lead["overtook"]
    if not years:
        return ((" The data holds no year with counts for both India and China.",
                 "; the data holds no year with counts for both India and China"), {"years_compared": 0},
                [("eq", "years_compared", 0)])
    year, india, china = years[-1], lead["leader_n"], lead["other_n"]
    led = spans(ahead, years)
    ev = {"compared_year": year, "india_then": india, "china_then": china, "overtake": cross or "none",
          "india_led": led or "never", "years_compared": len(years), "years_india_led": len(ahead)}
    if cross:
        return ((f" India has had more students in the US than China in every year since {cross}, with "
                 f"{count(india)} in {year}.", f"; India overtook China in {cross}"), ev,
                [("gt", "india_then", "china_then")])
    if len(ahead) == len(years):
        return ((f" India had more students in the US than China in every year the data holds for both ({led}), "
                 f"with {count(india)} in {year}.", "; India had more students than China in every year the data "
                 "holds for both"), ev, [("gt", "india_then", "china_then"), ("eq", "years_india_led", "years_compared")])
    word, rel = compare(india, china, "more", "fewer", "as many")
    than = "than" if rel != "eq" else "as"
    text = (f" In {year} India had {count(india)} students in the US, {word} {than} China" +
            (f", after leading it in {led}." if led else "."))
    title = (f"; India led China in {led} but not in {year}" if led else
             "; India has never had more students than China in the data")
    return (text, title), ev, [(rel, "india_then", "china_then")] + ([] if led else [("eq", "years_india_led", 0)])


def ranking(table: pd.DataFrame, said: Statements) -> tuple[pd.DataFrame, str]:
    """The latest year's ranking of places of origin (tied places named together)."""
    years = sorted(table[table["place_of_origin"] != st.ALL]["academic_year"].unique())
    full = [y for y in years if st.places_recorded(table, y) >= 10] or years
    year = full[-1]
    ranks = st.ranking(table, year)
    groups = tiers(ranks, "students", 3)
    names = [listing(g["place_of_origin"]) for g in groups]
    sizes = [f"{count(g['students'].iloc[0])}{' each' if len(g) > 1 else ''}" for g in groups]
    ev = {"year": year, "places": len(ranks), "distinct_counts": ranks["students"].nunique()}
    for key, name, g in zip(("first", "second", "third"), names, groups):
        ev.update({key: name, f"{key}_n": int(g["students"].iloc[0])})
    asserts = [("gt", f"{a}_n", f"{b}_n") for a, b in zip(("first", "second"), ("second", "third")[:len(groups) - 1])]
    if len(ranks) == 1:
        text = f"In {year}, {names[0]} is the only place of origin the data records, with {sizes[0]} students"
        asserts.append(("eq", "places", 1))
    elif len(groups) == 1:
        text = (f"In {year}, all {len(ranks)} places of origin the data records sent "
                f"{count(groups[0]['students'].iloc[0])} students each to the US")
        asserts.append(("eq", "distinct_counts", 1))
    else:
        text = (f"In {year}, {names[0]} sent the most students to the US ({sizes[0]}), then {names[1]} ({sizes[1]})"
                + (f"; next came {names[2]}, with {sizes[2]}" if len(groups) > 2 else ""))
    cited = pd.concat(groups)["source_id"]
    said.add(Statement("top-places-title", text, ev, tuple(asserts), tuple(dict.fromkeys(cited))))
    said.add(Statement("top-places-desc", f"Horizontal bars, one for each of the {len(ranks)} places of origin the "
                       f"data records for {year}, ordered by number of students.", {"places": len(ranks)}))
    return ranks, year


def share(table: pd.DataFrame, notes: pd.DataFrame, said: Statements) -> pd.DataFrame:
    """China's share of all international students (years with a caveat say so)."""
    frame = st.share_of_total(table, "China")
    top, last, stands, rel = against_peak(frame, "share_pct", "academic_year")
    peak_year = tagged(top["academic_year"], notes, "students_by_origin", top["academic_year"], bracket=False)
    last_year = tagged(last["academic_year"], notes, "students_by_origin", last["academic_year"], bracket=False)
    peak_in = tagged(top["academic_year"], notes, "students_by_origin", top["academic_year"])
    ev = {"peak": float(top["share_pct"]), "peak_year": top["academic_year"], "latest": float(last["share_pct"]),
          "latest_year": last["academic_year"]}
    text = {"peak": f"China's share of international students reached {pct(top['share_pct'])} in "
                    f"{peak_in}, its highest in the data",
            "again": f"China's share of international students was {pct(last['share_pct'])} in "
                     f"{last['academic_year']}, as at its highest, in {peak_in}",
            "below": f"China's share of international students fell from {pct(top['share_pct'])} "
                     f"({peak_year}) to {pct(last['share_pct'])} ({last_year})"}[stands]
    said.add(Statement("china-share-students-title", text, ev, ((rel, "latest", "peak"),)))
    said.add(Statement("china-share-students-desc", "Area chart of China's share of all international students in "
                       "the US by academic year.", {}))
    return frame


def visas(table: pd.DataFrame, notes: pd.DataFrame, said: Statements) -> None:
    """F-1 visas issued to Chinese nationals (years with a caveat say so)."""
    china = table[table["nationality"] == st.CHINA_VISAS]
    top, last, stands, rel = against_peak(china, "issued", "fiscal_year")
    peak_fy = tagged(f"FY{top['fiscal_year']}", notes, "f1_visas", top["fiscal_year"])
    last_fy = tagged(f"FY{last['fiscal_year']}", notes, "f1_visas", last["fiscal_year"])
    ev = {"peak": int(top["issued"]), "peak_year": int(top["fiscal_year"]), "latest": int(last["issued"]),
          "latest_year": int(last["fiscal_year"])}
    who = "F-1 visas issued to Chinese nationals"
    text = {"peak": f"{who} reached {count(top['issued'])} in {peak_fy}, the most in the data",
            "again": f"{who} were {count(last['issued'])} in {last_fy}, as many as at their peak in {peak_fy}",
            "below": f"{who} peaked at {count(top['issued'])} in {peak_fy}; in {last_fy} they were "
                     f"{count(last['issued'])}"}[stands]
    said.add(Statement("f1-visas-title", text, ev, ((rel, "latest", "peak"),)))
    said.add(Statement("f1-visas-desc", f"Grouped bars of F-1 visas issued to nationals of China and India, by US "
                       f"fiscal year from FY{int(table['fiscal_year'].min())} to FY{int(table['fiscal_year'].max())}.",
                       {}))
    student_context.f1_text(china, notes, top["fiscal_year"], last["fiscal_year"], said)


def overview(events: pd.DataFrame, cutoff, said: Statements) -> None:
    """The chapter's opening, written for its as-of date."""
    visa = ev_.episode(events)
    visa = visa[visa["category"] == "visas"]
    if visa.empty:
        text = (f"By {day(cutoff)}, the data records no US visa measure aimed at Chinese students in 2025. This "
                "chapter sets the two long series the story rests on: students in the US by place of origin (IIE "
                "Open Doors), and F-1 student visas issued by the State Department.")
    else:
        first = visa.iloc[0]
        text = (f"Student visas are not usually part of trade talks. The first visa event of 2025 in the data, on "
                f"{day(first['date'])}: “{first['title']}”. This chapter sets the visa dispute against two long "
                "series: students in the US by place of origin (IIE Open Doors), and F-1 student visas issued by "
                "the State Department.")
    said.add(Statement("students-overview", text, {"visa_events": len(visa)}, (), tuple(visa["source_id"].head(1))))


def chapter(book) -> Chapter:
    """Every statement of the students chapter, and the tables its charts draw."""
    table = book.table("students_by_origin")
    said = Statements()
    overview(book.table("events"), book.cutoff, said)
    trend(table, said)
    ranks, year = ranking(table, said)
    notes = book.table("series_notes")
    shares = share(table, notes, said)
    student_context.remark(book, said)
    student_context.opt(book, said)
    visas(book.table("f1_visas"), notes, said)
    student_context.timing(book, said)
    pair = table[table["place_of_origin"].isin(["China", "India"])]
    visas_ = book.table("f1_visas")
    return Chapter(said, {"pair": pair, "ranking": ranks, "ranking_year": year, "share": shares,
                          "visas": visas_[visas_["nationality"].isin([st.CHINA_VISAS, "India"])]})
