"""Serve a built site on loopback as GitHub Pages does: under a sub-path, gzip-compressed."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

from .layout import toc_notebooks

SUBPATH = "/tradefight/"  # GitHub Pages serves a project site from /<repo>/
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".csv", ".ipynb")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under SUBPATH only, gzip-compressed when the client accepts it; quiet."""

    def log_message(self, *args):
        """Quiet: no line per request."""
        pass

    def send_head(self):
        """The file, gzip-compressed when the client accepts it and the type compresses well."""
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path):
        """Files under SUBPATH only; anything else is a 404, as on GitHub Pages."""
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(SUBPATH):])


class Server(http.server.ThreadingHTTPServer):
    """A threading server that does not print a traceback when a browser drops a connection."""

    def handle_error(self, request, client_address):
        """Report errors, but not a browser dropping a connection it no longer needs."""
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `folder` on a free loopback port; returns (base url ending in SUBPATH, server)."""
    handler = functools.partial(Handler, directory=str(Path(folder).absolute()))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}{SUBPATH}", server


def site_pages(root: Path) -> list[str]:
    """Every chapter page, in _toc.yml order (parts and sections included), as paths inside the site."""
    return [nb.relative_to(root).with_suffix(".html").as_posix() for nb in toc_notebooks(root)]
