"""Change one figure in the data, rebuild, and every place it appears in text and charts changes."""
from __future__ import annotations

import re
import urllib.parse

from tradefight import data, students

from .conftest import DATA


def test_one_changed_figure_changes_everywhere(payload_build):
    data_dir, build_dir, _ = payload_build
    old = int(students.latest(data.load(DATA, "students_by_origin"), "China")["students"])
    new = int(students.latest(data.load(data_dir, "students_by_origin"), "China")["students"])
    assert new == old + 1
    pages = {p.name: urllib.parse.unquote(p.read_text(encoding="utf-8"))  # CSV downloads are URL-encoded
             for p in (build_dir / "html" / "book").glob("*.html")}
    # As a value (chart specs, tables, downloads) the old figure is gone everywhere...
    assert [name for name, text in pages.items() if str(old) in text] == []
    # ...and no reader sees it in the text. (It may stay in a download's source_locator, which quotes the
    # source verbatim, e.g. "with 265,919 students": provenance, not a figure of the book.)
    visible = {name: re.sub(r"<script.*?</script>|<[^>]*>", " ", text, flags=re.S) for name, text in pages.items()}
    assert [name for name, text in visible.items() if f"{old:,}" in text] == []
    shown = {name for name, text in visible.items() if f"{new:,}" in text}
    # The overview card and the students chapter's prose, plus the chart data and tables.
    assert {"index.html", "students.html"} <= shown
    assert str(new) in pages["students.html"] and str(new) in pages["methods.html"]
