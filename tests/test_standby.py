"""The warm build server (`tradefight build --standby`, what `make book` uses outside CI): a build run in it
gives the figures a plain build gives; the next build runs in the same server; bad data stops a build there
as it stops a plain one; a changed setting replaces the server; a killed command takes the build and the
server down with it and leaves the site whole; a plain build of the folder, a stop request or idle time
stop it."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tradefight.tools import standby
from tradefight.tools.layout import Layout

from .helpers import DATA, ROOT, build, glued, line_of, rewrite, set_cell, tree_digest


def server_pid(build_dir: Path) -> int:
    """The process that ran the last build (it writes its pid into the build lock)."""
    return int((build_dir / ".lock").read_text(encoding="utf-8").split()[1])


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def gone(pid: int, seconds: float = 30) -> bool:
    end = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < end:
        time.sleep(0.1)
    return not alive(pid)


@pytest.fixture
def folder(tmp_path):
    """A data copy and a build folder; any server left for the folder is stopped afterwards."""
    shutil.copytree(DATA, tmp_path / "data")
    yield tmp_path / "data", tmp_path / "build"
    standby.stop(Layout(tmp_path / "build"))


def add_one_student(data_dir: Path) -> None:
    """One more student from India in the latest year (a file four notebooks read)."""
    def edit(rows):
        place, count = rows[0].index("place_of_origin"), rows[0].index("students")
        last = max(n for n, row in enumerate(rows) if row[place] == "India")
        rows[last][count] = str(int(rows[last][count]) + 1)
        return rows
    rewrite(data_dir / "students_by_origin.csv", edit)


def test_builds_run_in_one_server_and_give_what_a_plain_build_gives(folder, tmp_path):
    data_dir, build_dir = folder
    first = build("--standby", "--data", str(data_dir), build_dir=build_dir)
    assert first.returncode == 0, first.stderr
    pid = server_pid(build_dir)
    assert alive(pid) and os.path.exists(standby.address(Layout(build_dir)))

    add_one_student(data_dir)
    second = build("--standby", "--data", str(data_dir), build_dir=build_dir)
    assert second.returncode == 0, second.stderr
    assert "book/students.ipynb: ran in" in second.stdout and "book/tariffs.ipynb: unchanged" in second.stdout
    assert server_pid(build_dir) == pid, "the second build did not run in the same server"

    plain = build("--data", str(data_dir), build_dir=tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr
    for nb in sorted((build_dir / "html" / "book" / "notebooks").glob("*.ipynb")):
        assert glued(nb) == glued(tmp_path / "plain" / "html" / "book" / "notebooks" / nb.name), nb.name
    assert alive(pid), "a build of another folder stopped this folder's server"

    site = tree_digest(build_dir / "html")
    line = line_of(data_dir / "f1_visas.csv", "2015,China")
    set_cell(data_dir / "f1_visas.csv", line, "issued", "many")
    bad = build("--standby", "--data", str(data_dir), build_dir=build_dir)
    assert bad.returncode == 1
    assert "Stopped:" in bad.stderr and f'f1_visas.csv, line {line}, column "issued"' in bad.stderr, bad.stderr
    assert "Traceback" not in bad.stdout + bad.stderr
    assert tree_digest(build_dir / "html") == site and server_pid(build_dir) == pid and alive(pid)

    set_cell(data_dir / "f1_visas.csv", line, "issued", "274460")
    again = build("--data", str(data_dir), build_dir=build_dir)
    assert again.returncode == 0, again.stderr
    assert gone(pid), "a plain build of the folder did not stop its server"


def test_a_killed_command_takes_its_build_and_server_down_and_leaves_the_site_whole(folder, tmp_path):
    data_dir, build_dir = folder
    first = build("--standby", "--data", str(data_dir), build_dir=build_dir)
    assert first.returncode == 0, first.stderr
    old_server = server_pid(build_dir)
    site = tree_digest(build_dir / "html")

    add_one_student(data_dir)
    marker = tmp_path / "paused"
    env = {**os.environ, "TRADEFIGHT_PAUSE_AT": "execute", "TRADEFIGHT_PAUSE_FILE": str(marker)}
    proc = subprocess.Popen([sys.executable, "-m", "tradefight.tools.cli", "build", "--standby", "--data",
                             str(data_dir), "--build-dir", str(build_dir)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    end = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, f"the build ended before pausing: {proc.communicate()}"
        assert time.monotonic() < end, "the build never reached the moment"
        time.sleep(0.2)
    assert gone(old_server), "a server started with other settings was not replaced"
    new_server, worker = server_pid(build_dir), int(marker.read_text())
    assert new_server != old_server and alive(new_server) and alive(worker)

    proc.send_signal(signal.SIGKILL)  # the command only: the server is in a session of its own
    proc.wait()
    assert gone(new_server) and gone(worker), "the build went on after its command was killed"
    assert tree_digest(build_dir / "html") == site, "the published site changed"

    again = build("--standby", "--data", str(data_dir), build_dir=build_dir)
    assert again.returncode == 0, again.stderr
    assert "book/students.ipynb: ran in" in again.stdout


def test_a_server_stops_when_idle_or_asked(folder):
    data_dir, build_dir = folder
    env = {**os.environ, "TRADEFIGHT_STANDBY_IDLE": "1"}
    assert build("--standby", "--data", str(data_dir), build_dir=build_dir, env=env).returncode == 0
    idle = server_pid(build_dir)
    assert gone(idle), "the server outlived its idle time"
    assert not os.path.exists(standby.address(Layout(build_dir)))

    assert build("--standby", "--data", str(data_dir), build_dir=build_dir).returncode == 0
    asked = server_pid(build_dir)
    assert asked != idle and alive(asked)
    stop = subprocess.run([sys.executable, "-m", "tradefight.tools.cli", "standby", "--stop",
                           "--build-dir", str(build_dir)], cwd=ROOT, capture_output=True, text=True)
    assert stop.returncode == 0, stop.stderr
    assert gone(asked), "`tradefight standby --stop` did not stop the server"
