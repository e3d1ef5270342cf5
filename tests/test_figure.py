"""tradefight.figure.Figure: name check, the record the site writes files from, the escaped block, the CSV."""
from __future__ import annotations

import csv
import io
import json

import altair as alt
import pandas as pd
import pytest

from tradefight import csvsafe, theme
from tradefight.figure import FIGURE_MIME, Figure
from tradefight.statements import Statement

XSS = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.invalid","click")'


def frame():
    return pd.DataFrame({"date": pd.to_datetime(["2025-04-09", "2025-04-10"]), "rate": [104.0, 145.0],
                         "label": [XSS, FORMULA], "notes": ["a note", "another"], "source_id": ["s", "s"]})


def make(name="tariff-test", title="A title", description="A description", columns=None, data=None):
    data = frame() if data is None else data
    chart = alt.Chart(data).mark_line().encode(x="date:T", y="rate:Q")
    return Figure(chart, data, name=name, title=title, measure="Headline rate, percent", description=description,
                  sources=[{"source_id": "s", "publisher": "Pub", "title": "T", "url": "https://e.org",
                            "primary_url": ""}], columns=columns)


@pytest.fixture(scope="module")
def record():
    return make().record()


@pytest.mark.parametrize("name", ["Tariffs", "tariff_ladder", "-x", "", "a b", "é"])
def test_a_name_that_is_not_a_slug_is_refused(name):
    with pytest.raises(ValueError, match="lower-case"):
        make(name=name)


def test_columns_pick_and_rename_the_table():
    fig = make(columns={"date": "date", "rate": "rate_pct"})
    assert list(fig.data.columns) == ["date", "rate_pct"] and len(fig.data) == 2
    assert list(make().data.columns) == list(frame().columns)


def test_record_has_what_the_site_needs(record):
    assert {"name", "title", "measure", "description", "sources", "csv", "vega"} <= set(record)
    assert (record["name"], record["title"], record["description"]) == ("tariff-test", "A title", "A description")
    assert record["vega"]["usermeta"]["tfDark"] == theme.DARK
    assert record["vega"]["$schema"].startswith("https://vega.github.io/schema/vega/")


def test_the_chart_spec_leaves_out_provenance_text():
    spec = json.dumps(make().spec())
    assert "a note" not in spec and '"notes"' not in spec
    assert "145" in spec and make().spec()["description"] == "A description"


def test_markup_escapes_data_and_links_the_files():
    fig = make()
    html = fig.markup()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for ending in (".csv", ".png", ".svg", ".html"):
        assert f'href="charts/tariff-test{ending}"' in html
    assert 'id="tariff-test-chart"' in html and "Data table (2 rows)" in html
    assert '<a href="https://e.org">Pub</a>' in html


def test_markup_escapes_title_and_description():
    html = make(title=XSS, description=XSS).markup()
    assert "<script>alert(1)" not in html and html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3


def test_csv_is_formula_safe_and_equals_the_table():
    fig = make()
    text = fig.csv()
    assert text == csvsafe.to_csv(fig.data)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["label"] for r in rows] == [XSS, "'" + FORMULA]
    assert [r["date"] for r in rows] == ["2025-04-09", "2025-04-10"] and [r["rate"] for r in rows] == ["104.0", "145.0"]
    assert list(rows[0]) == list(fig.data.columns)


def test_statements_as_title_and_description_keep_their_keys():
    fig = make(title=Statement("ladder-title", "Tariffs peaked at 145%"),
               description=Statement("ladder-desc", "Two step lines"))
    assert (fig.title, fig.title_key) == ("Tariffs peaked at 145%", "ladder-title")
    assert (fig.description, fig.description_key) == ("Two step lines", "ladder-desc")
    assert 'data-statement="ladder-desc"' in fig.markup()
    assert (make().title_key, make().description_key) == ("", "")


def test_mimebundle_and_repr():
    fig = make()
    bundle = fig._repr_mimebundle_()
    assert bundle[FIGURE_MIME]["name"] == "tariff-test" and bundle["text/html"].startswith('<div class="tf-figure"')
    assert repr(fig) == "<Figure tariff-test: A title (2 rows)>"
