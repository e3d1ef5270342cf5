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
from ..statements.book import PAGES, chapters
from .layout import ROOT, BuildError

def row_changes(old_dir: Path, new_dir: Path) -> list[str]:
    """One line per added, removed or changed row (changed rows: one line per changed cell)."""
    lines = []
    for res in data.contract(str(new_dir))["resources"]:
        key = res["schema"].get("primaryKey", [])
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


def book_on(data_dir: Path) -> tuple[pd.DataFrame, dict[tuple[str, str], str]]:
    """The book made from one data folder, at its default as-of date: every statement (page, key, words,
    ...), and (page, table) -> CSV text for every table a page's charts draw. Each chapter runs once."""
    pages = chapters(data.open_book(data_dir, ""))
    said = pd.concat([chapter.said.frame(title) for title, _, chapter in pages], ignore_index=True)
    tables = {(title, name): table.to_csv(index=False) for title, _, chapter in pages
              for name, table in chapter.tables.items() if isinstance(table, pd.DataFrame)}
    return said, tables


def changes(old_dir: Path, new_dir: Path) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]]]:
    """(page, statement, old words, new words) for every statement whose words differ, and (page, table)
    for every chart table whose rows differ."""
    (old, old_tables), (new, new_tables) = book_on(old_dir), book_on(new_dir)
    old, new = old.set_index("key"), new.set_index("key")
    said = []
    for key in new.index.union(old.index):
        a = old["text"].get(key, "(not made)")
        b = new["text"].get(key, "(not made)")
        if a != b:
            said.append((new["page"].get(key, old["page"].get(key, "")), key, a, b))
    charts = sorted(k for k in old_tables.keys() | new_tables.keys() if old_tables.get(k) != new_tables.get(k))
    return said, charts


def main(new_dir: Path, old_dir: Path = ROOT / "data") -> int:
    """Print the report; exit 1 if the new folder does not pass the data check."""
    problems = contract.validate(new_dir)
    if problems:
        print(f"The data in {new_dir}/ does not match its contract:\n{contract.report(problems)}", file=sys.stderr)
        return 1
    rows = row_changes(old_dir, new_dir)
    said, charts = changes(old_dir, new_dir)
    print(f"Data: {len(rows)} change(s) from {old_dir.name}/ to {new_dir}/")
    for line in rows:
        print(f"  {line}")
    print(f"Statements: {len(said)} change(s)")
    for page, key, a, b in said:
        print(f"  {page} · {key}\n    was: {a}\n    now: {b}")
    print(f"Chart data: {len(charts)} table(s) change")
    for page, name in charts:
        print(f"  {page} · {name}")
    docs = {title: doc for title, doc, _ in PAGES}
    pages = sorted({docs.get(page, page) for page, *_ in said} | {docs.get(page, page) for page, _ in charts}
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
