"""Publish a built site atomically, and make two builds of one checkout take turns.

The published site, _build/html, is a symbolic link to a complete copy under _build/.sites/. A new
site is copied in whole first; then a new link replaces the old one in a single rename. A build killed
at any moment leaves either the old site or the new one, never a mix, and the next build tidies up.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from . import faults
from .cache import read_record
from .layout import Layout

STAMP = ".tradefight-build.json"  # in the site: the inputs it was built from


@contextmanager
def build_lock(layout: Layout):
    """Hold the checkout's build lock; if another build holds it, say so and wait for it."""
    layout.build.mkdir(parents=True, exist_ok=True)
    with open(layout.lock, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            print(f"Another build is running on this checkout ({holder}); waiting for it to finish ...",
                  file=sys.stderr, flush=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def current_stamp(layout: Layout) -> dict | None:
    """The stamp of the published site, or None."""
    return read_record(layout.site / STAMP) or None


def recover(layout: Layout) -> None:
    """Tidy what a killed build left: half-copied sites, a stray link, a plain folder from older builds."""
    layout.sites.mkdir(parents=True, exist_ok=True)
    if layout.site.exists() and not layout.site.is_symlink():  # a site from before links were used
        keep = layout.sites / f"site-legacy-{time.time_ns()}"
        os.rename(layout.site, keep)
        os.symlink(keep.relative_to(layout.build), layout.site)
    live = os.path.realpath(layout.site) if layout.site.is_symlink() else None
    for path in layout.sites.iterdir():
        if str(path.resolve()) != live:
            shutil.rmtree(path, ignore_errors=True)
    for stray in layout.build.glob(".html-link-*"):
        stray.unlink(missing_ok=True)


def publish(layout: Layout, html: Path, stamp: dict) -> None:
    """Copy the built site aside whole, then swap the link to it in one atomic rename."""
    recover(layout)
    new = layout.sites / f"site-{time.time_ns()}"
    shutil.copytree(html, new)
    (new / ".buildinfo").unlink(missing_ok=True)
    (new / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    faults.pause("publish")
    link = layout.build / f".html-link-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(new.relative_to(layout.build), link)
    os.replace(link, layout.site)
    recover(layout)
