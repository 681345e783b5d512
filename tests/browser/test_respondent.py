"""The respondent's way, as a chief of staff on a laptop, a data-protection officer on a phone in French and
a workshop facilitator would go: the ways in on the home page, the quick check leading into the full
assessment, a phone that nothing covers and no table cuts, a report worth handing over, the language
selector keeping the place, and controls that keep a visible label and focus ring."""
from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    begin,
    definition,
    example_file,
    go_to_start,
    open_example,
    open_tool,
    question,
    result,
    show_result,
    stored,
    wait_engine,
)
from tests.browser.test_team import pick, team_view
from tests.support import editions

EDITION_PREFIXES = ["", *(f"{code}/" for code in editions.TRANSLATED)]

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TARGET = 44


def _context(browser: Browser, viewport: dict, **options):
    return browser.new_context(viewport=viewport, service_workers="block",
                               **({"is_mobile": True, "has_touch": True} if viewport is PHONE else {}), **options)


# --------------------------------------------------------------------------- finding the way in


@pytest.mark.parametrize("prefix", EDITION_PREFIXES)
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_home_page_offers_three_ways_in_on_its_first_screen(browser: Browser, site_url: str, prefix: str,
                                                                viewport: dict):
    context = _context(browser, viewport)
    try:
        page = context.new_page()
        page.goto(site_url + prefix)
        ways = page.locator(".tk-way-in")
        expect(ways).to_have_count(3)
        targets = [ways.nth(i).locator("a.md-button").get_attribute("href") for i in range(3)]
        assert [t.rstrip("/").split("/")[-1] for t in targets] == ["quick-check", "readiness", "risk"]
        first = ways.first.locator("a.md-button").bounding_box()
        assert first["y"] + first["height"] <= viewport["height"], "the first way in is on the first screen"
        if viewport is LAPTOP:
            last = ways.nth(2).locator("a.md-button").bounding_box()
            assert last["y"] + last["height"] <= viewport["height"], "all three, above the fold"
    finally:
        context.close()


def test_the_quick_check_leads_into_the_full_assessment_with_its_answers(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "quick-check")
    begin(page)
    spec = definition("quick-check")["continue_with"]
    for source in spec["questions"]:
        page.locator(f"fieldset[data-question='{source}']").get_by_label("Partly", exact=True).check()
    show_result(page)
    items = result(page).locator(".tk-actions__title")
    expect(items.first).to_be_visible(timeout=ENGINE_MS)
    titles = items.all_inner_texts()
    assert len(set(titles)) == len(titles), "each item says what it is about"
    expect(result(page)).not_to_contain_text("0 of 0")
    button = result(page).get_by_role("link", name=re.compile("^Continue with the Organizational Readiness"))
    expect(button).to_have_class(re.compile("md-button--primary"))
    expect(result(page).locator(".tk-details--carried")).to_contain_text(f"{len(spec['questions'])} answers are carried over")
    button.click()
    expect(page).to_have_url(re.compile(r"/tools/readiness/"))
    wait_engine(page)
    kept = stored(page, "readiness")
    carried = kept["assessments"][kept["current"]]["answers"]
    assert carried == {goal: spec["values"]["partly"] for goal in spec["questions"].values()}
    expect(question(page, "Leadership has set out a clear vision").get_by_label(re.compile("^Partly in place"))).to_be_checked()
    # Back in the quick check, a second press leads into the same assessment, not a second one.
    open_tool(page, site_url, "quick-check")
    show_result(page)
    result(page).get_by_role("link", name=re.compile("^Continue with the Organizational Readiness")).click()
    expect(page).to_have_url(re.compile(r"/tools/readiness/"))
    wait_engine(page)
    assert len(stored(page, "readiness")["assessments"]) == 1


# --------------------------------------------------------------------------- on a phone


def test_on_a_phone_nothing_covers_a_question_and_every_target_is_large(browser: Browser, site_url: str):
    context = _context(browser, PHONE)
    try:
        page = context.new_page()
        open_tool(page, site_url, "risk")
        begin(page)
        page.mouse.wheel(0, 1500)
        page.mouse.wheel(0, -400)  # the theme shows its "Back to top" pill on a scroll up
        page.wait_for_timeout(400)
        expect(page.locator(".md-top")).to_be_hidden()
        bar = page.locator("[data-tk-bar]").bounding_box()
        assert bar["height"] <= 0.12 * PHONE["height"], bar
        small = page.evaluate("""(target) => [...document.querySelectorAll(
              '.tk-widget a, .tk-widget button, .tk-widget summary, .tk-widget .tk-option label, .tk-widget select')]
            .filter((e) => e.offsetParent !== null && e.getClientRects().length)
            .filter((e) => { const p = e.closest('p, li'); return !(e.tagName === 'A' && p &&
                             p.textContent.trim().length > e.textContent.trim().length + 20); })  // a link inside a sentence
            .map((e) => [e.textContent.trim().slice(0, 40), Math.round(e.getBoundingClientRect().height)])
            .filter(([, h]) => h < target)""", TARGET)
        assert small == [], small
    finally:
        context.close()


# For each answer of the first question shown (a list, not a 1-to-5 scale): how far its text starts from its
# button, on the side the language reads from.
ANSWER_GAPS = """() => [...document.querySelectorAll('fieldset[data-question] .tk-options:not(.tk-options--scale)')]
  .find((list) => list.offsetParent !== null).querySelectorAll('.tk-option').values().map((option) => {
    const button = option.querySelector('input').getBoundingClientRect();
    const words = document.createRange();
    words.selectNodeContents(option.querySelector('label'));
    const text = words.getClientRects()[0];
    const rtl = getComputedStyle(option).direction === 'rtl';
    return [option.textContent.trim().slice(0, 30), Math.round(rtl ? button.left - text.right : text.left - button.right)];
  }).toArray()"""


@pytest.mark.parametrize("prefix", ["", "ar/"], ids=["en", "ar"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_each_answer_s_text_starts_beside_its_button(browser: Browser, site_url: str, prefix: str, viewport: dict):
    """Short answers and long ones alike start right after their radio button, in either writing direction, so
    each reads as the button's own label and a list of them lines up."""
    context = _context(browser, viewport)
    try:
        page = context.new_page()
        open_tool(page, f"{site_url}{prefix}", "readiness")
        page.locator("[data-tk-start-label]").click()  # "Start", in the edition's language
        expect(page.locator("fieldset[data-question]").first).to_be_visible()
        gaps = page.evaluate(ANSWER_GAPS)
        assert gaps and all(0 <= gap <= 24 for _, gap in gaps), gaps
    finally:
        context.close()


def test_on_a_phone_the_result_opens_with_the_level_and_what_to_do_first(browser: Browser, site_url: str):
    context = _context(browser, PHONE)
    try:
        page = context.new_page()
        open_tool(page, site_url, "risk")
        open_example(page, "A facial recognition pilot")
        show_result(page)
        page.wait_for_timeout(500)
        level = result(page).locator(".tk-summary__headline").bounding_box()
        first = result(page).get_by_role("heading", name="What to do first").bounding_box()
        assert level["y"] >= 0 and level["y"] + level["height"] <= PHONE["height"]
        assert first["y"] + first["height"] <= PHONE["height"], "What to do first starts on the first screen"
        # Tables read as cards: no cell is wider than the screen, and no word is cut.
        cells = result(page).locator("table.tk-table td")
        assert cells.count() > 10
        assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        wraps = cells.evaluate_all(
            "(cells) => [...new Set(cells.map((c) => getComputedStyle(c).overflowWrap + '/' + getComputedStyle(c).wordBreak))]")
        assert wraps == ["normal/normal"], wraps
        label = cells.first.evaluate("(c) => getComputedStyle(c, '::before').content")
        assert label.strip('"').endswith(": ")
    finally:
        context.close()


# --------------------------------------------------------------------------- a report worth handing over


def test_the_first_download_asks_for_a_name_and_files_are_named_from_it_and_the_date(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
    show_result(page)
    files = page.locator(".tk-panel--files")
    files.get_by_role("button", name="Download the report").click()
    name = files.get_by_label("Name of this assessment")
    expect(name).to_be_focused()
    expect(page.locator("[data-tk-report-message]")).to_contain_text("Give this assessment a name first")
    name.fill("North Unit pilot")
    with page.expect_download() as report:
        files.get_by_role("button", name="Download the report").click()
    assert re.fullmatch(r"readiness-north-unit-pilot-\d{4}-\d{2}-\d{2}\.html", report.value.suggested_filename)
    with page.expect_download() as saved:
        files.get_by_role("button", name="Save answers to a file").click()
    assert re.fullmatch(r"readiness-north-unit-pilot-\d{4}-\d{2}-\d{2}\.json", saved.value.suggested_filename)
    go_to_start(page)  # the same name on the start screen
    page.get_by_text("Your assessments in this browser").click()
    expect(page.locator("[data-tk-start] [data-tk-name]")).to_have_value("North Unit pilot")


def test_half_an_assessment_prints_in_a_few_pages_with_its_summary_first_and_print_is_the_report(
        guarded_page: Page, site_url: str, browser: Browser):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    answers = json.loads(example_file("readiness").read_text(encoding="utf-8"))["answers"]
    half = dict(list(answers.items())[: len(answers) // 2])
    go_to_start(page)
    content = json.dumps({"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness",
                          "version": definition("readiness")["version"], "name": "Half done", "answers": half}).encode()
    page.get_by_label("Open an answers file").set_input_files({"name": "half.json", "mimeType": "application/json",
                                                               "buffer": content})
    expect(page.locator("[data-tk-file-message]")).to_contain_text("Opened half.json", timeout=ENGINE_MS)
    show_result(page)
    files = page.locator(".tk-panel--files")
    with page.expect_download() as report:
        files.get_by_role("button", name="Download the report").click()
    html = Path(report.value.path()).read_text(encoding="utf-8")
    files.get_by_role("button", name="Print or save as PDF").click()
    frame = page.locator("iframe[data-tk-print]")
    expect(frame).to_have_attribute("srcdoc", re.compile("<!doctype html>"), timeout=ENGINE_MS)
    assert frame.get_attribute("srcdoc") == html, "Print or save as PDF prints the downloaded report"
    printer = browser.new_page()
    try:
        printer.set_content(html)
        pages = PdfReader(io.BytesIO(printer.pdf(format="A4"))).pages
        assert len(pages) <= 6, len(pages)
        first = unicodedata.normalize("NFKC", pages[0].extract_text())  # the PDF's ligatures (ﬁ) as letters
        for expected in ("Half done", "Provisional", "What to do first"):
            assert expected in first, expected
    finally:
        printer.close()


# --------------------------------------------------------------------------- the team view


def test_a_team_view_counts_a_file_chosen_twice_once_and_offers_the_whole_scale(guarded_page: Page, site_url: str,
                                                                                tmp_path: Path):
    page = guarded_page
    original = json.loads(example_file("readiness").read_text(encoding="utf-8"))
    first_question = next(iter(original["answers"]))
    other = {**original, "name": "Another view", "answers": {**original["answers"], first_question: "embedded"}}
    copy = tmp_path / "copy-of-the-example.json"
    copy.write_text(json.dumps(original), encoding="utf-8")
    second = tmp_path / "second.json"
    second.write_text(json.dumps(other), encoding="utf-8")
    open_tool(page, site_url, "readiness")
    wait_engine(page)
    view = team_view(page)
    pick(page, [example_file("readiness"), copy, second])
    team = view.locator("[data-tk-team-result]")
    expect(page.locator("[data-tk-team-message]")).to_contain_text("Combined 2 files", timeout=ENGINE_MS)
    expect(team.locator(".tk-team__duplicates")).to_contain_text("counted once")
    expect(team.locator(".tk-team__rule")).to_contain_text("at least half the scale apart")
    chooser = team.locator(".tk-team__discuss li").first.get_by_label("Consensus answer")
    options = chooser.locator("option").all_inner_texts()
    scale = [o["label"] for o in definition("readiness")["scales"]["maturity"]]
    assert [next(s for s in scale if o.startswith(s)) for o in options] == scale, options
    assert sum("the median" in o for o in options) == 1 and any("(nobody)" in o for o in options)
    page.get_by_label("Count the same answers file chosen twice as two respondents").check()
    expect(page.locator("[data-tk-team-message]")).to_contain_text("Combined 3 files", timeout=ENGINE_MS)


@pytest.mark.parametrize("prefix", EDITION_PREFIXES)
def test_the_team_guide_leads_into_each_tools_team_view(guarded_page: Page, site_url: str, prefix: str):
    page = guarded_page
    page.goto(site_url + prefix + "tools/team/")
    link = page.locator("a[href$='#tk-risk-team']").first
    link.click()
    expect(page.locator("[data-tk-team]")).to_be_visible(timeout=ENGINE_MS)


# --------------------------------------------------------------------------- languages and focus


def test_the_language_selector_keeps_the_view(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "risk")
    open_example(page, "A facial recognition pilot")
    show_result(page)
    page.locator(".md-header").get_by_role("button", name=re.compile("language", re.I)).click()
    page.locator("a.md-select__link[hreflang='fr']").click()
    expect(page).to_have_url(re.compile(r"/fr/tools/risk/#tk-risk-results$"))
    expect(page.locator("[data-tk-results]")).to_be_visible(timeout=ENGINE_MS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_file_button_keeps_its_label_readable_and_a_focus_ring(browser: Browser, site_url: str, scheme: str):
    context = _context(browser, LAPTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        open_tool(page, site_url, "readiness")
        wait_engine(page)
        page.locator("[data-tk-open]").focus()
        page.wait_for_timeout(400)  # the theme's colour transitions
        label = page.locator("label[for$='-open']")
        color, background, outline = label.evaluate(
            "(e) => { const s = getComputedStyle(e); return [s.color, s.backgroundColor, s.outlineStyle]; }")
        assert outline != "none" and color != background, (color, background)

        def rgb(text):
            return [int(x) for x in re.findall(r"\d+", text)[:3]]

        def luminance(c):
            channels = [(v / 255) / 12.92 if v / 255 <= 0.03928 else (((v / 255) + 0.055) / 1.055) ** 2.4 for v in c]
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

        light, dark = sorted((luminance(rgb(color)), luminance(rgb(background))), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5
    finally:
        context.close()
