"""A build server kept warm between builds of one build folder: `tradefight build --standby`. This module
is the command's side (light: no pandas, no Sphinx); the server itself is in server.py.

`make book` uses it outside CI. What every build pays before its first notebook runs stays ready in
it: the imports, the notebook workers with their warm kernels, and a Jupyter Book process that has
already loaded the last build's state. A build sent to it runs there, exactly as it would in the
`tradefight build` process (same code, same checks, same atomic publish), with its output streamed
back; the command's exit status is the build's.

It stops itself after TRADEFIGHT_STANDBY_IDLE seconds without a build (default 15 minutes). The next
build starts a new one when the library, the tooling, the book's files, the config, the installed
packages or the environment variables that matter (ENV_PREFIXES, ENV_NAMES) differ from when it started.
If the command is killed while a build runs, the server and its workers are killed with it, as a build
in the command's own process would be, so the published site is the old one or the new one, never a mix.
`tradefight standby --stop` stops it; so does any build of that folder without --standby.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import os
import select
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from . import cache
from .layout import CONFIG_FILES, PACKAGE, ROOT, BuildError, Layout

STALE = "stale"   # the server's answer to a build it will not run (it is stopping)
ENV_PREFIXES = ("TRADEFIGHT_", "PYTHON", "JUPYTER", "IPYTHON", "LC_")
ENV_NAMES = ("CI", "PATH", "HOME", "LANG", "LANGUAGE", "TZ", "SITE_URL", "SOURCE_DATE_EPOCH", "VIRTUAL_ENV")


def installed() -> list[str]:
    """Every installed package with its version, as the names of its metadata folders."""
    names: set[str] = set()
    for kind in ("purelib", "platlib"):
        folder = Path(sysconfig.get_paths()[kind])
        if folder.is_dir():
            names.update(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info", ".pth")))
    return sorted(names)


def key(jobs: int) -> str:
    """What the server's warm state depends on; a build whose key differs is not run by it."""
    parts = {"library": cache.library_hash(), "tooling": cache.tree_hash(PACKAGE / "tools"),
             "book": cache.tree_hash(ROOT / "book", skip_suffix=".ipynb"),
             "config": [cache.file_hash(ROOT / n) for n in CONFIG_FILES], **cache.environment_key(),
             "installed": installed(), "python": sys.executable, "jobs": jobs,
             "env": sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIXES) or k in ENV_NAMES)}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def address(layout: Layout) -> str:
    """The server's socket: in the build folder, or in a folder of your own when that path is too long."""
    path = str(layout.cache / "standby.sock")
    if len(path.encode()) < 100:
        return path
    folder = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()) / f"tradefight-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid != os.getuid() or folder.stat().st_mode & 0o077:
        raise BuildError(f"{folder} is not private to you; remove it and build again")
    return str(folder / f"{hashlib.sha256(path.encode()).hexdigest()[:16]}.sock")


def line(channel: str, value) -> bytes:
    """One message of the protocol: a JSON line [channel, value]."""
    return json.dumps([channel, value]).encode() + b"\n"


def run(layout: Layout, args: list[str], jobs: int) -> int:
    """Send a build to the server for this folder (starting one if none is ready) and relay its output."""
    request = json.dumps({"key": key(jobs), "args": args, "cwd": os.getcwd(), "build": str(layout.build)})
    for _ in range(3):
        with _spawn_lock(layout):
            conn = _connect(layout, tidy=True) or _spawn(layout, jobs)
        with conn:
            try:
                conn.sendall(request.encode() + b"\n")
                if not select.select([conn], [], [], 1.0)[0]:
                    print("Waiting for the build server: it is running another build of this folder ...",
                          file=sys.stderr, flush=True)
                lines = conn.makefile("rb")
                first = lines.readline()
            except OSError:  # the server was closing as we came: ask again
                continue
            try:
                if not first or json.loads(first)[0] == STALE:
                    continue
            except ValueError:  # a line cut off: the server died as it answered
                continue
            return _relay(itertools.chain([first], lines), layout)
    raise BuildError(f"the build server did not take the build (its log: {_log(layout)})")


def _relay(lines, layout: Layout) -> int:
    """Write the build's output as it comes; its exit status."""
    try:
        for raw in lines:
            channel, value = json.loads(raw)
            if channel == "exit":
                return int(value)
            if channel == "crash":
                raise BuildError(f"the build server failed: {value} (its log: {_log(layout)})")
            stream = {"out": sys.stdout, "err": sys.stderr}.get(channel)
            if stream is not None:
                stream.write(value)
                stream.flush()
    except (OSError, ValueError):  # the connection broke, or a line was cut off: the server died
        pass
    raise BuildError(f"the build server stopped during the build (its log: {_log(layout)})")


def stop(layout: Layout) -> None:
    """Ask the server for this folder to stop, if one is running (it stops after a build it is running)."""
    conn = _connect(layout, tidy=False)
    if conn is None:
        return
    with conn, contextlib.suppress(OSError):
        conn.settimeout(10)
        conn.sendall(b'{"stop": true}\n')
        conn.recv(1)


@contextlib.contextmanager
def _spawn_lock(layout: Layout):
    """One command at a time looks for a server and starts one."""
    layout.cache.mkdir(parents=True, exist_ok=True)
    with open(layout.cache / "standby.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _connect(layout: Layout, tidy: bool) -> socket.socket | None:
    """A connection to the server, or None; `tidy` (under the spawn lock) removes a dead server's socket."""
    path = address(layout)
    if not os.path.exists(path):
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
        return conn
    except OSError:  # only a listening server's socket is ever at the path: this one's server is gone
        conn.close()
        if tidy:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        return None


def _log(layout: Layout) -> Path:
    return layout.cache / "standby.log"


def _spawn(layout: Layout, jobs: int) -> socket.socket:
    """Start a server in its own session (it outlives this command) and connect to it."""
    with open(_log(layout), "ab") as log:
        server = subprocess.Popen([sys.executable, "-m", "tradefight.tools.cli", "standby", "--build-dir",
                                   str(layout.build), "--jobs", str(jobs)], cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        conn = _connect(layout, tidy=False)
        if conn is not None:
            return conn
        if server.poll() is not None:
            break
        time.sleep(0.02)
    with contextlib.suppress(OSError):  # a server that starts later must not take the address then
        os.killpg(server.pid, signal.SIGKILL)
    raise BuildError(f"the build server did not start (its log: {_log(layout)})")
