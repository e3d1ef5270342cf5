"""Check a data folder against its contract (data/datapackage.json).

Run it as ``python -m tradefight.validate DATA_DIR``. It prints one line per problem, naming the file,
the line and the column and saying what was expected, and exits 1 if there is any. No traceback.

The contract is a Frictionless Data Package. Frictionless does the row checks (types, ranges, enums,
unique keys, foreign keys to sources.csv); this module adds the checks whose Frictionless messages are
hard to read (file missing, empty, not UTF-8, columns missing or renamed) and turns every error into
one plain sentence.
"""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

CONTRACT = "datapackage.json"

TYPE_WORDS = {
    "integer": "a whole number with no thousands separators (e.g. 277398)",
    "number": "a number with no thousands separators or % sign (e.g. 12.5)",
    "date": "a date written YYYY-MM-DD",
    "boolean": "true or false",
    "string": "text",
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f', column "{self.column}"'
        return f"{where}: {self.message}"


def load_contract(data_dir: Path) -> dict:
    with open(Path(data_dir) / CONTRACT, encoding="utf-8") as fh:
        return json.load(fh)


def _field(resource: dict, name: str | None) -> dict:
    for f in resource["schema"]["fields"]:
        if f["name"] == name:
            return f
    return {}


def _show(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _check_file_shape(data_dir: Path, resource: dict) -> list[Problem]:
    """File exists, is UTF-8, is not empty, and has exactly the contract's columns in order."""
    path = data_dir / resource["path"]
    name = f"{data_dir.name}/{resource['path']}"
    expected = [f["name"] for f in resource["schema"]["fields"]]
    if not path.is_file():
        return [Problem(name, None, None, "file is missing; the contract lists it")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return [Problem(name, line, None, f"byte {raw[err.start]:#04x} is not UTF-8; save the file as UTF-8")]
    if not text.strip():
        return [Problem(name, None, None, f"file is empty; expected a header row: {','.join(expected)}")]
    header = next(csv.reader(text.lstrip("\ufeff").splitlines()))
    if header == expected:
        return []
    problems = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for col in missing:
        problems.append(Problem(name, 1, col, "column is missing from the header"))
    for col in extra:
        problems.append(Problem(name, 1, col, "column is not in the contract (check its spelling)"))
    if not problems:
        problems.append(Problem(name, 1, None, f"columns are out of order; expected {','.join(expected)}"))
    return problems


def _explain(resource: dict, error) -> str:
    """One plain sentence for a Frictionless error."""
    field = _field(resource, getattr(error, "field_name", None))
    cell = getattr(error, "cell", None)
    kind = error.type
    if kind == "type-error":
        return f"found {_show(cell)}, expected {TYPE_WORDS.get(field.get('type'), field.get('type'))}"
    if kind == "constraint-error":
        rules = field.get("constraints", {})
        note = error.note
        if '"required"' in note:
            return "value is missing; this column is required"
        if '"minimum"' in note:
            return f"found {_show(cell)}, expected at least {rules['minimum']}"
        if '"maximum"' in note:
            return f"found {_show(cell)}, expected at most {rules['maximum']}"
        if '"enum"' in note:
            return f"found {_show(cell)}, expected one of: {', '.join(rules['enum'])}"
        if '"pattern"' in note:
            return f"found {_show(cell)}, expected text matching {rules['pattern']}"
        if '"maxLength"' in note:
            return f"found {len(str(cell))} characters, expected at most {rules['maxLength']}"
        return f"found {_show(cell)}: {note}"
    if kind == "primary-key":
        keys = ", ".join(resource["schema"]["primaryKey"])
        other = error.note.rsplit(" ", 1)[-1]
        return f"duplicate row: same {keys} as line {other}; each ({keys}) must appear once"
    if kind == "foreign-key":
        return "source_id is not listed in sources.csv; add the source there first"
    if kind in ("blank-row",):
        return "row is blank; remove it"
    if kind in ("extra-cell", "missing-cell"):
        return f"row has {'more' if kind == 'extra-cell' else 'fewer'} cells than the header has columns"
    return error.note or error.message


def _check_rows(data_dir: Path, contract: dict) -> list[Problem]:
    from frictionless import Package, system

    by_name = {r["name"]: r for r in contract["resources"]}
    with system.use_context(trusted=True):
        package = Package(contract, basepath=str(data_dir))
        report = package.validate()
    problems = []
    for task in report.tasks:
        resource = by_name[task.name]
        for error in task.errors:
            line = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            if error.type in ("primary-key", "foreign-key"):
                column = ", ".join(resource["schema"]["primaryKey"]) if error.type == "primary-key" else "source_id"
            problems.append(Problem(f"{data_dir.name}/{resource['path']}", line, column, _explain(resource, error)))
    return problems


def _check_dates(data_dir: Path) -> list[Problem]:
    """Rules across columns that the schema cannot say."""
    problems = []
    path = data_dir / "tariff_actions.csv"
    with open(path, encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if row["effective_date"] and row["announced_date"] and row["effective_date"] < row["announced_date"]:
                problems.append(Problem(f"{data_dir.name}/tariff_actions.csv", line, "effective_date",
                                        f"found {row['effective_date']}, expected on or after announced_date "
                                        f"{row['announced_date']}"))
    return problems


def validate(data_dir: str | Path) -> list[Problem]:
    """Every problem in the folder, in file order. An empty list means the data is good."""
    data_dir = Path(data_dir).resolve()
    if not (data_dir / CONTRACT).is_file():
        return [Problem(data_dir.name, None, None, f"no {CONTRACT} here; expected a data folder like data/")]
    contract = load_contract(data_dir)
    problems: list[Problem] = []
    for resource in contract["resources"]:
        problems += _check_file_shape(data_dir, resource)
    if problems:  # row checks on a misshapen file only repeat the same fault many times
        return problems
    problems += _check_rows(data_dir, contract)
    if not problems:
        problems += _check_dates(data_dir)
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0] if args else "data")
    problems = validate(data_dir)
    if problems:
        print(f"Data check failed: {len(problems)} problem(s) in {data_dir}/", file=sys.stderr)
        for p in problems[:50]:
            print(f"  {p}", file=sys.stderr)
        if len(problems) > 50:
            print(f"  ... and {len(problems) - 50} more", file=sys.stderr)
        print("Nothing was built; the site already built is unchanged.", file=sys.stderr)
        return 1
    print(f"Data check passed: {data_dir}/ matches {CONTRACT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
