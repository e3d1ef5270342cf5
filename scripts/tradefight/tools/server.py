"""The build server of standby.py: it runs builds sent by `tradefight build --standby` with the workers it
keeps (see standby.py for what it keeps, and when it stops)."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import threading

from . import execute, publish, site
from .build import PerBuild
from .layout import ROOT, Layout
from .standby import STALE, address, line

IDLE = max(1.0, float(os.environ.get("TRADEFIGHT_STANDBY_IDLE", 15 * 60)))  # idle seconds before it stops


class Kept(PerBuild):
    """The workers a server keeps: the pool and its kernels live as long as the server; after a build that
    used the Jupyter Book process, a fresh one is prepared for the next."""

    def __init__(self, layout: Layout, jobs: int):
        super().__init__(layout, jobs)
        self.pool = execute.start_pool(layout, jobs, jobs)
        self.site_url = ""

    def prepare(self, site_url: str) -> None:
        """A Jupyter Book process set up for this site address (kept if one is already waiting)."""
        if self._sphinx is not None and (self.site_url != site_url or self._sphinx.poll() is not None):
            self.stop_sphinx()
        if self._sphinx is None:
            self._sphinx, self.site_url = site.start_jupyter_book(self.layout, site_url), site_url

    def start(self, pending: int, site_url: str) -> None:
        """The workers are warm already; the Jupyter Book process is checked for the site address."""
        self.prepare(site_url)

    def notebooks_done(self) -> None:
        """The workers and their kernels stay for the next build."""

    def close(self) -> None:
        """Everything stays for the next build."""

    def stop(self) -> None:
        """Stop the workers, their kernels and the Jupyter Book process."""
        self.stop_pool()
        self.stop_sphinx()


class _Stream:
    """A text stream sent to the client as JSON lines [channel, text]."""

    def __init__(self, conn: socket.socket, channel: str):
        self.conn, self.channel = conn, channel

    def write(self, text: str) -> int:
        if text:
            self.conn.sendall(line(self.channel, text))
        return len(text)

    def flush(self) -> None:
        pass


def serve(layout: Layout, jobs: int, mine: str) -> int:
    """Run the server until it is idle for IDLE seconds, stale, told to stop, or sent SIGTERM. `mine` is the
    key computed before this module and the code it runs were imported (a file saved meanwhile makes the
    next build's key differ, so that build starts a new server)."""
    from . import cli

    if os.getpgrp() != os.getpid():
        os.setsid()  # a process group of its own: what it kills if a client dies mid-build
    signal.signal(signal.SIGTERM, _exit)
    path = address(layout)
    layout.cache.mkdir(parents=True, exist_ok=True)
    kept = Kept(layout, jobs)  # the workers are forked before the socket exists, so they never hold it
    listener, ident = _listen(path)
    try:
        while True:
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                return 0
            with conn:
                try:
                    request = json.loads(conn.makefile("rb").readline() or b"{}")
                    if not request:  # a client that went away before asking
                        continue
                    if request.get("stop") or request.get("key") != mine:
                        _let_go(listener, path, ident)  # first, so the next server can take the address at once
                        with contextlib.suppress(OSError):
                            conn.sendall(line(STALE, ""))
                        return 0
                    if request.get("build") != str(layout.build):
                        conn.sendall(line("crash", f"this server builds {layout.build}, not {request['build']}"))
                        continue
                    conn.sendall(line("hello", ""))
                except (OSError, ValueError):  # a client that went away or spoke garbage: nothing was built
                    continue
                code = _run_one(conn, request, kept, cli)
                with contextlib.suppress(OSError):  # the client may be gone just as the build ended
                    conn.sendall(line("exit", code))
            with publish.build_lock(layout):  # the next build's Jupyter Book sets up now, between builds
                kept.prepare(kept.site_url)
    finally:
        _let_go(listener, path, ident)
        kept.stop()


BUILDING = threading.Event()  # set while a build runs


def _exit(signum, frame) -> None:
    """SIGTERM: between builds, stop cleanly; during one, stop everything at once, as a killed build stops."""
    if BUILDING.is_set():
        os.killpg(os.getpgrp(), signal.SIGKILL)
    raise SystemExit(0)


def _listen(path: str) -> tuple[socket.socket, tuple[int, int]]:
    """Listen at `path`: bound under a private name and moved there once listening, so a socket at the
    path always has a server behind it (or had one that died). Returns the socket and its file identity."""
    private = f"{path}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(private)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(private)
    listener.listen(8)
    os.rename(private, path)
    listener.settimeout(IDLE)
    info = os.stat(path)
    return listener, (info.st_dev, info.st_ino)


def _let_go(listener: socket.socket, path: str, ident: tuple[int, int]) -> None:
    """Stop listening and remove the socket, unless the path is already another server's."""
    listener.close()
    with contextlib.suppress(OSError):
        info = os.stat(path)
        if (info.st_dev, info.st_ino) == ident:
            os.unlink(path)


def _run_one(conn: socket.socket, request: dict, kept: Kept, cli) -> int:
    """One build, as `tradefight build ARGS` would run it in the client's folder."""
    finished = threading.Event()

    def watch() -> None:  # the client went away before the end: stop everything, as a killed build stops
        with contextlib.suppress(OSError):
            conn.recv(1)
        if not finished.is_set():
            os.killpg(os.getpgrp(), signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()
    BUILDING.set()
    os.chdir(request["cwd"])
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(conn, "out"), _Stream(conn, "err")
    try:
        return cli.main(["build", *request["args"]], warm=kept)
    except Exception as error:  # a bug, not bad input: the client says so; this server stops
        conn.sendall(line("crash", f"{type(error).__name__}: {error}"))
        raise
    finally:
        finished.set()
        BUILDING.clear()
        sys.stdout, sys.stderr = out, err
        os.chdir(ROOT)
