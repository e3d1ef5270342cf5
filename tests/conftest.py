"""Shared fixtures: paths, a copy of the data to break, the built site served on loopback, Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SITE = ROOT / "_build" / "html"
SUBPATH = "/tradefight/"  # GitHub Pages serves a project site from /<repo>/, so the tests do too
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skip there is a failure."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped:
        reporter.write_line(f"CI=true: {skipped} test(s) were skipped; every test must run in CI.", red=True)
        session.exitstatus = 1


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Static files under SUBPATH, gzip-compressed when the client accepts it (as GitHub Pages does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?")[0]))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")):
            return super().send_head()
        import gzip
        import io

        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path):
        # Serve SITE at SUBPATH only, as GitHub Pages would; anything else is a 404.
        if not path.startswith(SUBPATH):
            return str(SITE / "__outside_the_site__")
        return super().translate_path("/" + path[len(SUBPATH):])


def serve(folder: Path):
    """Serve a built site on loopback under SUBPATH; returns (url, server)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}{SUBPATH}", server


@pytest.fixture(scope="session")
def site_url() -> str:
    if not (SITE / "index.html").is_file():
        pytest.fail("no built site in _build/html: run `make book` first (`make test` does)")
    url, server = serve(SITE)
    yield url
    server.shutdown()


# Text that would run if any page put data into HTML unescaped.
XSS_TITLE = '<img src=x onerror="window.__xss=1">'
XSS_TEXT = "<script>window.__xss=2</script>"


@pytest.fixture(scope="session")
def payload_build(tmp_path_factory):
    """A full build, in its own folder, of data whose text fields carry script payloads and one figure changed.

    Returns (data_dir, build_dir, output of the build)."""
    import csv
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("payload")
    data_dir = root / "data"
    shutil.copytree(DATA, data_dir)
    for name, edits in {"events.csv": {"title": XSS_TITLE, "description": XSS_TEXT},
                        "sources.csv": {"title": XSS_TEXT, "publisher": XSS_TITLE}}.items():
        path = data_dir / name
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        rows[0].update(edits)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    # And one figure changed, to follow it through the site: the latest count of students from China.
    path = data_dir / "students_by_origin.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    latest = max((r for r in rows if r["place_of_origin"] == "China"), key=lambda r: r["academic_year"])
    latest["students"] = str(int(latest["students"]) + 1)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = subprocess.run([sys.executable, "-m", "tradefight.build", "--data", str(data_dir),
                             "--build-dir", str(root / "build")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return data_dir, root / "build", result.stdout


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser, but Debian's Chromium with no background network traffic."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing: run `make browser` (make test does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run"]}


def site_pages() -> list[str]:
    """Every chapter page, in _toc.yml order, as paths inside the site."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [f"{toc['root']}.html"] + [f"{c['file']}.html" for c in toc["chapters"]]


def draw_all_charts(page) -> None:
    """Charts draw as they scroll into view: scroll to each one, then wait until all are drawn."""
    charts = page.locator(".tf-chart")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('.tf-chart')].every(e => e.classList.contains('tf-drawn'))", timeout=15000)
