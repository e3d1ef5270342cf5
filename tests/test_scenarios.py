"""tradefight.scenarios: names, rows, the window a scenario was possible in, and its effect on the rates."""
from __future__ import annotations

import pandas as pd
import pytest

from tradefight import data, scenarios

from .helpers import DATA, LADDER, T

COLUMNS = ["name", "title", "description", "imposer", "layer", "rate_pct", "valid_from", "valid_to", "mechanism",
           "source_id", "source_locator"]


def scenario_table(rows):
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("valid_from", "valid_to"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


SCENARIOS = scenario_table([
    ["lapse", "the pause lapses", "d", "US", "ieepa_reciprocal", 34, "2025-05-14", "2025-08-12", "EO", "s", "p"],
    ["lapse", "the pause lapses", "d", "China", "countermeasure_all_goods", 34, "2025-05-14", "2025-11-10", "EO", "s",
     "p"],
    ["us_only", "US doubles the fentanyl duty", "d", "US", "ieepa_fentanyl", 40, "2025-03-04", "2025-12-31", "EO",
     "s", "p"],
    ["new_layer", "a new US surcharge", "d", "US", "other", 10, "2025-06-01", "2025-06-30", "EO", "s", "p"],
])


def test_names_current_first_then_file_order_without_repeats():
    assert scenarios.names(SCENARIOS) == ["current", "lapse", "us_only", "new_layer"]
    assert scenarios.names(SCENARIOS.iloc[:0]) == ["current"]


def test_rows_of_one_scenario():
    chosen = scenarios.rows(SCENARIOS, "lapse")
    assert chosen["imposer"].tolist() == ["US", "China"] and chosen.index.tolist() == [0, 1]


def test_rows_of_an_unknown_scenario_raise_keyerror_listing_the_known():
    with pytest.raises(KeyError, match="'nope'.*lapse, us_only"):
        scenarios.rows(SCENARIOS, "nope")
    with pytest.raises(KeyError):
        scenarios.rows(SCENARIOS, "current")  # current is the data as recorded, not a row of the file


def test_window_spans_all_rows_of_the_scenario():
    assert scenarios.window(scenarios.rows(SCENARIOS, "lapse")) == (T("2025-05-14"), T("2025-11-10"))


@pytest.mark.parametrize("day, expected", [("2025-05-13", "not yet possible"), ("2025-05-14", "possible"),
                                           ("2025-11-10", "possible"), ("2025-11-11", "no longer possible")])
def test_status_on_a_day(day, expected):
    assert scenarios.status(scenarios.rows(SCENARIOS, "lapse"), T(day)) == expected


def test_apply_changes_the_scenario_layers_only():
    layers = scenarios.apply(LADDER, scenarios.rows(SCENARIOS, "us_only"), T("2025-06-01"))
    assert list(layers.columns) == ["imposer", "case", "layer", "rate_pct"]
    state = {(r.imposer, r.case, r.layer): r.rate_pct for r in layers.itertuples()}
    assert state[("US", "as recorded", "ieepa_fentanyl")] == 20
    assert state[("US", "under the scenario", "ieepa_fentanyl")] == 40
    assert state[("US", "as recorded", "ieepa_reciprocal")] == state[("US", "under the scenario", "ieepa_reciprocal")]
    assert state[("China", "as recorded", "countermeasure_all_goods")] == \
        state[("China", "under the scenario", "countermeasure_all_goods")] == 10


def test_totals_a_layer_change_raises_one_side_only():
    totals = scenarios.totals(scenarios.apply(LADDER, scenarios.rows(SCENARIOS, "us_only"), T("2025-06-01")))
    got = {(r.imposer, r.case): r.rate_pct for r in totals.itertuples()}
    assert got == {("US", "as recorded"): 30, ("US", "under the scenario"): 50,
                   ("China", "as recorded"): 10, ("China", "under the scenario"): 10}


def test_a_scenario_may_add_a_layer_not_in_force():
    totals = scenarios.totals(scenarios.apply(LADDER, scenarios.rows(SCENARIOS, "new_layer"), T("2025-06-01")))
    us = totals[totals["imposer"] == "US"].set_index("case")["rate_pct"]
    assert (us["as recorded"], us["under the scenario"]) == (30, 40)


def test_totals_are_zero_where_no_layer_was_in_force():
    totals = scenarios.totals(scenarios.apply(LADDER, scenarios.rows(SCENARIOS, "lapse"), T("2025-01-15")))
    got = {(r.imposer, r.case): r.rate_pct for r in totals.itertuples()}
    assert got == {("US", "as recorded"): 0, ("US", "under the scenario"): 34,
                   ("China", "as recorded"): 0, ("China", "under the scenario"): 34}
    assert list(totals.columns) == ["imposer", "case", "rate_pct"]


def test_the_real_scenarios_are_complete_and_sourced():
    table = data.load(DATA, "scenarios")
    listed = set(data.load(DATA, "sources")["source_id"])
    assert len(scenarios.names(table)) > 1
    for name in scenarios.names(table)[1:]:
        chosen = scenarios.rows(table, name)
        assert chosen["title"].str.strip().str.len().min() > 0, name
        assert chosen["mechanism"].str.strip().str.len().min() > 0, name
        start, end = scenarios.window(chosen)
        assert pd.notna(start) and pd.notna(end) and start <= end, name
        assert (chosen["valid_from"] <= chosen["valid_to"]).all(), name
        assert set(chosen["source_id"]) <= listed, name


def test_listing_shows_what_was_known_on_the_date():
    early = scenarios.listing(SCENARIOS, T("2025-04-01"))
    assert early["scenario"].tolist() == ["us_only"]  # the others were not yet possible, so not yet known
    later = scenarios.listing(SCENARIOS, T("2025-09-01"))
    assert later["scenario"].tolist() == ["lapse", "us_only", "new_layer"]
    rows = later.set_index("scenario")
    assert rows.loc["new_layer", "possible_to"] == T("2025-06-30")  # closed: its end is known
    assert pd.isna(rows.loc["lapse", "possible_to"])  # still open: no end shown
    assert rows.loc["lapse", "possible_from"] == T("2025-05-14") and rows.loc["lapse", "what"] == "the pause lapses"
    assert list(later.columns) == ["scenario", "what", "possible_from", "possible_to", "on_the_as_of_date"]
