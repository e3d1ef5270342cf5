"""HTML blocks other than charts: key-figure cards, event lists, claim verdicts, data dictionary, sources.

Every value from the data goes through html.escape: text in a CSV is shown, never run.
"""
from __future__ import annotations

import html
import urllib.parse
from pathlib import Path

import pandas as pd

from . import rare_earths, students, tariffs
from .story import day

esc = html.escape


class Html:
    """Displays as HTML in the book; compares as that HTML under nbval."""

    def __init__(self, markup: str, label: str):
        self.markup = markup
        self.label = label

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<{self.label}>"


def _link(url, text) -> str:
    url = str(url)
    if not url.startswith(("https://", "http://")):
        return esc(str(text))
    return f'<a href="{esc(url, quote=True)}">{esc(str(text))}</a>'


def key_figures(actions, production, shares, table, cutoff) -> Html:
    us = tariffs.peak(actions, "US", cutoff)
    cn = tariffs.peak(actions, "China", cutoff)
    mining = rare_earths.china_share_by_year(production).iloc[-1]
    stages = rare_earths.stage_table(shares, production).set_index("stage")
    latest = students.latest(table, "China")
    us_cut = tariffs.after_peak(actions, "US", cutoff)
    cn_cut = tariffs.after_peak(actions, "China", cutoff)
    cards = [
        (f"{us['rate_pct']:.0f}%", f"Peak US headline tariff on Chinese goods, from {day(us['date'])}"),
        (f"{us_cut['rate_pct']:.0f}%", f"US headline tariff after the truce cut, from {day(us_cut['date'])}"),
        (f"{tariffs.headline_on(actions, 'US', cutoff):.0f}%", f"US headline tariff on Chinese goods on {day(cutoff)}"),
        (f"{cn['rate_pct']:.0f}%", f"Peak Chinese headline tariff on US goods, from {day(cn['date'])}"),
        (f"{cn_cut['rate_pct']:.0f}%", f"Chinese headline tariff after the truce cut, from {day(cn_cut['date'])}"),
        (f"{tariffs.headline_on(actions, 'China', cutoff):.0f}%", f"Chinese headline tariff on US goods on {day(cutoff)}"),
        (f"{mining['china_share_pct']:.1f}%", f"China's share of world rare-earth mining, {int(mining['year'])} (USGS)"),
        (f"{stages.loc['refining', 'china_share_pct']:g}%",
         f"China's share of rare-earth refining, {stages.loc['refining', 'year']}"),
        (f"{latest['students']:,}", f"Students from China in the US, {latest['academic_year']} (IIE Open Doors)"),
    ]
    items = "".join(f'<li class="tf-card"><span class="tf-card-value">{esc(v)}</span>{esc(t)}</li>' for v, t in cards)
    return Html(f'<ul class="tf-cards" aria-label="Key figures">{items}</ul>', "key figures")


def event_list(events: pd.DataFrame, sources: pd.DataFrame, category: str | None = None) -> Html:
    rows = events if category is None else events[events["category"] == category]
    src = sources.set_index("source_id")
    items = []
    for r in rows.sort_values("date").itertuples():
        s = src.loc[r.source_id]
        items.append(f"<li><strong>{esc(day(r.date))}</strong> ({esc(r.actor)}, {esc(r.category)}): "
                     f"{esc(r.title)}. {esc(r.description)} <span class=\"tf-source\">Source: "
                     f"{_link(s['url'], s['publisher'])}.</span></li>")
    return Html(f'<ul class="tf-events">{"".join(items)}</ul>', f"{len(rows)} events")


def claims_list(checks, attribution: str) -> Html:
    parts = []
    for c in checks:
        parts.append(
            f'<div class="tf-claim"><blockquote><p>“{esc(c.quote)}”</p></blockquote>'
            f'<p class="tf-verdict"><strong>Verdict: {esc(c.verdict)}.</strong> {esc(c.evidence)}</p>'
            f'<p class="tf-measure">Measure: {esc(c.measure)}.</p></div>')
    note = f'<p class="tf-source">Quotations: {esc(attribution)}.</p>'
    return Html(note + "".join(parts), f"{len(checks)} claims")


def downloads(data_dir, package: dict) -> Html:
    items = []
    for res in package["resources"] + [{"path": "datapackage.json", "title": "Data package (schema of every file)"}]:
        text = (Path(data_dir) / res["path"]).read_text(encoding="utf-8")
        kind = "application/json" if res["path"].endswith(".json") else "text/csv"
        href = f"data:{kind};charset=utf-8," + urllib.parse.quote(text)
        items.append(f'<li><a href="{esc(href, quote=True)}" download="{esc(res["path"])}">{esc(res["path"])}</a>: '
                     f"{esc(res['title'])}</li>")
    return Html(f"<ul>{''.join(items)}</ul>", "downloads")


def dictionary(package: dict) -> Html:
    parts = []
    for res in package["resources"]:
        rows = "".join(
            f"<tr><td><code>{esc(f['name'])}</code></td><td>{esc(f.get('type', 'string'))}</td>"
            f"<td>{esc(f.get('description', ''))}</td></tr>" for f in res["schema"]["fields"])
        parts.append(
            f"<h3>{esc(res['path'])}</h3><p>{esc(res.get('description', ''))}</p>"
            f'<div class="tf-table-wrap" tabindex="0" role="region" aria-label="Fields of {esc(res["path"])}">'
            f'<table class="tf-table"><caption>Fields of {esc(res["path"])}</caption><thead><tr>'
            f'<th scope="col">Field</th><th scope="col">Type</th><th scope="col">Meaning</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")
    return Html("".join(parts), "data dictionary")


def sources_table(sources: pd.DataFrame) -> Html:
    rows = "".join(
        f"<tr><td><code>{esc(r.source_id)}</code></td><td>{esc(r.publisher)}</td><td>{_link(r.url, r.title)}</td>"
        f"<td>{'' if pd.isna(r.date_published) else esc(f'{r.date_published:%Y-%m-%d}')}</td>"
        f"<td>{esc(f'{r.date_accessed:%Y-%m-%d}')}</td></tr>" for r in sources.itertuples())
    return Html(
        '<div class="tf-table-wrap" tabindex="0" role="region" aria-label="Sources">'
        '<table class="tf-table"><caption>Every source in the data package</caption><thead><tr>'
        '<th scope="col">Id</th><th scope="col">Publisher</th><th scope="col">Title</th>'
        '<th scope="col">Published</th><th scope="col">Accessed</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>", f"{len(sources)} sources")
