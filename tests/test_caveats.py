"""tradefight.caveats: notes on spans of years, the series calendar, and ratios in words."""
from __future__ import annotations

import pandas as pd

from tradefight import caveats

from .helpers import T

NOTES = pd.DataFrame([["f1_visas", 2015, 2015, "five-year visas", "n1", "s"],
                      ["students_by_origin", 2020, 2022, "online students", "n2", "s"]],
                     columns=["dataset", "year_from", "year_to", "label", "note", "source_id"])


def test_label_covers_the_span_only_and_reads_academic_years_by_their_first_year():
    assert caveats.label(NOTES, "f1_visas", 2015) == "five-year visas"
    assert caveats.label(NOTES, "f1_visas", 2016) is None
    assert caveats.label(NOTES, "students_by_origin", "2021/22") == "online students"
    assert caveats.label(NOTES, "students_by_origin", "2023/24") is None
    assert caveats.label(NOTES, "rare_earth_production", 2015) is None


def test_rows_for_a_range_and_tagged_years():
    assert len(caveats.rows_for(NOTES, "f1_visas", 2010, 2024)) == 1
    assert caveats.rows_for(NOTES, "f1_visas", 2016, 2024).empty
    assert caveats.tagged("FY2015", NOTES, "f1_visas", 2015) == "FY2015 (five-year visas)"
    assert caveats.tagged("2020/21", NOTES, "students_by_origin", "2020/21", bracket=False) == \
        "2020/21, online students"
    assert caveats.tagged("FY2016", NOTES, "f1_visas", 2016) == "FY2016"


def test_calendar_of_the_series():
    assert caveats.academic_year_began("2024/25") == T("2024-08-01")
    assert caveats.fiscal_year_ended(2024) == T("2024-09-30")
    assert caveats.academic_year_over("2024/25") == T("2025-07-31")


def test_times_words_flip_with_the_numbers():
    assert caveats.times_words(600000, 265919) == ("2.3 times", "gt")
    assert caveats.times_words(104, 100) == ("more than", "gt")
    assert caveats.times_words(90, 100) == ("fewer than", "lt")
    assert caveats.times_words(100, 100) == ("the same as", "eq")
    assert caveats.times_words(5, 0) == ("more than", "gt")
