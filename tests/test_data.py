"""tradefight.data: typed loads, what was known on a date, notes about later dates, the as-of date."""
from __future__ import annotations

import csv
import json
import shutil

import pandas as pd
import pytest

from tradefight import contract, data, timecut

from .helpers import DATA, T, source_table


def small_data(folder, tables: dict[str, list[dict]]):
    """A data folder with the real contract and small tables (cells not given are blank)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "datapackage.json", folder / "datapackage.json")
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] in tables:
            columns = [f["name"] for f in res["schema"]["fields"]]
            with open(folder / res["path"], "w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, columns, restval="", lineterminator="\n")
                writer.writeheader()
                writer.writerows(tables[res["name"]])
    return folder


SOURCES = [{"source_id": "old", "publisher": "P", "title": "Old", "url": "https://e.org/1",
            "date_published": "2025-01-10", "date_accessed": "2025-07-01"},
           {"source_id": "new", "publisher": "P", "title": "New", "url": "https://e.org/2",
            "date_published": "2025-08-01", "date_accessed": "2025-09-01"},
           {"source_id": "undated", "publisher": "P", "title": "Undated", "url": "https://e.org/3",
            "date_accessed": "2025-09-01"}]


def action(action_id, announced, effective, source="old", notes=""):
    return {"action_id": action_id, "imposer": "US", "announced_date": announced, "effective_date": effective,
            "instrument": "EO", "layer": "ieepa_reciprocal", "applies_to_all_goods": "true", "scope": "all goods",
            "rate_set_pct": "10", "notes": notes, "source_id": source, "source_locator": "p. 1"}


@pytest.fixture
def small(tmp_path):
    """Three tariff actions (one announced in July), sources, events, averages, students and editions."""
    return small_data(tmp_path / "data", {
        "sources": SOURCES,
        "tariff_actions": [action("a1", "2025-02-01", "2025-02-04", notes="Extended on 12 August 2025."),
                           action("a2", "2025-03-01", "2025-03-04", notes="In force from 2025-03-04."),
                           action("a3", "2025-07-07", "2025-07-09", source="undated")],
        "events": [{"event_id": "e1", "date": "2025-03-02", "actor": "US", "category": "tariffs", "title": "t",
                    "description": "d", "source_id": "old", "source_locator": "p"}],
        "tariff_averages": [{"date": "2025-04-15", "imposer": "US", "measure": "average_tariff", "value_pct": "3.5",
                             "source_id": "old", "source_locator": "p"}],
        "students_by_origin": [{"academic_year": "2023/24", "place_of_origin": "China", "students": "277398",
                                "source_id": "old", "source_locator": "p"},
                               {"academic_year": "2024/25", "place_of_origin": "China", "students": "265919",
                                "notes": "", "source_id": "old", "source_locator": "p"}],
        "editions": [{"dataset": "students_by_origin", "edition": "2023/24", "date_published": "2024-11-18",
                      "source_id": "old", "source_locator": "p"},
                     {"dataset": "students_by_origin", "edition": "2024/25", "date_published": "2025-11-17",
                      "source_id": "old", "source_locator": "p"}],
    })


# --- load ------------------------------------------------------------------------------------------------

def test_load_types_dates_numbers_booleans_and_blanks(small):
    t = data.load(small, "tariff_actions")
    assert t["announced_date"].iloc[0] == T("2025-02-01")
    assert pd.api.types.is_datetime64_any_dtype(t["effective_date"])
    assert str(t["rate_set_pct"].dtype) == "Float64" and t["rate_set_pct"].iloc[0] == 10
    assert str(t["applies_to_all_goods"].dtype) == "boolean" and bool(t["applies_to_all_goods"].iloc[0]) is True
    assert t["stated_total_pct"].isna().all() and t["fr_published_date"].isna().all()
    assert pd.isna(t["notes"].iloc[2])  # a blank text cell is <NA>, not ""
    assert str(t["action_id"].dtype).startswith("string")


def test_load_integers_are_nullable_int64(small):
    s = data.load(small, "students_by_origin")
    assert str(s["students"].dtype) == "Int64" and s["students"].tolist() == [277398, 265919]


def test_load_of_an_unknown_table_raises(small):
    with pytest.raises(KeyError, match="no resource 'nope'"):
        data.load(small, "nope")


def test_load_logs_each_file_read(small, tmp_path, monkeypatch):
    log = tmp_path / "reads.log"
    monkeypatch.setenv(data.READS_LOG, str(log))
    data.load(small, "events")
    assert str((small / "events.csv").resolve()) in log.read_text(encoding="utf-8").splitlines()


def test_field_descriptions_come_from_the_contract():
    described = data.field_descriptions(DATA, "events")
    assert list(described) == [f["name"] for f in data.resource(DATA, "events")["schema"]["fields"]]
    assert described["date"] != ""
    assert all(isinstance(v, str) for v in described.values())


def test_until_keeps_rows_on_or_before_the_cut_off():
    frame = pd.DataFrame({"date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"])})
    assert data.until(frame, "date", T("2025-02-01"))["date"].tolist() == [T("2025-01-01"), T("2025-02-01")]


# --- published_dates and known_by -------------------------------------------------------------------------

def sources_frame():
    return source_table([["old", "P", "t", "u", None, "2025-01-10", "2025-07-01"],
                         ["new", "P", "t", "u", None, "2025-08-01", "2025-09-01"],
                         ["undated", "P", "t", "u", None, None, "2025-09-01"]])


def editions_frame():
    return pd.DataFrame({"dataset": ["students_by_origin", "students_by_origin", "f1_visas"],
                         "edition": ["2023/24", "2024/25", "2024/25"],
                         "date_published": pd.to_datetime(["2024-11-18", "2025-11-17", "2020-01-01"])})


def test_published_dates_use_the_edition_release_date_where_the_table_has_editions():
    students = pd.DataFrame({"academic_year": ["2023/24", "2024/25", "2030/31"], "source_id": ["new", "old", "old"]})
    got = timecut.published_dates(students, "students_by_origin", sources_frame(), editions_frame())
    # edition dates win over the source's; an edition not listed falls back to the source's date
    assert got.tolist() == [T("2024-11-18"), T("2025-11-17"), T("2025-01-10")]


def test_published_dates_use_the_source_date_without_editions():
    students = pd.DataFrame({"academic_year": ["2023/24"], "source_id": ["new"]})
    assert timecut.published_dates(students, "students_by_origin", sources_frame()).tolist() == [T("2025-08-01")]
    averages = pd.DataFrame({"date": pd.to_datetime(["2025-03-01"]), "source_id": ["new"]})
    assert timecut.published_dates(averages, "tariff_averages", sources_frame()).tolist() == [T("2025-08-01")]


def test_official_acts_enter_on_their_own_date_whenever_the_copy_read_came_out():
    events = pd.DataFrame({"date": pd.to_datetime(["2025-03-01"]), "source_id": ["new"]})  # copy out in August
    assert timecut.published_dates(events, "events", sources_frame(), editions_frame()).tolist() == [T("2025-03-01")]


def test_known_by_a_row_enters_on_its_edition_release_date():
    students = pd.DataFrame({"academic_year": ["2023/24", "2024/25"], "students": [1, 2], "source_id": ["old", "old"]})
    known = lambda day: timecut.known_by(students, "students_by_origin", sources_frame(), T(day),
                                      editions_frame())["academic_year"].tolist()
    assert known("2024-11-17") == []
    assert known("2024-11-18") == ["2023/24"]
    assert known("2025-11-16") == ["2023/24"]
    assert known("2025-11-17") == ["2023/24", "2024/25"]


def test_known_by_a_figure_enters_when_its_source_is_published_and_not_before_its_own_date():
    averages = pd.DataFrame({"value": ["published-later", "dated-later", "undated-source"],
                             "date": pd.to_datetime(["2025-03-01", "2025-09-01", "2025-03-01"]),
                             "source_id": ["new", "old", "undated"]})
    known = lambda day: timecut.known_by(averages, "tariff_averages", sources_frame(), T(day))["value"].tolist()
    assert known("2025-02-28") == []
    assert known("2025-03-01") == ["undated-source"]          # no source date: its latest row's date
    assert known("2025-08-01") == ["published-later", "undated-source"]  # its source came out
    assert known("2025-09-01") == ["published-later", "dated-later", "undated-source"]  # its own date came


def test_a_source_title_naming_a_later_date_holds_its_figures_back():
    sources = sources_frame()
    sources.loc[sources["source_id"] == "old", "title"] = "Versions of 2025-01-10 and 2025-12-01 compared"
    averages = pd.DataFrame({"date": pd.to_datetime(["2025-01-05"]), "source_id": ["old"]})
    assert timecut.known_by(averages, "tariff_averages", sources, T("2025-11-30")).empty
    assert len(timecut.known_by(averages, "tariff_averages", sources, T("2025-12-01"))) == 1


# --- mentions_after ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["In force from 2025-06-10.", "Extended on 10 June 2025.", "Signed June 10, 2025.",
                                  "Signed Jun. 10, 2025", "Expires in Nov 2025", "Talks in September 2025"])
def test_mentions_after_finds_later_dates(text):
    assert timecut.mentions_after(text, T("2025-06-09"))


@pytest.mark.parametrize("text", ["In force from 2025-06-09.", "Signed 9 June 2025.", "Signed June 9, 2025.",
                                  "Expires in June 2025", "No date at all", "Section 301 (2018)", None, pd.NA])
def test_mentions_after_ignores_dates_up_to_the_cut_off(text):
    assert not timecut.mentions_after(text, T("2025-06-09"))


def test_a_month_counts_from_its_first_day():
    assert timecut.mentions_after("Nov 2025", T("2025-10-31"))
    assert not timecut.mentions_after("Nov 2025", T("2025-11-01"))


def test_withhold_later_notes_blanks_only_the_later_ones():
    frame = pd.DataFrame({"notes": ["until 12 August 2025", "since 2025-02-04", pd.NA],
                          "status": ["in force", "ended 2025-07-01", "x"]})
    out = timecut.withhold_later_notes(frame, T("2025-06-09"), columns=("notes", "status"))
    assert out["notes"].tolist()[:2] == [timecut.WITHHELD, "since 2025-02-04"] and pd.isna(out["notes"].iloc[2])
    assert out["status"].tolist() == ["in force", timecut.WITHHELD, "x"]
    assert frame["notes"].iloc[0] == "until 12 August 2025"  # the input is not changed


# --- latest_date, as_of_date, Book ------------------------------------------------------------------------

def test_latest_date_is_the_latest_recorded_date(small):
    # sources published up to 2025-08-01; the latest action was announced 2025-07-07
    assert data.latest_date(small) == T("2025-08-01")


def test_as_of_date_is_the_parameter_or_the_latest_date(small):
    assert data.as_of_date("2025-06-09", small) == T("2025-06-09")
    assert data.as_of_date("", small) == data.latest_date(small)
    assert data.as_of_date(None, small) == data.latest_date(small)


def test_open_book_defaults(small):
    book = data.open_book(small, "2025-06-09", "")
    assert (book.cutoff, book.scenario) == (T("2025-06-09"), "current")
    assert data.open_book(small).cutoff == T("2025-08-01")


def test_book_cuts_rows_and_withholds_later_notes_when_rows_were_left_out(small):
    book = data.open_book(small, "2025-06-09")
    t = book.table("tariff_actions")
    assert t["action_id"].tolist() == ["a1", "a2"]
    assert t["notes"].tolist() == [timecut.WITHHELD, "In force from 2025-03-04."]
    assert book.table("tariff_actions") is t  # cached


def test_book_withholds_later_notes_even_when_the_cut_left_the_table_whole(small):
    book = data.open_book(small, "2025-08-01")
    t = book.table("tariff_actions")
    assert t["action_id"].tolist() == ["a1", "a2", "a3"]
    assert t["notes"].iloc[0] == timecut.WITHHELD  # "Extended on 12 August 2025." is after 1 August
    assert data.open_book(small, "2025-08-12").table("tariff_actions")["notes"].iloc[0] == "Extended on 12 August 2025."


def test_book_sources_drop_later_ones_and_name_undated_ones_only_for_rows_kept(small):
    early = data.open_book(small, "2025-06-09")
    early.table("tariff_actions")  # the undated source's only row (announced in July) is not kept yet
    assert early.table("sources")["source_id"].tolist() == ["old"]
    late = data.open_book(small, "2025-07-31")
    assert late.table("sources")["source_id"].tolist() == ["old"]  # nothing loaded cites it yet
    late.table("tariff_actions")
    assert late.table("sources")["source_id"].tolist() == ["old", "undated"]
    assert early.raw("sources")["source_id"].tolist() == ["old", "new", "undated"]


def test_book_tables_with_editions_enter_on_release(small):
    assert data.open_book(small, "2025-06-09").table("students_by_origin")["academic_year"].tolist() == ["2023/24"]
    assert data.open_book(small, "2025-11-17").table("students_by_origin")["academic_year"].tolist() == \
        ["2023/24", "2024/25"]


def test_book_data_through_is_the_latest_dated_row(small):
    assert data.open_book(small, "2025-06-09").data_through() == T("2025-04-15")  # the average
    assert data.open_book(small, "2025-07-31").data_through() == T("2025-07-07")  # the July action
    assert data.open_book(small, "2025-01-01").data_through() == T("2025-01-01")  # nothing yet: the cut-off


# --- the real data on the day of the news report ----------------------------------------------------------

@pytest.fixture(scope="module")
def june_book():
    return data.open_book(DATA, "2025-06-09")


def test_real_book_at_2025_06_09_uses_usgs_mcs_2025(june_book):
    production = june_book.table("rare_earth_production")
    assert production["edition"].max() == 2025
    assert (data.load(DATA, "rare_earth_production")["edition"] == 2026).any()  # the data does hold MCS 2026


def test_real_book_at_2025_06_09_has_open_doors_up_to_2023_24(june_book):
    years = june_book.table("students_by_origin")["academic_year"]
    assert years.max() == "2023/24"
    assert "2024/25" in set(data.load(DATA, "students_by_origin")["academic_year"])


def test_real_book_at_2025_06_09_lists_no_later_source_but_the_files_earlier_figures_were_read_in(june_book):
    """A later source is listed only when it is the cumulative file (a State Department workbook, say) in which
    rows first published before the date were read; no other later source reaches the book."""
    sources = june_book.sources()
    later = set(sources[sources["date_published"] > june_book.cutoff]["source_id"])
    cited = set().union(*(set(june_book.table(n)["source_id"]) for n in timecut.EDITION))
    assert len(sources) > 0 and later <= cited
    assert (data.load(DATA, "sources")["date_published"] > june_book.cutoff).any()
    assert len(later) < len(data.load(DATA, "sources").query("date_published > @june_book.cutoff"))


def test_real_book_at_2025_06_09_holds_nothing_that_happened_later(june_book):
    for res in data.contract(str(DATA))["resources"]:
        if res["name"] == "sources":  # see the test above: later cumulative files read are listed, by design
            continue
        for column in contract.HAPPENED.get(res["name"], []):
            later = june_book.table(res["name"])[lambda t: t[column] > june_book.cutoff]
            assert later.empty, f"{res['name']}.{column}: {len(later)} row(s) after {june_book.cutoff:%Y-%m-%d}"


def test_real_book_at_2025_06_09_cites_only_sources_it_lists(june_book):
    """Once a table is loaded, every source its rows cite is among the book's sources."""
    for res in data.contract(str(DATA))["resources"]:
        cited = set(june_book.table(res["name"])["source_id"].dropna())
        listed = set(june_book.sources()["source_id"])
        assert cited <= listed, f"{res['name']} cites {sorted(cited - listed)}, not in the book's sources"
