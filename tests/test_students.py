"""tradefight.students: series, peaks, the year India overtook China, shares and ranks."""
from __future__ import annotations

from tradefight import students
from tradefight.measures import peak_and_latest

from .helpers import student_table


def test_series_is_one_place_oldest_first():
    rows = student_table()[::-1]
    china = students.series(rows, "China")
    assert china["academic_year"].tolist() == ["2019/20", "2022/23", "2023/24"]
    assert set(china["place_of_origin"]) == {"China"} and china.index.tolist() == [0, 1, 2]


def test_peak_is_the_year_with_the_most_students():
    top, last, stands = peak_and_latest(students.series(student_table(), "China"), "students", "academic_year")
    assert (top["academic_year"], top["students"], last["academic_year"], stands) == ("2019/20", 372532, "2023/24",
                                                                                       "below")
    top, _, stands = peak_and_latest(students.series(student_table(), "India"), "students", "academic_year")
    assert top["academic_year"] == "2023/24" and stands == "peak"


def test_latest_is_the_last_year():
    assert students.latest(student_table(), "China")["students"] == 277398
    assert students.latest(student_table(), "Atlantis") is None


def test_overtake_year_is_the_first_year_of_a_lasting_lead():
    lead = students.lead(student_table(), "India", "China")
    assert lead["overtook"] == "2023/24" and lead["ahead"] == ["2023/24"]
    assert lead["years"] == ["2019/20", "2022/23", "2023/24"] and (lead["leader_n"], lead["other_n"]) == (331602, 277398)
    assert students.lead(student_table(), "China", "India")["overtook"] is None
    assert students.lead(student_table(), "China", "South Korea")["overtook"] is None  # one common year: no overtaking
    nothing = students.lead(student_table(), "China", "Atlantis")  # no common year
    assert nothing["overtook"] is None and nothing["years"] == [] and nothing["leader_n"] is None


def test_overtake_year_ignores_a_lead_that_was_lost_again():
    table = student_table([["2019/20", "A", 10], ["2019/20", "B", 5], ["2020/21", "A", 4], ["2020/21", "B", 5],
                           ["2021/22", "A", 9], ["2021/22", "B", 5], ["2022/23", "A", 9], ["2022/23", "B", 8]])
    lead = students.lead(table, "A", "B")
    assert lead["overtook"] == "2021/22" and lead["ahead"] == ["2019/20", "2021/22", "2022/23"]
    table.loc[len(table)] = ["2023/24", "A", 8, "s"]
    table.loc[len(table)] = ["2023/24", "B", 8, "s"]  # level in the last year: no lasting lead
    assert students.lead(table, "A", "B")["overtook"] is None


def test_a_lead_held_in_every_year_compared_is_not_an_overtaking():
    table = student_table([["2019/20", "A", 10], ["2019/20", "B", 5], ["2020/21", "A", 9], ["2020/21", "B", 5],
                           ["2021/22", "B", 7]])
    lead = students.lead(table, "A", "B")
    assert lead["overtook"] is None and lead["ahead"] == lead["years"] == ["2019/20", "2020/21"]
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
    assert students.rank_of(students.ranking(student_table(), "2023/24"), "China") == 2
    assert students.rank_of(students.ranking(student_table(), "2019/20"), "China") == 1
    assert students.rank_of(students.ranking(student_table(), "2019/20"), "South Korea") is None
    tied = students.ranking(student_table([["2023/24", "B", 5], ["2023/24", "A", 5], ["2023/24", "C", 1]]), "2023/24")
    assert tied["rank"].tolist() == [1, 1, 3] and students.rank_of(tied, "B") == 1


def test_row_in_gives_the_count_and_its_source():
    row = students.row_in(student_table(), "China", "2023/24")
    assert int(row["students"]) == 277398 and row["source_id"] == "s"
    assert students.row_in(student_table(), "China", "2030/31") is None
