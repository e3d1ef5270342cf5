"""Rules across columns and files that a Frictionless schema cannot say (used by `contract`)."""
from __future__ import annotations

import re
from pathlib import Path

from .timecut import PUBLISHED, ROW_DATE

# Dates of things that happened: each table's own date (timecut.ROW_DATE) and sources' publication dates. Not
# scheduled ones, such as an effective date, an expiry or the day a scenario's window opens.
HAPPENED = {**{name: [col] for name, col in ROW_DATE.items() if name != "scenarios"}, "sources": ["date_published"]}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What a quote must say besides its words, by what it measures (quotes.csv `measure`).
NEEDS = {"students_remark": ("value", "place"), "students_on_opt": ("value", "place", "academic_year"),
         "new_enrolment_change": ("value", "place"), "total_enrolment_change": ("value", "place")}


def rows(table: list[list[str]]) -> list[dict]:
    """A file's rows (header first) as dicts."""
    return [dict(zip(table[0], r)) for r in table[1:]] if table else []


def check(data_dir: Path, contract: dict, tables: dict, problem) -> list:
    """Every problem across columns and files; `problem(file, line, column, message)` makes one."""
    out, paths = [], {r["name"]: r["path"] for r in contract["resources"]}
    for res in contract["resources"]:
        where = f"{data_dir.name}/{res['path']}"
        dates = [f["name"] for f in res["schema"]["fields"] if f.get("type") == "date"]
        for line, row in enumerate(rows(tables.get(res["name"])), start=2):
            for col in dates:
                if row.get(col) and not ISO_DATE.match(row[col]):
                    out.append(problem(where, line, col, f"found {row[col]!r}, expected a date written YYYY-MM-DD "
                                       "(two digits for month and day)"))
    for line, row in enumerate(rows(tables.get("tariff_actions")), start=2):
        if row.get("effective_date") and row.get("announced_date") and row["effective_date"] < row["announced_date"]:
            out.append(problem(f"{data_dir.name}/{paths['tariff_actions']}", line, "effective_date",
                               f"found {row['effective_date']}, expected on or after announced_date "
                               f"{row['announced_date']}"))
    out += _replaces(rows(tables.get("tariff_actions")), f"{data_dir.name}/{paths['tariff_actions']}", problem)
    for line, row in enumerate(rows(tables.get("quotes")), start=2):
        for col in NEEDS.get(row.get("measure"), ()):
            if not (row.get(col) or "").strip():
                out.append(problem(f"{data_dir.name}/{paths['quotes']}", line, col,
                                   f"value is missing; a quote that measures {row['measure']} needs a {col}"))
    for line, row in enumerate(rows(tables.get("series_notes")), start=2):
        if row.get("year_from", "").isdigit() and row.get("year_to", "").isdigit() and row["year_to"] < row["year_from"]:
            out.append(problem(f"{data_dir.name}/{paths['series_notes']}", line, "year_to",
                               f"found {row['year_to']}, expected a year on or after year_from {row['year_from']}"))
    sources = rows(tables.get("sources"))
    compiled = max((r["date_accessed"] for r in sources if r.get("date_accessed")), default="")
    for name, columns in HAPPENED.items():
        for line, row in enumerate(rows(tables.get(name)), start=2):
            for col in columns:
                if compiled and row.get(col) and row[col] > compiled:
                    out.append(problem(f"{data_dir.name}/{paths[name]}", line, col,
                                       f"found {row[col]}, a date after the data's as-of date {compiled} (the "
                                       "latest date_accessed in sources.csv); expected a date on or before it"))
    dated = {r["source_id"] for r in sources if r.get("date_published")}
    for name in PUBLISHED:
        reported = set()
        for line, row in enumerate(rows(tables.get(name)), start=2):
            sid = row.get("source_id")
            if sid and sid not in dated and sid not in reported:
                reported.add(sid)
                out.append(problem(f"{data_dir.name}/{paths[name]}", line, "source_id",
                                   f"source {sid!r} has no date_published in sources.csv; expected one: the book "
                                   "places this figure in time by its source's date"))
    return out


def _replaces(actions: list[dict], where: str, problem) -> list:
    """Each id in `replaces` names another row of the same side that took effect earlier."""
    out, known = [], {r.get("action_id"): r for r in actions}
    for line, row in enumerate(actions, start=2):
        for old in (row.get("replaces") or "").split():
            earlier = known.get(old)
            if earlier is None or earlier.get("imposer") != row.get("imposer") or \
                    (earlier.get("effective_date") or "") >= (row.get("effective_date") or ""):
                out.append(problem(where, line, "replaces", f"found {old!r}, expected the action_id of an earlier "
                                   "row of the same side (effective before this one)"))
    return out
