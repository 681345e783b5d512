"""axe-core (WCAG 2.1 AA and best practices) finds nothing on any questionnaire page, in each view a
respondent meets (the start screen, a section, the result), in the light palette, and no colour problem in
the dark one."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import COLOUR_RULES, describe, run_axe
from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    copy_example,
    definition,
    example_file,
    go_to_section,
    go_to_start,
    open_tool,
    question,
    result,
    show_result,
)

PAGES = ["readiness", "risk", "workbook", "quick-check"]


def _audit(page: Page, palette: str) -> list[dict]:
    """Every rule (WCAG and the widget's best practices) in the light palette; in the dark one, the rules
    that read colours, all a change of palette can break (the document is otherwise the same)."""
    return run_axe(page, widget=True) if palette == "default" else run_axe(page, rules=COLOUR_RULES)


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
        copy_example(page)
    if qid == "risk":  # a harm set aside: its scales are disabled
        question(page, "function creep").get_by_label("Not applicable to this system").check()
    section = definition(qid)["sections"][0]["id"]
    if qid == "risk":
        section = page.locator("section[data-section]:visible").first.get_attribute("data-section")
    views = {"a section": lambda: go_to_section(page, section), "the result": lambda: show_result(page),
             "the start screen": lambda: go_to_start(page)}
    body = page.locator("body")
    for palette, toggle in (("default", "Switch to dark mode"), ("slate", "Switch to light mode")):
        expect(body).to_have_attribute("data-md-color-scheme", palette)
        for view, show in views.items():
            show()
            if view == "the result":
                expect(result(page).locator(".tk-summary__headline")).to_be_visible(timeout=ENGINE_MS)
            problems = [line for v in _audit(page, palette) for line in describe(f"tools/{qid}/ ({view})", palette, v)]
            assert problems == [], "\n".join(problems)
        if palette == "default":
            page.get_by_role("button", name=toggle).click()
            # Move the pointer off the toggle: its hover tooltip would otherwise be audited mid fade-in.
            page.mouse.move(0, 400)
            expect(page.locator(".md-tooltip--active")).to_have_count(0)


def test_the_team_view_passes_axe_in_either_palette(guarded_page: Page, site_url: str):
    """The combined result of several files, with a file refused, its choosers and tables."""
    page = guarded_page
    page.emulate_media(color_scheme="light")
    open_tool(page, site_url, "risk")
    go_to_start(page)
    page.get_by_role("button", name="Combine answers from several people").click()
    page.get_by_label("Choose answers files").set_input_files(
        [str(example_file("risk", 0)), str(example_file("risk", 1)), str(example_file("readiness"))])
    expect(page.locator(".tk-team__discuss li").first).to_be_visible(timeout=ENGINE_MS)
    page.locator(".tk-team details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    for palette, toggle in (("default", "Switch to dark mode"), ("slate", "Switch to light mode")):
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        problems = [line for v in _audit(page, palette) for line in describe("tools/risk/ (team)", palette, v)]
        assert problems == [], "\n".join(problems)
        page.get_by_role("button", name=toggle).click()
        page.mouse.move(0, 400)
