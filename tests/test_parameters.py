"""Papermill parameters change what a chapter says: the as-of cut and the tariff scenario."""
from __future__ import annotations

import ast

import nbformat
import papermill as pm
import pytest

from .conftest import DATA, ROOT


def glued(path) -> dict:
    """name -> value of every number or text a notebook glued for the prose."""
    values = {}
    for cell in nbformat.read(path, as_version=4).cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("scrapbook")
            if meta:
                values[meta["name"]] = ast.literal_eval(out["data"]["application/papermill.record/text/plain"])
    return values


@pytest.fixture(scope="module")
def london_day(tmp_path_factory):
    """The tariffs chapter as it would have read on the first day of the London talks, truce-lapse scenario."""
    out = tmp_path_factory.mktemp("asof") / "tariffs.ipynb"
    pm.execute_notebook(str(ROOT / "book" / "tariffs.ipynb"), str(out), cwd=str(ROOT / "book"),
                        parameters={"data_dir": str(DATA), "as_of": "2025-06-09", "scenario": "truce_lapses"},
                        progress_bar=False, kernel_name="python3")
    return glued(out), glued(ROOT / "book" / "tariffs.ipynb")


def test_as_of_cuts_the_chapter_at_that_date(london_day):
    then, now = london_day
    assert then["tariffs_as_of"] == "9 June 2025"
    # On 9 June 2025 the Geneva rates were in force; later changes (Nov 2025, Feb 2026) are not counted.
    assert (then["us_now_pct"], then["cn_now_pct"]) == (30, 10)
    assert then["tariff_changes"] < now["tariff_changes"]
    assert then["us_peak_pct"] == now["us_peak_pct"]  # the April peak was already history


def test_scenario_parameter_reaches_the_prose(london_day):
    then, _ = london_day
    assert then["scenario_name"] == "truce_lapses"
    assert then["us_scenario_pct"] == then["us_peak_pct"]
