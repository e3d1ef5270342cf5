"""tradefight.students: series, peaks, the year India overtook China, shares and ranks."""
from __future__ import annotations

from tradefight import students

from .helpers import student_table


def test_series_is_one_place_oldest_first():
    rows = student_table()[::-1]
    china = students.series(rows, "China")
    assert china["academic_year"].tolist() == ["2019/20", "2022/23", "2023/24"]
    assert set(china["place_of_origin"]) == {"China"} and china.index.tolist() == [0, 1, 2]


def test_peak_is_the_year_with_the_most_students():
    top = students.peak(student_table(), "China")
    assert (top["academic_year"], top["students"]) == ("2019/20", 372532)
    assert students.peak(student_table(), "India")["academic_year"] == "2023/24"
    assert students.peak(student_table(), "Atlantis") is None


def test_latest_is_the_last_year():
    assert students.latest(student_table(), "China")["students"] == 277398
    assert students.latest(student_table(), "Atlantis") is None


def test_overtake_year_is_the_first_year_of_a_lasting_lead():
    assert students.overtake_year(student_table(), "India", "China") == "2023/24"
    assert students.overtake_year(student_table(), "China", "India") is None
    assert students.overtake_year(student_table(), "China", "South Korea") is None  # one common year: no overtaking
    assert students.overtake_year(student_table(), "China", "Atlantis") is None  # no common year


def test_overtake_year_ignores_a_lead_that_was_lost_again():
    table = student_table([["2019/20", "A", 10], ["2019/20", "B", 5], ["2020/21", "A", 4], ["2020/21", "B", 5],
                           ["2021/22", "A", 9], ["2021/22", "B", 5], ["2022/23", "A", 9], ["2022/23", "B", 8]])
    assert students.overtake_year(table, "A", "B") == "2021/22"


def test_a_lead_held_in_every_year_compared_is_not_an_overtaking():
    table = student_table([["2019/20", "A", 10], ["2019/20", "B", 5], ["2020/21", "A", 9], ["2020/21", "B", 5],
                           ["2021/22", "B", 7]])
    assert students.overtake_year(table, "A", "B") is None
    assert students.years_ahead(table, "A", "B") == students.years_compared(table, "A", "B") == ["2019/20", "2020/21"]
    assert students.count_in(table, "B", "2021/22") == 7 and students.count_in(table, "A", "2021/22") is None


def test_share_of_total():
    shares = students.share_of_total(student_table(), "China")
    assert list(shares.columns) == ["academic_year", "students", "total", "share_pct", "source_id"]
    assert shares["share_pct"].tolist() == [34.6, 27.4, 24.6]


def test_ranking_leaves_out_the_total_and_breaks_ties_by_name():
    ranks = students.ranking(student_table(), "2023/24")
    assert ranks["place_of_origin"].tolist() == ["India", "China", "South Korea"]
    assert ranks["rank"].tolist() == [1, 2, 3] and list(ranks.columns) == ["place_of_origin", "students", "source_id",
                                                                           "rank"]
    tied = student_table([["2023/24", "B", 5], ["2023/24", "A", 5]])
    assert students.ranking(tied, "2023/24")["place_of_origin"].tolist() == ["A", "B"]


def test_places_recorded_and_rank():
    assert students.places_recorded(student_table(), "2023/24") == 3
    assert students.places_recorded(student_table(), "1999/00") == 0
    assert students.rank(student_table(), "China", "2023/24") == 2
    assert students.rank(student_table(), "China", "2019/20") == 1
    assert students.rank(student_table(), "South Korea", "2019/20") is None
