"""Quantitative claims from the news report this book grew from, each checked against the data.

The quotes are the only words in the book not computed from the data. Each check returns the claimed
value, the value in the data, a verdict (supported / imprecise / not supported), the evidence, the
measure used and why that measure matches the claim's words. Before the report's publication date
nothing is checked (the book cannot know the report).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from . import rare_earths, students, tariffs
from .controls import first_announcement
from .text import count, day, listing, pct

ARTICLE_DATE = pd.Timestamp("2025-06-09")  # the report was published on the first day of the London talks
ATTRIBUTION = "News report published on the first day of the London talks, 9 June 2025"
TOLERANCE_PTS = 5.0  # a share within 5 points of the claim counts as supported
NOT_HEAVY = {"Scandium"}  # a rare earth, but not a heavy (or medium) one on any usual grouping


@dataclass
class Check:
    """One claim checked: what it says, what the data holds, the verdict and why."""

    claim_id: str
    quote: str
    kind: str            # exact, lower_bound, count, rank, date
    claimed: float | None
    found: float | None
    verdict: str
    evidence: str
    measure: str
    why: str


def _truce(actions, side, cutoff, quote, claim_id, claimed_from, claimed_to) -> Check:
    top = tariffs.peak(actions, side, cutoff)
    cut = tariffs.first_cut_after_peak(actions, side, cutoff)
    if top is None or cut is None:
        return Check(claim_id, quote, "exact", claimed_to, None, "not supported",
                     "The data records no cut from a 2025 high by this date.", "headline statutory rate", "")
    ok = (float(top["rate_pct"]), float(cut["rate_pct"])) == (claimed_from, claimed_to)
    return Check(claim_id, quote, "exact", claimed_to, float(cut["rate_pct"]), "supported" if ok else "not supported",
                 f"Headline rate {pct(top['rate_pct'])} from {day(top['date'])}, then {pct(cut['rate_pct'])} from "
                 f"{day(cut['date'])}.", "headline statutory rate, percent",
                 "The claim names the rates before and after the cut; the headline rate is the measure those "
                 "rates are.")


def _ninety(tables) -> Check:
    shares = rare_earths.china_share_by_year(tables["rare_earth_production"]).iloc[-1]
    stages = rare_earths.stage_table(tables["rare_earth_shares"])
    fits = [f"{r.stage} of {r.scope} ({pct(r.china_share_pct)}, {r.year})" for r in stages.itertuples()
            if abs(r.china_share_pct - 90) <= TOLERANCE_PTS]
    mining_ok = abs(shares["china_share_pct"] - 90) <= TOLERANCE_PTS
    verdict = "supported" if mining_ok else ("imprecise" if fits else "not supported")
    return Check("rare-earth-90", "China produces 90 percent of the world's rare earth minerals", "exact", 90.0,
                 float(shares["china_share_pct"]), verdict,
                 f"China's share of world mine production of all rare earths was {pct(shares['china_share_pct'])} "
                 f"in {int(shares['year'])} (USGS). Shares within {TOLERANCE_PTS:g} points of 90%: "
                 f"{listing(fits) or 'none'}.", "China's share of world mine production, percent",
                 "“Produces ... rare earth minerals” describes mining, so the verdict uses the mining share; "
                 "the figures that do come near 90% are for later stages of the chain.")


def _six(tables) -> Check:
    first = first_announcement(tables["rare_earth_controls"])
    first_day = first["announced_date"].min()
    heavy = first[~first["element"].isin(NOT_HEAVY)]
    n, h = len(first), len(heavy)
    verdict = "supported" if n == 6 else ("imprecise" if h == 6 else "not supported")
    return Check("six-elements", "Beijing suspended exports to all countries of six heavy rare earth metals", "count",
                 6.0, float(h), verdict,
                 f"The announcement of {day(first_day)} lists {n} elements: {listing(first['element'])}. Leaving "
                 f"out {listing(sorted(set(first['element']) - set(heavy['element']))) or 'none'}, which is not a "
                 f"heavy rare earth, leaves {h}. It requires export licences; it is not a ban.",
                 "number of medium and heavy rare earths controlled",
                 "The claim counts heavy rare earths, so the count leaves out elements outside that group: a "
                 "difference of scope, not of count.")


def _students(tables) -> list[Check]:
    table = tables["students_by_origin"]
    n = students.count_in(table, "China", "2023/24")
    checks = [Check("students-270k", "More than 270,000 Chinese students studied in the US in the 2023-2024 academic "
                    "year", "lower_bound", 270000.0, None if n is None else float(n),
                    "supported" if n and n > 270000 else "not supported",
                    f"IIE Open Doors counts {count(n)} students from China in 2023/24." if n else
                    "No 2023/24 figure in the data.", "students from China, IIE Open Doors",
                    "“More than” sets a lower bound: it holds when the count is above it.")]
    ranks = students.ranking(table, "2023/24")
    places = len(ranks)
    r_china, r_india = students.rank_of(ranks, "China"), students.rank_of(ranks, "India")
    ok = r_china == 2 and r_india == 1
    listed = listing(f"{p} {count(s)}" for p, s in zip(ranks["place_of_origin"].head(3), ranks["students"].head(3)))
    checks.append(Check("second-after-india", "China is the second largest country of origin for international "
                        "students in the US after India", "rank", 2.0, None if r_china is None else float(r_china),
                        "supported" if ok and places >= 10 else ("imprecise" if ok else "not supported"),
                        f"In 2023/24 the data ranks {places} places of origin; the first three: {listed}.",
                        "students by place of origin, IIE Open Doors",
                        "A rank needs every large place of origin; the data holds the top places of the year, so "
                        "no unlisted place can be larger than the last one listed."))
    return checks


def _august(actions, cutoff) -> Check | None:
    recip = actions[(actions["imposer"] == "US") & (actions["layer"] == "ieepa_reciprocal")]
    cut = tariffs.first_cut_after_peak(actions, "US", cutoff)
    if cut is None:
        return None
    later = recip[recip["effective_date"] > cut["date"]].sort_values("effective_date")
    if later.empty:
        return None
    expiry = later.iloc[0]["effective_date"]
    return Check("truce-august", "Trump's reduction of US tariffs on Chinese goods runs out in August", "date", None,
                 None, "supported" if expiry.month == 8 else "not supported",
                 f"The reduced rate took effect on {day(cut['date'])}; the next action on that duty, on "
                 f"{day(expiry)}, came when the 90-day reduction was due to lapse.",
                 "dates of US reciprocal-duty actions", "The claim is about a date, checked against the next "
                 "recorded action on the reduced duty.")


def check_all(tables: dict[str, pd.DataFrame], cutoff: pd.Timestamp) -> list[Check]:
    """Every claim checked on the data as of `cutoff` (none before the report was published)."""
    if cutoff < ARTICLE_DATE:
        return []
    actions = tables["tariff_actions"]
    checks = [
        _truce(actions, "US", cutoff, "brought US tariffs on Chinese products down from 145 to 30 percent",
               "us-truce", 145, 30),
        _truce(actions, "China", cutoff, "Beijing slashed levies on US imports from 125 to 10 percent",
               "china-truce", 125, 10),
        _ninety(tables), _six(tables), *_students(tables)]
    august = _august(actions, cutoff)
    return checks + ([august] if august else [])


def table(checks: list[Check]) -> pd.DataFrame:
    """The checks as a frame, with score_pct: found ÷ claimed (100 where a lower bound holds)."""
    frame = pd.DataFrame([asdict(c) for c in checks], columns=list(Check.__dataclass_fields__))
    scores = []
    for c in checks:
        if c.claimed is None or c.found is None or c.kind in ("rank", "date"):
            scores.append(None)
        elif c.kind == "lower_bound" and c.found > c.claimed:
            scores.append(100.0)
        else:  # a bound that does not hold never rounds up to a match
            score = round(100 * c.found / c.claimed, 1)
            scores.append(min(score, 99.9) if c.found != c.claimed else 100.0)
    frame["score_pct"] = scores
    return frame
