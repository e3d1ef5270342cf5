"""Statements of the Methods page: what the data package holds on the as-of date."""
from __future__ import annotations

import pandas as pd

from ..measures import tiers
from ..text import day, listing, plural
from .core import Chapter, Statement, Statements


def chapter(book, names: list[str]) -> Chapter:
    """The Methods page's statements, and the per-dataset counts it draws."""
    tables = {name: book.table(name) for name in names if name != "sources"}
    tables = {"sources": book.sources(), **tables}  # after the rest: it names the sources their rows cite
    frame = pd.DataFrame([{"dataset": name, "rows": len(t), "sources": t["source_id"].nunique()}
                          for name, t in tables.items() if name != "sources"])
    frame = frame.sort_values(["rows", "dataset"], ascending=[False, True]).reset_index(drop=True)
    said = Statements()
    said.add(largest_title(frame, book.cutoff))
    said.add(Statement("rows-per-dataset-desc", f"Horizontal bars of the row count of each of the {len(frame)} "
                       "datasets in the data package, largest first.", {"datasets": len(frame)}))
    return Chapter(said, {"datasets": frame, "tables": tables})


def largest_title(frame: pd.DataFrame, cutoff) -> Statement:
    """Which dataset has the most rows (ties named together), against the next size down."""
    groups = tiers(frame, "rows", 2)
    top, most = groups[0], int(groups[0]["rows"].iloc[0])
    ev = {"rows": most, "largest": len(top), "datasets": len(frame)}
    asserts = []
    if len(groups) > 1:
        ev["next_rows"] = int(groups[1]["rows"].iloc[0])
        asserts.append(("gt", "rows", "next_rows"))
    each = " each" if len(top) > 1 else ""
    if len(top) == len(frame):
        words = (f"the data package holds one dataset, {top['dataset'].iloc[0]}" if len(top) == 1 else
                 f"the {len(top)} datasets are the same size")
    elif len(top) > 1:
        words = f"the largest datasets are {listing(top['dataset'])}"
    else:
        words = f"the largest dataset is {top['dataset'].iloc[0]}"
        each = f" from {plural(int(top['sources'].iloc[0]), 'source')}"
    return Statement("rows-per-dataset-title", f"On {day(cutoff)} {words}, with {plural(most, 'row')}{each}", ev,
                     tuple(asserts))
