"""A build server kept warm between builds of one build folder: `tradefight build --standby`. This module
is the command's side (light: no pandas, no Sphinx); the server itself is in server.py.

`make book` uses it outside CI. What every build pays before its first notebook runs stays ready in
it: the imports, the notebook workers with their warm kernels, and a Jupyter Book process that has
already loaded the last build's state. A build sent to it runs there, exactly as it would in the
`tradefight build` process (same code, same checks, same atomic publish), with its output streamed
back; the command's exit status is the build's.

It stops itself after IDLE seconds without a build, and whenever the library, the tooling, the book's
files, the config or the installed stack differ from when it started (the next build starts a new one).
If the command is killed while a build runs, the server and its workers are killed with it, as a build
in the command's own process would be, so the published site is the old one or the new one, never a mix.
`tradefight standby --stop` stops it; so does any build of that folder without --standby.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from . import cache
from .layout import CONFIG_FILES, PACKAGE, ROOT, BuildError, Layout

STALE = "stale"   # the server's answer to a build it will not run (it is stopping)


def key(jobs: int) -> str:
    """What the server's warm state depends on; a build whose key differs is not run by it."""
    parts = {"library": cache.library_hash(), "tooling": cache.tree_hash(PACKAGE / "tools"),
             "book": cache.tree_hash(ROOT / "book", skip_suffix=".ipynb"),
             "config": [cache.file_hash(ROOT / n) for n in CONFIG_FILES], **cache.environment_key(),
             "python": sys.executable, "jobs": jobs,
             "env": sorted((k, v) for k, v in os.environ.items() if k.startswith("TRADEFIGHT_") or k == "CI")}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def address(layout: Layout) -> str:
    """The server's socket: in the build folder, or under /tmp when that path is too long for a socket."""
    path = str(layout.cache / "standby.sock")
    if len(path.encode()) < 100:
        return path
    return f"/tmp/tradefight-{hashlib.sha256(path.encode()).hexdigest()[:16]}.sock"


def run(layout: Layout, args: list[str], jobs: int) -> int:
    """Send a build to the server for this folder (starting one if none is ready) and relay its output."""
    mine = key(jobs)
    for _ in range(3):
        conn = _connect(layout) or _spawn(layout, jobs)
        with conn:
            conn.sendall(json.dumps({"key": mine, "args": args, "cwd": os.getcwd()}).encode() + b"\n")
            for line in conn.makefile("rb"):
                channel, value = json.loads(line)
                if channel == STALE:
                    break
                if channel == "exit":
                    return int(value)
                (sys.stdout if channel == "out" else sys.stderr).write(value)
                (sys.stdout if channel == "out" else sys.stderr).flush()
            else:
                raise BuildError(f"the build server stopped during the build (its log: {_log(layout)})")
    raise BuildError("the build server kept refusing the build")


def stop(layout: Layout) -> None:
    """Stop the server for this folder, if one is running."""
    conn = _connect(layout)
    if conn is not None:
        with conn:
            conn.sendall(b'{"stop": true}\n')
            conn.makefile("rb").readline()


def _connect(layout: Layout) -> socket.socket | None:
    if not os.path.exists(address(layout)):
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(address(layout))
        return conn
    except OSError:  # a server that was killed left its socket behind
        conn.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(address(layout))
        return None


def _log(layout: Layout) -> Path:
    return layout.cache / "standby.log"


def _spawn(layout: Layout, jobs: int) -> socket.socket:
    """Start a server in its own session (it outlives this command) and connect to it."""
    layout.cache.mkdir(parents=True, exist_ok=True)
    with open(_log(layout), "ab") as log:
        server = subprocess.Popen([sys.executable, "-m", "tradefight.tools.cli", "standby", "--build-dir",
                                   str(layout.build), "--jobs", str(jobs)], cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        conn = _connect(layout)
        if conn is not None:
            return conn
        if server.poll() is not None:
            break
        time.sleep(0.02)
    raise BuildError(f"the build server did not start (its log: {_log(layout)})")
