"""tradefight.text: words and numbers for the prose, and what is glued."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tradefight import text


@pytest.fixture
def glued(monkeypatch):
    """Capture glue calls instead of displaying them: name -> value."""
    seen = {}
    monkeypatch.setattr(text, "_glue", lambda name, value: seen.__setitem__(name, value))
    return seen


def test_number_glues_plain_ints_and_floats(glued):
    assert text.number("a", np.int64(277398)) == 277398 and type(glued["a"]) is int
    assert text.number("b", np.float64(145.0)) == 145 and type(glued["b"]) is int
    assert text.number("c", 12.5) == 12.5 and type(glued["c"]) is float
    assert f"{glued['a']:,d}" == "277,398"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_number_refuses_a_missing_value(glued, missing):
    with pytest.raises(ValueError, match="x: no value"):
        text.number("x", missing)
    assert glued == {}


def test_text_and_date_glue_strings(glued):
    assert text.text("who", pd.array(["China"], dtype="string")[0]) == "China" and type(glued["who"]) is str
    assert text.date("when", pd.Timestamp("2025-06-09")) == "9 June 2025" == glued["when"]


def test_block_glues_the_object(glued):
    obj = object()
    text.block("b", obj)
    assert glued["b"] is obj


def test_day_and_month():
    assert text.day("2025-04-09") == "9 April 2025"
    assert text.month(pd.Timestamp("2025-11-30")) == "November 2025"


def test_pct():
    assert (text.pct(145.0), text.pct(12.5), text.pct(71.06, 1), text.pct(2, 0)) == ("145%", "12.5%", "71.1%", "2%")


def test_count_points_times_plural():
    assert text.count(277398) == "277,398" and text.count(np.int64(1000)) == "1,000"
    assert (text.points(20.9), text.points(-1), text.points(1.0)) == ("20.9 points", "1 point", "1 point")
    assert (text.times(1), text.times(2), text.times(5)) == ("once", "twice", "5 times")
    assert (text.plural(1, "element"), text.plural(3, "element"), text.plural(2, "country", "countries")) == \
        ("1 element", "3 elements", "2 countries")


def test_listing():
    assert text.listing([]) == "" and text.listing(["a"]) == "a"
    assert text.listing(["a", "b"]) == "a and b" and text.listing(iter(["a", "b", "c"])) == "a, b and c"


def test_semicolons_join_items_that_hold_commas():
    assert text.semicolons(["a, b", "c"]) == "a, b; and c"
    assert text.semicolons(["a", "b", "c"]) == "a; b; and c"
    assert text.semicolons(["only"]) == "only" and text.semicolons([]) == ""
