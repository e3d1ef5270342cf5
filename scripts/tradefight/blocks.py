"""HTML blocks other than charts, each from a template: cards, the page banner, event and claim lists,
the statements list, the data dictionary, the sources table, the scenario list and the downloads."""
from __future__ import annotations

import pandas as pd

from . import csvsafe
from .markup import SOURCE_FIELDS, Html, render, source_fields, table
from .text import day, plural


def banner(book, data_through) -> Html:
    """The line under each page's title: as-of date, data through, scenario."""
    return Html(render("banner.html.j2", as_of=day(book.cutoff), through=day(data_through),
                       scenario=book.scenario), "page banner")


def key_figures(cards: list[tuple[str, str]], said) -> Html:
    """Key-figure cards (sphinx-design card styles): value and a computed label."""
    items = [{"value": value, "label": said[key].text, "key": key} for value, key in cards]
    return Html(render("cards.html.j2", cards=items), f"{len(items)} key figures")




def event_list(events: pd.DataFrame, sources: pd.DataFrame, category: str | None = None) -> Html:
    """The events (of one category, if given) in date order, each with its source."""
    rows = events if category is None else events[events["category"] == category]
    src = {r["source_id"]: source_fields(r) for r in sources.to_dict("records")}
    items = [{"date": day(r.date), "actor": r.actor, "category": r.category, "title": r.title,
              "description": r.description, "source": src.get(r.source_id)} for r in rows.sort_values("date").itertuples()]
    return Html(render("events.html.j2", events=items), f"{len(items)} events")


def claims_list(checks, attribution: str) -> Html:
    """Each claim: the quote, the verdict, the evidence, the measure and why it is the right one."""
    return Html(render("claims.html.j2", checks=checks, attribution=attribution), f"{len(checks)} claims")


def statements_table(frame: pd.DataFrame) -> Html:
    """Every statement the book makes, with its evidence and the relations checked."""
    shown = frame.rename(columns={"page": "Page", "key": "Statement", "text": "Words", "evidence": "Evidence",
                                  "asserts": "Checked", "sources": "Sources"})
    return Html(table(shown, "Every statement the book makes, with its evidence"), plural(len(frame), "statement"))


def scenario_list(frame: pd.DataFrame) -> Html:
    """The scenarios the data holds, each with its window and status on the as-of date."""
    shown = frame.assign(possible_from=frame["possible_from"].map(day),
                         possible_to=frame["possible_to"].map(lambda d: "" if pd.isna(d) else day(d)))
    return Html(table(shown, "Scenarios in the data, with the dates between which each was possible"),
                plural(len(frame), "scenario"))


def layers_now(frame: pd.DataFrame, cutoff: pd.Timestamp) -> Html:
    """Each side's all-goods layers of 2025 onward on the as-of date, with legal basis and goods covered."""
    return Html(table(frame, f"All-goods tariff layers of 2025 onward, as they stood on {day(cutoff)}"),
                plural(len(frame), "layer"))


def dictionary(package: dict) -> Html:
    """The data dictionary: every file's fields, types and meanings."""
    parts = []
    for res in package["resources"]:
        fields = pd.DataFrame([{"Field": f["name"], "Type": f.get("type", "string"), "Meaning": f.get("description", "")}
                               for f in res["schema"]["fields"]])
        parts.append({"path": res["path"], "description": res.get("description", ""),
                      "table": table(fields, f"Fields of {res['path']}")})
    return Html(render("dictionary.html.j2", resources=parts), "data dictionary")


def sources_table(sources: pd.DataFrame, cutoff: pd.Timestamp | None = None) -> Html:
    """Every source: publisher, title linked to the primary, the copy read, and when it came out (a copy
    that came out after the book's date, holding figures public before it, says so without its date)."""
    def published(d):
        if pd.isna(d):
            return ""
        return "after this book's date" if cutoff is not None and d > cutoff else f"{d:%Y-%m-%d}"
    rows = [{**source_fields(r), "published": published(r["date_published"])}
            for r in sources.reindex(columns=[*SOURCE_FIELDS, "date_published"]).to_dict("records")]
    return Html(render("sources.html.j2", rows=rows), f"{len(rows)} sources")


def downloads(tables: dict[str, pd.DataFrame], package: dict) -> Html:
    """Links to each data file as of the book's date, published beside the page (formula-safe CSV)."""
    files, items = {}, []
    for res in package["resources"]:
        frame = tables.get(res["name"])
        if frame is None:
            continue
        path = f"data/{res['path']}"
        files[path] = csvsafe.to_csv(frame)
        items.append({"path": path, "name": res["path"], "title": res.get("title", ""), "rows": len(frame)})
    return Html(render("downloads.html.j2", items=items), "downloads", files=files)
