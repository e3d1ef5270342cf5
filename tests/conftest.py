"""Shared fixtures: a copy of the data to break, the built site served on loopback, Chromium, full builds."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tradefight.tools.browser import ARGS, CHROMIUM, draw_all_charts  # noqa: F401  (tests import it here)
from tradefight.tools.serve import serve, site_pages

from .helpers import DATA, ROOT, SITE, build, rewrite

IN_CI = os.environ.get("CI", "").lower() == "true"
PAGES = site_pages(ROOT)


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


@pytest.fixture(scope="session")
def site_url() -> str:
    """The site in _build/html, served as GitHub Pages serves it."""
    if not (SITE / "index.html").is_file():
        pytest.fail("no built site in _build/html: run `make book` first (`make test` does)")
    url, server = serve(SITE)
    yield url
    server.shutdown()


# Text that would run if any page put data into HTML unescaped, and a formula a spreadsheet would run.
XSS_TITLE = '<img src=x onerror="window.__xss=1">'
XSS_TEXT = "<script>window.__xss=2</script>"
FORMULA = '=HYPERLINK("http://example.invalid","click")'


@pytest.fixture(scope="session")
def payload_build(tmp_path_factory):
    """A full build, in its own folder, of data whose text carries script payloads and a formula, with one
    figure changed (the latest count of students from China, +1). Returns (data_dir, build_dir, stdout)."""
    root = tmp_path_factory.mktemp("payload")
    data_dir = root / "data"
    shutil.copytree(DATA, data_dir)

    def first_row(updates):
        def edit(rows):
            for col, value in updates.items():
                rows[1][rows[0].index(col)] = value
            return rows
        return edit

    rewrite(data_dir / "events.csv", first_row({"title": XSS_TITLE, "description": FORMULA + " " + XSS_TEXT}))
    rewrite(data_dir / "sources.csv", first_row({"title": XSS_TEXT, "publisher": XSS_TITLE}))

    def bump(rows):
        china = [r for r in rows[1:] if r[1] == "China"]
        latest = max(china, key=lambda r: r[0])
        latest[2] = str(int(latest[2]) + 1)
        return rows
    rewrite(data_dir / "students_by_origin.csv", bump)
    result = build("--data", str(data_dir), build_dir=root / "build")
    assert result.returncode == 0, result.stderr
    return data_dir, root / "build", result.stdout


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser, but Debian's Chromium with no background network traffic."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing: run `make browser` (make test does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


def offline(context, base: str) -> list:
    """Abort and count every request that leaves `base`."""
    leaked = []

    def block(route):
        leaked.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(base), block)
    return leaked


def open_page(page, url: str) -> list[str]:
    """Open a page, draw its charts; returns console errors, page errors and failed requests."""
    problems = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    draw_all_charts(page)
    return problems
