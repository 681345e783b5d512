"""A static file server for tests: serves a built site at a path prefix, on a free loopback port."""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from plugins.precompress.compress import COPIES


def compressed_copy(path: Path, accept_encoding: str) -> tuple[Path, str] | None:
    """The copy of `path` a host with nginx's brotli_static and gzip_static sends, and its encoding."""
    accepted = {part.split(";")[0].strip() for part in accept_encoding.split(",")}
    for suffix, encoding in COPIES.items():
        copy = path.with_name(path.name + suffix)
        if encoding in accepted and copy.is_file():
            return copy, encoding
    return None


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix`; anything outside the prefix is a 404, as on a real sub-path host.
    A file with a compressed copy beside it is sent as that copy when the browser accepts its encoding."""

    prefix = "/"
    wasm_type = "application/wasm"
    encodings: ClassVar[dict[str, str]] = {}  # file suffix: the Content-Encoding a host takes it for (".zst": "zstd")

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def guess_type(self, path):
        if str(path).endswith(".wasm"):
            return self.wasm_type
        return super().guess_type(path)

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?")[0]))
        path = path / "index.html" if path.is_dir() and self.path.split("?")[0].endswith("/") else path
        copy = compressed_copy(path, self.headers.get("Accept-Encoding", "")) if path.is_file() else None
        if copy is None and path.suffix in self.encodings and path.is_file():
            copy = path, self.encodings[path.suffix]
        if copy is None:
            return super().send_head()
        file, encoding = copy
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(file.stat().st_size))
        self.send_header("Last-Modified", self.date_time_string(int(file.stat().st_mtime)))
        self.end_headers()
        return file.open("rb")

    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page mid-download resets the connection: expected, not worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_site(root: Path, prefix: str = "/", wasm_type: str = "application/wasm", host: str = "127.0.0.1",
               encodings: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `root` at http://HOST:PORT{prefix} (the loopback address unless told); yields that base URL."""
    handler = type("Handler", (_PrefixHandler,), {"prefix": prefix, "wasm_type": wasm_type, "encodings": encodings or {}})
    server = _QuietServer((host, 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
