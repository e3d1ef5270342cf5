"""Statements that set the student and visa series in context: their caveats, what they cannot yet show, and
the figures others gave (a survey, a remark)."""
from __future__ import annotations

import pandas as pd

from .. import caveats
from .. import events as ev_
from .. import students as st
from ..text import count, day, pct
from .core import Statement, Statements


def f1_text(visas: pd.DataFrame, notes: pd.DataFrame, peak_year, latest_year, said: Statements) -> None:
    """What the F-1 series counts, and the caveats that meet its peak-to-latest comparison."""
    text = ("F-1 visas count issuances, not students: one visa can cover several years of study, so the series "
            "should not be read as new students.")
    lo, hi = sorted((int(peak_year), int(latest_year)))
    found = caveats.rows_for(notes, "f1_visas", int(visas["fiscal_year"].min()), int(visas["fiscal_year"].max()))
    for note in found["note"]:
        text += f" {note}"
    crossing = caveats.rows_for(notes, "f1_visas", lo, hi)
    if lo != hi and len(crossing):
        text += f" So FY{lo} and FY{hi} are not like for like."
    said.add(Statement("f1-visas-text", text, {"notes": len(found), "notes_between": len(crossing)},
                       (), tuple(found["source_id"])))


def timing(book, said: Statements) -> None:
    """Whether the latest counts come before or after the first 2025 visa measure, and the survey after it."""
    visa = ev_.episode(book.table("events"))
    visa = visa[visa["category"] == "visas"]
    students = st.series(book.table("students_by_origin"), "China")
    visas = book.table("f1_visas")
    if visa.empty or students.empty or visas.empty:
        said.add(Statement("students-timing-text", "", {"visa_events": len(visa)}))
        return
    first = visa["date"].iloc[0]
    year, fy = students["academic_year"].iloc[-1], int(visas["fiscal_year"].max())
    began, ended = caveats.academic_year_began(year), caveats.fiscal_year_ended(fy)
    ev = {"measure": first, "open_doors_year": year, "began": began, "fiscal_year": fy, "ended": ended}
    od_before, fy_before = began < first, ended < first
    parts = [f"The latest Open Doors count in the data is for {year}, the academic year that began in autumn "
             f"{caveats.start_year(year)}; the latest F-1 figures are for FY{fy}, which ended on {day(ended)}."]
    if od_before and fy_before:
        parts.append(f"Both began before the first visa measure of 2025, on {day(first)}, so neither series "
                     "here can show what followed it.")
    else:
        after = [f"the Open Doors count for {year}" if not od_before else "",
                 f"the F-1 figures for FY{fy}" if not fy_before else ""]
        parts.append(f"Of these, {' and '.join(a for a in after if a)} cover time after the first visa measure of "
                     f"2025, on {day(first)}.")
    asserts = [("lt" if od_before else "ge", "began", "measure"), ("lt" if fy_before else "ge", "ended", "measure")]
    survey = book.table("quotes")
    survey = survey[survey["unit"] == "percent change"].sort_values("date")
    if len(survey) and survey["date"].iloc[-1] >= first:
        q = survey.iloc[-1]
        parts.append(f"Published on {day(q['date'])}, {q['speaker']} found: “{q['quote']}” It is a survey of "
                     "colleges and counts students from every country, not China alone.")
        ev.update({"survey_change_pct": float(q["value"]), "survey_date": q["date"]})
        asserts.append(("ge", "survey_date", "measure"))
    said.add(Statement("students-timing-text", " ".join(parts), ev, tuple(asserts)))


def remark(book, said: Statements) -> None:
    """A figure of students given in public words, set against the counts."""
    quotes = book.table("quotes")
    quotes = quotes[quotes["unit"] == "students"].sort_values("date")
    china = st.series(book.table("students_by_origin"), "China")
    if quotes.empty or china.empty:
        said.add(Statement("students-remark-text", "", {"remarks": 0}))
        return
    q, last = quotes.iloc[-1], china.iloc[-1]
    top = china.loc[china["students"].idxmax()]
    said_n, latest_n, peak_n = float(q["value"]), int(last["students"]), int(top["students"])
    w1, r1 = caveats.times_words(said_n, latest_n)
    w2, r2 = caveats.times_words(said_n, peak_n)
    ev = {"said": said_n, "latest": latest_n, "peak": peak_n}
    text = (f"On {day(q['date'])}, {q['speaker']} said: “{q['quote']}” That figure is {w1} the {count(latest_n)} "
            f"students from China counted in {last['academic_year']}")
    text += (f", the latest count, which is also the highest in the data." if last["academic_year"] == top["academic_year"]
             else f", and {w2} the peak of {count(peak_n)} in {top['academic_year']}.")
    said.add(Statement("students-remark-text", text, ev, ((r1, "said", "latest"), (r2, "said", "peak")),
                       (q["source_id"],)))


def india_opt(book, said: Statements) -> None:
    """India's count on Optional Practical Training, as reported, against its Open Doors count that year."""
    quotes = book.table("quotes")
    quotes = quotes[quotes["unit"] == "students on OPT"].sort_values("date")
    editions = book.table("editions")
    india = st.series(book.table("students_by_origin"), "India")
    if quotes.empty or india.empty:
        said.add(Statement("students-opt-text", "", {"opt_figures": 0}))
        return
    q = quotes.iloc[-1]
    known = editions[(editions["dataset"] == "students_by_origin") & (editions["date_published"] <= q["date"])]
    years = india[india["academic_year"].isin(known["edition"])]
    if years.empty:
        said.add(Statement("students-opt-text", "", {"opt_figures": 0}))
        return
    row = years.iloc[-1]
    share = round(100 * float(q["value"]) / int(row["students"]), 1)
    said.add(Statement("students-opt-text", f"India's count includes students on Optional Practical Training, a "
                       f"period of work in their field of study: {q['speaker']} gave {count(q['value'])} for "
                       f"{row['academic_year']}, {pct(share, 1)} of India's {count(row['students'])}.",
                       {"opt": float(q["value"]), "india": int(row["students"]), "share_pct": share},
                       (("lt", "opt", "india"),), (q["source_id"], row["source_id"])))
