"""tradefight.figures: every encoder, on small frames, keeps the name, title and description it is given,
shows exactly its table's columns, one row per input row, and makes a valid Vega-Lite spec."""
from __future__ import annotations

import pandas as pd
import pytest

from tradefight import claims, controls, events, figures, rare_earths, scenarios, students, tariffs
from tradefight.statements import Statement

from .helpers import LADDER, T, average_table, control_table, event_table, production_table, source_table, \
    student_table

END = T("2025-12-31")
AVERAGES = average_table([["2018-01-01", "US", "average_tariff", 3.1, "s"], ["2025-04-10", "US", "average_tariff", 100, "s"],
                          ["2018-01-01", "China", "average_tariff", 8.0, "s"], ["2025-04-12", "China", "average_tariff", 147.6, "t"],
                          ["2025-04-13", "China", "average_tariff", 147.6, "s"]])
SRC = source_table()
PRODUCTION = production_table().assign(source_id="s")  # sources the small SRC lists


def scenario_totals():
    chosen = pd.DataFrame({"imposer": ["US"], "layer": ["ieepa_reciprocal"], "rate_pct": [34.0], "source_id": ["s"]})
    return scenarios.totals(scenarios.apply(LADDER, chosen, END)), chosen


def status():
    frame = pd.DataFrame({"announcement": ["No. 18"], "date": [T("2025-04-04")], "status": ["in force"],
                          "until": [pd.NaT]})
    return frame


def f1():
    return pd.DataFrame({"fiscal_year": [2023, 2023, 2024, 2024], "nationality": ["China - mainland", "India"] * 2,
                         "issued": [86000, 130000, 73000, 86000], "source_id": ["s"] * 4})


def claim_frame():
    checks = claims.check_all({"tariff_actions": LADDER, "rare_earth_production": production_table(),
                               "rare_earth_shares": pd.DataFrame({"stage": ["mining"], "scope": ["all rare earths"],
                                                                  "year": pd.array([2024], dtype="Int64"),
                                                                  "china_share_pct": [70], "measure": ["m"],
                                                                  "source_id": ["s"]}),
                               "rare_earth_controls": control_table(), "students_by_origin": student_table()}, END)
    return claims.table(checks)


def latest_production():
    rows = rare_earths.latest_edition(PRODUCTION)
    return rare_earths.countries(rows).assign(estimated=False)


# (encoder call, its input frame, the figure's name, the table's columns)
CASES = {
    "ladder": (lambda t, d: figures.tariffs.ladder(tariffs.ladder(LADDER, END), SRC, t, d),
               lambda: tariffs.ladder(LADDER, END), "tariff-ladder", ["date", "imposer", "headline_rate_pct", "source_id"]),
    "ladder-named": (lambda t, d: figures.tariffs.ladder(tariffs.ladder(LADDER, END), SRC, t, d, name="ladder-then"),
                     lambda: tariffs.ladder(LADDER, END), "ladder-then", ["date", "imposer", "headline_rate_pct",
                                                                          "source_id"]),
    "us-layers": (lambda t, d: figures.tariffs.us_layers(tariffs.us_layer_stack(LADDER, END), SRC, t, d),
                  lambda: tariffs.us_layer_stack(LADDER, END), "us-layers", ["date", "layer", "rate_pct"]),
    "headline-vs-average": (lambda t, d: figures.tariffs.headline_vs_average(
                                tariffs.headline_and_average(LADDER, AVERAGES, END), SRC, t, d),
                            lambda: tariffs.headline_and_average(LADDER, AVERAGES, END), "headline-vs-average",
                            ["date", "imposer", "measure", "percent", "source_id"]),
    "averages": (lambda t, d: figures.tariffs.averages_since_2018(tariffs.average_series(AVERAGES), SRC, t, d),
                 lambda: tariffs.average_series(AVERAGES), "averages-since-2018",
                 ["date", "imposer", "piie_average_tariff_pct", "source_id"]),
    "scenario": (lambda t, d: figures.tariffs.scenario(*scenario_totals(), SRC, t, d, "Headline rate"),
                 lambda: scenario_totals()[0], "scenario", ["imposer", "case", "headline_rate_pct"]),
    "timeline": (lambda t, d: figures.timeline.timeline(event_table(), SRC, t, d), event_table, "timeline",
                 ["date", "actor", "category", "title", "description", "source_id"]),
    "by-month": (lambda t, d: figures.timeline.by_month(events.monthly_counts(event_table()), t, d),
                 lambda: events.monthly_counts(event_table()), "events-by-month", ["month", "actor", "events"]),
    "claims": (lambda t, d: figures.claims.claims(claim_frame(), t, d), claim_frame, "claims",
               ["claim_id", "claimed", "found", "score_pct", "verdict", "measure"]),
    "methods": (lambda t, d: figures.methods.rows_per_dataset(
                    pd.DataFrame({"dataset": ["events", "quotes"], "rows": [56, 1], "sources": [40, 1]}), t, d),
                lambda: [0, 1], "rows-per-dataset", ["dataset", "rows", "distinct_sources"]),
    "by-origin": (lambda t, d: figures.students.by_origin(
                      student_table()[lambda f: f["place_of_origin"].isin(["China", "India"])], SRC, t, d),
                  lambda: [0] * 6, "students-by-origin", ["academic_year", "place_of_origin", "students", "source_id"]),
    "ranking": (lambda t, d: figures.students.ranking(students.ranking(student_table(), "2023/24"), "2023/24", SRC,
                                                      t, d),
                lambda: students.ranking(student_table(), "2023/24"), "top-places",
                ["rank", "place_of_origin", "students", "source_id"]),
    "china-share": (lambda t, d: figures.students.china_share(students.share_of_total(student_table(), "China"),
                                                              SRC, t, d),
                    lambda: students.share_of_total(student_table(), "China"), "china-share-students",
                    ["academic_year", "china", "all_places", "china_share_pct", "source_id"]),
    "f1": (lambda t, d: figures.students.f1_visas(f1(), SRC, t, d), f1, "f1-visas",
           ["fiscal_year", "nationality", "issued", "source_id"]),
    "mine-production": (lambda t, d: figures.rare_earths.mine_production(
                            latest_production(), ["China", "United States"], SRC, t, d),
                        latest_production, "mine-production",
                        ["year", "country", "production_t", "estimated", "usgs_edition", "source_id"]),
    "mining-share": (lambda t, d: figures.rare_earths.china_mining_share(
                         rare_earths.china_share_by_year(PRODUCTION), SRC, t, d),
                     lambda: rare_earths.china_share_by_year(PRODUCTION), "china-mining-share",
                     ["year", "china_t", "world_total_t", "china_share_pct", "usgs_edition", "source_id"]),
    "stage-shares": (lambda t, d: figures.rare_earths.stage_shares(rare_earths.stage_table(
                         pd.DataFrame({"stage": ["mining", "refining"], "scope": ["all rare earths"] * 2,
                                       "year": pd.array([2024, None], dtype="Int64"), "china_share_pct": [70, 91],
                                       "measure": ["m", "r"], "source_id": ["s", "t"]})), SRC, t, d),
                     lambda: [0, 1], "stage-shares",
                     ["stage", "scope", "year", "china_share_pct", "measure", "source_id"]),
    "controlled-elements": (lambda t, d: figures.rare_earths.controlled_elements(
                                controls.elements_with_status(control_table(), status(), END), SRC, t, d),
                            lambda: controls.elements_with_status(control_table(), status(), END),
                            "controlled-elements", ["element", "symbol", "atomic_number", "announcement",
                                                    "announced_date", "effective_date", "status_on_date", "source_id"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_encoder_keeps_name_title_description_columns_and_rows(case):
    encode, given, name, columns = CASES[case]
    title = Statement(f"{case}-title", f"Title of {case}")
    fig = encode(title, f"Description of {case}")
    assert fig.name == name
    assert (fig.title, fig.title_key, fig.description) == (f"Title of {case}", f"{case}-title", f"Description of {case}")
    assert list(fig.data.columns) == columns == list(fig.columns.values())
    assert len(fig.data) == len(given()) > 0
    spec = fig.spec()  # Altair validates the Vega-Lite spec here
    assert spec["description"] == f"Description of {case}"
    assert fig.measure and fig.sources


def test_mine_production_draws_only_the_top_producers():
    fig = figures.rare_earths.mine_production(latest_production(), ["China"], SRC, "t", "d")
    assert set(fig.data["country"]) == {"China"} and len(fig.data) == 2


def test_sources_for_lists_the_sources_behind_the_rows_primary_first():
    frame = pd.DataFrame({"source_id": ["t", "s", "s", None]})
    listed = figures.sources_for(frame, SRC)
    assert [s["source_id"] for s in listed] == ["s", "t"]  # by publisher
    assert listed[0]["primary_url"] == "https://primary.example.org/s" and listed[1]["primary_url"] == ""
    assert figures.sources_for(pd.DataFrame({"x": [1]}), SRC) == []


def test_computed_from_names_the_files():
    [line] = figures.computed_from("a.csv", "b.csv")
    assert line["publisher"] == "Computed from a.csv, b.csv" and line["url"] == ""


def test_an_unknown_actor_stops_the_timeline():
    odd = event_table([["x", "2025-03-01", "EU", "talks", "t", "d", "s"]])
    with pytest.raises(KeyError, match="EU"):
        figures.timeline.timeline(odd, SRC, "t", "d")
