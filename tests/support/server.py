"""A static file server for tests: serves a built site at a path prefix, on a free loopback port."""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix`; anything outside the prefix is a 404, as on a real sub-path host."""

    prefix = "/"
    wasm_type = "application/wasm"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def guess_type(self, path):
        if str(path).endswith(".wasm"):
            return self.wasm_type
        return super().guess_type(path)

    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a page mid-download resets the connection: expected, not worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_site(root: Path, prefix: str = "/", wasm_type: str = "application/wasm", host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `root` at http://HOST:PORT{prefix} (the loopback address unless told); yields that base URL."""
    handler = type("Handler", (_PrefixHandler,), {"prefix": prefix, "wasm_type": wasm_type})
    server = _QuietServer((host, 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
