"""The data contract: good data passes; each kind of bad data is refused with file, line and column."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from tradefight import validate

from .conftest import DATA, ROOT


def rewrite(path, edit):
    """Apply edit(rows) to a CSV file (rows include the header)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows = edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(path, line, column, value):
    def edit(rows):
        rows[line - 1][rows[0].index(column)] = value
        return rows
    rewrite(path, edit)


def only(problems):
    assert len(problems) >= 1, "expected the data check to fail"
    return problems[0]


def test_the_curated_data_passes():
    assert validate.validate(DATA) == []


def test_text_in_a_numeric_column(data_copy):
    set_cell(data_copy / "students_by_origin.csv", 3, "students", "277,398")
    p = only(validate.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/students_by_origin.csv", 3, "students")
    assert "'277,398'" in p.message and "whole number" in p.message


def test_a_missing_column(data_copy):
    rewrite(data_copy / "f1_visas.csv", lambda rows: [r[:3] + r[4:] for r in rows])
    p = only(validate.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/f1_visas.csv", 1, "issued")
    assert "missing" in p.message


def test_an_empty_file(data_copy):
    (data_copy / "events.csv").write_text("", encoding="utf-8")
    p = only(validate.validate(data_copy))
    assert p.file == "data/events.csv" and "empty" in p.message and "event_id" in p.message


def test_a_share_above_100(data_copy):
    set_cell(data_copy / "rare_earth_shares.csv", 2, "china_share_pct", "120")
    p = only(validate.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/rare_earth_shares.csv", 2, "china_share_pct")
    assert "at most 100" in p.message


def test_a_duplicated_row(data_copy):
    rewrite(data_copy / "students_by_origin.csv", lambda rows: rows + [rows[1]])
    problems = validate.validate(data_copy)
    p = only(problems)
    assert p.file == "data/students_by_origin.csv" and "duplicate" in p.message and "line 2" in p.message
    assert p.line == sum(1 for _ in open(data_copy / "students_by_origin.csv", encoding="utf-8"))


def test_bytes_that_are_not_utf8(data_copy):
    path = data_copy / "events.csv"
    path.write_bytes(path.read_bytes().replace("Trump".encode(), "Tr\xfcmp".encode("latin-1"), 1))
    p = only(validate.validate(data_copy))
    assert p.file == "data/events.csv" and "not UTF-8" in p.message and p.line >= 2


def test_a_source_that_is_not_listed(data_copy):
    set_cell(data_copy / "tariff_actions.csv", 2, "source_id", "no-such-source")
    p = only(validate.validate(data_copy))
    assert (p.line, p.column) == (2, "source_id") and "sources.csv" in p.message


def test_a_bad_date_and_an_unknown_category(data_copy):
    set_cell(data_copy / "events.csv", 2, "date", "9 June 2025")
    set_cell(data_copy / "events.csv", 3, "category", "sports")
    problems = validate.validate(data_copy)
    assert [(p.line, p.column) for p in problems] == [(2, "date"), (3, "category")]
    assert "YYYY-MM-DD" in problems[0].message and "tariffs" in problems[1].message


def test_effective_before_announced(data_copy):
    set_cell(data_copy / "tariff_actions.csv", 2, "effective_date", "2000-01-01")
    p = only(validate.validate(data_copy))
    assert (p.line, p.column) == (2, "effective_date") and "announced_date" in p.message


def test_a_negative_count(data_copy):
    set_cell(data_copy / "rare_earth_production.csv", 2, "production_t", "-5")
    p = only(validate.validate(data_copy))
    assert p.column == "production_t" and "at least 0" in p.message


def test_the_command_line_prints_no_traceback(data_copy):
    set_cell(data_copy / "rare_earth_shares.csv", 2, "china_share_pct", "101")
    result = subprocess.run([sys.executable, "-m", "tradefight.validate", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'data/rare_earth_shares.csv, line 2, column "china_share_pct"' in result.stderr


@pytest.mark.parametrize("name", [r["name"] for r in validate.load_contract(DATA)["resources"]])
def test_every_row_names_a_listed_source(name):
    """Each dataset's own contract test: every row has a source that sources.csv lists."""
    from tradefight import data

    table = data.load(DATA, name)
    listed = set(data.load(DATA, "sources")["source_id"])
    assert len(table) > 0, f"{name} has no rows"
    assert table["source_id"].notna().all()
    if name != "sources":
        assert set(table["source_id"]) <= listed
        assert table["source_locator"].notna().all(), f"{name}: every row says where in the source it is"
