"""tradefight.controls: each export-control announcement's status on a date, per element, in words."""
from __future__ import annotations

import pandas as pd

from tradefight import controls

from .helpers import T, control_table


def status_table():
    """No. 18 in force from 4 April; No. 57 announced, then suspended on 7 November until a date next year."""
    frame = pd.DataFrame([["No. 18", "2025-04-04", "in force", None],
                          ["No. 57", "2025-10-09", "announced", "2025-11-08"],
                          ["No. 57", "2025-11-07", "suspended", "2026-11-10"]],
                         columns=["announcement", "date", "status", "until"])
    for c in ("date", "until"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


def two_announcements():
    return pd.concat([control_table(), control_table(["Holmium"], "2025-10-09", "No. 57")], ignore_index=True)


def test_status_on_takes_the_latest_status_by_the_cut_off():
    on = lambda day: controls.status_on(status_table(), T(day)).set_index("announcement")["status"].to_dict()
    assert on("2025-04-03") == {}
    assert on("2025-10-09") == {"No. 18": "in force", "No. 57": "announced"}
    assert on("2025-11-07") == {"No. 18": "in force", "No. 57": "suspended"}
    assert list(controls.status_on(status_table(), T("2025-12-01")).columns) == ["announcement", "status", "date",
                                                                                "until"]


def test_elements_with_status_keep_elements_only_with_words():
    table = controls.elements_with_status(two_announcements(), status_table(), T("2025-10-20"))
    assert "Magnet materials" not in set(table["element"]) and len(table) == 8
    words = table.set_index("element")["status_on_date"]
    assert words["Dysprosium"] == "in force from 4 April 2025"
    assert words["Holmium"] == "announced, not yet in force from 9 October 2025 until 8 November 2025"


def test_an_end_date_already_past_is_not_shown():
    table = controls.elements_with_status(two_announcements(), status_table(), T("2026-12-01"))
    assert table.set_index("element")["status_on_date"]["Holmium"] == "suspended from 7 November 2025"


def test_an_announcement_with_no_status_yet_says_so():
    table = controls.elements_with_status(two_announcements(), status_table(), T("2025-04-03"))
    assert set(table["status_on_date"]) == {"status not recorded"}


def test_status_sentence_groups_announcements_by_status_and_end_date():
    assert controls.status_sentence(status_table(), T("2025-11-07")) == (
        "No. 18 was in force; No. 57 was suspended until 10 November 2026")
    assert controls.status_sentence(status_table(), T("2025-10-20")) == (
        "No. 18 was in force; No. 57 was announced, not yet in force, due to take effect on 8 November 2025")
    both = pd.concat([status_table(), pd.DataFrame({"announcement": ["No. 61"], "date": [T("2025-11-07")],
                                                    "status": ["suspended"], "until": [T("2026-11-10")]})])
    assert controls.status_sentence(both, T("2025-12-01")).endswith("No. 57 and No. 61 were suspended until "
                                                                   "10 November 2026")
    assert controls.status_sentence(status_table(), T("2026-12-01")) == (
        "No. 18 was in force; No. 57 had been suspended until 10 November 2026 (the data records no later status)")
    ended = pd.concat([status_table(), pd.DataFrame({"announcement": ["No. 57"], "date": [T("2026-05-01")],
                                                     "status": ["ended"], "until": [pd.NaT]})])
    assert controls.status_sentence(ended, T("2026-06-01")) == "No. 18 was in force; No. 57 had ended"
    assert controls.status_on(ended, T("2026-06-01")).set_index("announcement")["until"].isna().all()
    assert controls.status_sentence(status_table(), T("2025-04-03")) == ""


def test_a_lapsed_announced_status_and_an_ended_one_read_plainly():
    frame = pd.DataFrame([["No. 57", "2025-10-09", "announced", "2025-11-08"],
                          ["No. 61", "2025-10-09", "ended", "2026-01-01"]], columns=["announcement", "date", "status", "until"])
    for c in ("date", "until"):
        frame[c] = pd.to_datetime(frame[c])
    assert controls.status_sentence(frame, T("2025-12-01")) == (
        "No. 57 was due to take effect on 8 November 2025 (the data records no later status); No. 61 had ended")
