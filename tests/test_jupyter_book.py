"""The field's own door: plain `jupyter-book build .` on a fresh copy of the repository renders the committed
notebooks into a site whose charts all draw offline with no console error."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tradefight.tools.serve import serve

from .conftest import PAGES, offline, open_page
from .helpers import ROOT


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    copy = tmp_path_factory.mktemp("fresh-clone") / "repo"
    subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(copy)], check=True)
    # The working tree as it is (committed or not), without anything git ignores (.venv, _build ...).
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        src, dst = ROOT / name.decode(), copy / name.decode()
        if src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes())
    result = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", "."], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "build succeeded" in result.stdout
    url, server = serve(copy / "_build" / "html")
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", PAGES)
def test_plain_jupyter_book_build_draws_every_chart_offline(page, plain_site, path):
    leaked = offline(page.context, plain_site)
    problems = open_page(page, plain_site + path)
    assert problems == [] and leaked == []
    assert page.locator(".tf-chart.tf-drawn svg").count() == page.locator(".tf-chart").count() > 0
