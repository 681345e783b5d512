"""Material's built-in search works offline, from the site's own index and worker; on every page its
index waits until the reader reaches for search (on a tool page, also while the engine starts)."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.questionnaire_helpers import open_tool, wait_engine

INDEX = "search/search_index.json"


def _search(page: Page, words: str):
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type(words)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    return page.locator(".md-search-result")


def test_on_a_guidance_page_the_index_waits_for_the_reader_then_search_finds_a_page(guarded_page: Page, site_url: str):
    asked = []
    guarded_page.on("request", lambda request: asked.append(request.url) if request.url.endswith(INDEX) else None)
    guarded_page.goto(site_url + "principles/", wait_until="networkidle")
    assert asked == []
    expect(_search(guarded_page, "proportionality")).to_contain_text("Lawfulness")
    assert len(asked) == 1


def test_on_a_tool_page_the_index_waits_for_the_reader_while_the_engine_starts(guarded_page: Page, site_url: str):
    asked = []
    guarded_page.on("request", lambda request: asked.append(request.url) if request.url.endswith(INDEX) else None)
    held = []
    guarded_page.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # the engine never starts
    open_tool(guarded_page, site_url, "readiness")
    guarded_page.wait_for_load_state("load")
    for _ in range(300):  # until the engine's start has asked for the runtime: every page script has run
        if held:
            break
        guarded_page.wait_for_timeout(50)
    assert held, "the engine never asked for the runtime"
    assert asked == []
    expect(_search(guarded_page, "proportionality")).to_contain_text("Lawfulness")
    assert len(asked) == 1


def test_on_a_tool_page_the_keyboard_shortcut_brings_the_index(guarded_page: Page, site_url: str):
    """Once the engine has started the index still waits (it would compete with scoring), until the
    reader opens search, here with the theme's keyboard shortcut."""
    asked = []
    guarded_page.on("request", lambda request: asked.append(request.url) if request.url.endswith(INDEX) else None)
    open_tool(guarded_page, site_url, "readiness")
    wait_engine(guarded_page)
    guarded_page.wait_for_load_state("networkidle")
    assert asked == []
    guarded_page.keyboard.press("/")
    guarded_page.keyboard.type("proportionality")
    expect(guarded_page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert len(asked) == 1
