"""tradefight.markup: autoescaped templates, links only to web addresses, and the Html display object."""
from __future__ import annotations

import pandas as pd
import pytest

from tradefight import markup

SCRIPT = "<script>alert(1)</script>"


def test_the_environment_autoescapes_and_refuses_undefined_names():
    env = markup.environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x=SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    with pytest.raises(Exception, match="y"):
        env.from_string("{{ y }}").render()


def test_table_escapes_data_text_headers_and_caption():
    frame = pd.DataFrame({"<b>col</b>": [SCRIPT], "n": [1]})
    html = markup.table(frame, caption='A "caption" <i>')
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;col&lt;/b&gt;" in html and "<b>" not in html
    assert "<i>" not in html and "&lt;i&gt;" in html
    assert html.count("<tr>") == 2 and "<td>1</td>" in html


def test_table_uses_given_headers():
    html = markup.table(pd.DataFrame({"a": [1]}), "c", headers=["Alpha"])
    assert '<th scope="col">Alpha</th>' in html and ">a<" not in html


def test_table_rows_dates_blanks_and_numbers():
    frame = pd.DataFrame({"d": [pd.Timestamp("2025-04-09"), pd.NaT], "s": pd.array(["x", pd.NA], dtype="string"),
                          "n": pd.array([3, pd.NA], dtype="Int64"), "f": [None, 1.5]})
    assert markup.table_rows(frame) == [["2025-04-09", "x", "3", ""], ["", "", "", "1.5"]]


@pytest.mark.parametrize("url, escaped", [("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
                                          ("http://example.org", "http://example.org")])
def test_link_links_web_addresses_escaped(url, escaped):
    assert str(markup.link(url, "<Title>")) == f'<a href="{escaped}">&lt;Title&gt;</a>'


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>", "ftp://x", "", None, pd.NA,
                                 float("nan")])
def test_link_shows_anything_else_as_plain_text(url):
    html = str(markup.link(url, "<Title>"))
    assert html == "&lt;Title&gt;"


def test_link_escapes_quotes_in_the_address():
    html = str(markup.link('https://e.org/" onmouseover="x', "t"))
    assert 'onmouseover="x"' not in html and "&#34;" in html


def test_href_prefers_the_primary_document():
    assert markup.href({"url": "https://copy", "primary_url": "https://primary"}) == "https://primary"
    assert markup.href({"url": "https://copy", "primary_url": ""}) == "https://copy"
    assert markup.href(pd.Series({"url": "https://copy", "primary_url": float("nan")})) == "https://copy"
    assert markup.href({"url": None}) == ""


def test_render_strips_and_escapes():
    html = markup.render("banner.html.j2", as_of="<x>", through="y", scenario="current")
    assert html == html.strip() and "&lt;x&gt;" in html and "scenario" not in html


def test_html_mimebundle_carries_files():
    block = markup.Html("<p>hi</p>", "greeting", files={"data/x.csv": "a\n1\n"})
    bundle = block._repr_mimebundle_()
    assert bundle["text/html"] == "<p>hi</p>" and bundle["text/plain"] == "<greeting>"
    assert bundle[markup.FILES_MIME] == {"files": {"data/x.csv": "a\n1\n"}}
    assert markup.FILES_MIME not in markup.Html("<p/>", "empty")._repr_mimebundle_()
