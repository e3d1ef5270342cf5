"""The book rebuilt as of telling dates, in the browser: each page says its date, and the story pages show
nothing dated after it (no date in the text, no event, no source), in any chart, table or line of prose."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from tradefight import data
from tradefight.tools.serve import serve

from .conftest import PAGES, offline, open_page
from .helpers import DATA, build

LAST = data.latest_date(DATA)
TELLING = {"before-the-first-2025-step": "2025-01-31", "at-the-peak": "2025-04-12",
           "the-london-talks": "2025-06-09", "the-data-s-end": f"{LAST:%Y-%m-%d}"}
STORY = PAGES  # every page, Methods included
PUBLIC = "https://example.org/tradefight/"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATED = re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) (20\d\d)\b|\b(20\d\d)-(\d\d)-(\d\d)\b")


@pytest.fixture(scope="module", params=sorted(TELLING), ids=str)
def dated_site(request, tmp_path_factory):
    as_of = TELLING[request.param]
    where = tmp_path_factory.mktemp(request.param)
    extra = ["--site-url", PUBLIC] if request.param == "the-data-s-end" else []  # and a public address
    result = build("--as-of", as_of, "--jobs", "2", *extra, build_dir=where)
    assert result.returncode == 0, result.stderr
    url, server = serve(where / "html")
    yield as_of, url
    server.shutdown()


def later_dates(text: str, cutoff: pd.Timestamp) -> list[str]:
    found = []
    for m in DATED.finditer(text):
        raw = m.group(0)
        stamp = pd.to_datetime(raw, errors="coerce", dayfirst=True) if m.group(1) else pd.Timestamp(raw)
        if pd.notna(stamp) and stamp > cutoff:
            found.append(raw)
    return found


@pytest.mark.parametrize("path", STORY)
def test_story_pages_show_nothing_after_the_as_of_date(page, dated_site, path):
    as_of, url = dated_site
    cutoff = pd.Timestamp(as_of)
    leaked = offline(page.context, url)
    problems = open_page(page, url + path)
    assert problems == [] and leaked == []
    banner = page.text_content(".tf-banner")
    assert banner.startswith(f"As of {cutoff.day} {cutoff:%B %Y}")
    # All the text a reader can reach: prose, captions, tables (also in closed details), chart tooltips' data.
    text = page.evaluate("document.querySelector('article').textContent")
    # Scheduled ends announced by then: "until 10 November 2026" in prose, "until_0 = 2026-11-10" in evidence.
    allowed = set(re.findall(r"until (\d{1,2} \w+ 20\d\d)", text)) | set(re.findall(r"until_\w+ = (20\d\d-\d\d-\d\d)", text))
    assert [d for d in later_dates(text, cutoff) if d not in allowed] == [], path


def test_the_claims_page_checks_nothing_before_the_report(page, dated_site):
    as_of, url = dated_site
    offline(page.context, url)
    open_page(page, url + "book/claims.html")
    summary = page.text_content("article")
    if pd.Timestamp(as_of) < pd.Timestamp("2025-06-09"):
        assert "No claim of the report is checked on" in summary and page.locator(".tf-claim").count() == 0
    else:
        assert page.locator(".tf-claim").count() >= 5


def test_share_cards_and_sitemap_follow_the_public_address(page, dated_site):
    """With SITE_URL (the data's-end build), share cards use absolute addresses and a sitemap is written;
    without one, the card's image is addressed from the page and there is no sitemap."""
    import urllib.error
    import urllib.request

    as_of, url = dated_site
    page.goto(url + "book/tariffs.html")
    image = page.get_attribute("meta[property='og:image']", "content")
    if as_of == TELLING["the-data-s-end"]:
        assert image == PUBLIC + "_static/share/book-tariffs.png"
        assert page.get_attribute("meta[property='og:url']", "content") == PUBLIC + "book/tariffs.html"
        sitemap = urllib.request.urlopen(url + "sitemap.xml").read().decode()
        assert sitemap.count("<loc>") >= len(PAGES) and f"<loc>{PUBLIC}book/tariffs.html</loc>" in sitemap
    else:
        assert image == "../_static/share/book-tariffs.png"
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "sitemap.xml")
    assert "Allow: /" in urllib.request.urlopen(url + "robots.txt").read().decode()
