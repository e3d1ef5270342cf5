"""`make diff DATA=dir` lists each figure that differs from data/, and the statements and pages it changes."""
from __future__ import annotations

import subprocess
import sys

from .helpers import ROOT, line_of, set_cell


def test_diff_lists_the_changed_figure_its_statements_and_pages(data_copy):
    path = data_copy / "students_by_origin.csv"
    set_cell(path, line_of(path, "2024/25,India,"), "students", "250000")
    result = subprocess.run([sys.executable, "-m", "tradefight.tools.cli", "diff", "--data", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "students_by_origin.csv: 2024/25, India, students: 363019 -> 250000" in out
    assert "Students and visas · students-by-origin-title" in out and "but not in 2024/25" in out
    assert "Pages that change: book/methods, book/students" in out


def test_diff_on_unchanged_data_lists_nothing(data_copy):
    result = subprocess.run([sys.executable, "-m", "tradefight.tools.cli", "diff", "--data", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert "Data: 0 change(s)" in result.stdout and "Statements: 0 change(s)" in result.stdout
    assert "Pages that change: none" in result.stdout


def test_diff_refuses_data_that_breaks_the_contract(data_copy):
    set_cell(data_copy / "f1_visas.csv", 2, "issued", "many")
    result = subprocess.run([sys.executable, "-m", "tradefight.tools.cli", "diff", "--data", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and 'f1_visas.csv, line 2, column "issued"' in result.stderr


def test_diff_names_a_page_whose_chart_changes_though_its_words_do_not(data_copy):
    path = data_copy / "tariff_averages.csv"
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if row.startswith("2019-01-01,") and ",US," in row and "t18-piie-data-ghcopy2" in row)
    set_cell(path, line, "value_pct", "13.5")
    result = subprocess.run([sys.executable, "-m", "tradefight.tools.cli", "diff", "--data", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert "Statements: 0 change(s)" in result.stdout and "Tariffs · piie" in result.stdout
    assert "Pages that change: book/methods, book/tariffs" in result.stdout
