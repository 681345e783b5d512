"""axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page of the built site, in the light and the dark palette,
and on a phone's screen (where wide tables scroll within their frames).

One browser context per run and one page reused for every URL (about a minute and a half per run).
Hidden depth tabs and collapsed details are revealed first, so their text is audited too. Pages with a widget
are audited as they first appear (static form, Python still loading): the questionnaire tests audit the
widgets' later states.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.request_guard import guard_requests

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# mkdocs.yml's palette: the light scheme follows `prefers-color-scheme: light`, the dark one `... dark`.
PALETTES = {"light": "default", "dark": "slate"}

# Show what the reader can reveal (every depth tab's panel, every collapsed <details>) so one axe run sees it all.
REVEAL_ALL = """() => {
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const style = document.createElement("style");
  style.textContent = ".md-typeset .tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }";
  document.head.appendChild(style);
}"""

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    nodes: rule.nodes.map((node) => ({
      target: node.target.map(String).join(" "),
      html: node.html.slice(0, 160),
      summary: node.failureSummary || "",
    })),
  }));
}"""


# The theme makes a code block that scrolls sideways focusable (tabindex=0) from a resize observer, and
# table-scroll.js does the same for a table's frame, a moment after load or after a <details> opens: give
# them that moment, or axe would race them (scrollable-region-focusable).
SCROLLERS_SETTLED = """() => Array.from(document.querySelectorAll("pre > code, .md-typeset__scrollwrap"))
  .every((box) => box.scrollWidth <= box.clientWidth + 1 || box.hasAttribute("tabindex"))"""


def settle_scrollers(page: Page) -> None:
    with contextlib.suppress(PlaywrightTimeoutError):  # axe then reports the box that stayed unreachable
        page.wait_for_function(SCROLLERS_SETTLED, timeout=3_000)


def audited_pages(site: Path) -> list[str]:
    """Every page of the build (site/**/index.html, plus the 404 page) as a URL path from the site root."""
    pages = [html.relative_to(site).as_posix().removesuffix("index.html") for html in sorted(site.rglob("index.html"))]
    if (site / "404.html").exists():
        pages.append("404.html")
    return pages



def describe(page: str, palette: str, violation: dict) -> list[str]:
    lines = []
    for node in violation["nodes"]:
        summary = " ".join(line.strip() for line in node["summary"].splitlines() if line.strip())
        lines.append(
            f"[{violation['id']}] ({violation['impact']}) /{page} ({palette}) at `{node['target']}`: "
            f"{violation['help']}. {summary} | {node['html']}"
        )
    return lines


def test_axe_is_installed():
    assert AXE_SCRIPT.is_file(), "run `npm ci`: node_modules/axe-core is missing"


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(("palette", "screen"), [("dark", None), ("light", None), ("light", PHONE)],
                         ids=["dark", "light", "light-phone"])
def test_every_page_passes_axe(browser: Browser, site_url: str, built_site: Path, palette: str, screen: dict | None):
    pages = audited_pages(built_site)
    assert len(pages) > 10, pages
    # bypass_csp: the pages' Content Security Policy (rightly) refuses the injected axe script.
    context = browser.new_context(color_scheme=palette, bypass_csp=True, **({"viewport": screen} if screen else {}))
    guard = guard_requests(context)
    errors: list[str] = []
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme == PALETTES[palette], f"/{path}: expected the {palette} palette, got {scheme!r}"
            page.evaluate(REVEAL_ALL)
            settle_scrollers(page)
            page.add_script_tag(path=str(AXE_SCRIPT))
            for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
                problems.extend(describe(path, palette, violation))
    finally:
        context.close()
    assert not problems, f"{len(problems)} axe violation(s) in the {palette} palette:\n" + "\n".join(problems)
    assert guard.outside == [], f"requests left the site's origin: {guard.outside}"
    assert errors == [], f"uncaught errors in the pages: {errors}"


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_glossary_tooltip_passes_axe(browser: Browser, site_url: str, palette: str):
    """A glossary term's tooltip (shown on keyboard focus) is readable in both palettes."""
    context = browser.new_context(color_scheme=palette, bypass_csp=True)
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
        page.add_script_tag(path=str(AXE_SCRIPT))
        violations = page.evaluate(RUN_AXE.replace("axe.run(document,", "axe.run('.md-tooltip2--active',"), WCAG_TAGS)
    finally:
        context.close()
    problems = [line for violation in violations for line in describe("principles/lawfulness/", palette, violation)]
    assert not problems, "\n".join(problems)


def _audit(page: Page, where: str, palette: str, context_selector: str = "document") -> list[str]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    script = RUN_AXE if context_selector == "document" else RUN_AXE.replace(
        "axe.run(document,", f"axe.run({context_selector!r},"
    )
    return [line for violation in page.evaluate(script, WCAG_TAGS) for line in describe(where, palette, violation)]


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_menus_and_search_pass_axe(browser: Browser, site_url: str, palette: str):
    """The states a page audit does not see: the phone-width navigation drawer, and search results (phone and
    desktop widths), in both palettes."""
    problems: list[str] = []
    for width in (390, 1280):
        context = browser.new_context(color_scheme=palette, bypass_csp=True, viewport={"width": width, "height": 844})
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
