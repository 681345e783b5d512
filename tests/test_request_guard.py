"""The browser tests' guard itself: it must flag any origin but the test servers'."""
from types import SimpleNamespace

from tests.support.request_guard import OutsideRequests, serve_origin


def test_guard_flags_other_origins_and_ignores_inline_urls():
    serve_origin("http://127.0.0.1:5555/toolkit/")
    guard = OutsideRequests()
    for url in ("http://127.0.0.1:5555/assets/x.js", "data:,x", "blob:http://127.0.0.1:5555/1",
                "https://cdn.jsdelivr.net/pyodide/x.wasm", "http://127.0.0.1:5556/"):
        guard(SimpleNamespace(url=url))
    assert guard.outside == ["https://cdn.jsdelivr.net/pyodide/x.wasm", "http://127.0.0.1:5556/"]
