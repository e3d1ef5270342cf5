"""`SCENARIO=<name>` changes the tariffs chapter's numbers, chart and words, the expected way, for every
scenario in the data (run with papermill on a date inside its window); outside its window nothing is
projected."""
from __future__ import annotations

import papermill as pm
import pytest

from tradefight import data, scenarios

from .helpers import DATA, ROOT, glued

TABLE = data.load(DATA, "scenarios")


def run(tmp_path, as_of: str, scenario: str) -> dict:
    """The glued values of the tariffs chapter run with papermill, and the scenario chart's data rows."""
    import io

    import nbformat
    import pandas as pd

    out = tmp_path / f"tariffs-{scenario}-{as_of}.ipynb"
    pm.execute_notebook(str(ROOT / "book" / "tariffs.ipynb"), str(out), cwd=str(ROOT / "book"), kernel_name="python3",
                        parameters={"data_dir": str(DATA), "as_of": as_of, "scenario": scenario}, progress_bar=False)
    values = glued(out)
    for cell in nbformat.read(out, as_version=4).cells:
        for o in cell.get("outputs", []):
            record = o.get("data", {}).get("application/papermill.record/application/vnd.tradefight.figure+json")
            if record and record["name"] == "scenario":
                values["scenario-chart"] = pd.read_csv(io.StringIO(record["csv"]))
    return values


@pytest.mark.parametrize("name", scenarios.names(TABLE)[1:])
def test_each_scenario_changes_the_chapter_the_expected_way(name, tmp_path):
    chosen = scenarios.rows(TABLE, name)
    start, end = scenarios.window(chosen)
    inside = f"{min(start + (end - start) / 2, data.latest_date(DATA)):%Y-%m-%d}"
    base, under = run(tmp_path, inside, "current"), run(tmp_path, inside, name)
    book = data.open_book(DATA, inside, name)
    expected = scenarios.totals(scenarios.apply(book.table("tariff_actions"), chosen, book.cutoff))
    title = under["scenario-title"]
    assert title != base["scenario-title"] and title.startswith("If ")
    for side in ("US", "China"):
        now = expected[(expected.imposer == side) & (expected.case == "as recorded")]["rate_pct"].iloc[0]
        then = expected[(expected.imposer == side) & (expected.case == "under the scenario")]["rate_pct"].iloc[0]
        chart = under["scenario-chart"].set_index(["imposer", "case"])["headline_rate_pct"]
        assert chart[(side, "under the scenario")] == then and chart[(side, "as recorded")] == now
        word = "rise" if then > now else "fall" if then < now else "stay"
        subject = "the US headline rate" if side == "US" else "China's"
        assert f"{subject} would {word}" in title, (side, title)
        assert (f"{then:g}%" in title) or word == "stay"
    assert any(w in title for w in ("would rise", "would fall")), "a scenario that changes nothing is a stub"
    assert "under the scenario" not in set(base["scenario-chart"]["case"])


@pytest.mark.parametrize("name", scenarios.names(TABLE)[1:])
def test_outside_its_window_a_scenario_projects_nothing(name, tmp_path):
    chosen = scenarios.rows(TABLE, name)
    start, _ = scenarios.window(chosen)
    before = f"{start - __import__('pandas').Timedelta(days=1):%Y-%m-%d}"
    said = run(tmp_path, before, name)
    assert "not yet possible" in said["scenario-title"] and "nothing is projected" in said["scenario-title"]
