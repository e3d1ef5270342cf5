"""tradefight.claims: each claim of the news report checked on small tables, and each verdict flipping the
expected way when the data changes."""
from __future__ import annotations

import pandas as pd
import pytest

from tradefight import claims

from .helpers import LADDER, SEVEN, T, actions, control_table, student_table

DAY = claims.ARTICLE_DATE


def production(china_t: int, world_t: int = 100000) -> pd.DataFrame:
    """One USGS edition with China's and the world's mine production for 2024."""
    return pd.DataFrame([[2025, 2024, "China", china_t, "a"], [2025, 2024, "World total", world_t, "a"]],
                        columns=["edition", "year", "country", "production_t", "source_id"])


def shares(*rows) -> pd.DataFrame:
    """Stage shares: rows of (stage, scope, year, share)."""
    frame = pd.DataFrame([[*r, "m", "s"] for r in rows],
                         columns=["stage", "scope", "year", "china_share_pct", "measure", "source_id"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def tables(**changes) -> dict:
    """A full set of tables on which every claim holds, with some replaced."""
    six = [e for e in SEVEN if e != "Scandium"]
    ranked = student_table() if "students_by_origin" in changes else student_table(
        [["2023/24", "India", 331602], ["2023/24", "China", 277398]]
        + [["2023/24", f"Place {i}", 1000 * i] for i in range(1, 9)])
    base = {"tariff_actions": LADDER, "rare_earth_production": production(90000),
            "rare_earth_shares": shares(("refining", "magnet rare earths", 2023, 92)),
            "rare_earth_controls": control_table(six), "students_by_origin": ranked}
    return {**base, **changes}


def verdicts(t: dict, cutoff=DAY) -> dict:
    return {c.claim_id: c.verdict for c in claims.check_all(t, cutoff)}


def check(t: dict, claim_id: str, cutoff=DAY) -> claims.Check:
    return next(c for c in claims.check_all(t, cutoff) if c.claim_id == claim_id)


def test_nothing_is_checked_before_the_report():
    assert claims.check_all(tables(), DAY - pd.Timedelta(days=1)) == []
    assert len(claims.check_all(tables(), DAY)) == 7


def test_the_august_claim_is_left_out_until_a_later_action_is_known():
    known = LADDER[LADDER["announced_date"] <= DAY]  # the tariff actions as the book holds them on that day
    assert "truce-august" not in verdicts(tables(tariff_actions=known))
    assert len(verdicts(tables(tariff_actions=known))) == 6


def test_every_claim_holds_on_the_base_tables():
    got = verdicts(tables(), T("2025-12-31"))
    assert got == {"us-truce": "supported", "china-truce": "supported", "rare-earth-90": "supported",
                   "six-elements": "supported", "students-270k": "supported", "second-after-india": "supported",
                   "truce-august": "supported"}


def test_truce_rates_must_match_before_and_after():
    other = LADDER.copy()
    other.loc[other["action_id"] == "a6", "rate_set_pct"] = 20  # the US cut to 40, not 30
    c = check(tables(tariff_actions=other), "us-truce")
    assert (c.verdict, c.found, c.claimed) == ("not supported", 40.0, 30)
    assert check(tables(tariff_actions=other), "china-truce").verdict == "supported"


def test_truce_not_supported_when_no_cut_is_recorded():
    before_cut = LADDER[LADDER["effective_date"] < T("2025-05-01")]
    c = check(tables(tariff_actions=before_cut), "us-truce")
    assert (c.verdict, c.found) == ("not supported", None) and "no cut" in c.evidence


@pytest.mark.parametrize("china_t, stage_share, verdict", [
    (90000, 50, "supported"), (85000, 50, "supported"), (84900, 92, "imprecise"), (70000, 50, "not supported")])
def test_ninety_percent_is_about_mining(china_t, stage_share, verdict):
    t = tables(rare_earth_production=production(china_t),
               rare_earth_shares=shares(("refining", "magnet rare earths", 2023, stage_share)))
    c = check(t, "rare-earth-90")
    assert c.verdict == verdict and c.found == round(china_t / 1000, 1)


def test_ninety_percent_evidence_names_the_near_figures():
    t = tables(rare_earth_production=production(70000),
               rare_earth_shares=shares(("refining", "magnet rare earths", 2023, 92)))
    assert "refining of magnet rare earths (92%, 2023)" in check(t, "rare-earth-90").evidence


@pytest.mark.parametrize("elements, verdict, found", [
    ([e for e in SEVEN if e != "Scandium"], "supported", 6.0),
    (SEVEN, "imprecise", 6.0),                                       # 7 with scandium, 6 heavy
    ([e for e in SEVEN if e != "Scandium"] + ["Holmium"], "not supported", 7.0),
    (SEVEN[:4], "not supported", 4.0)])
def test_six_heavy_elements(elements, verdict, found):
    c = check(tables(rare_earth_controls=control_table(elements)), "six-elements")
    assert (c.verdict, c.found) == (verdict, found)


def test_six_elements_counts_the_first_announcement_only():
    later = control_table(["Holmium"], "2025-10-09", "No. 57")
    both = pd.concat([control_table(SEVEN), later], ignore_index=True)
    c = check(tables(rare_earth_controls=both), "six-elements")
    assert (c.verdict, c.found) == ("imprecise", 6.0) and "Scandium" in c.evidence


@pytest.mark.parametrize("count, verdict", [(270001, "supported"), (270000, "not supported"),
                                            (269999, "not supported")])
def test_more_than_270000_students(count, verdict):
    rows = student_table([["2023/24", "China", count], ["2023/24", "India", 331602]])
    c = check(tables(students_by_origin=rows), "students-270k")
    assert (c.verdict, c.found) == (verdict, float(count))


def test_270000_students_without_a_2023_24_figure():
    rows = student_table([["2022/23", "China", 289526]])
    c = check(tables(students_by_origin=rows), "students-270k")
    assert (c.verdict, c.found) == ("not supported", None)


def test_second_after_india_needs_ten_places_to_be_supported():
    few = student_table([["2023/24", "India", 331602], ["2023/24", "China", 277398]])
    assert check(tables(students_by_origin=few), "second-after-india").verdict == "imprecise"
    assert check(tables(), "second-after-india").verdict == "supported"
    china_first = student_table([["2023/24", "India", 1], ["2023/24", "China", 2]]
                                + [["2023/24", f"P{i}", 0] for i in range(10)])
    c = check(tables(students_by_origin=china_first), "second-after-india")
    assert (c.verdict, c.found) == ("not supported", 1.0)


def test_the_august_claim_follows_the_next_reciprocal_action():
    assert check(tables(), "truce-august", T("2025-12-31")).verdict == "supported"
    november = LADDER.copy()
    november.loc[november["action_id"] == "a6x", "effective_date"] = T("2025-11-10")
    assert check(tables(tariff_actions=november), "truce-august", T("2025-12-31")).verdict == "not supported"


def test_table_scores():
    frame = claims.table(claims.check_all(tables(), T("2025-12-31")))
    assert list(frame.columns) == list(claims.Check.__dataclass_fields__) + ["score_pct"]
    score = frame.set_index("claim_id")["score_pct"]
    assert score["students-270k"] == 100.0          # a lower bound that holds scores 100, not 102.7
    assert score["us-truce"] == 100.0 and score["rare-earth-90"] == 100.0
    assert pd.isna(score["second-after-india"]) and pd.isna(score["truce-august"])


def test_table_scores_a_failed_lower_bound_by_ratio():
    rows = student_table([["2023/24", "China", 135000], ["2023/24", "India", 331602]])
    frame = claims.table(claims.check_all(tables(students_by_origin=rows), DAY))
    assert frame.set_index("claim_id")["score_pct"]["students-270k"] == 50.0
    assert frame.set_index("claim_id")["score_pct"]["six-elements"] == 100.0
