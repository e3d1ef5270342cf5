"""Check a data folder against its contract (datapackage.json): `tradefight check DIR`.

It prints one line per problem, naming the file, the line and the column and saying what was expected,
and exits 1 if there is any. No traceback.

Accepted and normalised (as `data.load` reads them): a byte-order mark, Windows line endings, spaces
around a cell. Refused: a file that is missing, empty, larger than MAX_BYTES or not UTF-8; a missing,
extra or misspelt column; a value of the wrong type (a date not written YYYY-MM-DD, a number with a
thousands separator), out of range (a negative count, a share above 100) or not allowed; a duplicated
row; a source_id that sources.csv does not list; an effective date before its announcement; a
`replaces` id that is not an earlier row of the same side; a date on which something happened that is
later than the data's own as-of date (the day it was last compiled: the latest date_accessed in
sources.csv). Frictionless does the row checks.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import csvsafe, data, rules
from .rules import HAPPENED  # noqa: F401  (re-exported: the tests name it here)

CONTRACT = "datapackage.json"
SAFE_PATH = re.compile(r"^[A-Za-z0-9_-]+\.csv$")  # a data file sits in the data folder itself
MAX_BYTES = 5 * 1024 * 1024  # far beyond any real table here (the largest is about 100 KB)
TYPE_WORDS = {
    "integer": "a whole number with no thousands separators (e.g. 277398)",
    "number": "a number with no thousands separators or % sign (e.g. 12.5)",
    "date": "a date written YYYY-MM-DD",
    "boolean": "true or false",
    "string": "text",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, where it is and what was expected."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line is not None else "")
        where += f', column "{self.column}"' if self.column else ""
        return f"{where}: {self.message}"


def load_contract(data_dir: Path) -> dict:
    """The folder's datapackage.json (read once per version of the file)."""
    return data.contract(str(data_dir))


def report(problems: list[Problem], limit: int = 50) -> str:
    """The problems as indented lines, at most `limit` of them (and how many more there are)."""
    lines = [f"  {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit} more")
    return "\n".join(lines)


def _field(resource: dict, name: str | None) -> dict:
    return next((f for f in resource["schema"]["fields"] if f["name"] == name), {})


def _show(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def read_table(data_dir: Path, resource: dict) -> tuple[list[list[str]], list[Problem]]:
    """The file's rows (header first), normalised, or the problems that stop it being read."""
    path, name = data_dir / resource["path"], f"{data_dir.name}/{resource['path']}"
    expected = [f["name"] for f in resource["schema"]["fields"]]
    if not path.is_file():
        return [], [Problem(name, None, None, "file is missing; the contract lists it")]
    if path.stat().st_size > MAX_BYTES:
        return [], [Problem(name, None, None, f"file is {path.stat().st_size:,} bytes; expected at most "
                            f"{MAX_BYTES:,} (a table this large is not one of this book's)")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return [], [Problem(name, line, None, f"byte {raw[err.start]:#04x} is not UTF-8; save the file as UTF-8")]
    if not text.strip():
        return [], [Problem(name, None, None, f"file is empty; expected a header row: {','.join(expected)}")]
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    header = rows[0]
    if header == expected:
        return rows, []
    problems = [Problem(name, 1, c, "column is missing from the header") for c in expected if c not in header]
    problems += [Problem(name, 1, c, f"column is not in the contract (expected only: {', '.join(expected)})")
                 for c in header if c not in expected]
    return rows, problems or [Problem(name, 1, None, f"columns are out of order; expected {','.join(expected)}")]


def _explain(resource: dict, error) -> str:
    """One plain sentence for a Frictionless error."""
    field = _field(resource, getattr(error, "field_name", None))
    cell, kind, note = getattr(error, "cell", None), error.type, error.note
    if kind == "type-error":
        return f"found {_show(cell)}, expected {TYPE_WORDS.get(field.get('type'), field.get('type'))}"
    if kind == "constraint-error":
        rules = field.get("constraints", {})
        for rule, words in (("required", lambda: "value is missing; this column is required"),
                            ("minimum", lambda: f"found {_show(cell)}, expected at least {rules['minimum']}"),
                            ("maximum", lambda: f"found {_show(cell)}, expected at most {rules['maximum']}"),
                            ("enum", lambda: f"found {_show(cell)}, expected one of: {', '.join(rules['enum'])}"),
                            ("pattern", lambda: f"found {_show(cell)}, expected text matching {rules['pattern']}"),
                            ("maxLength", lambda: f"found {len(str(cell))} characters, expected at most "
                                                  f"{rules['maxLength']}")):
            if f'"{rule}"' in note:
                return words()
        return f"found {_show(cell)}: {note}"
    if kind == "primary-key":
        keys = ", ".join(resource["schema"]["primaryKey"])
        return f"duplicate row: same {keys} as line {note.rsplit(' ', 1)[-1]}; each ({keys}) must appear once"
    if kind == "foreign-key":
        cells = getattr(error, "field_cells", None) or getattr(error, "cells", None) or []
        value = cells[0] if cells and isinstance(cells, list) else cell
        return f"source_id {_show(value)} is not listed in sources.csv; add the source there first"
    if kind == "blank-row":
        return "row is blank; remove it"
    if kind in ("extra-cell", "missing-cell"):
        return f"row has {'more' if kind == 'extra-cell' else 'fewer'} cells than the header has columns"
    return note or error.message


def _check_rows(data_dir: Path, contract: dict, tables: dict, only: set | None = None) -> list[Problem]:
    from frictionless import Package, Resource, Schema, system

    by_name = {r["name"]: r for r in contract["resources"] if only is None or r["name"] in only | {"sources"}}
    with system.use_context(trusted=True):
        package = Package(resources=[Resource(name=n, data=tables[n], schema=Schema.from_descriptor(r["schema"]))
                                     for n, r in by_name.items()])
        report = package.validate()
    problems = []
    for task in report.tasks:
        resource, typed = by_name[task.name], set()
        for error in task.errors:
            line = getattr(error, "row_number", None)
            if error.type == "type-error":
                typed.add(line)
            if error.type == "primary-key" and (line in typed or "all \"None\"" in error.note):
                continue  # the row's type error already explains it
            column = getattr(error, "field_name", None)
            if error.type == "primary-key":
                column = ", ".join(resource["schema"]["primaryKey"])
            elif error.type == "foreign-key":
                column = "source_id"
            problems.append(Problem(f"{data_dir.name}/{resource['path']}", line, column, _explain(resource, error)))
    return problems


def validate(data_dir: str | Path, only: set[str] | None = None) -> list[Problem]:
    """Every problem in the folder, in file order. An empty list means the data is good.
    `only` limits the row checks to those tables (and sources.csv, which they refer to): the build passes
    the files changed since the folder last passed, when the contract and sources.csv are unchanged."""
    return check(data_dir, only)[0]


def warnings(data_dir: str | Path) -> list[str]:
    """Text a spreadsheet would run as a formula: allowed in the data, neutralised in every download."""
    return check(data_dir)[1]


def check(data_dir: str | Path, only: set[str] | None = None) -> tuple[list[Problem], list[str]]:
    """The problems (see `validate`) and the formula warnings (see `warnings`), each file read once."""
    data_dir = Path(data_dir).resolve()
    if not (data_dir / CONTRACT).is_file():
        return [Problem(data_dir.name, None, None, f"no {CONTRACT} here; expected a data folder like data/")], []
    contract, tables, problems = load_contract(data_dir), {}, []
    for resource in contract["resources"]:
        if not SAFE_PATH.match(str(resource.get("path", ""))):
            return [Problem(f"{data_dir.name}/{CONTRACT}", None, None, f"resource {resource.get('name')!r} has "
                            f"path {_show(resource.get('path'))}; expected a file name in this folder, e.g. "
                            "events.csv")], []
    for resource in contract["resources"]:
        rows, found = read_table(data_dir, resource)
        tables[resource["name"]], problems = rows, problems + found
    notes = _formula_notes(data_dir, contract, tables)
    if problems:  # row checks on a misshapen file only repeat the same fault many times
        return problems, notes
    problems = _check_rows(data_dir, contract, tables, only)
    return problems or rules.check(data_dir, contract, tables, Problem), notes


def _formula_notes(data_dir: Path, contract: dict, tables: dict) -> list[str]:
    out = []
    for resource in contract["resources"]:
        rows = tables[resource["name"]]
        for line, row in enumerate(rows[1:], start=2):
            for col, cell in zip(rows[0], row):
                if csvsafe.risky(cell):
                    out.append(f"{data_dir.name}/{resource['path']}, line {line}, column \"{col}\": text "
                               f"{_show(cell)} begins like a spreadsheet formula; downloads will show it as text")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: print the problems (or a pass line); exit 1 on any problem."""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0] if args else "data")
    problems, notes = check(data_dir)
    if problems:
        print(f"Data check failed: {len(problems)} problem(s) in {data_dir}/\n{report(problems)}", file=sys.stderr)
        print("Nothing was built; the site already built is unchanged.", file=sys.stderr)
        return 1
    for w in notes:
        print(f"  note: {w}")
    print(f"Data check passed: {data_dir}/ matches {CONTRACT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
