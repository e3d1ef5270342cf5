"""tradefight.blocks: each HTML block renders, escapes text from the data and counts its rows."""
from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pandas as pd

from tradefight import blocks, claims
from tradefight.statements import Statement, Statements

from .helpers import DATA, T, event_table, source_table

XSS = '<img src=x onerror="alert(1)">'
ESCAPED = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"


def safe(html: str) -> bool:
    """No raw payload in the markup, and the escaped payload present."""
    return "<img" not in html and ESCAPED in html


def test_banner_names_the_dates_and_a_scenario_other_than_current():
    book = SimpleNamespace(cutoff=T("2025-06-09"), scenario="current")
    html = blocks.banner(book, T("2025-05-14")).markup
    assert "As of 9 June 2025" in html and "data through 14 May 2025" in html and "scenario" not in html
    other = blocks.banner(SimpleNamespace(cutoff=T("2025-06-09"), scenario=XSS), T("2025-05-14"))
    assert "scenario: <code>" in other.markup and safe(other.markup) and other.label == "page banner"


def test_key_figures_show_values_and_computed_labels():
    said = {"peak": Statement("peak", f"peak rate {XSS}"), "cut": Statement("cut", "after the cut")}
    block = blocks.key_figures([("145%", "peak"), ("30%", "cut")], said)
    assert block.label == "2 key figures" and block.markup.count("<li") == 2
    assert 'data-statement="peak"' in block.markup and "145%" in block.markup and safe(block.markup)


def test_event_list_in_date_order_with_sources_and_escaped():
    events = event_table()
    events.loc[0, "title"] = XSS
    events.loc[3, "source_id"] = "unknown"
    block = blocks.event_list(events.iloc[::-1], source_table())
    html = block.markup
    assert block.label == "4 events" and html.count("<li>") == 4 and safe(html)
    assert html.index("1 February 2025") < html.index("4 February 2025") < html.index("12 May 2025")
    assert '<a href="https://primary.example.org/s">Publisher S</a>' in html
    assert '<a href="https://example.org/t">Publisher T</a>' in html
    assert "Source: not listed." in html


def test_event_list_of_one_category():
    block = blocks.event_list(event_table(), source_table(), category="tariffs")
    assert block.label == "2 events" and "Geneva" not in block.markup


def test_claims_list_shows_quote_verdict_evidence_measure():
    check = claims.Check("c", f"quote {XSS}", "exact", 1.0, 1.0, "supported", "evidence here", "the measure", "why")
    block = blocks.claims_list([check, check], f"A report {XSS}")
    html = block.markup
    assert block.label == "2 claims" and html.count('class="tf-claim"') == 2 and safe(html)
    assert "Verdict: supported." in html and "evidence here" in html and "Measure: the measure. why" in html


def test_statements_table_renames_columns_and_escapes():
    said = Statements()
    said.add(Statement("k", f"words {XSS}", {"a": 2, "b": 1}, (("gt", "a", "b"),), ("s",)))
    block = blocks.statements_table(said.frame("tariffs"))
    html = block.markup
    assert block.label == "1 statement" and safe(html)
    for header in ("Page", "Statement", "Words", "Evidence", "Checked", "Sources"):
        assert f'<th scope="col">{header}</th>' in html
    assert "a gt b" in html and "a = 2; b = 1" in html


def test_scenario_list_writes_dates_as_prose():
    frame = pd.DataFrame({"name": ["lapse"], "title": [XSS], "possible_from": [T("2025-05-14")],
                          "possible_to": [T("2025-11-10")], "status": ["possible"]})
    block = blocks.scenario_list(frame)
    assert block.label == "1 scenario" and safe(block.markup)
    assert "<td>14 May 2025</td>" in block.markup and "<td>10 November 2025</td>" in block.markup


def test_dictionary_lists_every_file_and_field():
    package = {"resources": [{"path": "x.csv", "description": XSS, "schema": {"fields": [
        {"name": "a", "type": "integer", "description": "count"}, {"name": "b"}]}}]}
    block = blocks.dictionary(package)
    html = block.markup
    assert "<h3>x.csv</h3>" in html and safe(html) and block.label == "data dictionary"
    assert "<td>a</td><td>integer</td><td>count</td>" in html and "<td>b</td><td>string</td><td></td>" in html


def test_dictionary_of_the_real_contract_has_a_table_per_file():
    from tradefight.contract import load_contract

    package = load_contract(DATA)
    assert blocks.dictionary(package).markup.count("<table") == len(package["resources"])


def test_sources_table_links_primary_and_copy_read():
    sources = source_table()
    sources.loc[1, "title"] = XSS
    block = blocks.sources_table(sources)
    html = block.markup
    assert block.label == "2 sources" and safe(html) and html.count("<tr>") == 3
    assert '<a href="https://primary.example.org/s">Title S</a>' in html
    assert '<a href="https://example.org/s">the copy read</a>' in html
    assert "<td>2025-01-01</td></tr>" in html and "<td></td></tr>" in html and "Accessed" not in html
    later = blocks.sources_table(sources, T("2024-12-31")).markup
    assert "<td>after this book&#39;s date</td>" in later and "2025-01-01" not in later


def test_downloads_neutralise_formulas_and_carry_the_files():
    package = {"resources": [{"name": "events", "path": "events.csv", "title": "Events"},
                             {"name": "sources", "path": "sources.csv", "title": "Sources"},
                             {"name": "quotes", "path": "quotes.csv", "title": "Quotes"}]}
    events = event_table()
    events.loc[1, "description"] = '=HYPERLINK("http://example.invalid","click")'
    block = blocks.downloads({"events": events, "sources": source_table()}, package)
    assert set(block.files) == {"data/events.csv", "data/sources.csv"}  # no table given for quotes
    rows = list(csv.DictReader(io.StringIO(block.files["data/events.csv"])))
    assert len(rows) == 4 and rows[1]["description"] == "'=HYPERLINK(\"http://example.invalid\",\"click\")"
    assert rows[0]["date"] == "2025-02-01"
    html = block.markup
    assert '<a href="data/events.csv" download>events.csv</a>: Events (4 rows)' in html
    assert "sources.csv</a>: Sources (2 rows)" in html and "quotes.csv" not in html
    assert block._repr_mimebundle_()["application/vnd.tradefight.files+json"]["files"] == block.files
