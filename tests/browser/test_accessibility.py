"""axe-core on the states a page visit does not show (the whole-site sweep is in test_site_sweep.py): a
glossary term's tooltip, the phone-width navigation drawer and search results, in both palettes."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import describe, run_axe

PALETTES = ["dark", "light"]


@pytest.mark.parametrize("palette", PALETTES)
def test_glossary_tooltip_passes_axe(browser: Browser, site_url: str, palette: str):
    """A glossary term's tooltip (shown on keyboard focus) is readable in both palettes."""
    context = browser.new_context(color_scheme=palette, bypass_csp=True, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "principles/lawfulness/", wait_until="load")
        term = page.locator("article abbr[tabindex]").first
        assert term.count() == 1, "no focusable glossary term on the page"
        term.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, as a reader would reach it
        tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
        tooltip.wait_for(state="visible")
        assert float(tooltip.locator(".md-tooltip2__inner").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 13
        violations = run_axe(page, scope=".md-tooltip2--active")
    finally:
        context.close()
    problems = [line for violation in violations for line in describe("principles/lawfulness/", palette, violation)]
    assert not problems, "\n".join(problems)


def _audit(page: Page, where: str, palette: str) -> list[str]:
    return [line for violation in run_axe(page) for line in describe(where, palette, violation)]


@pytest.mark.parametrize("palette", PALETTES)
def test_menus_and_search_pass_axe(browser: Browser, site_url: str, palette: str):
    """The states a page audit does not see: the phone-width navigation drawer, and search results (phone and
    desktop widths), in both palettes."""
    problems: list[str] = []
    for width in (390, 1280):
        context = browser.new_context(color_scheme=palette, bypass_csp=True, service_workers="block",
                                      viewport={"width": width, "height": 844})
        try:
            page = context.new_page()
            page.goto(site_url + "principles/lawfulness/", wait_until="load")
            if width < 700:
                page.locator("label.md-header__button[for='__drawer']").click()
                page.locator(".md-sidebar--primary").wait_for(state="visible")
                page.wait_for_timeout(400)  # the drawer slides in
                problems += _audit(page, f"principles/lawfulness/ (drawer, {width}px)", palette)
                page.goto(site_url + "principles/lawfulness/", wait_until="load")
                page.locator("label.md-header__button[for='__search']").click()
            else:
                page.locator("input.md-search__input").click()
            page.keyboard.type("bias")
            page.locator(".md-search-result__item mark").first.wait_for(state="visible", timeout=15_000)
            # The pointer rests where the search button was: move it off the reset button, whose tooltip would
            # otherwise be caught mid fade-in (at full opacity it is audited on its own elsewhere).
            page.mouse.move(width // 2, 800)
            expect(page.locator(".md-tooltip2--active")).to_have_count(0, timeout=5_000)
            page.wait_for_timeout(300)  # the results fade in
            problems += _audit(page, f"principles/lawfulness/ (search results, {width}px)", palette)
        finally:
            context.close()
    assert not problems, f"{len(problems)} axe violation(s):\n" + "\n".join(problems)


def test_the_widget_audit_reports_wcag_rules_on_the_page_and_best_practices_in_the_widget(page: Page):
    """The audit the tools' tests use: a WCAG failure anywhere, once; a best practice only inside the widget."""
    page.set_content("""<html lang="en"><head><title>Audit</title></head><body><main>
        <h1>Audit</h1><img src="data:,"><h2></h2>
        <div class="tk-widget"><img src="data:,"><h3></h3></div></main></body></html>""")
    found = {violation["id"]: len(violation["nodes"]) for violation in run_axe(page, widget=True)}
    assert found == {"image-alt": 2, "empty-heading": 1}, found  # the h2 outside the widget is not audited
