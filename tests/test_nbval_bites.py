"""nbval must catch a changed number: change one figure in a copy of the data and the run must fail."""
from __future__ import annotations

import shutil
import subprocess
import sys

from .helpers import DATA, ROOT
from .helpers import set_cell


def test_nbval_fails_on_the_cell_that_shows_a_changed_figure(tmp_path):
    # The notebook reads ../data, so lay out a copy of the project with one figure changed.
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "students.ipynb", tmp_path / "book")
    shutil.copytree(DATA, tmp_path / "data")
    csv_path = tmp_path / "data" / "students_by_origin.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(lines, 1) if row.startswith("2019/20,China,"))
    set_cell(csv_path, line, "students", "372533")  # the peak, 372532 as published, plus one

    def nbval(folder):
        return subprocess.run([sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-q",
                               str(folder / "book" / "students.ipynb")],
                              capture_output=True, text=True, cwd=folder)

    changed = nbval(tmp_path)
    assert changed.returncode == 1, changed.stdout[-2000:]
    assert "Cell outputs differ" in changed.stdout and "mismatch 'application/papermill.record/text/plain'" in changed.stdout
    assert "372,533" in changed.stdout and "372,532" in changed.stdout  # the glued statement naming the peak

    shutil.copy(DATA / "students_by_origin.csv", csv_path)  # the same copy, unchanged data: it passes
    unchanged = nbval(tmp_path)
    assert unchanged.returncode == 0, unchanged.stdout[-2000:]
