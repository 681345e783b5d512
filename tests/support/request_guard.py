"""Which origins a test page may reach, and a recorder of the requests that go anywhere else."""
from __future__ import annotations

from urllib.parse import urlsplit

# Origins of the test servers started in this session: the only places a page may reach.
SERVED_ORIGINS: set[str] = set()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def serve_origin(url: str) -> None:
    """Allow requests to the origin of `url`, a test server's address."""
    SERVED_ORIGINS.add(_origin(url))


class OutsideRequests:
    """Records every request of a page or its workers that goes anywhere but a test server."""

    def __init__(self):
        self.outside: list[str] = []

    def __call__(self, request):
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if _origin(url) not in SERVED_ORIGINS:
            self.outside.append(url)


def guard_requests(context) -> OutsideRequests:
    """Start recording the requests of `context` (pages and workers) that leave the test servers."""
    guard = OutsideRequests()
    context.on("request", guard)
    return guard
