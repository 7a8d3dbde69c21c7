"""Serve a built site as a static host would, under a sub-path, for browser tests and checks.

``/help/en/missing`` answers 404 with ``en/404.html``, anything else missing with ``404.html``
(per-language not-found pages, as on a host configured with one error page per folder).
Only for local use: binds to 127.0.0.1.
"""

from __future__ import annotations

import functools
import gzip
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    languages: tuple[str, ...] = ()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):  # type: ignore[override]
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not (target / "index.html").is_file() or not (
            target.is_dir() or target.is_file()
        ):
            return self._not_found()
        if target.is_dir() and not urlsplit(self.path).path.endswith("/"):
            return super().send_head()  # the redirect to the folder's URL with a slash
        if target.is_dir():
            target = target / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        # Compressed, as any real host serves text: Lighthouse measures what readers get.
        body = gzip.compress(target.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self):
        path = unquote(urlsplit(self.path).path)[len(self.prefix):]
        folder = next((c for c in self.languages if path.startswith(f"{c}/")), "")
        page = Path(self.directory) / (f"{folder}/404.html" if folder else "404.html")
        body = page.read_bytes() if page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


class SiteServer:
    """``with SiteServer(site_dir, "/help/", ("en",)) as server: server.url`` ->
    ``http://127.0.0.1:<port>/help/``."""

    def __init__(self, site_dir: Path, prefix: str = "/", languages: tuple[str, ...] = (),
                 port: int = 0) -> None:
        handler = type("Handler", (_Handler,), {"prefix": prefix, "languages": languages})
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(site_dir))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
