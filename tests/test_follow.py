"""Change one figure in the data, rebuild, and every place it appears in text, charts and files changes."""
from __future__ import annotations

import re

from tradefight import data, students

from .helpers import DATA


def test_one_changed_figure_changes_everywhere(payload_build):
    data_dir, build_dir, _ = payload_build
    old = int(students.latest(data.load(DATA, "students_by_origin"), "China")["students"])
    new = int(students.latest(data.load(data_dir, "students_by_origin"), "China")["students"])
    assert new == old + 1
    site = build_dir / "html" / "book"
    pages = {p.name: p.read_text(encoding="utf-8") for p in site.glob("*.html")}
    files = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
             for p in list(site.glob("charts/*.csv")) + list(site.glob("charts/*.spec.js"))}
    # As a value (chart specs, tables, downloads) the old figure is gone everywhere...
    assert [name for name, text in {**pages, **files}.items() if re.search(rf"\b{old}\b", text)] == []
    # ...and no reader sees it in the text.
    visible = {name: re.sub(r"<script.*?</script>|<[^>]*>", " ", text, flags=re.S) for name, text in pages.items()}
    assert [name for name, text in visible.items() if f"{old:,}" in text] == []
    shown = {name for name, text in visible.items() if f"{new:,}" in text}
    assert {"index.html", "students.html"} <= shown
    assert any(str(new) in text for name, text in files.items() if "students-by-origin" in name)
