"""The build runner: refuses bad input before any notebook runs, publishes atomically, rebuilds only what changed."""
from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SITE
from .test_validate import rewrite, set_cell


def build(*args, build_dir: Path | None = None):
    cmd = [sys.executable, "-m", "tradefight.build", *args]
    if build_dir:
        cmd += ["--build-dir", str(build_dir)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def refused(result, *expected):
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    assert "Running" not in result.stdout, "no notebook may run before the data passes"
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "is unchanged" in result.stderr


BAD_INPUTS = {
    "text-in-number": (lambda d: set_cell(d / "f1_visas.csv", 4, "issued", "about 14000"),
                       'f1_visas.csv, line 4, column "issued"'),
    "missing-column": (lambda d: rewrite(d / "events.csv", lambda rows: [r[1:] for r in rows]),
                       'events.csv, line 1, column "event_id"'),
    "empty-file": (lambda d: (d / "rare_earth_shares.csv").write_text("", encoding="utf-8"),
                   "rare_earth_shares.csv: file is empty"),
    "share-above-100": (lambda d: set_cell(d / "rare_earth_shares.csv", 3, "china_share_pct", "100.5"),
                        'rare_earth_shares.csv, line 3, column "china_share_pct"'),
    "duplicated-row": (lambda d: rewrite(d / "tariff_averages.csv", lambda rows: rows + [rows[5]]),
                       "tariff_averages.csv, line"),
    "not-utf8": (lambda d: (d / "students_by_origin.csv").write_bytes(
                     (d / "students_by_origin.csv").read_bytes() + "2030/31,Espa\xf1a,1,,x,y\n".encode("latin-1")),
                 "students_by_origin.csv, line"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_data_stops_the_build_and_leaves_the_site(case, data_copy):
    before = tree_digest(SITE)
    break_it, where = BAD_INPUTS[case]
    break_it(data_copy)
    refused(build("--data", str(data_copy)), where)
    assert tree_digest(SITE) == before


def test_unknown_parameter_and_bad_date_are_refused():
    refused(build("--param", "colour=red"), "unknown parameter 'colour'")
    refused(build("--as-of", "9 June 2025"), "expected YYYY-MM-DD")
    refused(build("--param", "scenario=war"), "scenario 'war' is unknown")


def test_a_failing_notebook_is_reported_by_notebook_and_cell(data_copy, tmp_path):
    # Valid data that a chapter cannot use: no Indian students at all.
    rewrite(data_copy / "students_by_origin.csv", lambda rows: [r for r in rows if r[1] != "India"])
    site = tmp_path / "build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    result = build("--data", str(data_copy), build_dir=tmp_path / "build")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    assert "book/students.ipynb, cell" in result.stderr and "IndexError" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_rebuilds_only_what_a_change_touches(payload_build):
    data_dir, where, cold = payload_build
    assert cold.count("ran in") == 7 and "Site ready" in cold

    again = build("--data", str(data_dir), build_dir=where)
    assert again.returncode == 0 and again.stdout.count("unchanged, reused") == 7
    assert "Site is up to date" in again.stdout

    set_cell(data_dir / "f1_visas.csv", 2, "notes", "edited note")
    one = build("--data", str(data_dir), build_dir=where)
    assert one.returncode == 0, one.stderr
    reran = sorted(line.split(":")[0].strip() for line in one.stdout.splitlines() if "ran in" in line)
    assert reran == ["book/methods.ipynb", "book/students.ipynb"]  # the two that read f1_visas.csv
    assert "Site ready" in one.stdout
