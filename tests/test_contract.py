"""The data contract (tradefight.contract): the curated data passes; each kind of bad input is refused
with file, line and column and a plain message; a few harmless differences are accepted and normalised."""
from __future__ import annotations

import csv
import subprocess
import sys

import pandas as pd
import pytest

from tradefight import contract, data

from .helpers import DATA, ROOT, line_of, rewrite, set_cell


def only(problems):
    """The single problem the check found (fails if it found none or several)."""
    assert len(problems) == 1, f"expected exactly one problem, got {[str(p) for p in problems]}"
    return problems[0]


def as_of(data_dir) -> str:
    """The data's as-of date as the contract defines it: the latest date_accessed in sources.csv."""
    with open(data_dir / "sources.csv", encoding="utf-8", newline="") as fh:
        return max(r["date_accessed"] for r in csv.DictReader(fh) if r["date_accessed"])


# --- the curated data -------------------------------------------------------------------------------------

def test_the_curated_data_passes():
    assert contract.validate(DATA) == []


def test_the_curated_data_has_no_formula_warnings():
    assert contract.warnings(DATA) == []


def test_a_folder_without_a_contract_is_refused(tmp_path):
    p = only(contract.validate(tmp_path))
    assert p.line is None and "datapackage.json" in p.message


def test_a_problem_reads_as_file_line_column_message():
    p = contract.Problem("data/x.csv", 3, "students", "found 'a'")
    assert str(p) == 'data/x.csv, line 3, column "students": found \'a\''
    assert str(contract.Problem("data/x.csv", None, None, "file is empty")) == "data/x.csv: file is empty"


# --- refused: ported from the earlier tests/test_validate.py and extended ---------------------------------

def test_text_in_a_number_column(data_copy):
    set_cell(data_copy / "students_by_origin.csv", 3, "students", "277,398")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/students_by_origin.csv", 3, "students")
    assert "'277,398'" in p.message and "whole number" in p.message


def test_a_missing_column(data_copy):
    rewrite(data_copy / "f1_visas.csv", lambda rows: [r[:3] + r[4:] for r in rows])
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/f1_visas.csv", 1, "issued")
    assert "missing" in p.message


def test_an_empty_file(data_copy):
    (data_copy / "events.csv").write_text("", encoding="utf-8")
    p = only(contract.validate(data_copy))
    assert p.file == "data/events.csv" and "empty" in p.message and "event_id" in p.message


def test_a_missing_file(data_copy):
    (data_copy / "quotes.csv").unlink()
    p = only(contract.validate(data_copy))
    assert p.file == "data/quotes.csv" and "missing" in p.message


def test_a_share_above_100(data_copy):
    set_cell(data_copy / "rare_earth_shares.csv", 2, "china_share_pct", "120")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/rare_earth_shares.csv", 2, "china_share_pct")
    assert "'120'" in p.message and "at most 100" in p.message


def test_a_duplicated_row(data_copy):
    rewrite(data_copy / "students_by_origin.csv", lambda rows: rows + [rows[1]])
    p = only(contract.validate(data_copy))
    last = sum(1 for _ in open(data_copy / "students_by_origin.csv", encoding="utf-8"))
    assert (p.file, p.line) == ("data/students_by_origin.csv", last)
    assert p.column == "academic_year, place_of_origin"
    assert "duplicate" in p.message and "line 2" in p.message


def test_bytes_that_are_not_utf8(data_copy):
    path = data_copy / "events.csv"
    raw = path.read_bytes()
    assert b"Trump" in raw
    path.write_bytes(raw.replace(b"Trump", "Tr\xfcmp".encode("latin-1"), 1))
    p = only(contract.validate(data_copy))
    expected_line = raw[: raw.index(b"Trump")].count(b"\n") + 1
    assert (p.file, p.line) == ("data/events.csv", expected_line)
    assert "0xfc" in p.message and "not UTF-8" in p.message


def test_a_bad_date_and_an_unknown_category(data_copy):
    set_cell(data_copy / "events.csv", 2, "date", "9 June 2025")
    set_cell(data_copy / "events.csv", 3, "category", "sports")
    problems = contract.validate(data_copy)
    assert [(p.file, p.line, p.column) for p in problems] == [("data/events.csv", 2, "date"),
                                                            ("data/events.csv", 3, "category")]
    assert "'9 June 2025'" in problems[0].message and "YYYY-MM-DD" in problems[0].message
    assert "'sports'" in problems[1].message and "tariffs" in problems[1].message


def test_effective_before_announced(data_copy):
    set_cell(data_copy / "tariff_actions.csv", 2, "effective_date", "2000-01-01")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/tariff_actions.csv", 2, "effective_date")
    assert "2000-01-01" in p.message and "announced_date" in p.message


def test_replaces_must_name_an_earlier_row_of_the_same_side(data_copy):
    path = data_copy / "tariff_actions.csv"
    line = line_of(path, "cn-2025-11-10-farm-end,")
    set_cell(path, line, "replaces", "cn-2025-03-10-farm-15 us-2018-07-06-301-list1")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/tariff_actions.csv", line, "replaces")
    assert "'us-2018-07-06-301-list1'" in p.message and "same side" in p.message
    set_cell(path, line, "replaces", "no-such-row")
    assert "'no-such-row'" in only(contract.validate(data_copy)).message
    later = line_of(path, "us-2018-07-06-301-list1,")
    set_cell(path, line, "replaces", "")
    set_cell(path, later, "replaces", "us-2019-05-10-301-list3-increase")  # a later row cannot be replaced
    assert only(contract.validate(data_copy)).line == later


def test_a_student_quote_must_name_its_place(data_copy):
    path = data_copy / "quotes.csv"
    line = line_of(path, "2025-11-17-iie-fall-snapshot-new,")
    set_cell(path, line, "place", "")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/quotes.csv", line, "place") and "new_enrolment_change" in p.message


def test_a_missing_required_value(data_copy):
    set_cell(data_copy / "events.csv", 4, "title", "")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/events.csv", 4, "title") and "required" in p.message


def test_the_command_line_prints_no_traceback_and_exits_1(data_copy):
    set_cell(data_copy / "rare_earth_shares.csv", 2, "china_share_pct", "101")
    result = subprocess.run([sys.executable, "-m", "tradefight.contract", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert 'data/rare_earth_shares.csv, line 2, column "china_share_pct": found \'101\'' in result.stderr
    assert "Nothing was built" in result.stderr


def test_the_command_line_passes_good_data_and_prints_notes(data_copy, capsys):
    set_cell(data_copy / "events.csv", 2, "description", '=HYPERLINK("http://example.invalid","x")')
    assert contract.main([str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "Data check passed" in out and 'note: data/events.csv, line 2, column "description"' in out


def test_the_command_line_caps_the_list_at_50(data_copy, capsys):
    rewrite(data_copy / "students_by_origin.csv", lambda rows: rows[:1] + [r[:2] + ["x"] + r[3:] for r in rows[1:]])
    rows = len(read_rows(data_copy / "students_by_origin.csv")) - 1
    assert rows > 50
    assert contract.main([str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert f"Data check failed: {rows} problem(s)" in err
    assert err.count("\n  data/students_by_origin.csv") == 50 and f"... and {rows - 50} more" in err


# --- accepted and normalised ------------------------------------------------------------------------------

def write_rows(path, rows, lineterminator="\n"):
    """Write rows (header first) to a CSV file with the given line ending."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator=lineterminator).writerows(rows)


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_a_byte_order_mark_is_accepted_and_loads_the_same(data_copy):
    path = data_copy / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert contract.validate(data_copy) == []
    loaded = data.load(data_copy, "events")
    assert list(loaded.columns)[0] == "event_id"
    pd.testing.assert_frame_equal(loaded, data.load(DATA, "events"))


def test_windows_line_endings_are_accepted_and_load_the_same(data_copy):
    path = data_copy / "tariff_actions.csv"
    write_rows(path, read_rows(path), lineterminator="\r\n")
    assert path.read_bytes().count(b"\r\n") >= 10
    assert contract.validate(data_copy) == []
    pd.testing.assert_frame_equal(data.load(data_copy, "tariff_actions"), data.load(DATA, "tariff_actions"))


def test_spaces_around_cells_are_accepted_and_load_the_same(data_copy):
    path = data_copy / "tariff_actions.csv"
    write_rows(path, [[f"  {cell} " for cell in row] for row in read_rows(path)])
    assert read_rows(path)[1][0].startswith("  ") and read_rows(path)[1][0].endswith(" ")
    assert contract.validate(data_copy) == []
    pd.testing.assert_frame_equal(data.load(data_copy, "tariff_actions"), data.load(DATA, "tariff_actions"))


# --- refused, with file, line, column and what was expected ----------------------------------------------

def test_an_extra_column_is_refused(data_copy):
    rewrite(data_copy / "events.csv", lambda rows: [rows[0] + ["mood"]] + [r + ["calm"] for r in rows[1:]])
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/events.csv", 1, "mood")
    assert "not in the contract" in p.message and "event_id, date, actor" in p.message


def test_columns_out_of_order_are_refused(data_copy):
    rewrite(data_copy / "events.csv", lambda rows: [[r[1], r[0], *r[2:]] for r in rows])
    p = only(contract.validate(data_copy))
    assert (p.file, p.line) == ("data/events.csv", 1)
    assert "out of order" in p.message and "event_id,date,actor" in p.message


def test_a_date_written_another_way_is_refused(data_copy):
    set_cell(data_copy / "events.csv", 5, "date", "09/06/2025")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/events.csv", 5, "date")
    assert "'09/06/2025'" in p.message and "expected a date written YYYY-MM-DD" in p.message


def test_an_unknown_source_id_is_refused(data_copy):
    set_cell(data_copy / "events.csv", 2, "source_id", "no-such-source")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/events.csv", 2, "source_id")
    assert "not listed in sources.csv" in p.message


def test_an_unknown_source_id_is_named_in_the_message(data_copy):
    set_cell(data_copy / "tariff_actions.csv", 2, "source_id", "no-such-source")
    p = only(contract.validate(data_copy))
    assert "'no-such-source'" in p.message, p.message


def test_a_negative_count_is_refused(data_copy):
    set_cell(data_copy / "rare_earth_production.csv", 2, "production_t", "-5")
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/rare_earth_production.csv", 2, "production_t")
    assert "'-5'" in p.message and "expected at least 0" in p.message


def test_a_date_after_the_as_of_date_is_refused(data_copy):
    compiled = as_of(data_copy)
    day_after = (pd.Timestamp(compiled) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    set_cell(data_copy / "events.csv", 3, "date", day_after)
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/events.csv", 3, "date")
    assert f"found {day_after}" in p.message and f"as-of date {compiled}" in p.message
    assert "date_accessed" in p.message


def test_a_date_on_the_as_of_date_is_accepted(data_copy):
    set_cell(data_copy / "events.csv", 3, "date", as_of(data_copy))
    assert contract.validate(data_copy) == []


def test_a_scheduled_date_after_the_as_of_date_is_accepted(data_copy):
    """An effective date is scheduled, not happened: it may lie after the as-of date."""
    set_cell(data_copy / "tariff_actions.csv", 2, "effective_date", "2099-01-01")
    assert contract.validate(data_copy) == []


def test_a_file_over_the_size_cap_is_refused(data_copy):
    set_cell(data_copy / "students_by_origin.csv", 2, "notes", "x" * contract.MAX_BYTES)
    size = (data_copy / "students_by_origin.csv").stat().st_size
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/students_by_origin.csv", None, None)
    assert f"{size:,} bytes" in p.message and f"at most {contract.MAX_BYTES:,}" in p.message


def test_a_file_exactly_at_the_size_cap_is_read(data_copy, monkeypatch):
    largest = max(data_copy.glob("*.csv"), key=lambda f: f.stat().st_size)
    monkeypatch.setattr(contract, "MAX_BYTES", largest.stat().st_size)
    assert contract.validate(data_copy) == []
    monkeypatch.setattr(contract, "MAX_BYTES", largest.stat().st_size - 1)
    p = only(contract.validate(data_copy))
    assert p.file == f"data/{largest.name}" and "bytes" in p.message


def test_a_blank_row_is_refused(data_copy):
    path = data_copy / "events.csv"
    rows = read_rows(path)
    write_rows(path, rows[:3] + [[""] * len(rows[0])] + rows[3:])
    p = only(contract.validate(data_copy))
    assert (p.file, p.line) == ("data/events.csv", 4) and "blank" in p.message


# --- warnings: text a spreadsheet would run ---------------------------------------------------------------

def test_a_formula_in_a_text_cell_is_reported_not_refused(data_copy):
    set_cell(data_copy / "events.csv", 3, "description", '=HYPERLINK("http://example.invalid","click")')
    assert contract.validate(data_copy) == []
    [warning] = contract.warnings(data_copy)
    assert warning.startswith('data/events.csv, line 3, column "description": text \'=HYPERLINK(')
    assert "formula" in warning


@pytest.mark.parametrize("value", ["-5", "+3.2", "1e5"])
def test_a_number_written_as_text_is_not_a_formula(data_copy, value):
    set_cell(data_copy / "events.csv", 3, "description", value)
    assert contract.warnings(data_copy) == []


@pytest.mark.parametrize("value", ["1", "True", "yes", "TRUE"])
def test_a_yes_no_column_takes_only_true_or_false(data_copy, value):
    set_cell(data_copy / "tariff_actions.csv", 2, "applies_to_all_goods", value)
    p = only(contract.validate(data_copy))
    assert (p.file, p.line, p.column) == ("data/tariff_actions.csv", 2, "applies_to_all_goods")
    assert f"'{value}'" in p.message and "true or false" in p.message
