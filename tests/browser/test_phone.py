"""Phones are first-class: each view of a tool fits the screen, answers are targets of at least 44 by 44
pixels, a 1-5 scale stays on one row, and the summary stays in view while answering. (That no page scrolls
sideways at 320 or 390 pixels is checked by the site sweep, test_site_sweep.py.)"""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    begin,
    definition,
    example_result,
    go_to_section,
    headline,
    open_example,
    open_tool,
    result,
    show_result,
)
from tests.browser.test_site_sweep import SIDEWAYS

WIDTHS = [320, 390]
TARGET = 44  # CSS pixels (WCAG 2.5.5, and the promise)


def _phone(browser: Browser, width: int):
    return browser.new_context(viewport={"width": width, "height": 780}, is_mobile=True, has_touch=True,
                               service_workers="block")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("qid", ["readiness", "risk", "workbook"])
def test_each_view_of_a_tool_fits_the_screen(browser: Browser, site_url: str, qid: str, width: int):
    """The start screen, a section and the full result of the worked example."""
    context = _phone(browser, width)
    try:
        page = context.new_page()
        open_tool(page, site_url, qid)
        assert page.evaluate(SIDEWAYS) == 0, "start screen"
        open_example(page)
        show_result(page)
        expect(result(page).locator(".tk-summary__headline")).to_have_text(headline(example_result(qid)),
                                                                          timeout=ENGINE_MS)
        for details in result(page).locator("details").all():
            details.evaluate("element => { element.open = true; }")
        assert page.evaluate(SIDEWAYS) == 0, "result"
        go_to_section(page, definition(qid)["sections"][-1]["id"] if qid != "risk" else "lawfulness")
        assert page.evaluate(SIDEWAYS) == 0, "section"
    finally:
        context.close()


def _boxes(page: Page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return {top: r.top, width: r.width, height: r.height}; })")


@pytest.mark.parametrize("width", WIDTHS)
def test_answers_are_large_targets_and_a_scale_stays_on_one_row(browser: Browser, site_url: str, width: int):
    context = _phone(browser, width)
    try:
        page = context.new_page()
        open_tool(page, site_url, "risk")
        section = next(s for s in definition("risk")["sections"] if not s.get("screening") and not s.get("profile"))
        go_to_section(page, section["id"])
        shown = f"section[data-section='{section['id']}']"
        for box in _boxes(page, f"{shown} .tk-option label"):
            assert box["width"] >= TARGET and box["height"] >= TARGET, box
        for axis in ("likelihood", "severity"):
            tops = {round(box["top"]) for box in _boxes(page, f"{shown} fieldset[data-question] >> nth=0 >> "
                                                                 f"[data-axis={axis}] label")}
            assert len(tops) == 1, f"the {axis} scale wraps onto {len(tops)} rows at {width} px"
        for section_id in ("screening",):
            go_to_section(page, section_id)
            for box in _boxes(page, f"section[data-section='{section_id}'] .tk-option label"):
                assert box["width"] >= TARGET and box["height"] >= TARGET, box
    finally:
        context.close()


def test_the_summary_stays_in_view_while_answering_on_a_phone(browser: Browser, site_url: str):
    context = _phone(browser, 390)
    try:
        page = context.new_page()
        open_tool(page, site_url, "readiness")
        begin(page)
        questions = page.locator("section[data-section]:visible fieldset[data-question]")
        for fieldset in questions.all():
            fieldset.locator("input[type=radio]").nth(1).check()
        bar = page.locator("[data-tk-live]")
        expect(bar).to_be_in_viewport()
        expect(bar).to_contain_text("Provisional", timeout=ENGINE_MS)
        viewport = page.viewport_size["height"]
        assert page.locator("[data-tk-bar]").bounding_box()["height"] < viewport / 5, "the bar leaves room to answer"
    finally:
        context.close()
