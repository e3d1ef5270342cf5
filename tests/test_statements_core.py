"""tradefight.statements.core: a statement's words are checked against its evidence before they are made."""
from __future__ import annotations

import pandas as pd
import pytest

from tradefight.statements import Statement, StatementError, Statements
from tradefight.statements.core import Chapter, against_peak, compare


def peak(**evidence) -> Statement:
    return Statement("us-peak", "US tariffs peaked above China's", {"us": 145.0, "china": 125.0, **evidence},
                     (("gt", "us", "china"), ("ge", "us", 100)), ("s1", "s2"))


def test_check_passes_when_every_relation_holds():
    st = peak()
    assert st.check() is st


@pytest.mark.parametrize("relation, ok", [("gt", True), ("ge", True), ("ne", True), ("lt", False), ("le", False),
                                          ("eq", False)])
def test_each_relation(relation, ok):
    st = Statement("k", "words", {"a": 2, "b": 1}, ((relation, "a", "b"),))
    if ok:
        st.check()
    else:
        with pytest.raises(StatementError, match="'k' says 'words'"):
            st.check()


def test_check_raises_naming_the_statement_when_a_relation_fails():
    with pytest.raises(StatementError) as err:
        peak(china=150.0).check()
    message = str(err.value)
    assert "'us-peak'" in message and "us=145.0" in message and "china=150.0" in message and "gt" in message


def test_check_raises_when_evidence_is_missing():
    st = Statement("k", "words", {"a": 1}, (("gt", "a", "b"),))
    with pytest.raises(StatementError, match="'k': no evidence named 'b'"):
        st.check()


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_check_raises_when_evidence_is_blank(missing):
    with pytest.raises(StatementError, match="'us-peak'.*missing in the data"):
        peak(china=missing).check()


def test_check_compares_dates_and_labels():
    Statement("k", "w", {"a": pd.Timestamp("2025-05-14"), "b": pd.Timestamp("2025-04-10")}, (("gt", "a", "b"),)).check()
    Statement("k", "w", {"who": "India", "top": "India"}, (("eq", "who", "top"),)).check()
    with pytest.raises(StatementError):
        Statement("k", "w", {"who": "China", "top": "India"}, (("eq", "who", "top"),)).check()
    with pytest.raises(StatementError, match="no evidence named 'India'"):  # a string always names evidence
        Statement("k", "w", {"who": "India"}, (("eq", "who", "India"),)).check()


def test_a_statement_with_assertions_needs_words():
    with pytest.raises(StatementError, match="no words"):
        Statement("k", "  ", {"a": 1}, (("eq", "a", 1),)).check()
    assert Statement("k", "", {}).check().text == ""


def test_evidence_text():
    st = Statement("k", "w", {"when": pd.Timestamp("2025-04-10"), "rate": 145.0, "share": 71.06, "n": 3, "who": "US"})
    assert st.evidence_text() == "when = 2025-04-10; rate = 145; share = 71.06; n = 3; who = US"


def test_add_checks_and_refuses_a_duplicate_key():
    said = Statements()
    said.add(peak())
    with pytest.raises(StatementError, match="'us-peak' is made twice"):
        said.add(peak())
    with pytest.raises(StatementError):
        said.add(Statement("wrong", "w", {"a": 1}, (("gt", "a", 2),)))
    assert list(said) == ["us-peak"]


def test_frame_has_one_row_per_statement_in_order():
    said = Statements()
    said.add(peak())
    said.add(Statement("plain", "No relation", {}, (), ("s1", "s1")))
    frame = said.frame("tariffs")
    assert list(frame.columns) == ["page", "key", "text", "evidence", "asserts", "sources"]
    assert frame["key"].tolist() == ["us-peak", "plain"] and set(frame["page"]) == {"tariffs"}
    assert frame["asserts"].iloc[0] == "us gt china; us ge 100"
    assert frame["sources"].tolist() == ["s1, s2", "s1"]
    assert list(Statements().frame().columns) == ["page", "key", "text", "evidence", "asserts", "sources"]


def test_compare_picks_the_word_and_relation():
    assert compare(2, 1, "more", "less", "same") == ("more", "gt")
    assert compare(1, 2, "more", "less", "same") == ("less", "lt")
    assert compare(1, 1, "more", "less", "same") == ("same", "eq")


def test_chapter_indexes_its_statements():
    said = Statements()
    said.add(peak())
    chapter = Chapter(said, {"t": pd.DataFrame()})
    assert chapter["us-peak"].text == "US tariffs peaked above China's"
    with pytest.raises(KeyError):
        chapter["nope"]


def test_against_peak_adds_the_relation_its_words_assert():
    rows = pd.DataFrame({"year": [2022, 2021, 2023], "n": [9, 5, 7]})
    assert against_peak(rows, "n", "year")[2:] == ("below", "lt")
    rows.loc[2, "n"] = 9
    assert against_peak(rows, "n", "year")[2:] == ("again", "eq")
    rows.loc[2, "n"] = 10
    assert against_peak(rows, "n", "year")[2:] == ("peak", "eq")
