"""The book's pages in reading order, each with its statements module: the one list to extend when a
chapter is added (the claims page's statement table and `make diff` both read it)."""
from __future__ import annotations

import importlib

from .core import Chapter

# (page title, document, statements module)
PAGES = (("Overview", "book/index", "overview"), ("Timeline", "book/timeline", "timeline"),
         ("Tariffs", "book/tariffs", "tariffs"), ("Rare earths", "book/rare_earths", "rare_earths"),
         ("Students and visas", "book/students", "students"), ("Claims and data", "book/claims", "claims"),
         ("Methods and data", "book/methods", "methods"))


def chapters(book, known: dict[str, Chapter] | None = None) -> list[tuple[str, str, Chapter]]:
    """(title, document, chapter) for every page, each chapter computed once; `known` reuses chapters a
    caller has already computed, by title."""
    from .. import data

    known = known or {}
    out = []
    for title, doc, name in PAGES:
        if title not in known:
            module = importlib.import_module(f"{__package__}.{name}")
            if name == "methods":
                resources = [r["name"] for r in data.contract(str(book.data_dir))["resources"]]
                known[title] = module.chapter(book, resources)
            else:
                known[title] = module.chapter(book)
        out.append((title, doc, known[title]))
    return out
