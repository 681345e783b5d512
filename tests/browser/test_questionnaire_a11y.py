"""axe-core (WCAG 2.1 AA and best practices) finds nothing on any questionnaire page, with a result shown,
in the light and the dark palette."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.questionnaire_helpers import ENGINE_MS, open_example, open_tool, question, result, run_axe

PAGES = ["readiness", "risk", "workbook", "quick-check"]


@pytest.fixture
def browser_context_args(browser_context_args):
    """The site's Content Security Policy forbids injected scripts; the audit alone may bypass it."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.parametrize("qid", PAGES)
def test_axe_finds_no_violations_in_either_palette(guarded_page: Page, site_url: str, qid: str):
    page = guarded_page
    page.emulate_media(color_scheme="light")
    open_tool(page, site_url, qid)
    if qid == "quick-check":
        question(page, "leadership stated").get_by_label("Yes", exact=True).check()
    else:
        open_example(page)
    expect(result(page).locator(".tk-summary__headline")).to_be_visible(timeout=ENGINE_MS)
    if qid == "risk":
        question(page, "function creep").get_by_label("Not applicable to this system").check()
    body = page.locator("body")
    for palette, toggle in (("default", "Switch to dark mode"), ("slate", "Switch to light mode")):
        expect(body).to_have_attribute("data-md-color-scheme", palette)
        violations = run_axe(page)
        assert violations == [], f"{palette} palette:\n" + "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in violations)
        if palette == "default":
            page.locator(f"label[title='{toggle}']:visible").click()
            # Move the pointer off the toggle: its hover tooltip would otherwise be audited mid fade-in.
            page.mouse.move(0, 400)
            expect(page.locator(".md-tooltip--active")).to_have_count(0)
