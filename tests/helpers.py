"""Shared test helpers: paths, CSV edits, running the build, reading glued values, small tables."""
from __future__ import annotations

import ast
import csv
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from tradefight.tools import cache

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SITE = ROOT / "_build" / "html"
T = pd.Timestamp


def rewrite(path: Path, edit) -> None:
    """Apply edit(rows) to a CSV file (rows include the header)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows = edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell; `line` counts the header as line 1, as the data check reports it."""
    def edit(rows):
        rows[line - 1][rows[0].index(column)] = value
        return rows
    rewrite(path, edit)


def line_of(path: Path, startswith: str) -> int:
    """The line number (header = 1) of the first row that starts with the given text."""
    for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if row.startswith(startswith):
            return n
    raise AssertionError(f"no row starting {startswith!r} in {path.name}")


def build(*args: str, build_dir: Path | None = None, env: dict | None = None,
          timeout: float = 900) -> subprocess.CompletedProcess:
    """Run `tradefight build` with arguments; returns the finished process (a hung build fails the test)."""
    cmd = [sys.executable, "-m", "tradefight.tools.cli", "build", *args]
    if build_dir:
        cmd += ["--build-dir", str(build_dir)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)


def wait_for(marker: Path, proc: subprocess.Popen, seconds: float = 120) -> None:
    """Wait until a paused build (tools/faults.py) has written its marker file."""
    end = time.monotonic() + seconds
    while not marker.exists():
        assert proc.poll() is None, f"the build ended before pausing: {proc.communicate()}"
        assert time.monotonic() < end, "the build never reached the moment"
        time.sleep(0.2)


def tree_digest(folder: Path) -> str:
    """One digest of every file's name and bytes under a folder; the folder must hold files."""
    assert any(p.is_file() for p in Path(folder).rglob("*")), f"{folder} holds no files: nothing to compare"
    return cache.tree_hash(Path(folder))


def glued(path: Path) -> dict:
    """name -> value of every text or number a notebook glued."""
    import nbformat

    values = {}
    for cell in nbformat.read(path, as_version=4).cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("scrapbook")
            plain = out.get("data", {}).get("application/papermill.record/text/plain")
            if meta and plain is not None:
                try:
                    values[meta["name"]] = ast.literal_eval(plain)
                except (ValueError, SyntaxError):
                    values[meta["name"]] = plain
    return values


def actions(rows: list[list]) -> pd.DataFrame:
    """A small tariff_actions table: action_id, imposer, announced, effective, layer, all goods, rate, source."""
    cols = ["action_id", "imposer", "announced_date", "effective_date", "layer", "applies_to_all_goods",
            "rate_set_pct", "source_id"]
    frame = pd.DataFrame(rows, columns=cols)
    for c in ("announced_date", "effective_date"):
        frame[c] = pd.to_datetime(frame[c])
    frame["scope"] = "all goods"
    return frame


LADDER = actions([
    ["a1", "US", "2025-02-01", "2025-02-04", "ieepa_fentanyl", True, 10, "s"],
    ["a2", "US", "2025-03-03", "2025-03-04", "ieepa_fentanyl", True, 20, "s"],
    ["a3", "US", "2025-04-02", "2025-04-09", "ieepa_reciprocal", True, 34, "s"],
    ["a4", "US", "2025-04-08", "2025-04-09", "ieepa_reciprocal", True, 84, "s"],  # same day, announced later: wins
    ["a5", "US", "2025-04-09", "2025-04-10", "ieepa_reciprocal", True, 125, "s"],
    ["a6", "US", "2025-05-12", "2025-05-14", "ieepa_reciprocal", True, 10, "s"],
    ["a6x", "US", "2025-08-11", "2025-08-12", "ieepa_reciprocal", True, 10, "s"],  # an extension: no change
    ["a7", "US", "2018-06-20", "2018-07-06", "section_301", False, 25, "s"],   # not an all-goods layer
    ["b1", "China", "2025-04-11", "2025-04-12", "countermeasure_all_goods", True, 125, "s"],
    ["b2", "China", "2025-05-13", "2025-05-14", "countermeasure_all_goods", True, 10, "s"],
])


def student_table(rows: list[list] | None = None) -> pd.DataFrame:
    """A small students_by_origin table (academic_year, place_of_origin, students, source_id)."""
    rows = rows or [["2019/20", "China", 372532], ["2019/20", "India", 193124], ["2019/20", "All places of origin", 1075496],
                    ["2022/23", "China", 289526], ["2022/23", "India", 268923], ["2022/23", "All places of origin", 1057188],
                    ["2023/24", "China", 277398], ["2023/24", "India", 331602], ["2023/24", "All places of origin", 1126690],
                    ["2023/24", "South Korea", 43149]]
    return pd.DataFrame(rows, columns=["academic_year", "place_of_origin", "students"]).assign(source_id="s")


def production_table(rows: list[list] | None = None) -> pd.DataFrame:
    """A small rare_earth_production table (edition, year, country, production_t, source_id)."""
    rows = rows or [[2025, 2023, "China", 255000, "a"], [2025, 2023, "World total", 376000, "a"],
                    [2025, 2023, "United States", 41000, "a"],
                    [2025, 2024, "China", 270000, "a"], [2025, 2024, "World total", 390000, "a"],
                    [2026, 2024, "China", 270000, "b"], [2026, 2024, "World total", 380000, "b"],
                    [2026, 2024, "United States", 45000, "b"]]
    return pd.DataFrame(rows, columns=["edition", "year", "country", "production_t", "source_id"])


def source_table(rows: list[list] | None = None) -> pd.DataFrame:
    """A small sources table (source_id, publisher, title, url, primary_url, date_published, date_accessed)."""
    rows = rows or [["s", "Publisher S", "Title S", "https://example.org/s", "https://primary.example.org/s",
                     "2025-01-01", "2025-07-01"],
                    ["t", "Publisher T", "Title T", "https://example.org/t", None, None, "2025-07-01"]]
    frame = pd.DataFrame(rows, columns=["source_id", "publisher", "title", "url", "primary_url", "date_published",
                                        "date_accessed"])
    for c in ("date_published", "date_accessed"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


def event_table(rows: list[list] | None = None) -> pd.DataFrame:
    """A small events table (event_id, date, actor, category, title, description, source_id)."""
    rows = rows or [["e1", "2025-02-01", "US", "tariffs", "Fentanyl duty ordered", "10% on all goods", "s"],
                    ["e2", "2025-02-04", "China", "tariffs", "China answers", "Duties on coal and LNG", "s"],
                    ["e3", "2025-04-04", "China", "export_controls", "Seven rare earths controlled", "Licences", "t"],
                    ["e4", "2025-05-12", "Both", "talks", "Geneva statement", "A 90-day pause", "s"]]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "actor", "category", "title", "description", "source_id"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def average_table(rows: list[list]) -> pd.DataFrame:
    """A small tariff_averages table from rows of date, imposer, measure, value_pct, source_id."""
    frame = pd.DataFrame(rows, columns=["date", "imposer", "measure", "value_pct", "source_id"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


SEVEN = ["Samarium", "Gadolinium", "Terbium", "Dysprosium", "Lutetium", "Scandium", "Yttrium"]
NUMBERS = {"Samarium": 62, "Gadolinium": 64, "Terbium": 65, "Dysprosium": 66, "Lutetium": 71, "Scandium": 21,
           "Yttrium": 39, "Holmium": 67}


def control_table(first: list[str] | None = None, announced: str = "2025-04-04",
                  announcement: str = "No. 18") -> pd.DataFrame:
    """A small rare_earth_controls table: one announcement of the given elements (default: the seven of
    4 April 2025), plus a row with no atomic number (a product group, not an element)."""
    first = SEVEN if first is None else first
    rows = [[e, e[:2], NUMBERS[e], announcement, announced, announced, "s"] for e in first]
    rows.append(["Magnet materials", None, None, announcement, announced, announced, "s"])
    frame = pd.DataFrame(rows, columns=["element", "symbol", "atomic_number", "announcement", "announced_date",
                                        "effective_date", "source_id"])
    frame["atomic_number"] = frame["atomic_number"].astype("Int64")
    for c in ("announced_date", "effective_date"):
        frame[c] = pd.to_datetime(frame[c])
    return frame
