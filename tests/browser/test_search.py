"""Material's built-in search works offline, from the site's own index and worker."""
from __future__ import annotations

from playwright.sync_api import Page, expect


def test_search_finds_a_guidance_page(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url)
    guarded_page.get_by_role("textbox", name="Search").first.click()
    guarded_page.keyboard.type("proportionality")
    results = guarded_page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    expect(guarded_page.locator(".md-search-result")).to_contain_text("Lawfulness")
