"""`make diff DATA=dir`: what a new data folder would change, before building it.

Lists, against data/: every row added or removed and every figure changed (file, row key, column, old
and new value); then every statement of the book whose words change (page, statement, old and new
words), each book taken at its own default as-of date; and the pages those changes touch.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from .. import contract, data
from .layout import ROOT, BuildError

PAGES = {"Overview": "book/index", "Timeline": "book/timeline", "Tariffs": "book/tariffs", "Rare earths":
         "book/rare_earths", "Students and visas": "book/students", "Claims and data": "book/claims"}


def row_changes(old_dir: Path, new_dir: Path) -> list[str]:
    """One line per added, removed or changed row (changed rows: one line per changed cell)."""
    lines = []
    for res in data.contract(str(new_dir))["resources"]:
        name, key = res["name"], res["schema"].get("primaryKey", [])
        new = data.read_rows(new_dir / res["path"])
        old_path = old_dir / res["path"]
        old = data.read_rows(old_path) if old_path.is_file() else new[:0]
        if not key:
            continue
        old_i, new_i = old.set_index(key), new.set_index(key)
        for k in new_i.index.difference(old_i.index):
            lines.append(f"{res['path']}: added {_key(k)}")
        for k in old_i.index.difference(new_i.index):
            lines.append(f"{res['path']}: removed {_key(k)}")
        both = new_i.index.intersection(old_i.index)
        columns = [c for c in new_i.columns if c in old_i.columns]
        for k in both:
            a, b = old_i.loc[k, columns], new_i.loc[k, columns]
            for col in columns:
                if str(a[col]) != str(b[col]):
                    lines.append(f"{res['path']}: {_key(k)}, {col}: {a[col]!s} -> {b[col]!s}")
    return lines


def _key(k) -> str:
    return ", ".join(map(str, k)) if isinstance(k, tuple) else str(k)


def statements(data_dir: Path) -> pd.DataFrame:
    """Every statement the book makes on this data, at its default as-of date."""
    from ..statements.claims import book_statements

    return book_statements(data.open_book(data_dir, ""))


def chart_tables(data_dir: Path) -> dict[tuple[str, str], str]:
    """(page, table) -> the table as CSV text, for every table a page's charts draw."""
    from ..statements import claims, overview, rare_earths, students, tariffs, timeline

    book = data.open_book(data_dir, "")
    out = {}
    for page, module in (("Overview", overview), ("Timeline", timeline), ("Tariffs", tariffs),
                         ("Rare earths", rare_earths), ("Students and visas", students), ("Claims and data", claims)):
        for name, table in module.chapter(book).tables.items():
            if isinstance(table, pd.DataFrame):
                out[(page, name)] = table.to_csv(index=False)
    return out


def chart_changes(old_dir: Path, new_dir: Path) -> list[tuple[str, str]]:
    """(page, table) for every chart table whose rows differ."""
    old, new = chart_tables(old_dir), chart_tables(new_dir)
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def statement_changes(old_dir: Path, new_dir: Path) -> list[tuple[str, str, str, str]]:
    """(page, statement, old words, new words) for every statement whose words differ."""
    old, new = statements(old_dir).set_index("key"), statements(new_dir).set_index("key")
    out = []
    for key in new.index.union(old.index):
        a = old["text"].get(key, "(not made)")
        b = new["text"].get(key, "(not made)")
        if a != b:
            page = new["page"].get(key, old["page"].get(key, ""))
            out.append((page, key, a, b))
    return out


def main(new_dir: Path, old_dir: Path = ROOT / "data") -> int:
    """Print the report; exit 1 if the new folder does not pass the data check."""
    problems = contract.validate(new_dir)
    if problems:
        print(f"The data in {new_dir}/ does not match its contract:", file=sys.stderr)
        for p in problems[:50]:
            print(f"  {p}", file=sys.stderr)
        return 1
    rows = row_changes(old_dir, new_dir)
    said = statement_changes(old_dir, new_dir)
    charts = chart_changes(old_dir, new_dir)
    print(f"Data: {len(rows)} change(s) from {old_dir.name}/ to {new_dir}/")
    for line in rows:
        print(f"  {line}")
    print(f"Statements: {len(said)} change(s)")
    for page, key, a, b in said:
        print(f"  {page} · {key}\n    was: {a}\n    now: {b}")
    print(f"Chart data: {len(charts)} table(s) change")
    for page, name in charts:
        print(f"  {page} · {name}")
    pages = sorted({PAGES.get(page, page) for page, *_ in said} | {PAGES.get(page, page) for page, _ in charts}
                   | ({"book/methods"} if rows else set()))
    print("Pages that change: " + (", ".join(pages) if pages else "none"))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m tradefight.tools.diff NEW_DATA_DIR")
    try:
        sys.exit(main(Path(sys.argv[1])))
    except BuildError as err:
        raise SystemExit(str(err))
