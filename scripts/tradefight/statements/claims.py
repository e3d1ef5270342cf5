"""Statements of the claims page: how many of the report's claims hold."""
from __future__ import annotations

import pandas as pd

from .. import claims
from ..text import day, plural
from .core import Chapter, Statement, Statements


def chapter(book) -> Chapter:
    """The claims page's own statements and its tables."""
    names = ["tariff_actions", "rare_earth_production", "rare_earth_shares", "rare_earth_controls",
             "students_by_origin"]
    tables = {name: book.table(name) for name in names}
    checks = claims.check_all(tables, book.cutoff)
    verdicts = claims.table(checks)
    said = Statements()
    said.add(report(book.cutoff))
    if not checks:
        said.add(Statement("claims-summary", f"No claim of the report is checked on {day(book.cutoff)}.",
                           {"report_published_by_then": book.cutoff >= claims.ARTICLE_DATE},
                           (("eq", "report_published_by_then", False),)))
        said.add(Statement("claims-title", "No claim checked before the report's publication date", {}))
        said.add(Statement("claims-desc", "An empty chart: no claim is checked on this date.", {}))
        return Chapter(said, {"checks": checks, "verdicts": verdicts, "scored": verdicts.dropna(subset=["score_pct"])})
    counts = verdicts["verdict"].value_counts()
    ev = {v: int(counts.get(v, 0)) for v in ("supported", "imprecise", "not supported")}
    ev["claims"] = len(checks)
    said.add(Statement("claims-summary", f"Of {plural(len(checks), 'claim')} checked, {ev['supported']} "
                       f"{'is' if ev['supported'] == 1 else 'are'} supported, {ev['imprecise']} imprecise and "
                       f"{ev['not supported']} not supported by the data.", ev))
    scored = verdicts.dropna(subset=["score_pct"]).copy()
    met = int((scored["score_pct"] == 100).sum())
    rest, rel = (("; the bars show how far off the others are", "lt") if met < len(scored) else
                 ("; every bar reaches the line", "eq"))
    title = (f"{met} of {plural(len(scored), 'numeric claim')} match the data or hold as stated{rest}" if len(scored)
             else "None of the claims checked on this date has a figure to score")
    said.add(Statement("claims-title", title, {"met": met, "scored": len(scored)}, ((rel, "met", "scored"),)))
    said.add(Statement("claims-desc", "Horizontal bars, one per numeric claim, with a dashed line at 100 percent, "
                       "where the data bears the claim out.", {}))
    return Chapter(said, {"checks": checks, "verdicts": verdicts, "scored": scored})


def report(cutoff: pd.Timestamp) -> Statement:
    """Which report the page checks, and why it is cited by its date and words only (it names no later date)."""
    published = cutoff >= claims.ARTICLE_DATE
    text = (f"This book started from a news report on US–China trade, published on {day(claims.ARTICLE_DATE)}, the "
            "first day of the London talks. Its text reached this project without its publisher's name, and the "
            "original could not be found (the data notes say where it was searched for), so it is cited by its "
            "date and its own words. Here its quantitative claims are checked against the data, each once the data "
            "can test it, and so is every statement the book makes itself." if published else
            "A news report on US–China trade, published after this book's as-of date, is checked on later "
            "editions of this page; here only the book's own statements are checked.")
    return Statement("claims-report", text, {"report_published_by_then": published})


def book_statements(book, own: Chapter | None = None) -> pd.DataFrame:
    """Every statement the book makes, page by page, with its evidence (for the claims page); `own` is this
    page's chapter when the caller has it already."""
    from .book import chapters

    pages = chapters(book, {"Claims and data": own} if own is not None else None)
    return pd.concat([chapter.said.frame(title) for title, _, chapter in pages], ignore_index=True)
