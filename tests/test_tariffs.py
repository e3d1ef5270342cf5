"""tradefight.tariffs: the headline statutory rate, its peak and cut, the ladder, the US layers, the averages."""
from __future__ import annotations

import pandas as pd

from tradefight import tariffs

from .helpers import LADDER, T, actions, average_table

END = T("2025-12-31")


def path(frame, imposer="US", cutoff=END):
    """The headline path as (date as YYYY-MM-DD, rate) pairs."""
    return [(f"{d:%Y-%m-%d}", r) for d, r in tariffs.headline(frame, imposer, cutoff)[["date", "rate_pct"]].values]


def test_headline_sums_all_goods_layers_and_leaves_out_product_lists():
    assert path(LADDER) == [("2025-02-04", 10), ("2025-03-04", 20), ("2025-04-09", 104), ("2025-04-10", 145),
                            ("2025-05-14", 30)]
    assert path(LADDER, "China") == [("2025-04-12", 125), ("2025-05-14", 10)]


def test_headline_columns_and_imposer():
    head = tariffs.headline(LADDER, "China", END)
    assert list(head.columns) == ["date", "imposer", "rate_pct"] and set(head["imposer"]) == {"China"}


def test_later_announcement_wins_on_the_same_effective_day_whatever_the_row_order():
    # a3 (announced 2 April, 34%) and a4 (announced 8 April, 84%) both take effect on 9 April
    assert tariffs.headline_on(LADDER, "US", T("2025-04-09")) == 20 + 84
    assert tariffs.headline_on(LADDER.iloc[::-1], "US", T("2025-04-09")) == 20 + 84
    assert tariffs.layer_state(LADDER.iloc[::-1], "US", T("2025-04-09"))["ieepa_reciprocal"] == 84


def test_an_extension_that_changes_nothing_is_not_a_change():
    dates = [d for d, _ in path(LADDER)]
    assert "2025-08-12" not in dates
    # the same extension at a new rate is a change
    moved = pd.concat([LADDER, actions([["a8", "US", "2025-11-04", "2025-11-10", "ieepa_fentanyl", True, 10, "s"]])])
    assert path(moved)[-1] == ("2025-11-10", 20)


def test_headline_stops_at_the_cut_off_and_is_empty_before_any_step():
    assert path(LADDER, cutoff=T("2025-04-09"))[-1] == ("2025-04-09", 104)
    empty = tariffs.headline(LADDER, "US", T("2025-01-31"))
    assert empty.empty and list(empty.columns) == ["date", "imposer", "rate_pct"]


def test_headline_on_a_day():
    assert tariffs.headline_on(LADDER, "US", T("2025-01-31")) == 0
    assert tariffs.headline_on(LADDER, "US", T("2025-04-10")) == 145
    assert tariffs.headline_on(LADDER, "US", T("2025-06-01")) == 30
    assert tariffs.headline_on(LADDER, "China", T("2025-04-12")) == 125


def test_layer_state_leaves_out_actions_before_2025():
    assert "section_301" not in tariffs.layer_state(LADDER, "US", END)
    older = actions([["x", "US", "2019-05-01", "2019-05-10", "other", True, 7, "s"]])
    assert tariffs.layer_state(older, "US", END) == {}
    assert tariffs.layer_state(older, "US", END, since=T("2019-01-01")) == {"other": 7.0}


def test_layer_rates_give_every_layer_after_each_change():
    rates = tariffs.layer_rates(LADDER, "US", T("2025-03-04"))
    assert rates.values.tolist() == [[T("2025-02-04"), "ieepa_fentanyl", 10.0], [T("2025-03-04"), "ieepa_fentanyl", 20.0]]
    later = tariffs.layer_rates(LADDER, "US", T("2025-04-09"))
    assert later[later["date"] == T("2025-03-04")].set_index("layer")["rate_pct"].to_dict() == \
        {"ieepa_fentanyl": 20.0, "ieepa_reciprocal": 0.0}


def test_peak_is_the_highest_rate_first_reached():
    top = tariffs.peak(LADDER, "US", END)
    assert (top["date"], top["rate_pct"]) == (T("2025-04-10"), 145)
    again = pd.concat([LADDER, actions([["a9", "US", "2025-09-01", "2025-09-02", "ieepa_reciprocal", True, 125, "s"]])])
    assert tariffs.peak(again, "US", END)["date"] == T("2025-04-10")
    assert tariffs.peak(LADDER, "US", T("2025-01-01")) is None


def test_first_cut_after_peak():
    cut = tariffs.first_cut_after_peak(LADDER, "US", END)
    assert (cut["date"], cut["rate_pct"]) == (T("2025-05-14"), 30)
    china = tariffs.first_cut_after_peak(LADDER, "China", END)
    assert (china["date"], china["rate_pct"]) == (T("2025-05-14"), 10)


def test_first_cut_after_peak_is_none_before_a_cut():
    assert tariffs.first_cut_after_peak(LADDER, "US", T("2025-05-13")) is None
    assert tariffs.first_cut_after_peak(LADDER, "US", T("2025-01-01")) is None


def test_ladder_runs_each_side_on_to_the_cut_off_with_sources():
    frame = LADDER.assign(source_id=[f"src-{i}" for i in range(len(LADDER))])
    lad = tariffs.ladder(frame, END)
    assert list(lad.columns) == ["date", "imposer", "rate_pct", "source_id"]
    for side, last in (("US", 30), ("China", 10)):
        rows = lad[lad["imposer"] == side]
        assert (rows["date"].iloc[-1], rows["rate_pct"].iloc[-1]) == (END, last)
    on_9_april = lad[(lad["imposer"] == "US") & (lad["date"] == T("2025-04-09"))]
    assert on_9_april["source_id"].tolist() == ["src-3"]  # the winning, later-announced action


def test_ladder_adds_no_end_point_on_the_day_of_the_last_change():
    lad = tariffs.ladder(LADDER, T("2025-05-14"))
    assert (lad["date"] == T("2025-05-14")).sum() == 2  # one change per side, no duplicate end points


def test_step_series_extends_each_side_to_a_date():
    frame = pd.DataFrame({"date": [T("2025-01-01"), T("2025-02-01")], "imposer": ["US", "China"], "rate_pct": [1, 2]})
    out = tariffs.step_series(frame, T("2025-03-01"))
    assert len(out) == 4 and out[out["date"] == T("2025-03-01")]["rate_pct"].tolist() == [2, 1]


LISTS = actions([
    ["l1", "US", "2018-06-15", "2018-07-06", "section_301", False, 25, "s"],
    ["l3a", "US", "2018-09-17", "2018-09-24", "section_301", False, 10, "s"],
    ["l3b", "US", "2019-05-09", "2019-05-10", "section_301", False, 25, "s"],
    ["l4", "US", "2019-08-13", "2019-09-01", "section_301", False, 15, "s"],
    ["l4b", "US", "2020-01-15", "2020-02-14", "section_301", False, 7.5, "s"],
    ["ev", "US", "2024-05-14", "2024-09-27", "section_301", False, 100, "s"],
])
LISTS["scope"] = ["List 1", "List 3 goods", "List 3 goods", "List 4A", "List 4A", "Electric vehicles"]


def test_section_301_rate_on_a_list():
    assert tariffs.section_301_rate(LISTS, T("2018-09-23")) == 0
    assert tariffs.section_301_rate(LISTS, T("2018-09-24")) == 10
    assert tariffs.section_301_rate(LISTS, T("2025-01-01")) == 25
    assert tariffs.section_301_rate(LISTS, T("2025-01-01"), "List 4A") == 7.5


def test_highest_section_301():
    assert tariffs.highest_section_301(LISTS, T("2019-06-01")) == (25.0, ["List 1", "List 3 goods"])
    assert tariffs.highest_section_301(LISTS, T("2025-01-01")) == (100.0, ["Electric vehicles"])
    assert tariffs.highest_section_301(LISTS, T("2018-01-01")) == (0.0, [])
    assert tariffs.highest_section_301(LADDER, T("2025-01-01")) == (25.0, ["all goods"])


def test_us_layer_stack_puts_list_3_under_the_all_goods_layers():
    stack = tariffs.us_layer_stack(pd.concat([LISTS, LADDER]), T("2025-04-10"))
    on_10_april = stack[stack["date"] == T("2025-04-10")].set_index("layer")["rate_pct"].to_dict()
    assert on_10_april == {"ieepa_fentanyl": 20, "ieepa_reciprocal": 125, "section_301_list3": 25}
    assert list(stack.columns) == ["date", "layer", "rate_pct"]
    assert stack["date"].is_monotonic_increasing and stack["date"].nunique() == 4


def test_us_layer_stack_before_any_all_goods_change_is_one_dated_bar():
    stack = tariffs.us_layer_stack(pd.concat([LISTS, LADDER]), T("2025-01-31"))
    assert stack.to_dict("records") == [{"date": T("2025-01-31"), "layer": "section_301_list3", "rate_pct": 25}]
    assert str(stack["date"].dtype).startswith("datetime64")  # a date the chart can encode, not an object


AVERAGES = average_table([
    ["2018-01-01", "US", "average_tariff", 3.1, "piie"],
    ["2025-01-01", "US", "average_tariff", 3.0, "piie"],
    ["2025-03-04", "US", "average_tariff", 15.0, "piie"],
    ["2025-04-10", "US", "average_tariff", 150.0, "piie"],   # above the headline on that day
    ["2025-04-10", "US", "average_tariff", 124.1, "piie-page"],  # one dated page: fewer rows, not drawn
    ["2025-01-01", "China", "average_tariff", 21.1, "piie"],
    ["2025-04-12", "China", "average_tariff", 147.6, "piie"],
    ["2025-04-11", "US", "crs_average_tariff_rate", 110.0, "crs"],
])


def test_average_series_picks_the_source_with_most_rows_per_measure():
    piie = tariffs.average_series(AVERAGES)
    assert set(piie["source_id"]) == {"piie"} and len(piie) == 6
    assert piie[["imposer", "date"]].values.tolist() == sorted(piie[["imposer", "date"]].values.tolist())
    assert tariffs.average_series(AVERAGES, "crs_average_tariff_rate")["value_pct"].tolist() == [110.0]
    assert tariffs.average_series(AVERAGES, "simple_average").empty


def test_value_on_a_step_series():
    series = tariffs.average_series(AVERAGES)
    us = series[series["imposer"] == "US"]
    assert tariffs.value_on(us, T("2017-12-31"), "value_pct") is None
    assert tariffs.value_on(us, T("2025-04-09"), "value_pct") == 15.0


def test_same_day_gaps_both_signs_and_stop_at_the_end_of_the_average_series():
    gaps = tariffs.same_day_gaps(LADDER, AVERAGES, "US", END)
    assert list(gaps.columns) == ["date", "headline", "average", "gap"]
    assert [(f"{d:%Y-%m-%d}", h, a, g) for d, h, a, g in gaps.values] == [
        ("2025-01-01", 0, 3.0, -3.0), ("2025-02-04", 10, 3.0, 7.0), ("2025-03-04", 20, 15.0, 5.0),
        ("2025-04-09", 104, 15.0, 89.0), ("2025-04-10", 145, 150.0, -5.0)]
    # the 14 May cut comes after the last average (10 April): no gap is computed for it
    assert gaps["date"].max() == T("2025-04-10")


def test_same_day_gaps_stop_at_the_cut_off_and_are_empty_without_averages():
    assert tariffs.same_day_gaps(LADDER, AVERAGES, "US", T("2025-03-04"))["date"].max() == T("2025-03-04")
    none = tariffs.same_day_gaps(LADDER, AVERAGES.iloc[:0], "US", END)
    assert none.empty and list(none.columns) == ["date", "headline", "average", "gap"]


def test_headline_and_average_in_one_long_frame():
    frame = tariffs.headline_and_average(LADDER, AVERAGES, END)
    assert list(frame.columns) == ["date", "imposer", "measure", "rate_pct", "source_id"]
    assert set(frame["measure"]) == {"headline", "average_tariff", "crs_average_tariff_rate"}
    averages = frame[frame["measure"] == "average_tariff"]
    assert averages["date"].min() >= tariffs.START  # the 2018 row is history
    assert len(averages) == 5 and set(averages["source_id"]) == {"piie"}
    assert len(frame[frame["measure"] == "headline"]) == len(tariffs.ladder(LADDER, END))
