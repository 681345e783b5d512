"""Keyboard use of a guidance page: from the top, Tab reaches the skip link, the search, the navigation and the
content links, every stop on the way shows where the focus is, and the skip link jumps into the content."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.support.request_guard import guard_requests

GUIDANCE_PAGE = "principles/lawfulness/"  # has nav, table of contents, tabs, glossary terms and links in text
MAX_TABS = 120

# What has the focus, where it is, and whether anything shows it. A hidden radio or checkbox (the theme's
# depth tabs) is shown through its label, so the label's style is what counts then.
FOCUS_STATE = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Let focus transitions (the theme fades permalinks in) finish before judging what the reader sees.
  await Promise.all(el.getAnimations().map((animation) => animation.finished.catch(() => null)));
  const shows = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return Boolean(outline || shadow);
  };
  const visible = (node) => {
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.opacity !== "0";
  };
  let shownBy = el;
  if (el.matches("input[type=radio], input[type=checkbox]") && !visible(el)) {
    if (el.closest(".tabbed-set")) {
      const set = el.closest(".tabbed-set");
      const index = Array.from(set.querySelectorAll(":scope > input")).indexOf(el);
      shownBy = set.querySelectorAll(":scope > .tabbed-labels > label")[index];
    } else {
      shownBy = document.querySelector(`label[for="${el.id}"]`) || el;
    }
  }
  const region = el.closest(".md-skip") ? "skip"
    : el.closest(".md-search") ? "search"
    : el.closest(".md-sidebar--primary") ? "nav"
    : el.closest(".md-sidebar--secondary") ? "toc"
    : el.closest("article.md-content__inner") ? "content"
    : "other";
  return {
    region,
    tag: el.tagName.toLowerCase(),
    cls: String(el.className || ""),
    href: el.getAttribute("href"),
    text: (el.textContent || el.getAttribute("aria-label") || "").trim().replace(/\\s+/g, " ").slice(0, 50),
    focusVisible: el.matches(":focus-visible"),
    visible: Boolean(shownBy) && visible(shownBy),
    indicated: Boolean(shownBy) && shows(shownBy),
    isSearchInput: el.matches("input.md-search__input"),
    isTextLink: el.matches("a[href]:not(.headerlink)") && Boolean(el.closest("p, li, td, dd")),
  };
}"""



@pytest.fixture(params=["light", "dark"])
def keyboard_page(request, browser: Browser, site_url: str):
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 800},
                                  service_workers="block")
    guard = guard_requests(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert guard.outside == [], f"requests left the site's origin: {guard.outside}"
    assert errors == [], f"uncaught errors in the page: {errors}"


def tab_through(page: Page, until) -> list[dict]:
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        stops.append(state)
        if until(state):
            break
    return stops


def describe(stop: dict) -> str:
    return f"<{stop['tag']} class=\"{stop['cls']}\" href={stop['href']!r}> {stop['text']!r} ({stop['region']})"


def test_tab_order_and_focus_indicators(keyboard_page: Page, site_url: str):
    page = keyboard_page
    page.goto(site_url + GUIDANCE_PAGE, wait_until="load")
    stops = tab_through(page, until=lambda stop: stop["region"] == "content" and stop["isTextLink"])
    trail = "\n".join(describe(stop) for stop in stops)

    assert stops and stops[0]["region"] == "skip", f"the first Tab must reach the skip link:\n{trail}"
    first = {}
    for index, stop in enumerate(stops):
        key = "search" if stop["isSearchInput"] else stop["region"]
        first.setdefault(key, index)
    for region in ("search", "nav", "content"):
        assert region in first, f"Tab never reached the {region}:\n{trail}"
    assert first["skip"] < first["search"] < first["nav"] < first["content"], f"unexpected order:\n{trail}"
    assert stops[-1]["isTextLink"], f"Tab never reached a link in the text:\n{trail}"

    invisible = [describe(stop) for stop in stops if not stop["visible"]]
    assert not invisible, "the focus landed on something the reader cannot see:\n" + "\n".join(invisible)
    unmarked = [describe(stop) for stop in stops if not (stop["focusVisible"] and stop["indicated"])]
    assert not unmarked, "focus without a visible indicator (outline or box-shadow):\n" + "\n".join(unmarked)


def test_skip_link_moves_into_the_content(keyboard_page: Page, site_url: str):
    page = keyboard_page
    page.goto(site_url + GUIDANCE_PAGE, wait_until="load")
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUS_STATE)
    assert skip["region"] == "skip" and skip["visible"] and skip["indicated"], skip
    target = skip["href"].lstrip("#")
    assert page.locator(f"article [id='{target}']").count() == 1, f"skip link target #{target} is not in the content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUS_STATE)
    assert after and after["region"] == "content", f"after the skip link, Tab went to {after}"


def test_content_link_focus_ring_is_drawn(keyboard_page: Page, site_url: str):
    """The computed style of a focused link in the text has a real outline or box-shadow on :focus-visible."""
    page = keyboard_page
    page.goto(site_url + GUIDANCE_PAGE, wait_until="load")
    link = page.locator("article.md-content__inner p a[href]:not(.headerlink)").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    style = link.evaluate(
        """(el) => { const s = getComputedStyle(el);
           return {focusVisible: el.matches(':focus-visible'), outline: `${s.outlineStyle} ${s.outlineWidth}`,
                   color: s.outlineColor, shadow: s.boxShadow}; }"""
    )
    assert style["focusVisible"], style
    outline_style, outline_width = style["outline"].split()
    has_outline = outline_style != "none" and float(outline_width.removesuffix("px")) >= 2
    assert has_outline or style["shadow"] != "none", style


def test_palette_toggle_works_by_keyboard(keyboard_page: Page, site_url: str):
    """The light/dark toggle is a named button that Enter and Space operate, keeping the focus."""
    page = keyboard_page
    page.goto(site_url + GUIDANCE_PAGE, wait_until="load")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    toggle = page.locator('[data-md-component="palette"] button:visible')
    toggle.focus()
    before, name = scheme(), toggle.get_attribute("aria-label")
    assert name.startswith("Switch to"), name
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    assert page.evaluate("document.activeElement.matches('[data-md-component=palette] button:not([hidden])')")
    page.keyboard.press(" ")
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === {before!r}")
