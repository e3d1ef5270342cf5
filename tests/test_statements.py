"""The book's statements on every month-end, every scenario, and on data made to reverse each finding.

Sweep: every chapter's statements are computed (and checked against their evidence) for each month-end
from January 2025 to the data's last date and for each scenario; no statement may name a date after the
book's as-of date, except a scheduled end it carries in its evidence (an `until_...` entry).
Flip: on small tables built to reverse a finding, the words follow the data.
"""
from __future__ import annotations

import pandas as pd
import pytest

from tradefight import data, scenarios, timecut
from tradefight.text import day as text_day
from tradefight import tariffs as tariff_paths
from tradefight.statements import claims as claims_st
from tradefight.statements import methods, overview, rare_earths, student_context, students, tariff_averages
from tradefight.statements import tariffs, tariffs_now, timeline
from tradefight.statements.core import StatementError

from .helpers import DATA, LADDER, T, actions, production_table, student_table

NO_NOTES = pd.DataFrame(columns=["dataset", "year_from", "year_to", "label", "note", "source_id"])

CHAPTERS = [overview, timeline, tariffs, rare_earths, students, claims_st]
LAST = data.latest_date(DATA)
MONTH_ENDS = [d for d in pd.date_range("2025-01-31", LAST, freq="ME")] + [LAST]
SCENARIOS = scenarios.names(data.load(DATA, "scenarios"))


def leaks(st, cutoff) -> list[str]:
    """Dates a statement names that come after the cut-off and are not scheduled ends in its evidence."""
    scheduled = {pd.Timestamp(v).normalize() for k, v in st.evidence.items() if k.startswith("until")}
    found = []
    for m in timecut._DATES.finditer(st.text):
        raw = next(v for v in m.groupdict().values() if v)
        stamp = pd.to_datetime(raw.replace(",", "").replace(".", ""), errors="coerce")
        if pd.notna(stamp) and stamp > cutoff and stamp.normalize() not in scheduled:
            found.append(raw)
    return found


@pytest.mark.parametrize("cutoff", MONTH_ENDS, ids=lambda d: f"{d:%Y-%m-%d}")
def test_every_statement_holds_on_every_month_end(cutoff):
    book = data.open_book(DATA, f"{cutoff:%Y-%m-%d}")
    made = 0
    for chapter in CHAPTERS:
        for st in chapter.chapter(book).said.values():  # each one is checked as it is added
            assert not leaks(st, cutoff), f"{st.key} names a later date on {cutoff:%Y-%m-%d}: {st.text}"
            made += 1
    assert made > 40


ACTIONS = data.load(DATA, "tariff_actions")
CHANGE_DAYS = sorted({d for d in ACTIONS["effective_date"] if T("2025-01-01") <= d <= LAST}
                     | {d - pd.Timedelta(days=1) for d in ACTIONS["effective_date"] if T("2025-01-02") <= d <= LAST})


def test_the_tariff_statements_hold_on_every_change_day_and_the_day_before():
    """Words about peaks, cuts and steps follow each change, checked on the day it took effect and the day before."""
    for cutoff in CHANGE_DAYS:
        book = data.open_book(DATA, f"{cutoff:%Y-%m-%d}")
        for chapter in (overview, tariffs):
            for st in chapter.chapter(book).said.values():
                assert not leaks(st, cutoff), f"{st.key} names a later date on {cutoff:%Y-%m-%d}: {st.text}"
    assert len(CHANGE_DAYS) > 20


def scenario_days() -> list[str]:
    """Telling dates, and each scenario's first and last day and the day after."""
    days = {"2025-03-31", "2025-06-09", "2025-10-31", "2026-03-31", f"{LAST:%Y-%m-%d}"}
    table = data.load(DATA, "scenarios")
    for start, end in zip(table["valid_from"], table["valid_to"]):
        days |= {f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", f"{end + pd.Timedelta(days=1):%Y-%m-%d}"}
    return sorted(d for d in days if T(d) <= LAST)


@pytest.mark.parametrize("name", SCENARIOS[1:])
@pytest.mark.parametrize("cutoff", scenario_days())
def test_every_scenario_on_telling_dates(name, cutoff):
    book = data.open_book(DATA, cutoff, name)
    said = tariffs.chapter(book).said
    chosen = scenarios.rows(data.load(DATA, "scenarios"), name)
    state = scenarios.status(chosen, book.cutoff)
    title = said["scenario-title"].text
    if state == "possible" and "already match" not in title:
        assert title.startswith("If ") and ("rise" in title or "fall" in title or "stay" in title)
    elif state == "possible":
        from tradefight.statements.tariff_scenarios import matches

        assert matches(book.table("tariff_actions"), chosen, book.cutoff)
    else:
        assert state in title and "nothing is projected" in title
    if state == "not yet possible":  # the scenario's own words would tell of a step not yet taken
        assert chosen["title"].iloc[0] not in " ".join(st.text for st in said.values())
    for st in said.values():
        assert not leaks(st, book.cutoff), st.text


class Book:
    """A book over small tables made in a test (only what the statements read)."""

    def __init__(self, cutoff, scenario="current", **tables):
        self.cutoff, self.scenario, self.tables = T(cutoff), scenario, tables

    def table(self, name):
        return self.tables[name]

    raw = table

    def sources(self):
        return self.tables["sources"]


def test_ladder_words_follow_a_later_peak_and_a_rate_still_at_its_high():
    cut = tariffs.ladder_title(LADDER, T("2025-06-09"))
    assert "stood at 30%" in cut.text and "were still" not in cut.text.split(";")[0]
    high = tariffs.ladder_title(LADDER, T("2025-04-30"))
    assert "were still at that level" in high.text.split(";")[0]
    none = tariffs.ladder_title(LADDER, T("2025-01-31"))
    assert "no 2025 increase" in none.text


def test_average_above_the_headline_flips_the_words():
    averages = pd.DataFrame({"date": [T("2025-01-01"), T("2025-04-10")], "imposer": "US", "measure": "average_tariff",
                             "value_pct": [200.0, 160.0], "source_id": "p"})
    words, ev, _ = tariff_averages.gap_sentence(LADDER, averages, "US", T("2025-04-20"))
    assert "below" in words and "above" not in words  # the average stays above the headline every day
    averages["value_pct"] = [0.0, 100.0]
    words, _, _ = tariff_averages.gap_sentence(LADDER, averages, "US", T("2025-04-20"))
    assert "above it" in words and "below" not in words


def test_mining_above_refining_is_not_called_a_rising_share():
    shares = pd.DataFrame({"stage": ["mining", "refining"], "scope": "magnet rare earths", "year": [2023, 2023],
                           "china_share_pct": [95.0, 80.0], "measure": "m", "source_id": "s"})
    said = rare_earths.Statements()
    rare_earths.stages(shares, pd.DataFrame({"year": [2024], "china_share_pct": [69.2]}), said)
    assert "higher at each later stage" not in said["stage-shares-title"].text
    shares["china_share_pct"] = [60.0, 90.0]
    said = rare_earths.Statements()
    rare_earths.stages(shares, pd.DataFrame({"year": [2024], "china_share_pct": [69.2]}), said)
    assert "higher at each later stage" in said["stage-shares-title"].text


def test_a_rising_mining_share_reads_up():
    rows = [[2025, 2023, "China", 100, "a"], [2025, 2023, "World total", 400, "a"], [2025, 2023, "Burma", 50, "a"],
            [2025, 2024, "China", 300, "a"], [2025, 2024, "World total", 400, "a"], [2025, 2024, "Burma", 50, "a"]]
    said = rare_earths.Statements()
    rare_earths.mining(production_table(rows), NO_NOTES, said)
    assert "was about 75% in 2024, up from about 25% in 2023" in said["china-mining-share-title"].text
    rows = [r[:3] + [{100: 300, 300: 100}.get(r[3], r[3])] + r[4:] for r in rows]
    said = rare_earths.Statements()
    rare_earths.mining(production_table(rows), NO_NOTES, said)
    assert "down from about 75% in 2023" in said["china-mining-share-title"].text


def test_a_quota_note_is_named_only_for_the_years_it_covers():
    rows = [[2025, 2023, "China", 100, "a"], [2025, 2023, "World total", 400, "a"],
            [2025, 2024, "China", 300, "a"], [2025, 2024, "World total", 400, "a"]]
    notes = pd.DataFrame([["rare_earth_production", 2024, 2024, "a quota", "China's figure is a quota.", "q"]],
                         columns=NO_NOTES.columns)
    said = rare_earths.Statements()
    rare_earths.mining(production_table(rows), notes, said)
    assert "China's figure is a quota." in said["re-mining-text"].text and "q" in said["re-mining-text"].sources
    said = rare_earths.Statements()
    rare_earths.mining(production_table(rows[:2]), notes, said)
    assert "quota" not in said["re-mining-text"].text


def test_students_words_follow_who_leads():
    said = students.Statements()
    students.trend(student_table(), said)
    assert "India overtook China in 2023/24" in said["students-by-origin-title"].text
    flipped = student_table([["2022/23", "China", 200], ["2022/23", "India", 100], ["2023/24", "China", 300],
                             ["2023/24", "India", 250]])
    said = students.Statements()
    students.trend(flipped, said)
    assert "India has never had more students than China" in said["students-by-origin-title"].text
    assert "peaked at 300 in 2023/24 (the latest year)" in said["students-by-origin-title"].text
    led_then_fell = student_table([["2022/23", "China", 100], ["2022/23", "India", 200], ["2023/24", "China", 300],
                                   ["2023/24", "India", 250]])
    said = students.Statements()
    students.trend(led_then_fell, said)
    assert "India led China in 2022/23 but not in 2023/24" in said["students-by-origin-title"].text


def test_india_ahead_in_every_year_is_not_said_to_have_overtaken():
    always = student_table([["2022/23", "China", 100], ["2022/23", "India", 200], ["2023/24", "China", 150],
                            ["2023/24", "India", 250]])
    said = students.Statements()
    students.trend(always, said)
    title, text = said["students-by-origin-title"].text, said["students-text"].text
    assert "overtook" not in title and "but not" not in title
    assert "India had more students than China in every year the data holds for both" in title
    assert "(2022/23 to 2023/24), with 250 in 2023/24" in text


def test_india_is_set_against_china_in_the_same_year():
    """China's latest year may be later than India's: the comparison uses the last year both have."""
    table = student_table([["2022/23", "China", 100], ["2022/23", "India", 90], ["2023/24", "China", 80]])
    said = students.Statements()
    students.trend(table, said)
    assert "In 2022/23 India had 90 students in the US, fewer than China." in said["students-text"].text
    assert said["students-text"].evidence["china_then"] == 100
    alone = student_table([["2022/23", "China", 100]])
    said = students.Statements()
    students.trend(alone, said)
    assert "no year with counts for both India and China" in said["students-by-origin-title"].text


def test_a_headline_level_with_the_average_every_day_says_level():
    cutoff = T("2025-04-20")
    head = tariff_paths.headline(LADDER, "US", cutoff)
    averages = pd.DataFrame({"date": head["date"], "imposer": "US", "measure": "average_tariff",
                             "value_pct": head["rate_pct"].astype(float), "source_id": "p"})
    words, ev, asserts = tariff_averages.gap_sentence(LADDER, averages, "US", cutoff)
    assert "the US headline rate was level with" in words and "above" not in words and "below" not in words
    assert ev["us_days_compared"] >= 4 and ev["us_widest_gap"] == 0 and asserts == (("eq", "us_widest_gap", 0),)
    averages.loc[averages.index[-1], "value_pct"] += 1  # one day apart: the words must say which way
    words, _, _ = tariff_averages.gap_sentence(LADDER, averages, "US", cutoff)
    assert "up to 1 point below it" in words and "above" not in words


def test_the_largest_dataset_names_ties_and_a_lone_dataset():
    frame = pd.DataFrame({"dataset": ["a", "b", "c"], "rows": [5, 5, 2], "sources": [1, 2, 1]})
    tied = methods.largest_title(frame, T("2025-06-09"))
    assert "the largest datasets are a and b, with 5 rows each" in tied.text and "largest dataset is" not in tied.text
    tied.check()
    one = methods.largest_title(frame.iloc[[2]], T("2025-06-09"))
    assert "holds one dataset, c, with 2 rows" in one.text and "largest" not in one.text
    even = methods.largest_title(frame.iloc[:2], T("2025-06-09"))
    assert "the 2 datasets are the same size, with 5 rows each" in even.text
    top = methods.largest_title(frame.iloc[1:], T("2025-06-09"))
    assert "the largest dataset is b, with 5 rows from 2 sources" in top.text
    top.check()


def test_busiest_month_and_first_event_follow_the_events():
    events = pd.DataFrame({"event_id": ["a", "b", "c"], "date": [T("2025-02-01"), T("2025-03-01"), T("2025-03-05")],
                           "actor": "US", "category": ["visas", "tariffs", "talks"], "title": ["A", "B", "C"],
                           "description": "", "source_id": "s"})
    said = timeline.chapter(Book("2025-03-31", events=events)).said
    assert "busiest month was March 2025, with 2 recorded moves" in said["events-by-month-title"].text
    assert said["timeline-title"].text.endswith("1 February 2025: A")


def test_a_scenario_that_lowers_a_rate_says_fall():
    table = pd.DataFrame({"name": "cut", "title": "the duty ends", "description": "d", "imposer": "US",
                          "layer": "ieepa_reciprocal", "rate_pct": [0.0], "valid_from": [T("2025-05-01")],
                          "valid_to": [T("2025-12-31")], "mechanism": "m", "source_id": "s"})
    said = tariffs.Statements()
    from tradefight.statements import tariff_scenarios

    tariff_scenarios.add(said, Book("2025-06-09", "cut", tariff_actions=LADDER, scenarios=table))
    assert "would fall from 30% to 20%" in said["scenario-title"].text
    table["rate_pct"] = [50.0]
    said = tariffs.Statements()
    tariff_scenarios.add(said, Book("2025-06-09", "cut", tariff_actions=LADDER, scenarios=table))
    assert "would rise from 30% to 70%" in said["scenario-title"].text


def test_a_quoted_total_that_does_not_add_up_says_so():
    ladder = pd.concat([LADDER, actions([["e", "US", "2024-09-13", "2024-09-27", "section_301", False, 100, "s"]])])
    quotes = pd.DataFrame({"quote_id": ["q"], "date": [T("2025-04-15")], "speaker": "A", "quote": "up to 300%",
                           "value": [300.0], "unit": "percent", "measure": "tariff_rate", "source_id": "s"})
    st = tariff_averages.quoted_total(Book("2025-06-09", quotes=quotes, tariff_actions=ladder))
    assert "245%, less than the 300% quoted" in st.text
    quotes["value"] = [245.0]
    st = tariff_averages.quoted_total(Book("2025-06-09", quotes=quotes, tariff_actions=ladder))
    assert "exactly the 245% quoted" in st.text


def test_a_quoted_total_with_no_section_301_duty_says_so():
    quotes = pd.DataFrame({"quote_id": ["q"], "date": [T("2025-04-15")], "speaker": "A", "quote": "up to 145%",
                           "value": [145.0], "unit": "percent", "measure": "tariff_rate", "source_id": "s"})
    ladder = LADDER[LADDER["layer"] != "section_301"]
    st = tariff_averages.quoted_total(Book("2025-06-09", quotes=quotes, tariff_actions=ladder))
    assert "no Section 301 duty was in force on top of it. That makes 145%, exactly the 145% quoted." in st.text
    assert "a few goods" not in st.text and ("eq", "section_301", 0) in st.asserts
    st.check()


def places(counts: dict) -> pd.DataFrame:
    return student_table([["2023/24", p, n] for p, n in counts.items()])


def test_ranking_names_every_tied_place():
    said = students.Statements()
    students.ranking(places({"A": 10, "B": 9, "E": 5, "C": 5, "D": 5}), said)
    st = said["top-places-title"]
    assert st.text == "In 2023/24, A sent the most students to the US (10), then B (9); next came C, D and E, with 5 each"
    st.check()
    said = students.Statements()
    students.ranking(places({"A": 10, "B": 10, "C": 10}), said)
    assert said["top-places-title"].text == "In 2023/24, all 3 places of origin the data records sent 10 students each to the US"
    said = students.Statements()
    students.ranking(places({"B": 10, "A": 10, "C": 4}), said)
    assert said["top-places-title"].text == "In 2023/24, A and B sent the most students to the US (10 each), then C (4)"


def producers(counts: dict) -> pd.DataFrame:
    return pd.DataFrame({"country": list(counts), "production_t": list(counts.values()), "source_id": "s"})


def test_the_leading_producer_names_ties_and_a_near_tie():
    st = rare_earths.leader_title(producers({"A": 100, "B": 50, "C": 50}), 2024)
    assert "2 times the next-largest producers (B and C, 50 tonnes each)" in st.text
    st = rare_earths.leader_title(producers({"A": 100, "B": 100, "C": 100}), 2024)
    assert st.text == "A, B and C mined the most rare-earth oxide in 2024, 100 tonnes each"
    st = rare_earths.leader_title(producers({"A": 100, "B": 96}), 2024)
    assert "100 tonnes: more than the second-largest producer (B, 96 tonnes)" in st.text and "times" not in st.text
    st.check()


def test_the_rare_earths_opening_counts_the_first_announcement():
    controls = pd.DataFrame({"element": ["Samarium", "Terbium", "Yttrium"], "atomic_number": [62, 65, 39],
                             "announced_date": [T("2025-04-04"), T("2025-04-04"), T("2025-10-09")]})
    said = rare_earths.Statements()
    rare_earths.overview(Book("2025-12-31", rare_earth_controls=controls), said)
    assert said["rare-earths-overview"].text.startswith("On 4 April 2025 China put 2 rare earths under export licensing.")


def test_the_claims_title_follows_how_many_numeric_claims_are_met(monkeypatch):
    from tradefight import claims

    book = data.open_book(DATA, "2026-08-13")
    met = claims.Check("a", "q", "exact", 10.0, 10.0, "supported", "e", "m", "w")
    missed = claims.Check("b", "q", "exact", 10.0, 8.0, "not supported", "e", "m", "w")
    words = claims.Check("c", "q", "date", None, None, "supported", "e", "m", "w")
    titles = {}
    for name, checks in {"all": [met, met], "some": [met, missed], "none": [words]}.items():
        monkeypatch.setattr(claims, "check_all", lambda tables, cutoff, checks=checks: checks)
        titles[name] = claims_st.chapter(book).said["claims-title"]
        titles[name].check()
    assert titles["all"].text == "2 of 2 numeric claims match the data or hold as stated; every bar reaches the line"
    assert titles["some"].text == ("1 of 2 numeric claims match the data or hold as stated; the bars show how far off "
                                   "the others are")
    assert titles["none"].text == "None of the claims checked on this date has a figure to score"


def test_a_statement_whose_words_the_evidence_does_not_bear_out_stops():
    st = tariffs.ladder_title(LADDER, T("2025-06-09"))
    broken = type(st)(st.key, st.text, {**st.evidence, "us_now": 500.0}, st.asserts)
    with pytest.raises(StatementError, match="tariff-ladder-title"):
        broken.check()


def test_a_caveat_is_named_where_a_visa_or_share_title_compares_its_year():
    notes = pd.DataFrame([["f1_visas", 2015, 2015, "five-year visas", "Longer visas.", "v"],
                          ["students_by_origin", 2020, 2020, "online students counted", "Online.", "o"]],
                         columns=NO_NOTES.columns)
    visas = pd.DataFrame([[2014, "China - mainland", 100, "s"], [2015, "China - mainland", 300, "s"],
                          [2024, "China - mainland", 80, "s"]], columns=["fiscal_year", "nationality", "issued", "source_id"])
    said = students.Statements()
    students.visas(visas, notes, said)
    assert said["f1-visas-title"].text.endswith("peaked at 300 in FY2015 (five-year visas); in FY2024 they were 80")
    assert "Longer visas. So FY2015 and FY2024 are not like for like." in said["f1-visas-text"].text
    said = students.Statements()
    students.visas(visas[visas["fiscal_year"] != 2015], notes[:0], said)
    assert "(" not in said["f1-visas-title"].text and "like for like" not in said["f1-visas-text"].text
    table = student_table([["2020/21", "China", 300], ["2020/21", "All places of origin", 900],
                           ["2024/25", "China", 200], ["2024/25", "All places of origin", 1000]])
    said = students.Statements()
    students.share(table, notes, said)
    assert "(2020/21, online students counted) to 20% (2024/25)" in said["china-share-students-title"].text


def test_the_timing_and_the_remark_follow_the_dates_and_the_counts():
    book = data.open_book(DATA, "")
    said = students.Statements()
    student_context.timing(book, said)
    text = said["students-timing-text"].text
    assert "came on 28 May 2025. The latest Open Doors count is for 2024/25, the academic year in which the " \
           "measure came" in text and "So no series here covers a full year after the measure." in text
    assert "fell by 17%" in text and "a 1% overall decline" in text
    said = students.Statements()
    student_context.remark(book, said)
    assert "600,000 students" in said["students-remark-text"].text
    assert "2.3 times the 265,919" in said["students-remark-text"].text
    early = data.open_book(DATA, "2025-06-09")
    said = students.Statements()
    student_context.timing(early, said)
    student_context.remark(early, said)
    assert "Snapshot" not in said["students-timing-text"].text and said["students-remark-text"].text == ""


def test_the_rates_in_force_name_their_layers_and_what_ended():
    book = data.open_book(DATA, "2026-03-01")
    text = " ".join(st.text for st in tariffs_now.now_texts(book))
    assert "10%, was made of one layer: the Section 122 surcharge (all countries) of 10%, from 24 February 2026" in text
    assert "the IEEPA 'fentanyl' duty and IEEPA 'reciprocal' duty on 24 February 2026, by Executive Order" in text
    assert "from 7.5% to 100% by product" in text and "the data records no later change" in text
    earlier = " ".join(st.text for st in tariffs_now.now_texts(data.open_book(DATA, "2025-06-09")))
    assert "30%, was made of 2 layers" in earlier and "Ended by then" not in earlier.split("China's")[0]


def with_text(frame):
    return frame.assign(instrument=[f"order {i}" for i in frame["action_id"]], replaces=pd.NA)


def test_layers_ended_the_same_day_by_different_orders_are_named_apart():
    ends = actions([["z1", "US", "2026-02-20", "2026-02-24", "ieepa_fentanyl", True, 0, "s"],
                    ["z2", "US", "2026-02-21", "2026-02-24", "ieepa_reciprocal", True, 0, "s"]])
    book = Book("2026-03-01", tariff_actions=with_text(pd.concat([LADDER, ends], ignore_index=True)))
    text = " ".join(st.text for st in tariffs_now.now_texts(book))
    assert "the IEEPA 'fentanyl' duty on 24 February 2026, by order z1; and the IEEPA 'reciprocal' duty on " \
           "24 February 2026, by order z2" in text
    assert "no US all-goods duty set since January 2025 was in force on Chinese goods" in text
    assert "was last set on 14 May 2025, by order b2" in text


def test_how_the_steps_were_read_counts_sources_and_says_one_or_none():
    sources = pd.DataFrame({"source_id": ["s", "g"], "url": ["https://broker.example.com", "https://www.cbp.gov/x"]})
    one = Book("2025-09-01", tariff_actions=LADDER, sources=sources)
    assert "Their one source is a reprint, a copy or a report by others" in tariffs_now.reading(one).text
    mixed = LADDER.assign(source_id=["g"] + ["s"] * (len(LADDER) - 1))
    text = tariffs_now.reading(Book("2025-09-01", tariff_actions=mixed, sources=sources)).text
    assert "Of the 2 sources behind them, 1 was read on a government's own site and the rest are" in text
    assert "9 recorded tariff actions that took effect from January 2025 to 1 September 2025" in text
    none = tariffs_now.reading(Book("2025-01-10", tariff_actions=LADDER, sources=sources))
    assert none.text.startswith("No tariff step had taken effect since January 2025 by 10 January 2025")


def test_the_timing_flips_when_a_count_begins_after_the_measure(tmp_path):
    import shutil

    from .helpers import rewrite

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    rewrite(folder / "students_by_origin.csv", lambda rows: rows + [["2025/26", "China", "250000", "", "st-prn-od2025",
                                                                    "test row"]])
    rewrite(folder / "editions.csv", lambda rows: rows + [["students_by_origin", "2025/26", "2026-01-05", "test row",
                                                          "st-prn-od2025", "test row"]])
    said = students.Statements()
    student_context.timing(data.open_book(folder, ""), said)
    text = said["students-timing-text"].text
    assert "2025/26, which began after it" in text and "FY2024, which ended before it" in text
    assert "no series here covers" not in text


def test_a_reported_opt_count_is_read_for_its_own_place_and_year():
    quotes = pd.DataFrame([["q", T("2025-11-19"), "A paper", "q words", 1000.0, "students on OPT", "students_on_opt",
                            "China", "2023/24", "p"]],
                          columns=["quote_id", "date", "speaker", "quote", "value", "unit", "measure", "place",
                                   "academic_year", "source_id"])
    book = Book("2026-01-01", quotes=quotes, students_by_origin=student_table())
    said = students.Statements()
    student_context.opt(book, said)
    assert said["students-opt-text"].text.startswith("China's count includes students on Optional Practical")
    assert "gave 1,000 for 2023/24, 0.4% of the 277,398 counted" in said["students-opt-text"].text
    assert said["students-opt-text"].sources == ("p", "s")  # the quote's source and the count's
    said = students.Statements()
    student_context.opt(Book("2026-01-01", quotes=quotes.assign(academic_year="2030/31"),
                                 students_by_origin=student_table()), said)
    assert said["students-opt-text"].text == ""


def test_the_claims_page_names_its_report_only_once_it_is_out():
    assert "published on 9 June 2025" in claims_st.report(T("2025-06-09")).text
    early = claims_st.report(T("2025-06-08")).text
    assert "published after this book's as-of date" in early and "2025" not in early


def test_a_rounded_tie_in_the_mining_share_reads_about_the_same():
    rows = [[2025, 2023, "China", 280, "a"], [2025, 2023, "World total", 400, "a"],
            [2025, 2024, "China", 279, "a"], [2025, 2024, "World total", 400, "a"]]
    said = rare_earths.Statements()
    rare_earths.mining(production_table(rows), NO_NOTES, said)
    assert said["china-mining-share-title"].text.endswith("was about 70% in 2024, about the same as in 2023")


def test_a_book_dated_after_the_data_says_where_the_data_stops():
    late = tariffs_now.now_texts(data.open_book(DATA, "2026-11-30"))[1].text
    assert late.endswith(f"The data records nothing after {text_day(LAST)}, so a change to either side's rates "
                         "since then would not show here.")
    assert "records nothing after" not in tariffs_now.now_texts(data.open_book(DATA, ""))[1].text


def test_the_data_end_sentence_appears_only_after_the_data_ends():
    for as_of in ("2025-04-12", "2025-01-15", ""):
        assert "records nothing after" not in tariffs_now.now_texts(data.open_book(DATA, as_of))[1].text


def test_older_product_duties_count_rate_tiers_and_announcements():
    older = actions([["c1", "China", "2018-04-01", "2018-04-02", "countermeasure_products", False, 15, "s"],
                     ["c2", "China", "2018-04-01", "2018-04-02", "countermeasure_products", False, 25, "s"],
                     ["c3", "China", "2019-05-13", "2019-06-01", "countermeasure_products", False, 10, "s"]])
    frame = with_text(pd.concat([LADDER, older], ignore_index=True))
    frame.loc[frame["action_id"] == "c2", "instrument"] = "order c1"
    text = tariffs_now.now_texts(Book("2025-09-01", tariff_actions=frame))[1].text
    assert "China's older product duties (2018–2019: 3 rate tiers from 2 announcements, from 10% to 25%)" in text
