"""Statements that set the student and visa series in context: their caveats, what they cannot yet show, and
the figures others gave (a survey, a remark)."""
from __future__ import annotations

import pandas as pd

from .. import caveats
from .. import events as ev_
from .. import students as st
from ..measures import peak_and_latest
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


def _quotes(book, measure: str) -> pd.DataFrame:
    """The quotes that state one measure (with a value), oldest first."""
    quotes = book.table("quotes")
    return quotes[(quotes["measure"] == measure) & quotes["value"].notna()].sort_values("date", kind="stable")


def _where(place) -> str:
    """Whose students a figure is about, for a sentence ("" when the data names no place)."""
    if not isinstance(place, str):
        return ""
    return "from every country" if place == st.ALL else f"from {place}"


def timing(book, said: Statements) -> None:
    """Where the latest counts fall against the first US visa measure in the data, and a survey after it."""
    visa = ev_.episode(book.table("events"))
    visa = visa[(visa["category"] == "visas") & (visa["actor"] == "US")]
    students = st.series(book.table("students_by_origin"), "China")
    visas = book.table("f1_visas")
    if visa.empty or students.empty or visas.empty:
        said.add(Statement("students-timing-text", "", {"visa_events": len(visa)}))
        return
    first = visa["date"].iloc[0]
    year, fy = students["academic_year"].iloc[-1], int(visas["fiscal_year"].max())
    began, over = caveats.academic_year_began(year), caveats.academic_year_over(year)
    ended = caveats.fiscal_year_ended(fy)
    ev = {"measure": first, "open_doors_year": year, "began": began, "over": over, "fiscal_year": fy,
          "ended": ended}
    od = ("which had ended before it" if over < first else "which began after it" if began > first else
          "the academic year in which the measure came")
    od_rel = ("lt", "over", "measure") if over < first else ("gt", "began", "measure") if began > first else \
        ("ge", "over", "measure")
    fy_words, fy_rel = (("which ended before it", "lt") if ended < first else ("which ended after it", "ge"))
    parts = [f"The first US visa measure in the data came on {day(first)}. The latest Open Doors count is for "
             f"{year}, {od}; the latest F-1 figures are for FY{fy}, {fy_words} (on {day(ended)})."]
    if began <= first and ended < first:
        parts.append("So no series here covers a full year after the measure.")
    asserts = [od_rel, (fy_rel, "ended", "measure")]
    new = _quotes(book, "new_enrolment_change")
    new = new[new["date"] >= first]
    cited = [visa["source_id"].iloc[0]]
    if len(new):
        q = new.iloc[-1]
        total = _quotes(book, "total_enrolment_change")
        total = total[(total["date"] == q["date"]) & (total["source_id"] == q["source_id"])]
        parts.append(f"Published on {day(q['date'])}, {q['speaker']} found: “{q['quote']}”")
        if len(total):
            parts.append(f"It also reported: “{total['quote'].iloc[0]}”")
        whose = _where(q["place"])
        if whose == "from every country":
            parts.append("These are changes for students from every country, not China alone.")
        ev.update({"survey_change_pct": float(q["value"]), "survey_date": q["date"]})
        asserts.append(("ge", "survey_date", "measure"))
        cited += [q["source_id"], *total["source_id"]]
    said.add(Statement("students-timing-text", " ".join(parts), ev, tuple(asserts), tuple(dict.fromkeys(cited))))


def remark(book, said: Statements) -> None:
    """A number of students someone said would be allowed, set against the counts from that place."""
    quotes = _quotes(book, "students_remark")
    if quotes.empty:
        said.add(Statement("students-remark-text", "", {"remarks": 0}))
        return
    q = quotes.iloc[-1]
    place = q["place"] if isinstance(q["place"], str) else None
    rows = st.series(book.table("students_by_origin"), place) if place else pd.DataFrame()
    if rows.empty:  # no place named, or none counted: nothing to set the figure against
        said.add(Statement("students-remark-text", "", {"remarks": 0}))
        return
    top, last, stands = peak_and_latest(rows, "students", "academic_year")
    said_n, latest_n, peak_n = float(q["value"]), int(last["students"]), int(top["students"])
    w1, r1 = caveats.times_words(said_n, latest_n)
    w2, r2 = caveats.times_words(said_n, peak_n)
    ev = {"said": said_n, "latest": latest_n, "peak": peak_n}
    text = (f"On {day(q['date'])}, {q['speaker']} said: “{q['quote']}” The remark, as reported, named no period. "
            f"That figure is {w1} the {count(latest_n)} students {_where(place)} counted in {last['academic_year']}")
    text += (", the latest count, which is also the highest in the data." if stands == "peak"
             else f", and {w2} the peak of {count(peak_n)} in {top['academic_year']}.")
    said.add(Statement("students-remark-text", text, ev, ((r1, "said", "latest"), (r2, "said", "peak")),
                       (q["source_id"], last["source_id"])))


def opt(book, said: Statements) -> None:
    """A reported count of students on Optional Practical Training, against that place's count that year."""
    quotes = _quotes(book, "students_on_opt")
    table = book.table("students_by_origin")
    for q in quotes.iloc[::-1].itertuples():
        if not isinstance(q.place, str) or not isinstance(q.academic_year, str):
            continue
        row = st.row_in(table, q.place, q.academic_year)
        if row is None:
            continue
        count_then = int(row["students"])
        share = round(100 * float(q.value) / count_then, 1)
        whose = "International students'" if q.place == st.ALL else f"{q.place}'s"
        said.add(Statement("students-opt-text", f"{whose} count includes students on Optional Practical Training, a "
                           f"period of work in their field of study: {q.speaker} gave {count(q.value)} for "
                           f"{q.academic_year}, {pct(share, 1)} of the {count(count_then)} counted.",
                           {"opt": float(q.value), "count": count_then, "share_pct": share},
                           (("le", "opt", "count"),), (q.source_id, row["source_id"])))
        return
    said.add(Statement("students-opt-text", "", {"opt_figures": 0}))
