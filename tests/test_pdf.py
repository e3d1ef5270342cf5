"""`make pdf`: one PDF of the whole book, with every chapter title and every chart title in its text."""
from __future__ import annotations

import re
import unicodedata

from pypdf import PdfReader

from .conftest import PAGES
from .helpers import SITE


def words(text: str) -> str:
    """Text as compared: ligatures unfolded, quotes straightened, spacing collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(text.replace("-\n", "").split())


def test_the_pdf_has_a_cover_every_chapter_and_every_chart_title():
    from bs4 import BeautifulSoup

    pdf = SITE / "tradefight.pdf"
    assert pdf.is_file(), "make book writes the PDF into the site (make pdf)"
    reader = PdfReader(str(pdf))
    text = words(" ".join(page.extract_text() for page in reader.pages))
    cover = words(reader.pages[0].extract_text())
    banner = BeautifulSoup((SITE / PAGES[0]).read_text(encoding="utf-8"), "html.parser").select_one(".tf-banner")
    assert "The 2025 US–China trade fight" in cover and words(banner.get_text()) in cover
    assert "Contents" in words(reader.pages[1].extract_text())
    charts = 0
    for path in PAGES:
        soup = BeautifulSoup((SITE / path).read_text(encoding="utf-8"), "html.parser")
        title = words(soup.select_one("article h1").get_text()).replace("#", "").strip()
        title = re.sub(r"^\d+\. ", "", title)
        assert title in text, f"chapter {title!r} is not in the PDF"
        for caption in soup.select("figure figcaption .caption-text"):
            assert words(caption.get_text()) in text, f"chart title {caption.get_text()[:60]!r} is not in the PDF"
            charts += 1
    assert charts >= 17
    assert "https://" in text, "the sources' addresses are printed"
