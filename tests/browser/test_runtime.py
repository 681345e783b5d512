"""The foundation loop in a real Chromium: page -> module worker -> Pyodide -> pyscript_tools -> page."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.questionnaire_helpers import example_result, headline, question, show_result

QUICK_CHECK = "tools/quick-check/"
ENGINE_BOOT_MS = 90_000
# What answer_quick_check gives, by question id and option value.
ANSWERS = {"leadership-vision": "yes", "named-lead": "yes", "mixed-expertise": "partly", "risk-process": "no",
           "oversight": "dont-know"}


def answer_quick_check(page: Page, base_url: str) -> None:
    page.goto(base_url + QUICK_CHECK)
    # The form is static HTML: answerable before Python is ready.
    question(page, "leadership stated").get_by_label("Yes", exact=True).check()
    question(page, "one person or team").get_by_label("Yes", exact=True).check()
    question(page, "technical, legal").get_by_label("Partly", exact=True).check()
    question(page, "set way to assess").get_by_label("No", exact=True).check()
    question(page, "oversee how AI").get_by_label("Don't know").check()
    show_result(page)


def expect_python_result(page: Page) -> None:
    result = page.locator("[data-toolkit-result]")
    # The headline the engine makes of these answers in CPython, computed in Python in the page.
    expect(result.locator(".tk-summary__headline")).to_have_text(headline(example_result("quick-check", ANSWERS)),
                                                                 timeout=ENGINE_BOOT_MS)
    expect(result).to_contain_text("indicative")
    expect(page.locator("[data-toolkit-widget]")).to_have_attribute("data-engine", "ready")


def test_widget_round_trip(guarded_page: Page, site_url: str):
    answer_quick_check(guarded_page, site_url)
    expect_python_result(guarded_page)


def test_widget_round_trip_under_a_sub_path(guarded_page: Page, subpath_site_url: str):
    """Same build under /toolkit/, with .wasm served as application/octet-stream."""
    answer_quick_check(guarded_page, subpath_site_url)
    expect_python_result(guarded_page)


def test_file_url_says_tools_need_http(page: Page, built_site: Path):
    page.goto((built_site / QUICK_CHECK / "index.html").as_uri())
    expect(page.locator("[data-toolkit-status]")).to_contain_text("served over HTTP")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_tool_page_asks_for_all_its_modules_with_its_scripts(guarded_page: Page, site_url: str):
    """No module of the page is found one import level at a time: each is a script of the page or listed as
    a module preload beside them (the worker's own modules aside: the worker asks for those itself)."""
    page = guarded_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url)
            if request.resource_type == "script" and "/assets/toolkit/" in request.url else None)
    page.goto(site_url + "tools/risk/", wait_until="load")  # by then every module script and its imports ran
    expect(page.locator("[data-toolkit-widget][data-tk-flow]").first).to_be_attached()  # the widget's modules ran
    preloaded = set(page.locator("link[rel=modulepreload]").evaluate_all("links => links.map((l) => l.href)"))
    scripts = set(page.locator("script[src]").evaluate_all("tags => tags.map((s) => s.src)"))
    assert len(preloaded) > 10, preloaded
    late = {url for url in requested if "/assets/toolkit/worker/" not in url} - scripts - preloaded
    assert late == set()


def test_a_link_into_a_folded_explanation_opens_it(guarded_page: Page, site_url: str):
    """An address pointing into a folded explanation shows it open (page/details-target.js, deferred)."""
    guarded_page.goto(site_url + "tools/readiness/#scoring")
    expect(guarded_page.locator("details#scoring")).to_have_attribute("open", "")
