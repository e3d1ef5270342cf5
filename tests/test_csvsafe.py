"""tradefight.csvsafe: text a spreadsheet would run is neutralised; numbers and dates are written plainly."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from tradefight import csvsafe


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
                                  "\tHidden", "\rReturn", "-", "=1"])
def test_formula_triggers_are_neutralised_with_an_apostrophe(text):
    assert csvsafe.risky(text)
    assert csvsafe.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-5", "+3.2", "1e5", "-1.5E-3", ".5", "12", "", "plain words", "a=b", "it's -5"])
def test_numbers_and_plain_text_are_untouched(text):
    assert not csvsafe.risky(text)
    assert csvsafe.neutralise(text) == text


@pytest.mark.parametrize("value", [None, 5, -5.0, pd.NA])
def test_non_text_is_never_risky(value):
    assert not csvsafe.risky(value)


def test_to_csv_neutralises_text_formats_dates_and_keeps_numbers():
    frame = pd.DataFrame({"date": pd.to_datetime(["2025-04-09", None]),
                          "note": ["=HYPERLINK(\"http://x\")", "-5"],
                          "label": pd.array(["@x", pd.NA], dtype="string"),
                          "value": [-5.0, 3.25],
                          "count": pd.array([-2, pd.NA], dtype="Int64")})
    text = csvsafe.to_csv(frame)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["date", "note", "label", "value", "count"]
    assert rows[1] == ["2025-04-09", "'=HYPERLINK(\"http://x\")", "'@x", "-5.0", "-2"]
    assert rows[2] == ["", "-5", "", "3.25", ""]
    assert text.endswith("\n") and "\r" not in text


def test_to_csv_leaves_the_frame_unchanged():
    frame = pd.DataFrame({"note": ["=1+1"]})
    csvsafe.to_csv(frame)
    assert frame["note"].iloc[0] == "=1+1"
