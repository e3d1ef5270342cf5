"""Unit tests for the tradefight package, on small tables made here."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from tradefight import blocks, charts, claims, data, rare_earths, story, students, tariffs

from .conftest import DATA

T = pd.Timestamp


def actions(rows):
    cols = ["action_id", "imposer", "announced_date", "effective_date", "layer", "applies_to_all_goods",
            "rate_set_pct", "source_id"]
    frame = pd.DataFrame(rows, columns=cols)
    for c in ("announced_date", "effective_date"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


LADDER = actions([
    ["a1", "US", "2025-02-01", "2025-02-04", "ieepa_fentanyl", True, 10, "s"],
    ["a2", "US", "2025-03-03", "2025-03-04", "ieepa_fentanyl", True, 20, "s"],
    ["a3", "US", "2025-04-02", "2025-04-09", "ieepa_reciprocal", True, 34, "s"],
    ["a4", "US", "2025-04-08", "2025-04-09", "ieepa_reciprocal", True, 84, "s"],  # same day, announced later: wins
    ["a5", "US", "2025-04-09", "2025-04-10", "ieepa_reciprocal", True, 125, "s"],
    ["a6", "US", "2025-05-12", "2025-05-14", "ieepa_reciprocal", True, 10, "s"],
    ["a7", "US", "2018-06-20", "2018-07-06", "section_301", False, 25, "s"],   # not an all-goods layer
    ["b1", "China", "2025-04-11", "2025-04-12", "countermeasure_all_goods", True, 125, "s"],
    ["b2", "China", "2025-05-13", "2025-05-14", "countermeasure_all_goods", True, 10, "s"],
])


def test_headline_sums_all_goods_layers_and_later_announcement_wins():
    path = tariffs.headline(LADDER, "US", T("2025-12-31"))
    assert path["rate_pct"].tolist() == [10, 20, 104, 145, 30]
    assert path["date"].dt.strftime("%m-%d").tolist() == ["02-04", "03-04", "04-09", "04-10", "05-14"]


def test_headline_respects_the_cutoff_and_peak():
    assert tariffs.headline_on(LADDER, "US", T("2025-04-09")) == 104
    assert tariffs.headline_on(LADDER, "US", T("2025-01-01")) == 0
    top = tariffs.peak(LADDER, "China", T("2025-12-31"))
    assert (top["rate_pct"], top["date"]) == (125, T("2025-04-12"))


def test_scenarios():
    cut = T("2025-06-09")
    assert tariffs.scenario_rate(LADDER, "US", cut, "current") == 30
    assert tariffs.scenario_rate(LADDER, "US", cut, "truce_lapses") == 145
    with pytest.raises(ValueError, match="scenario"):
        tariffs.scenario_rate(LADDER, "US", cut, "nonsense")


def test_ladder_runs_to_the_cutoff_with_sources():
    path = tariffs.ladder(LADDER, T("2025-06-09"))
    last = path[path["imposer"] == "China"].iloc[-1]
    assert (last["date"], last["rate_pct"]) == (T("2025-06-09"), 10)
    assert path["source_id"].notna().all()


def production():
    rows = [
        [2025, 2023, "China", 255000, "a"], [2025, 2023, "World total", 376000, "a"],
        [2025, 2024, "China", 270000, "a"], [2025, 2024, "World total", 390000, "a"],
        [2026, 2024, "China", 270000, "b"], [2026, 2024, "World total", 380000, "b"],
    ]
    return pd.DataFrame(rows, columns=["edition", "year", "country", "production_t", "source_id"])


def test_latest_edition_wins_and_share_is_computed():
    shares = rare_earths.china_share_by_year(production())
    assert shares["year"].tolist() == [2023, 2024]
    assert shares["edition"].tolist() == [2025, 2026]
    assert shares["china_share_pct"].tolist() == [round(100 * 255000 / 376000, 1), round(100 * 270000 / 380000, 1)]


def student_table():
    rows = [["2019/20", "China", 372532], ["2019/20", "India", 193124], ["2019/20", students.ALL, 1075496],
            ["2022/23", "China", 289526], ["2022/23", "India", 268923], ["2022/23", students.ALL, 1057188],
            ["2023/24", "China", 277398], ["2023/24", "India", 331602], ["2023/24", students.ALL, 1126690]]
    frame = pd.DataFrame(rows, columns=["academic_year", "place_of_origin", "students"])
    return frame.assign(source_id="s")


def test_students_peak_overtake_rank_and_share():
    table = student_table()
    assert students.peak(table, "China")["academic_year"] == "2019/20"
    assert students.overtake_year(table, "India", "China") == "2023/24"
    assert students.rank(table, "India", "2023/24") == 1
    share = students.share_of_total(table, "China")
    assert share["share_pct"].iloc[-1] == round(100 * 277398 / 1126690, 1)


def test_story_glues_plain_python_numbers(monkeypatch):
    glued = {}
    monkeypatch.setattr(story, "glue", lambda name, value, display: glued.update({name: value}))
    assert story.number("n", pd.array([277398], dtype="Int64")[0]) == 277398
    assert type(glued["n"]) is int
    assert type(story.number("x", 12.5)) is float
    assert story.day(T("2025-06-09")) == "9 June 2025"
    with pytest.raises(ValueError):
        story.number("missing", pd.NA)


PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


def payload_figure():
    frame = pd.DataFrame({"date": pd.to_datetime(["2025-04-02", "2025-05-12"]), "value": [1, 2],
                          "label": [PAYLOAD, "plain"]})
    chart = alt.Chart(frame).mark_point().encode(x="date:T", y="value:Q", tooltip=["label:N"])
    return charts.Figure(chart, frame, name="payload", title=f"Title {PAYLOAD}", measure="m", description="d",
                         source=PAYLOAD)


def test_figure_escapes_data_text_everywhere():
    markup = payload_figure()._repr_html_()
    assert "<script>window" not in markup and "<img src=x" not in markup
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in markup  # shown as text in title, table, source
    spec_block = markup.split('type="application/json"')[1].split("</script>")[0]
    assert "<" not in spec_block.split(">", 1)[1]  # the JSON spec cannot close its script block


def test_figure_is_deterministic_and_download_matches_table():
    one, two = payload_figure()._repr_html_(), payload_figure()._repr_html_()
    assert one == two
    fig = payload_figure()
    assert fig.csv().splitlines()[0] == "date,value,label"
    assert fig.csv().splitlines()[2] == "2025-05-12,2,plain"
    spec = fig.spec()
    assert spec["description"] == "d" and spec["width"] == "container"
    assert 'aria-label="Title' in fig.static_svg()


def test_figure_names_must_be_slugs():
    with pytest.raises(ValueError):
        charts.Figure(alt.Chart(pd.DataFrame({"a": [1]})).mark_bar(), pd.DataFrame({"a": [1]}), name="Bad Name",
                      title="t", measure="m", description="d", source="s")


def test_blocks_escape_event_text():
    events = pd.DataFrame({"date": [T("2025-05-28")], "actor": ["US"], "category": ["visas"],
                           "title": [PAYLOAD], "description": ["desc"], "source_id": ["s"]})
    sources = pd.DataFrame({"source_id": ["s"], "publisher": [PAYLOAD], "url": ["javascript:alert(1)"]})
    markup = blocks.event_list(events, sources)._repr_html_()
    assert "<script>" not in markup and "<img" not in markup and "javascript:" not in markup


def test_claims_on_the_curated_data_give_computed_verdicts():
    cutoff = data.as_of_date("", DATA)
    tables = {n: data.load(DATA, n) for n in ["tariff_actions", "rare_earth_production", "rare_earth_shares",
                                               "rare_earth_controls", "students_by_origin"]}
    checks = {c.claim_id: c for c in claims.check_all(tables, cutoff)}
    assert set(checks) >= {"us-truce", "china-truce", "rare-earth-90", "six-elements", "students-270k"}
    assert all(c.verdict in ("supported", "imprecise", "not supported") for c in checks.values())
    # Break the data and the verdict follows it.
    tables["tariff_actions"].loc[tables["tariff_actions"]["rate_set_pct"] == 125, "rate_set_pct"] = 120
    assert {c.claim_id: c for c in claims.check_all(tables, cutoff)}["us-truce"].verdict == "not supported"


def test_loader_types_follow_the_contract():
    table = data.load(DATA, "students_by_origin")
    assert str(table["students"].dtype) == "Int64"
    events = data.load(DATA, "events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert data.until(events, "date", T("2025-06-09"))["date"].max() <= T("2025-06-09")


def test_reads_are_logged_for_incremental_builds(tmp_path, monkeypatch):
    log = tmp_path / "reads"
    monkeypatch.setenv(data.READS_LOG, str(log))
    data.load(DATA, "f1_visas")
    assert str((DATA / "f1_visas.csv").resolve()) in log.read_text().split()
