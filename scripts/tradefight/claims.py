"""Quantitative claims from the news report this book grew from, each checked against the data.

The quotes are the only words in the book not computed from the data. Each check returns the claimed
value, the value in the data, a verdict (supported / imprecise / not supported) and the evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import rare_earths, students, tariffs
from .story import day

ATTRIBUTION = "News report published on the day of the London talks, June 2025"
TOLERANCE_PCT = 5.0  # a share within 5 points of the claim counts as supported


@dataclass
class Check:
    claim_id: str
    quote: str
    claimed: float | None
    found: float | None
    verdict: str
    evidence: str
    measure: str


def _truce(actions, imposer, cutoff, quote, claim_id, claimed_from, claimed_to) -> Check:
    top = tariffs.peak(actions, imposer, cutoff)
    cut = tariffs.after_peak(actions, imposer, cutoff)
    ok = (top["rate_pct"], cut["rate_pct"]) == (claimed_from, claimed_to)
    return Check(claim_id, quote, claimed_to, float(cut["rate_pct"]), "supported" if ok else "not supported",
                 f"Headline rate {top['rate_pct']:.0f}% from {day(top['date'])}, "
                 f"{cut['rate_pct']:.0f}% from {day(cut['date'])}.",
                 "headline statutory rate, percent")


def check_all(tables: dict[str, pd.DataFrame], cutoff: pd.Timestamp) -> list[Check]:
    actions = tables["tariff_actions"]
    checks = [
        _truce(actions, "US", cutoff, "brought US tariffs on Chinese products down from 145 to 30 percent",
               "us-truce", 145, 30),
        _truce(actions, "China", cutoff, "Beijing slashed levies on US imports from 125 to 10 percent",
               "china-truce", 125, 10),
    ]

    # "90 percent": which stage of the supply chain does it fit?
    mining = rare_earths.china_share_by_year(tables["rare_earth_production"]).iloc[-1]
    stages = rare_earths.stage_table(tables["rare_earth_shares"], tables["rare_earth_production"]).set_index("stage")
    listed = "; ".join(f"{s} {stages.loc[s, 'china_share_pct']:g}%" for s in stages.index)
    fits = [s for s in stages.index if abs(stages.loc[s, "china_share_pct"] - 90) <= TOLERANCE_PCT]
    mining_ok = abs(mining["china_share_pct"] - 90) <= TOLERANCE_PCT
    verdict = "supported" if mining_ok else ("imprecise" if fits else "not supported")
    checks.append(Check(
        "rare-earth-90", "China produces 90 percent of the world's rare earth minerals", 90.0,
        float(mining["china_share_pct"]), verdict,
        f"China's share of world mine production was {mining['china_share_pct']:.1f}% in {int(mining['year'])} "
        f"(USGS). Stages within {TOLERANCE_PCT:g} points of 90%: {', '.join(fits) or 'none'} "
        f"({listed}).",
        "China's share of world mine production, percent"))

    # "six heavy rare earth metals"
    controls = tables["rare_earth_controls"]
    first_day = controls["announced_date"].min()
    first = controls[(controls["announced_date"] == first_day) & controls["atomic_number"].notna()]
    n = len(first)
    checks.append(Check(
        "six-elements", "Beijing suspended exports to all countries of six heavy rare earth metals", 6.0, float(n),
        "supported" if n == 6 else "imprecise",
        f"The announcement of {day(first_day)} lists {n} elements: {', '.join(first['element'])}. It requires "
        "export licences; it is not a ban.",
        "number of elements controlled"))

    # "More than 270,000 Chinese students ... 2023-2024"
    table = tables["students_by_origin"]
    row = table[(table["academic_year"] == "2023/24") & (table["place_of_origin"] == "China")]
    count = int(row["students"].iloc[0]) if len(row) else None
    checks.append(Check(
        "students-270k", "More than 270,000 Chinese students studied in the US in the 2023-2024 academic year",
        270000.0, float(count) if count else None,
        "supported" if count and count > 270000 else "not supported",
        f"IIE Open Doors counts {count:,} students from China in 2023/24." if count else "No 2023/24 figure in the data.",
        "students from China, IIE Open Doors"))

    # "second largest ... after India"
    ahead = students.rank(table, "India", "2023/24") < students.rank(table, "China", "2023/24")
    india = int(table[(table["academic_year"] == "2023/24") & (table["place_of_origin"] == "India")]["students"].iloc[0])
    checks.append(Check(
        "second-after-india", "China is the second largest country of origin for international students in the US "
        "after India", None, None, "supported" if ahead else "not supported",
        f"In 2023/24 India had {india:,} students and China {count:,}. The data holds only these two places of "
        "origin, so it confirms the order, not that no third country is larger.",
        "students by place of origin, IIE Open Doors"))

    # "runs out in August"
    truce = actions[(actions["imposer"] == "US") & (actions["layer"] == "ieepa_reciprocal")]
    top = tariffs.peak(actions, "US", cutoff)
    later = truce[truce["effective_date"] > top["date"]].sort_values("effective_date")
    if len(later) >= 2:
        expiry = later.iloc[1]["effective_date"]
        checks.append(Check(
            "truce-august", "Trump's reduction of US tariffs on Chinese goods runs out in August", None, None,
            "supported" if expiry.month == 8 else "not supported",
            f"The reduced rate took effect on {day(later.iloc[0]['effective_date'])}; the next change to it, an "
            f"extension, is dated {day(expiry)}.", "dates of US reciprocal-duty actions"))
    return checks


def table(checks: list[Check]) -> pd.DataFrame:
    return pd.DataFrame([c.__dict__ for c in checks])
