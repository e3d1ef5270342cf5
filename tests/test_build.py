"""The build runner: refuses bad input before any notebook runs and leaves the site as it was; re-runs only
what a change touches; reports a failing notebook or statement in one line; re-runs after a pin change."""
from __future__ import annotations

import pytest

from .helpers import ROOT, SITE, build, line_of, rewrite, set_cell, tree_digest


def refused(result, *expected):
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    assert "Running" not in result.stdout, "no notebook may run before the data passes"
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "is unchanged" in result.stderr


def _bom(d):
    p = d / "events.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())


BAD_INPUTS = {
    "text-in-number": (lambda d: set_cell(d / "f1_visas.csv", 4, "issued", "about 14000"),
                       'f1_visas.csv, line 4, column "issued"'),
    "missing-column": (lambda d: rewrite(d / "events.csv", lambda rows: [r[1:] for r in rows]),
                       'events.csv, line 1, column "event_id"'),
    "extra-column": (lambda d: rewrite(d / "events.csv", lambda rows: [r + ["x"] for r in rows]),
                     'events.csv, line 1, column "x"'),
    "empty-file": (lambda d: (d / "rare_earth_shares.csv").write_text("", encoding="utf-8"),
                   "rare_earth_shares.csv: file is empty"),
    "share-above-100": (lambda d: set_cell(d / "rare_earth_shares.csv", 3, "china_share_pct", "100.5"),
                        'rare_earth_shares.csv, line 3, column "china_share_pct"'),
    "duplicated-row": (lambda d: rewrite(d / "tariff_averages.csv", lambda rows: rows + [rows[5]]),
                       "tariff_averages.csv, line"),
    "not-utf8": (lambda d: (d / "students_by_origin.csv").write_bytes(
                     (d / "students_by_origin.csv").read_bytes() + "2030/31,Espa\xf1a,1,,x,y\n".encode("latin-1")),
                 "students_by_origin.csv, line"),
    "date-written-another-way": (lambda d: set_cell(d / "events.csv", 2, "date", "09/06/2025"),
                                 'events.csv, line 2, column "date": found \'09/06/2025\', expected a date written YYYY-MM-DD'),
    "unknown-source": (lambda d: set_cell(d / "tariff_actions.csv", 2, "source_id", "no-such-source"),
                       "'no-such-source' is not listed in sources.csv"),
    "negative-count": (lambda d: set_cell(d / "students_by_origin.csv", 2, "students", "-5"),
                       'students_by_origin.csv, line 2, column "students": found \'-5\', expected at least 0'),
    "date-after-as-of": (lambda d: set_cell(d / "events.csv", 2, "date", "2099-01-01"),
                         "a date after the data's as-of date"),
    "file-over-size-cap": (lambda d: (d / "quotes.csv").write_text("x" * (5 * 1024 * 1024 + 1), encoding="utf-8"),
                           "quotes.csv: file is 5,242,881 bytes; expected at most 5,242,880"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_data_stops_the_build_and_leaves_the_site(case, data_copy):
    before = tree_digest(SITE)
    break_it, where = BAD_INPUTS[case]
    break_it(data_copy)
    refused(build("--data", str(data_copy)), where)
    assert tree_digest(SITE) == before


def test_accepted_and_normalised_inputs_pass_the_check(data_copy):
    """A byte-order mark, Windows line endings and spaces around cells are accepted (the build goes on)."""
    from tradefight import contract, data

    _bom(data_copy)
    path = data_copy / "students_by_origin.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    rewrite(data_copy / "f1_visas.csv", lambda rows: [rows[0]] + [[f" {c} " for c in r] for r in rows[1:]])
    assert contract.validate(data_copy) == []
    for name in ("events", "students_by_origin", "f1_visas"):
        assert data.load(data_copy, name).equals(data.load(ROOT / "data", name)), name


def test_unknown_parameter_bad_date_and_unknown_scenario_are_refused():
    refused(build("--param", "colour=red"), "unknown parameter 'colour'")
    refused(build("--as-of", "9 June 2025"), "expected YYYY-MM-DD")
    result = build("--scenario", "war")
    assert result.returncode == 1 and "scenario 'war' is unknown" in result.stderr and "Traceback" not in result.stderr


def test_a_failing_notebook_is_reported_by_notebook_and_cell(data_copy, tmp_path):
    # No row for China: the data passes its contract, but the students chapter has no story to tell.
    rewrite(data_copy / "students_by_origin.csv", lambda rows: [r for r in rows if r[1] != "China"])
    site = tmp_path / "build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    result = build("--data", str(data_copy), build_dir=tmp_path / "build")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    assert "book/students.ipynb, cell In [" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_a_statement_that_cannot_be_checked_stops_the_build_naming_it(data_copy, tmp_path):
    """A quoted figure with no value (the contract allows a quote without one): the statement explaining it
    cannot be checked, so the build stops, naming the notebook and the statement, with no traceback."""
    set_cell(data_copy / "quotes.csv", 2, "value", "")
    site = tmp_path / "build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    result = build("--data", str(data_copy), build_dir=tmp_path / "build")
    assert result.returncode == 1, result.stdout
    assert "book/tariffs.ipynb, statement 'tariffs-quoted-total'" in result.stderr, result.stderr
    assert "missing in the data" in result.stderr and "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_rebuilds_only_what_a_change_touches_and_a_pin_change_reruns_all(payload_build, tmp_path):
    data_dir, where, cold = payload_build
    assert cold.count("ran in") == 7 and "Site ready" in cold

    again = build("--data", str(data_dir), build_dir=where)
    assert again.returncode == 0 and again.stdout.count("unchanged, reused") == 7
    assert "Site is up to date" in again.stdout

    set_cell(data_dir / "f1_visas.csv", 2, "notes", "edited note")
    one = build("--data", str(data_dir), build_dir=where)
    assert one.returncode == 0, one.stderr
    reran = sorted(line.split(":")[0].strip() for line in one.stdout.splitlines() if "ran in" in line)
    assert reran == ["book/claims.ipynb", "book/methods.ipynb", "book/students.ipynb"]  # those that read f1_visas.csv
    assert "Site ready" in one.stdout

    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").replace("altair==", "altair===", 1)
    (tmp_path / "requirements.txt").write_text(pins, encoding="utf-8")
    import os

    bumped = build("--data", str(data_dir), build_dir=where,
                   env={**os.environ, "TRADEFIGHT_REQUIREMENTS": str(tmp_path / "requirements.txt")})
    assert bumped.returncode == 0 and bumped.stdout.count("ran in") == 7, bumped.stdout
