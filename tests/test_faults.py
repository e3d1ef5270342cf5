"""A build killed at any moment leaves the published site whole, and the next build recovers; two builds of
one checkout take turns. The build pauses at each moment through a test hook (TRADEFIGHT_PAUSE_AT) rather
than a guessed timer, and is killed there with SIGKILL (the whole process group: runner, workers, kernels)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import DATA, ROOT, build, set_cell, tree_digest, wait_for


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A data copy and a build folder holding a published site."""
    root = tmp_path_factory.mktemp("faults")
    shutil.copytree(DATA, root / "data")
    result = build("--data", str(root / "data"), build_dir=root / "build")
    assert result.returncode == 0, result.stderr
    return root / "data", root / "build"


def start(data_dir: Path, build_dir: Path, pause: str | None, marker: Path) -> subprocess.Popen:
    env = {**os.environ, "TRADEFIGHT_PAUSE_FILE": str(marker)}
    if pause:
        env["TRADEFIGHT_PAUSE_AT"] = pause
    return subprocess.Popen([sys.executable, "-m", "tradefight.tools.cli", "build", "--data", str(data_dir),
                             "--build-dir", str(build_dir)], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("moment", ["execute", "sphinx", "publish"])
def test_sigkill_leaves_the_site_whole_and_the_next_build_recovers(built, moment, tmp_path):
    data_dir, build_dir = built
    site = build_dir / "html"
    before = tree_digest(site)
    set_cell(data_dir / "f1_visas.csv", 2, "notes", f"edited before a kill during {moment}")
    marker = tmp_path / "paused"
    proc = start(data_dir, build_dir, moment, marker)
    wait_for(marker, proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tree_digest(site) == before, "the published site changed"
    assert (site / "book" / "index.html").is_file()
    again = build("--data", str(data_dir), build_dir=build_dir)
    assert again.returncode == 0, again.stderr
    assert "Site ready" in again.stdout and tree_digest(site) != before
    assert f"edited before a kill during {moment}" in (site / "book" / "data" / "f1_visas.csv").read_text()


def test_two_builds_take_turns(built, tmp_path):
    data_dir, build_dir = built
    set_cell(data_dir / "f1_visas.csv", 2, "notes", "edited while another build waits")
    marker = tmp_path / "paused"
    first = start(data_dir, build_dir, "execute", marker)
    wait_for(marker, first)
    second = start(data_dir, build_dir, None, tmp_path / "unused")
    time.sleep(3)
    assert second.poll() is None, "the second build did not wait for the first"
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "Another build is running on this checkout" in err and "waiting for it to finish" in err
    assert "Site ready" in out or "Site is up to date" in out
