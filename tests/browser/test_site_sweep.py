"""Every page of the built site, visited once, with every whole-site check made in that visit:

- axe-core (WCAG 2.0 and 2.1, levels A and AA) in the light palette on a desktop, on every page; then the
  reader's palette toggle is pressed and the rules that read colours run again in the dark palette (every
  other rule sees the same document in either palette). On the pages of a translated edition the rules that
  read colours run where the colours could differ from the default edition's: on one page per layout, and
  on any page whose content uses an element or class its default-edition page does not (a translation
  changes the words, not the styles; the other rules, which read the structure and the words, run on
  every page);
- the same page then turned into a phone's screen (a touch screen of 390 CSS pixels, the meta viewport
  honoured, as a phone lays a page out) and narrowed to 320: it must not scroll sideways at either width, and
  axe-core runs again at 390 on every page with a tool and on the first page of each section in each
  language (the pages of a section share their layout; what a phone changes is the layout);
- no request of any page, asset, worker or wasm leaves the site's origin, and the Python runtime is fetched
  by the pages with a tool and by no other page, never with the whole standard library (the sweep waits for
  each tool's engine to be ready, so the worker's and Pyodide's requests are all seen; each request is laid
  to the page that made it);
- no page throws an uncaught error.

Hidden depth tabs and collapsed details are revealed before axe runs, so their text is audited and their
width measured too. Pages with a widget are audited on the desktop as they first appear (Python still
loading) and on the phone once Python is ready: the questionnaire tests audit the widgets' later states,
and test_phone.py each view of a tool on a phone loaded as a phone.
"""
from __future__ import annotations

import contextlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from plugins.runtime.files import FULL_STDLIB
from tests.browser.axe import AXE_SCRIPT, COLOUR_RULES, axe_in_every_page, describe, run_axe
from tests.support import editions
from tests.support.request_guard import guard_requests

ENGINE_BOOT_MS = 90_000
# mkdocs.yml's palette: the light scheme is "default", the dark one "slate".
LIGHT, DARK = "default", "slate"
PHONE_HEIGHT = 780
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Show what the reader can reveal (every depth tab's panel, every collapsed <details>) so one axe run sees it
# all; and end the theme's colour transitions at once, so that axe reads a new palette's final colours.
REVEAL_ALL = """() => {
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const style = document.createElement("style");
  style.textContent = ".md-typeset .tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }"
    + " *, *::before, *::after { transition: none !important; }";
  document.head.appendChild(style);
}"""

# The theme makes a code block that scrolls sideways focusable (tabindex=0) from a resize observer, and
# table-scroll.js does the same for a table's frame, a moment after load or after a <details> opens: give
# them that moment, or axe would race them (scrollable-region-focusable).
SCROLLERS_SETTLED = """() => Array.from(document.querySelectorAll("pre > code, .md-typeset__scrollwrap"))
  .every((box) => box.scrollWidth <= box.clientWidth + 1 || box.hasAttribute("tabindex"))"""


class _Markup(HTMLParser):
    """The elements, with their classes, inside a page's <article> (what the styles, and so the colours, follow)."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.inside = self.inside or tag == "article"
        if self.inside:
            self.found.add((tag, " ".join(sorted((dict(attrs).get("class") or "").split()))))

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "article"


def markup(site: Path, path: str) -> set[tuple[str, str]]:
    parser = _Markup()
    parser.feed(_html(site, path).read_text(encoding="utf-8"))
    return parser.found


def colours_audited(site: Path, pages: list[str]) -> set[str]:
    """The pages whose colours are audited: every page of the default edition, one page per layout of each
    other edition, and every translated page with markup that neither its default-edition page nor those
    layout pages have."""
    picked = layouts(site, pages)
    seen: dict[str, set[tuple[str, str]]] = {}  # per edition, the markup of its audited layout pages
    for path in picked:
        seen.setdefault(editions.edition(path), set()).update(markup(site, path))
    for path in pages:
        original = editions.source(path)
        own = path == original or not _html(site, original).is_file()
        if own or markup(site, path) - markup(site, original) - seen.get(editions.edition(path), set()):
            picked.add(path)
    return picked


def shares(site: Path, pages: list[str], count: int) -> list[list[str]]:
    """The pages in `count` shares of about the same weight (a page weighs its size), in site order each."""
    loads = [[0, []] for _ in range(count)]
    for path in sorted(pages, key=lambda path: -_html(site, path).stat().st_size):
        lightest = min(loads, key=lambda load: load[0])
        lightest[0] += _html(site, path).stat().st_size
        lightest[1].append(path)
    return [sorted(share) for _, share in loads]


DESKTOP = {"width": 1280, "height": 720}  # Playwright's default screen, which the sweep's context keeps
PHONE_WIDTHS = (390, 320)  # the phone's screen, then a narrower one: the layout answers a resize as a load
WIDGET = "data-toolkit-widget"
SHARES = 2  # the pages in shares (by weight), so that the test workers end together


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the build (the 404 page included) as a URL path from the site root."""
    return [html.relative_to(site).as_posix().removesuffix("index.html") for html in sorted(site.rglob("*.html"))]


def layouts(site: Path, pages: list[str]) -> set[str]:
    """One page per layout: every page with a tool, and the first page of each section in each language
    (the home pages and the 404 pages included)."""
    picked, sections = set(), set()
    for path in pages:
        parts = path.split("/")
        section = tuple(parts[:2]) if parts[0] in editions.TRANSLATED else parts[0]
        if _has_tool(site, path) or section not in sections:
            picked.add(path)
        sections.add(section)
    return picked


def settle_scrollers(page: Page) -> None:
    with contextlib.suppress(PlaywrightTimeoutError):  # axe then reports the box that stayed unreachable
        page.wait_for_function(SCROLLERS_SETTLED, timeout=3_000)


def _context(browser: Browser):
    # bypass_csp: the pages' Content Security Policy (rightly) refuses the injected axe script. The request
    # guard below sees every request the page makes, so a request the policy would have blocked fails too.
    # No service worker: it would fetch the whole site into its cache from the first page (test_offline.py
    # tests it), and serve the runtime to the tool pages unseen.
    context = browser.new_context(color_scheme="light", bypass_csp=True, service_workers="block", viewport=DESKTOP)
    axe_in_every_page(context)
    return context


class Screen:
    """Turns the page in view into a phone's screen and back, as Playwright's `is_mobile` and `has_touch`
    contexts set it up (the same DevTools commands), without loading the page again."""

    def __init__(self, page: Page):
        self.session = page.context.new_cdp_session(page)

    def phone(self, width: int) -> None:
        self.session.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
        self.session.send("Emulation.setDeviceMetricsOverride",
                          {"width": width, "height": PHONE_HEIGHT, "deviceScaleFactor": 0, "mobile": True})

    def desktop(self) -> None:
        self.session.send("Emulation.setTouchEmulationEnabled", {"enabled": False})
        self.session.send("Emulation.setDeviceMetricsOverride", {**DESKTOP, "deviceScaleFactor": 0, "mobile": False})


def test_axe_is_installed():
    assert AXE_SCRIPT.is_file(), "run `npm ci`: node_modules/axe-core is missing"


@pytest.mark.long
@pytest.mark.parametrize("share", range(SHARES), ids=lambda share: f"share-{share + 1}-of-{SHARES}")
def test_every_page(browser: Browser, site_url: str, built_site: Path, share: int):
    every_page = site_pages(built_site)
    assert len(every_page) > 10, every_page
    pages = shares(built_site, every_page, SHARES)[share]
    on_phone = layouts(built_site, every_page)
    coloured = colours_audited(built_site, every_page)
    context = _context(browser)
    guard = guard_requests(context)
    runtime_requests: dict[str, list[str]] = {}  # by the address of the document that asked
    in_view = [""]

    def seen(request) -> None:
        if "/assets/pyodide/" in request.url:
            try:
                document = request.frame.url
            except Exception:  # a worker's request may have no frame: it is the page in view's
                document = in_view[0]
            runtime_requests.setdefault(document.partition("#")[0], []).append(request.url)

    context.on("request", seen)
    errors: list[str] = []
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        screen = Screen(page)
        for path in pages:
            in_view[0] = site_url + path
            page.goto(site_url + path, wait_until="load")
            problems += _audit(page, path, "desktop", colours=path in coloured, dark_too=path in coloured)
            problems += _runtime_problems(page, path, runtime_requests.get(site_url + path, []))
            problems += _on_a_phone(page, screen, path, audited=path in on_phone, colours=path in coloured)
    finally:
        context.close()
    tools = {site_url + path for path in pages if _has_tool(built_site, path)}
    problems += [f"{url} has no tool but fetched the runtime: {asked}"  # even after it was left
                 for url, asked in runtime_requests.items() if url not in tools]
    problems += [f"{url} fetched the whole standard library: the trimmed one lacks a module it imported"
                 for url, asked in runtime_requests.items() if any(a.endswith(FULL_STDLIB) for a in asked)]
    assert not problems, f"{len(problems)} problem(s) in the sweep (share {share + 1}):\n" + "\n".join(problems)
    assert guard.outside == [], f"requests left the site's origin: {guard.outside}"
    assert errors == [], f"uncaught errors in the pages: {errors}"


def _on_a_phone(page: Page, screen: Screen, path: str, audited: bool, colours: bool) -> list[str]:
    """Whether the page scrolls sideways on a phone at each width; axe at the first width if `audited`; then
    the desktop screen again for the next page."""
    problems = []
    try:
        for width in PHONE_WIDTHS:
            screen.phone(width)
            page.wait_for_function(f"() => document.documentElement.clientWidth <= {width}")
            if (extra := page.evaluate(SIDEWAYS)) > 0:
                problems.append(f"/{path}: {extra} px too wide at {width} px")
        if audited:
            screen.phone(PHONE_WIDTHS[0])
            problems += _audit(page, path, f"phone {PHONE_WIDTHS[0]} px", colours=colours, dark_too=False)
    finally:
        screen.desktop()
    return problems


def _audit(page: Page, path: str, screen: str, colours: bool, dark_too: bool) -> list[str]:
    """Every rule in the light palette (without `colours`, every rule but those that read colours); with
    `dark_too`, the colour rules in the dark one, and back to light."""
    _expect_palette(page, path, LIGHT)
    page.evaluate(REVEAL_ALL)
    settle_scrollers(page)
    found = run_axe(page, skipped=None if colours else COLOUR_RULES)
    problems = [line for violation in found for line in describe(path, f"{screen}, light", violation)]
    if dark_too:
        _press_palette_toggle(page, path, DARK)
        problems += [line for violation in run_axe(page, rules=COLOUR_RULES)
                     for line in describe(path, f"{screen}, dark", violation)]
        _press_palette_toggle(page, path, LIGHT)  # the next page opens in the light palette again
    return problems


def _press_palette_toggle(page: Page, path: str, expected: str) -> None:
    """As a reader presses it, without leaving the pointer over the button (its tooltip would be audited)."""
    page.locator("[data-tk-palette-next]:visible").dispatch_event("click")
    _expect_palette(page, path, expected)


def _expect_palette(page: Page, path: str, scheme: str) -> None:
    expect(page.locator("body"), f"/{path}: the {scheme} palette").to_have_attribute("data-md-color-scheme", scheme)


def _html(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


def _has_tool(site: Path, path: str) -> bool:
    return WIDGET in _html(site, path).read_text(encoding="utf-8")


def _runtime_problems(page: Page, path: str, runtime_requests: list[str]) -> list[str]:
    """On a page with a tool, wait until Python is up, so the worker's and Pyodide's requests are all seen."""
    widgets = page.locator(f"[{WIDGET}]")
    if not widgets.count():
        return []
    expect(widgets.first).to_have_attribute("data-engine", "ready", timeout=ENGINE_BOOT_MS)
    return [] if any(url.endswith(".wasm") for url in runtime_requests) else [f"/{path}: the runtime never loaded"]


# What a phone's screen changes, as the page's scripts and styles see it: the viewport, the pointer, and
# where the theme's navigation, sidebars and content are laid out.
LAYOUT = """() => ({
  width: [innerWidth, document.documentElement.clientWidth, document.documentElement.scrollWidth],
  touch: [matchMedia("(pointer: coarse)").matches, matchMedia("(hover: none)").matches, navigator.maxTouchPoints],
  boxes: ["header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-content", "article", ".md-footer"]
    .map((selector) => document.querySelector(selector)?.getBoundingClientRect())
    .map((box) => box && [box.x, box.width, box.height].map(Math.round)),
})"""


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_the_sweep_s_phone_screen_lays_a_page_out_as_a_phone_does(browser: Browser, site_url: str, width: int):
    """The page the sweep turns into a phone is laid out as the page a phone loads; a page wider than the
    phone is seen to scroll sideways; the next page is a desktop's again."""
    path = site_url + "roadmap/"
    phone = browser.new_context(viewport={"width": width, "height": PHONE_HEIGHT}, is_mobile=True, has_touch=True,
                                service_workers="block")
    sweep = _context(browser)
    try:
        loaded = phone.new_page()
        loaded.goto(path, wait_until="load")
        turned = sweep.new_page()
        turned.goto(path, wait_until="load")
        desktop = turned.evaluate(LAYOUT)
        screen = Screen(turned)
        screen.phone(width)
        turned.wait_for_function(f"() => document.documentElement.clientWidth <= {width}")
        assert turned.evaluate(LAYOUT) == loaded.evaluate(LAYOUT) != desktop
        turned.evaluate("document.body.insertAdjacentHTML('beforeend', '<div style=\"width: 500px; height: 1em\"></div>')")
        assert turned.evaluate(SIDEWAYS) > 0
        screen.desktop()  # for the next page: the one in view keeps a phone's (hover: none) until it is left
        turned.reload(wait_until="load")
        assert turned.evaluate(LAYOUT) == desktop
    finally:
        phone.close()
        sweep.close()


@pytest.mark.parametrize("path", ["", "tools/quick-check/"])
def test_pages_declare_no_outside_sources(built_site: Path, path: str):
    """The HTML itself names no outside script, style, font or image (the sweeps see requests)."""
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    for marker in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "<script>eval"):
        assert marker not in html



@pytest.mark.parametrize("extra, audited", [("", False), ("<mark>new</mark>", True)])
def test_a_translated_page_with_markup_of_its_own_has_its_colours_audited(tmp_path: Path, extra: str, audited: bool):
    translated = editions.TRANSLATED[0]
    pages = ["", "a/x/", "a/y/", f"{translated}/", f"{translated}/a/x/", f"{translated}/a/y/"]
    for path in pages:
        (tmp_path / path).mkdir(parents=True, exist_ok=True)
        own = extra if path == f"{translated}/a/y/" else ""
        (tmp_path / path / "index.html").write_text(f"<article><p>Text <a href='#'>link</a>{own}</p></article>")
    assert (f"{translated}/a/y/" in colours_audited(tmp_path, pages)) is audited
    assert {"", "a/x/", "a/y/", f"{translated}/", f"{translated}/a/x/"} <= colours_audited(tmp_path, pages)
