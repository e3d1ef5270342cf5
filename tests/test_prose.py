"""No fixed comparative clause: every word of the built pages that compares, ranks, or states a trend, a peak
or a cause comes from a generated statement (glued from the notebooks, listed on the Claims page).

The scan takes each page's article, removes the statements its notebook glued (matched by their exact words),
and what is not the book's own prose (data tables, quotations, the event lists and sources taken from the
data, the claim checks), and looks for comparative words in what is left: headings, typed prose, figure
measures and captions, labels.
"""
from __future__ import annotations

import re
import sys

import pytest
from bs4 import BeautifulSoup

from .conftest import PAGES
from .helpers import ROOT, SITE, glued

WORDS = re.compile(r"\b(above|below|higher|lower|more than|less than|fewer|most|least|largest|smallest|highest|"
                   r"lowest|biggest|overt(?:ook|aken)|peaked|rose|fell|grew|declined|increased|decreased|exceeded|"
                   r"surpassed|doubled|halved|because|ahead of|behind|tightens?|far (?:above|below|ahead)|"
                   r"after the truce|before the truce|since \d{4}|first\b[^.]*\bthen)\b", re.I)
NOT_OURS = ["table", "blockquote", "script", "details", ".tf-events", ".tf-claim", ".tf-source", ".tf-sources",
            ".tf-embed", ".tf-links", ".tf-reproduce", ".tf-downloads", "code", "pre", ".headerlink"]


def plain(text: str) -> str:
    """Text as compared: Sphinx's smart quotes and the spacing of the page set aside."""
    return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())


def statements_of(page: str) -> set[str]:
    """The words of every statement the page's notebook glued (the executed copy the site was built from)."""
    name = page.split("/")[-1].replace(".html", ".ipynb")
    staged = ROOT / "_build" / ".src" / "book" / name
    values = glued(staged if staged.is_file() else ROOT / "book" / name)
    keys = values.get("statements-on-this-page", [])
    assert keys, f"{page}: its notebook glued no statements"
    return {plain(values[k]) for k in keys if values.get(k)}


def leftover_text(page: str) -> str:
    soup = BeautifulSoup((SITE / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for selector in NOT_OURS:
        for el in article.select(selector):
            el.decompose()
    said = statements_of(page)
    for el in article.select("span.pasted-text, [data-statement]"):
        if plain(el.get_text()) in said:
            el.decompose()
    return " ".join(article.get_text(" ").split())


@pytest.mark.parametrize("page", PAGES)
def test_no_comparative_word_outside_a_statement(page):
    text = leftover_text(page)
    assert len(text) > 200, "the scan found almost nothing to read"
    found = [m.group(0) for m in WORDS.finditer(text)]
    context = [text[max(0, m.start() - 60): m.end() + 30] for m in WORDS.finditer(text)]
    assert found == [], context


def test_the_scan_catches_a_fixed_comparative_clause(tmp_path, monkeypatch):
    """The same scan on a page with one typed comparison in it fails."""
    page = PAGES[2]
    html = (SITE / page).read_text(encoding="utf-8").replace("<h2>Overview", "<h2>Tariffs rose far above: Overview", 1)
    fake = tmp_path / page
    fake.parent.mkdir(parents=True)
    fake.write_text(html, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "SITE", tmp_path)
    assert WORDS.search(leftover_text(page))
