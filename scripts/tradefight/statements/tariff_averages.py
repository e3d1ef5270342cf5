"""Statements about headline rates against average tariffs (PIIE, and other estimators in the data)."""
from __future__ import annotations

import pandas as pd

from .. import tariffs
from ..text import day, month, pct, points
from .core import Statement, Statements, compare
from .tariffs import WHO

SUBJECT = {side: who[1] for side, who in WHO.items()}  # "the US headline rate", "China's headline rate"
AVERAGE = {"US": "PIIE's average US tariff on Chinese goods", "China": "PIIE's average Chinese tariff on US goods"}


def gap_sentence(actions, averages, side: str, cutoff) -> tuple[str, dict, tuple]:
    """One side's widest same-day gaps between headline rate and PIIE's average, either way, as words,
    evidence and the relations asserted."""
    k = side.lower()
    gaps = tariffs.same_day_gaps(actions, averages, side, cutoff)
    if gaps.empty:
        return (f"the data holds no day on which both {SUBJECT[side]} and {AVERAGE[side]} had a value",
                {f"{k}_days_compared": 0}, (("eq", f"{k}_days_compared", 0),))
    parts, ev, asserts = [], {f"{k}_days_compared": len(gaps)}, []
    high, low = gaps.loc[gaps["gap"].idxmax()], gaps.loc[gaps["gap"].idxmin()]
    for row in [r for r, widest in ((high, high["gap"] > 0), (low, low["gap"] < 0)) if widest]:
        word, rel = compare(row["headline"], row["average"], "above", "below", "level with")
        n = f"{k}_{word}"
        ev.update({f"{n}_date": row["date"], f"{n}_headline": row["headline"], f"{n}_average": row["average"]})
        parts.append(f"up to {points(round(abs(row['gap']), 1))} {word} it ({pct(row['headline'])} against "
                     f"{pct(row['average'], 1)} on {day(row['date'])})")
        asserts.append((rel, f"{n}_headline", f"{n}_average"))
    if not parts:
        ev[f"{k}_widest_gap"] = float(gaps["gap"].abs().max())
        return (f"{SUBJECT[side]} was level with {AVERAGE[side]} on every day both had a value", ev,
                (("eq", f"{k}_widest_gap", 0),))
    return (f"against {AVERAGE[side]} on the same day, {SUBJECT[side]} stood " + " and ".join(parts), ev,
            tuple(asserts))


def crs_sentence(averages: pd.DataFrame, piie: pd.DataFrame) -> tuple[str, dict, tuple]:
    """CRS's approximate averages for the US, each set against PIIE's series (`piie`) on the same day."""
    crs = averages[(averages["measure"] == "crs_average_tariff_rate") & (averages["imposer"] == "US")]
    piie = piie[piie["imposer"] == "US"]
    parts, ev, asserts = [], {}, []
    for i, row in enumerate(crs.sort_values("date").itertuples()):
        other = tariffs.value_on(piie, row.date, "value_pct")
        if other is None or piie["date"].max() < row.date:
            continue
        word, rel = compare(row.value_pct, other, "above", "below", "level with")
        ev.update({f"crs_{i}": float(row.value_pct), f"piie_{i}": other})
        when = row.date_as_published if isinstance(row.date_as_published, str) and row.date_as_published else day(row.date)
        parts.append(f"about {pct(row.value_pct)} in {when}, {word} PIIE's {pct(other, 1)} for {day(row.date)}")
        asserts.append((rel, f"crs_{i}", f"piie_{i}"))
    if not parts:
        return "", ev, ()
    return ("The Congressional Research Service, whose approximate average does not count exemptions, put the "
            "average US tariff on Chinese goods at " + "; and at ".join(parts) + ".", ev, tuple(asserts))


def add(said: Statements, book) -> dict:
    """Add the average statements to the chapter; return the tables their charts draw."""
    cutoff, actions, averages = book.cutoff, book.table("tariff_actions"), book.table("tariff_averages")
    us_words, us_ev, us_as = gap_sentence(actions, averages, "US", cutoff)
    cn_words, cn_ev, cn_as = gap_sentence(actions, averages, "China", cutoff)
    said.add(Statement("headline-vs-average-title", us_words[0].upper() + us_words[1:], us_ev, us_as))
    series = tariffs.average_series(averages)
    end = None if series.empty else series["date"].max()
    ends = f"PIIE's series in the data ends on {day(end)}." if end is not None else "The data holds no PIIE series."
    crs_words, crs_ev, crs_as = crs_sentence(averages, series)
    said.add(Statement("tariffs-average-text",
                       f"{us_words[0].upper() + us_words[1:]}. {cn_words[0].upper() + cn_words[1:]}. {ends}"
                       + (f" {crs_words}" if crs_words else ""),
                       {**us_ev, **cn_ev, **crs_ev, "series_end": end}, us_as + cn_as + crs_as))
    drawn = tariffs.headline_and_average(actions, averages, cutoff)
    measures = set(drawn["measure"])
    lines = (["the headline statutory rate (solid)"] if "headline" in measures else []) + \
        (["the average tariff estimates in the data (dashed)"] if measures - {"headline"} else [])
    said.add(Statement("headline-vs-average-desc",
                       ("Lines for each side from January 2025: " + " and ".join(lines) + "." if lines else
                        f"An empty chart: no headline change or average is recorded from January 2025 to "
                        f"{day(cutoff)}.") + (f" {ends}" if end is not None and lines else ""),
                       {"series_end": end, "lines": len(lines)}))
    said.add(quoted_total(book))
    said.add(since_2018_title(series, cutoff))
    start = series["date"].min()
    said.add(Statement("averages-since-2018-desc",
                       (f"Step lines from {month(start)}: PIIE's average US tariff on Chinese exports and average "
                        f"Chinese tariff on US exports, each product weighted by its 2017 import value. {ends}"
                        if not series.empty else "An empty chart: the data holds no PIIE average on this date."),
                       {"series_end": end}))
    return {"headline_vs_average": drawn, "piie": series}


def since_2018_title(series: pd.DataFrame, cutoff) -> Statement:
    """The averages chart's takeaway: where PIIE's US average started and where its series ends."""
    us = series[series["imposer"] == "US"].sort_values("date")
    if us.empty:
        return Statement("averages-since-2018-title", "The data holds no PIIE average for the US", {"rows": 0},
                         (("eq", "rows", 0),))
    first, last = us.iloc[0], us.iloc[-1]
    word, rel = compare(last["value_pct"], first["value_pct"], "rose", "fell", "was unchanged")
    ev = {"first": float(first["value_pct"]), "first_date": first["date"], "last": float(last["value_pct"]),
          "last_date": last["date"]}
    where = "its latest value in the data" + (f", which ends before {day(cutoff)}" if last["date"] < cutoff else "")
    if rel == "eq":
        text = (f"PIIE's average US tariff on Chinese goods was {pct(last['value_pct'], 1)} on {day(last['date'])}, "
                f"as in {month(first['date'])}: {where}")
    else:
        text = (f"PIIE's average US tariff on Chinese goods {word} from {pct(first['value_pct'], 1)} "
                f"({month(first['date'])}) to {pct(last['value_pct'], 1)} on {day(last['date'])}, {where}")
    return Statement("averages-since-2018-title", text, ev, ((rel, "last", "first"),),
                     tuple(dict.fromkeys(us["source_id"])))


def quoted_total(book) -> Statement:
    """Where a quoted "up to N%" comes from: the headline rate that day plus the highest product duty."""
    quotes, actions = book.table("quotes"), book.table("tariff_actions")
    quotes = quotes[quotes["measure"] == "tariff_rate"]
    if quotes.empty:
        return Statement("tariffs-quoted-total", "", {"quotes": 0})
    q = quotes.sort_values("date").iloc[-1]
    head = tariffs.headline_on(actions, "US", q["date"])
    layers = tariffs.layer_state(actions, "US", q["date"])
    top, scopes = tariffs.highest_section_301(actions, q["date"])
    total = head + top
    quoted = None if pd.isna(q["value"]) else float(q["value"])
    ev = {"quoted": quoted, "headline": head, "section_301": top, "sum": total, "date": q["date"]}
    if quoted is None:  # nothing to hold the layers against: the check below stops the build
        return Statement("tariffs-quoted-total", f"{q['speaker']} was quoted with no figure", ev,
                         (("eq", "sum", "quoted"),), (q["source_id"],))
    word, rel = compare(total, quoted, "more than", "less than", "exactly")
    parts = " + ".join(f"{pct(v)} {tariffs.LAYER_NAMES[k]}" for k, v in layers.items() if v)
    said = f"{q['speaker']} said on {day(q['date'])}: “{q['quote']}” On the data, the US headline rate in force " \
           f"that day was {pct(head)} ({parts})"
    if top > 0 and scopes:
        text = (f"{said}, and the highest Section 301 duty then in force was {pct(top)}, on "
                f"{'; '.join(s[0].lower() + s[1:] for s in scopes)}. Together they make {pct(total)}, {word} the "
                f"{pct(quoted)} quoted: a rate for a few goods, not for Chinese goods in general.")
        asserts = ((rel, "sum", "quoted"), ("gt", "section_301", 0))
    else:
        text = (f"{said}, and no Section 301 duty was in force on top of it. That makes {pct(total)}, {word} the "
                f"{pct(quoted)} quoted.")
        asserts = ((rel, "sum", "quoted"), ("eq", "section_301", 0))
    return Statement("tariffs-quoted-total", text, ev, asserts, (q["source_id"],))
