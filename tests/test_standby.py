"""The warm build server (`tradefight build --standby`, what `make book` uses outside CI): a build run in it
gives the pages a plain build gives; the next build runs in the same server; bad data stops a build there
as it stops a plain one; a change to what it loaded replaces it; a killed command takes the build, the
server, its workers and kernels down with it and leaves the site whole; two commands at once share one
server; a plain build of the folder, a stop request or idle time stop it."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tradefight.tools import cache, standby
from tradefight.tools.bench import edit_one_figure
from tradefight.tools.layout import Layout

from .helpers import DATA, ROOT, build, glued, line_of, set_cell, tree_digest, wait_for

IDLE = {"TRADEFIGHT_STANDBY_IDLE": "300"}  # a server a failed test leaves behind goes within minutes


def sbuild(data_dir: Path, build_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`tradefight build --standby` on a data folder, with two workers whatever the machine."""
    return build("--standby", "--jobs", "2", "--data", str(data_dir), build_dir=build_dir,
                 env={**os.environ, **IDLE, **(env or {})})


def server_pid(build_dir: Path) -> int:
    """The process that ran the last build (it writes its pid into the build lock; read again if the lock
    is being rewritten at that moment)."""
    for _ in range(50):
        words = (build_dir / ".lock").read_text(encoding="utf-8").split()
        if len(words) == 2:
            return int(words[1])
        time.sleep(0.1)
    raise AssertionError(f"no pid in {build_dir / '.lock'}")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def gone(pid: int, seconds: float = 30) -> bool:
    end = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < end:
        time.sleep(0.1)
    return not alive(pid)


def family(pid: int) -> set[int]:
    """A process and all its descendants (workers, kernels, the Jupyter Book process)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(parents.get(current, []))
    return found


def servers_for(build_dir: Path) -> list[int]:
    """Running build servers for a build folder: session leaders whose command names the folder (its
    workers share the command line but not the leadership)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        pid = int(cmdline.parent.name)
        try:
            args = cmdline.read_bytes().split(b"\0")
            session = int((cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[3])
        except (FileNotFoundError, ProcessLookupError):
            continue
        if b"standby" in args and str(build_dir).encode() in args and session == pid and alive(pid):
            found.append(pid)
    return found


@pytest.fixture
def folder(tmp_path):
    """A data copy and a build folder; any server left for the folder is stopped afterwards."""
    shutil.copytree(DATA, tmp_path / "data")
    yield tmp_path / "data", tmp_path / "build"
    standby.stop(Layout(tmp_path / "build"))


def test_builds_run_in_one_server_and_give_what_a_plain_build_gives(folder, tmp_path):
    data_dir, build_dir = folder
    first = sbuild(data_dir, build_dir)
    assert first.returncode == 0, first.stderr
    pid = server_pid(build_dir)
    assert alive(pid) and os.path.exists(standby.address(Layout(build_dir)))

    edit_one_figure(data_dir)
    second = sbuild(data_dir, build_dir)
    assert second.returncode == 0, second.stderr
    assert "book/students.ipynb: ran in" in second.stdout and "book/tariffs.ipynb: unchanged" in second.stdout
    assert server_pid(build_dir) == pid, "the second build did not run in the same server"

    plain = build("--data", str(data_dir), build_dir=tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr
    kept, fresh = build_dir / "html", tmp_path / "plain" / "html"
    for nb in sorted((kept / "book" / "notebooks").glob("*.ipynb")):
        assert glued(nb) == glued(fresh / "book" / "notebooks" / nb.name), nb.name
    pages = sorted(p.relative_to(kept) for p in kept.rglob("*.html"))
    assert len(pages) >= 7 and pages == sorted(p.relative_to(fresh) for p in fresh.rglob("*.html"))
    for page in pages:
        assert (kept / page).read_text(encoding="utf-8") == (fresh / page).read_text(encoding="utf-8"), page
    assert alive(pid), "a build of another folder stopped this folder's server"

    site = tree_digest(kept)
    line = line_of(data_dir / "f1_visas.csv", "2015,China")
    set_cell(data_dir / "f1_visas.csv", line, "issued", "many")
    bad = sbuild(data_dir, build_dir)
    assert bad.returncode == 1
    assert "Stopped:" in bad.stderr and f'f1_visas.csv, line {line}, column "issued"' in bad.stderr, bad.stderr
    assert bad.stderr.count("Stopped:") == 1 and "Traceback" not in bad.stdout + bad.stderr
    assert tree_digest(kept) == site and server_pid(build_dir) == pid and alive(pid)

    set_cell(data_dir / "f1_visas.csv", line, "issued", "274460")
    again = build("--data", str(data_dir), build_dir=build_dir)
    assert again.returncode == 0, again.stderr
    assert gone(pid), "a plain build of the folder did not stop its server"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A data copy and a build folder with a published site, built in a server."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(DATA, root / "data")
    first = sbuild(root / "data", root / "build")
    assert first.returncode == 0, first.stderr
    yield root / "data", root / "build"
    standby.stop(Layout(root / "build"))


@pytest.mark.parametrize("moment, killed", [("execute", "command"), ("sphinx", "command"), ("publish", "command"),
                                            ("sphinx", "server")])
def test_a_killed_command_takes_its_build_and_server_down_and_leaves_the_site_whole(served, moment, killed,
                                                                                    tmp_path):
    """The command killed (SIGKILL), or the server stopped (SIGTERM), mid-build."""
    data_dir, build_dir = served
    old_server = server_pid(build_dir)
    site = tree_digest(build_dir / "html")
    edit_one_figure(data_dir)
    marker = tmp_path / "paused"
    env = {**os.environ, **IDLE, "TRADEFIGHT_PAUSE_AT": moment, "TRADEFIGHT_PAUSE_FILE": str(marker)}
    proc = subprocess.Popen([sys.executable, "-m", "tradefight.tools.cli", "build", "--standby", "--jobs", "2",
                             "--data", str(data_dir), "--build-dir", str(build_dir)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(marker, proc)
        assert gone(old_server), "a server started with other settings was not replaced"
        new_server = server_pid(build_dir)
        processes = family(new_server)
        assert new_server != old_server and int(marker.read_text()) in processes
        assert len(processes) >= 5, "expected at least the server, 2 workers and their 2 kernels"
        if killed == "server":
            os.kill(new_server, signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 1 and "Stopped: the build server stopped during the build" in err, err
    finally:
        proc.send_signal(signal.SIGKILL)  # the command only: the server is in a session of its own
        proc.wait()
    left = [pid for pid in processes if not gone(pid)]
    assert left == [], "processes outlived the killed build"
    assert tree_digest(build_dir / "html") == site, "the published site changed"

    again = sbuild(data_dir, build_dir)
    assert again.returncode == 0, again.stderr
    assert "Site ready" in again.stdout and tree_digest(build_dir / "html") != site, "the edit was not published"


def test_two_commands_at_once_share_one_server(folder):
    data_dir, build_dir = folder
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: sbuild(data_dir, build_dir), range(2)))
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert servers_for(build_dir) == [server_pid(build_dir)]


def test_a_server_stops_when_idle_or_asked(folder):
    data_dir, build_dir = folder
    assert sbuild(data_dir, build_dir, {"TRADEFIGHT_STANDBY_IDLE": "1"}).returncode == 0
    idle = server_pid(build_dir)
    assert gone(idle), "the server outlived its idle time"
    assert not os.path.exists(standby.address(Layout(build_dir)))

    assert sbuild(data_dir, build_dir).returncode == 0
    asked = server_pid(build_dir)
    assert asked != idle and alive(asked)
    stop = subprocess.run([sys.executable, "-m", "tradefight.tools.cli", "standby", "--stop",
                           "--build-dir", str(build_dir)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert stop.returncode == 0, stop.stderr
    assert gone(asked), "`tradefight standby --stop` did not stop the server"
    assert servers_for(build_dir) == []


def test_the_key_changes_with_what_the_server_has_loaded(tmp_path, monkeypatch):
    package, root = tmp_path / "package", tmp_path / "root"
    shutil.copytree(standby.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "book", root / "book", ignore=shutil.ignore_patterns("*.ipynb", "__pycache__"))
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, root / name)
    monkeypatch.setattr(cache, "PACKAGE", package)
    monkeypatch.setattr(standby, "PACKAGE", package)
    monkeypatch.setattr(standby, "ROOT", root)
    monkeypatch.delenv("SOMETHING_UNRELATED", raising=False)
    base = standby.key(2)
    monkeypatch.setenv("SOMETHING_UNRELATED", "1")
    assert standby.key(2) == base, "an unrelated variable replaced the server"
    changes = [lambda: (package / "tariffs.py").write_text("# edited\n", encoding="utf-8"),
               lambda: (package / "tools" / "build.py").write_text("# edited\n", encoding="utf-8"),
               lambda: (root / "book" / "_ext" / "tradefight_site" / "cards.py").write_text("#\n", encoding="utf-8"),
               lambda: (root / "_config.yml").write_text("title: other\n", encoding="utf-8"),
               lambda: monkeypatch.setenv("PYTHONPATH", "/elsewhere"),
               lambda: monkeypatch.setattr(standby, "installed", lambda: ["pandas-0.0.dist-info"])]
    seen = {base}
    for change in changes:
        change()
        assert standby.key(2) not in seen
        seen.add(standby.key(2))
    assert standby.key(1) not in seen, "the number of workers is part of the key"
