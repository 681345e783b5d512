"""No request of any page, asset, worker or wasm may leave the site's origin."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ENGINE_BOOT_MS = 90_000


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the build, as a URL path relative to the site root."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        pages.append(relative.removesuffix("index.html"))
    return pages


def test_every_page_stays_on_the_site_origin(guarded_page: Page, site_url: str, built_site: Path):
    runtime_requests: list[str] = []
    guarded_page.context.on(
        "request", lambda request: runtime_requests.append(request.url) if "/assets/pyodide/" in request.url else None
    )
    pages = site_pages(built_site)
    assert len(pages) > 10, pages
    for path in pages:
        runtime_requests.clear()
        guarded_page.goto(site_url + path, wait_until="networkidle")
        widgets = guarded_page.locator("[data-toolkit-widget]")
        if widgets.count():
            # Wait until Python is up, so the worker's and Pyodide's requests are all seen.
            expect(widgets.first).to_have_attribute("data-engine", "ready", timeout=ENGINE_BOOT_MS)
            assert any(url.endswith(".wasm") for url in runtime_requests), path
        else:
            assert runtime_requests == [], f"{path} has no widget but loaded the runtime: {runtime_requests}"


@pytest.mark.parametrize("path", ["", "tools/quick-check/"])
def test_pages_declare_no_outside_sources(built_site: Path, path: str):
    """The HTML itself names no outside script, style, font or image (the guard above sees requests)."""
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    for marker in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "<script>eval"):
        assert marker not in html
