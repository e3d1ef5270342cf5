"""Statements of the Methods page: what the data package holds on the as-of date."""
from __future__ import annotations

import pandas as pd

from ..text import day, plural
from .core import Chapter, Statement, Statements


def chapter(book, names: list[str]) -> Chapter:
    """The Methods page's statements, and the per-dataset counts it draws."""
    tables = {name: book.table(name) for name in names if name != "sources"}
    tables = {"sources": book.sources(), **tables}  # after the rest: it names the sources their rows cite
    frame = pd.DataFrame([{"dataset": name, "rows": len(t), "sources": t["source_id"].nunique()}
                          for name, t in tables.items() if name != "sources"])
    frame = frame.sort_values(["rows", "dataset"], ascending=[False, True]).reset_index(drop=True)
    said = Statements()
    top, nxt = frame.iloc[0], frame.iloc[1]
    said.add(Statement("rows-per-dataset-title", f"On {day(book.cutoff)} the largest dataset is {top['dataset']}, "
                       f"with {plural(int(top['rows']), 'row')} from {plural(int(top['sources']), 'source')}",
                       {"rows": int(top["rows"]), "next_rows": int(nxt["rows"])}, (("ge", "rows", "next_rows"),)))
    said.add(Statement("rows-per-dataset-desc", f"Horizontal bars of the row count of each of the {len(frame)} "
                       "datasets in the data package, largest first.", {"datasets": len(frame)}))
    return Chapter(said, {"datasets": frame, "tables": tables})
