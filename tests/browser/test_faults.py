"""The promises under faults, on the real site in a real Chromium: no answer leaves the page, none is lost,
bad input gets one short plain sentence, and no page shows an uncaught error or a traceback.

Each test injects one fault as a user's browser or network would: JavaScript off or late, two tabs,
a runtime file that fails or stalls, a damaged engine archive, a hostile answers file, storage that is
full or blocked."""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from plugins.runtime.files import DECODER, ENGINE_ZIP, PACKED, RUNTIME_DIR, pack
from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    begin,
    definition,
    go_to_start,
    open_tool,
    progress_text,
    question,
    result,
    stored,
    stored_answers_become,
    wait_engine,
    widget,
)

MAX_MESSAGE = 400  # characters: every message a user reads is one or two short sentences
STATUS = "[data-toolkit-status]"
FILE_MESSAGE = "[data-tk-file-message]"


def _requests_with_answers(requests: list[Request]) -> list[str]:
    """Requests that could carry answers: a query string, a body, or any method but GET (the ways a form
    leaks them)."""
    return [f"{request.method} {request.url}" for request in requests
            if urlsplit(request.url).query or request.method != "GET" or request.post_data_buffer]


def _try_to_submit(page: Page) -> None:
    """Everything a user may do that would submit a form, after giving an answer: Enter in a text field
    and on a choice, and every visible button of the widget."""
    status = page.locator("fieldset[data-question]").first.get_by_label("In progress")
    status.check()
    owner = page.get_by_label("Owner").first
    owner.fill("Head of Legal Services")
    owner.press("Enter")
    page.wait_for_timeout(300)
    if page.url.endswith("/tools/workbook/"):
        status.press("Enter")
        for button in page.locator("[data-toolkit-widget] button:visible").all():
            button.click()
    page.wait_for_timeout(500)


# --------------------------------------------------------------------------- 1. answers never reach the server


def test_without_javascript_the_form_cannot_send_answers(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    try:
        page = context.new_page()
        requests: list[Request] = []
        page.on("request", lambda request: requests.append(request))
        page.goto(site_url + "tools/workbook/")
        _try_to_submit(page)
        assert page.url == site_url + "tools/workbook/"
        assert _requests_with_answers(requests) == []
        # The page says plainly that nothing is scored or kept without JavaScript.
        expect(page.locator("[data-toolkit-widget]")).to_contain_text("JavaScript")
    finally:
        context.close()


def test_while_the_widget_script_is_held_back_the_form_cannot_send_answers(guarded_page: Page, site_url: str):
    page = guarded_page
    page.route("**/assets/toolkit/widget/widgets.js", lambda route: None)  # never answered: a stalled download
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    page.goto(site_url + "tools/workbook/", wait_until="commit")  # a pending module script holds back "load"
    page.locator("fieldset[data-question]").first.wait_for()
    _try_to_submit(page)
    assert page.url == site_url + "tools/workbook/"
    assert _requests_with_answers(requests) == []


def test_built_tool_pages_hold_no_submittable_form(built_site):
    """Inert by construction: no <form> around the questions, no submit button, no named text field."""
    for qid in ("readiness", "risk", "workbook", "quick-check"):
        html = (built_site / "tools" / qid / "index.html").read_text(encoding="utf-8")
        widget_html = html[html.index('data-toolkit-widget="'):]  # the widget element, not a script naming it
        assert "<form" not in widget_html, qid
        assert 'type="submit"' not in widget_html, qid


# --------------------------------------------------------------------------- 2. two tabs lose nothing


def test_two_tabs_on_one_assessment_keep_both_answers(guarded_context, site_url: str):
    first, second = guarded_context.new_page(), guarded_context.new_page()
    for page in (first, second):
        open_tool(page, site_url, "readiness")
    vision = "Leadership has set out a clear vision"
    proposal = "Every proposal to develop, buy or use"
    question(first, vision).get_by_label("In place and used across the agency").check()
    expect(first.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    # The other tab follows what it receives through the storage event...
    expect(question(second, vision).get_by_label("In place and used across the agency")).to_be_checked()
    question(second, proposal).get_by_label("Partly in place").check()
    expect(second.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    expect(question(first, proposal).get_by_label("Partly in place")).to_be_checked()
    # ... and after both reload, both answers are there.
    for page in (first, second):
        page.reload()
        expect(question(page, vision).get_by_label("In place and used across the agency")).to_be_checked()
        expect(question(page, proposal).get_by_label("Partly in place")).to_be_checked()
    answers = next(iter(stored(first, "readiness")["assessments"].values()))["answers"]
    assert answers == {"culture-vision": "in-place", "culture-start-with-why": "partial"}, answers


def test_an_assessment_deleted_in_another_tab_is_not_brought_back_unsaid(guarded_context, site_url: str):
    """The tab still showing an assessment another tab deleted says so, keeps its answers on screen, and an
    answer changed there keeps the assessment in this browser again, as it said it would."""
    from tests.browser.test_questionnaire import assessments

    first, second = guarded_context.new_page(), guarded_context.new_page()
    for page in (first, second):
        open_tool(page, site_url, "readiness")
    vision = "Leadership has set out a clear vision"
    question(first, vision).get_by_label("Partly in place").check()
    expect(question(second, vision).get_by_label("Partly in place")).to_be_checked()
    assessments(first).get_by_label("Name of this assessment").fill("Pilot review")
    expect(assessments(second).get_by_label("Name of this assessment")).to_have_value("Pilot review")
    first.once("dialog", lambda dialog: dialog.accept())
    assessments(first).get_by_role("button", name="Delete this assessment").click()
    expect(second.locator("[data-tk-saved]")).to_contain_text(
        "“Pilot review” was deleted in another tab of this browser. It stays open here")
    expect(question(second, vision).get_by_label("Partly in place")).to_be_checked()
    question(second, "Every proposal to develop, buy or use").get_by_label("Partly in place").check()
    expect(second.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    assert [a["name"] for a in stored(second, "readiness")["assessments"].values()] == ["Pilot review"]


def test_two_tabs_changing_different_questions_at_once_keep_both(guarded_context, site_url: str):
    """Both tabs edit before either hears from the other: the saves merge per question."""
    first, second = guarded_context.new_page(), guarded_context.new_page()
    for page in (first, second):
        open_tool(page, site_url, "quick-check")
        begin(page)
    boxes = [page.locator("fieldset[data-question]") for page in (first, second)]
    boxes[0].nth(0).locator("input[type=radio]").first.check()
    boxes[1].nth(1).locator("input[type=radio]").first.check()
    for page in (first, second):
        expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    for page in (first, second):
        page.reload()
        expect(page.locator("[data-tk-progress-text]")).to_have_text(re.compile(r"^2 of \d+ questions answered"))


# --------------------------------------------------------------------------- 3. a failed or stalled start


@pytest.mark.parametrize("runtime_file", ["pyodide.asm.wasm", DECODER])
def test_a_failed_runtime_download_says_so_and_try_again_recovers(guarded_page: Page, site_url: str, runtime_file: str):
    page = guarded_page
    page.route(f"**/{runtime_file}", lambda route: route.abort("connectionfailed"))
    open_tool(page, site_url, "quick-check")
    begin(page)
    page.locator("fieldset[data-question]").first.locator("input[type=radio]").first.check()
    status = page.locator(STATUS)
    expect(status).to_contain_text("could not start", timeout=30_000)
    expect(widget(page)).to_have_attribute("data-engine", "failed")
    assert len(status.inner_text()) < MAX_MESSAGE
    expect(widget(page)).not_to_contain_text("as soon as the scoring engine has started")
    expect(widget(page)).not_to_contain_text("Starting the scoring engine")
    page.unroute(f"**/{runtime_file}")
    page.get_by_role("button", name="Try again").click()
    wait_engine(page)
    expect(result(page)).to_contain_text("provisional", timeout=ENGINE_MS)


def test_a_worker_that_cannot_load_says_so_even_before_the_page_s_scripts_run(guarded_page: Page, site_url: str):
    """The worker starts from the page's <head>; if its own script is missing, what it says then is kept
    until the page's scripts run, and the reader sees one plain sentence (no uncaught error)."""
    page = guarded_page
    page.route("**/assets/toolkit/worker/worker.js", lambda route: route.fulfill(status=404, body="missing"))
    open_tool(page, site_url, "quick-check")
    expect(widget(page)).to_have_attribute("data-engine", "failed", timeout=30_000)
    status = page.locator(STATUS)
    expect(status).to_contain_text("its worker stopped")
    assert len(status.inner_text()) < MAX_MESSAGE


def test_a_stalled_start_times_out_with_try_again(guarded_page: Page, site_url: str):
    page = guarded_page
    page.clock.install()
    page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
    open_tool(page, site_url, "quick-check")
    expect(widget(page)).to_have_attribute("data-engine", "starting")
    page.clock.fast_forward("02:00")
    status = page.locator(STATUS)
    expect(status).to_contain_text("taking longer than", timeout=10_000)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    assert len(status.inner_text()) < MAX_MESSAGE


def _damaged_engine_zip(site) -> bytes:
    """The shipped archive with its bridge module's bytecode replaced by bytes that are not Python's."""
    original = zipfile.ZipFile(site / RUNTIME_DIR / ENGINE_ZIP)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as damaged:
        for item in original.infolist():
            data = original.read(item)
            if item.filename.endswith("bridge.pyc"):
                data = b"this is not Python bytecode"
            damaged.writestr(item, data)
    return out.getvalue()


def test_the_questions_wait_for_the_page_s_scripts_and_stay_readable_when_those_fail(guarded_page: Page, site_url: str):
    """The questions are left out of a tool page's first layout until its scripts show the start screen;
    when those scripts cannot load, the form is shown as it is, readable."""
    page = guarded_page
    held = []
    page.route("**/assets/toolkit/widget/widgets.js", lambda route: held.append(route))
    with page.expect_request("**/assets/toolkit/widget/widgets.js"):
        page.goto(site_url + "tools/readiness/", wait_until="commit")
    while not held:  # the route's handler runs just after the request is announced
        page.wait_for_timeout(50)
    expect(page.locator("[data-tk-start]")).to_be_visible()
    expect(page.locator("fieldset[data-question]").first).to_be_hidden()  # while the scripts are held back
    held[0].continue_()
    expect(page.locator("[data-toolkit-widget][data-tk-flow]")).to_have_count(1)
    expect(page.locator("fieldset[data-question]").first).to_be_hidden()  # the start screen comes first
    page.unroute("**/assets/toolkit/widget/widgets.js")
    page.route("**/assets/toolkit/widget/widgets.js", lambda route: route.fulfill(status=404, body="gone"))
    page.reload()
    expect(page.locator("fieldset[data-question]").first).to_be_visible()


def test_a_damaged_engine_archive_shows_one_plain_sentence(guarded_page: Page, site_url: str, built_site):
    page = guarded_page
    damaged = _damaged_engine_zip(built_site)
    page.route(f"**/{ENGINE_ZIP}{PACKED}", lambda route: route.fulfill(body=pack(damaged)))
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    open_tool(page, site_url, "quick-check")
    status = page.locator(STATUS)
    expect(status).to_contain_text("could not start", timeout=ENGINE_MS)
    text = widget(page).inner_text()
    for trace in ("Traceback", 'File "', "ImportError", "magic number", "PythonError"):
        assert trace not in text, text
    assert len(status.inner_text()) < MAX_MESSAGE
    assert any("bad magic number" in line for line in console), "the details go to the console"


# --------------------------------------------------------------------------- 4-5. hostile files, short messages


def _open_file(page: Page, name: str, content: bytes) -> None:
    """Open a file from the start screen, as a respondent would."""
    go_to_start(page)
    page.get_by_label("Open an answers file").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": content})


VISION = "Leadership has set out a clear vision"


def _answer_one_and_wait(page: Page, site_url: str) -> None:
    open_tool(page, site_url, "readiness")
    question(page, VISION).get_by_label("Partly in place").check()
    wait_engine(page)
    expect(result(page)).to_contain_text("provisional", timeout=ENGINE_MS)


def test_a_deeply_nested_file_is_refused_and_the_engine_keeps_working(guarded_page: Page, site_url: str):
    page = guarded_page
    _answer_one_and_wait(page, site_url)
    _open_file(page, "deep.json", b'{"answers": ' + b"[" * 10_000 + b"]" * 10_000 + b"}")
    message = page.get_by_role("alert").filter(has_text="deep.json could not be opened")
    expect(message).to_contain_text("nested", timeout=ENGINE_MS)
    expect(message).to_contain_text("Your current answers are unchanged")
    assert len(message.inner_text()) < MAX_MESSAGE
    expect(question(page, VISION).get_by_label("Partly in place")).to_be_checked()
    # The engine still answers: a new answer is scored.
    question(page, "Every proposal to develop, buy or use").get_by_label("Partly in place").check()
    expect(result(page)).to_contain_text(progress_text("readiness", 2), timeout=ENGINE_MS)


def test_an_oversized_file_is_refused_by_its_size(guarded_page: Page, site_url: str):
    page = guarded_page
    _answer_one_and_wait(page, site_url)
    _open_file(page, "huge.json", b'{"answers": {"culture-vision": "' + b"x" * 6_000_000 + b'"}}')
    message = page.get_by_role("alert").filter(has_text="huge.json could not be opened")
    expect(message).to_contain_text("MB", timeout=ENGINE_MS)
    assert len(message.inner_text()) < MAX_MESSAGE
    expect(question(page, VISION).get_by_label("Partly in place")).to_be_checked()


def test_an_invalid_huge_value_gives_a_short_message(guarded_page: Page, site_url: str):
    page = guarded_page
    _answer_one_and_wait(page, site_url)
    # The first problem quotes a value of a million characters; more problems follow it.
    answers = {"culture-vision": "x" * 1_000_000, "culture-start-with-why": "y" * 1_000, "culture-risk-awareness": "z"}
    content = json.dumps({"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness",
                          "version": definition("readiness")["version"], "answers": answers}).encode()
    _open_file(page, "long.json", content)
    message = page.get_by_role("alert").filter(has_text="long.json could not be opened")
    expect(message).to_contain_text("more problem", timeout=ENGINE_MS)
    assert len(message.inner_text()) < MAX_MESSAGE


# --------------------------------------------------------------------------- 6. refused storage


REFUSE_WRITES = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""

BLOCK_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
  });
}
"""


def test_a_refused_save_says_so_and_offers_a_file(guarded_page: Page, site_url: str):
    page = guarded_page
    page.add_init_script(REFUSE_WRITES)
    open_tool(page, site_url, "readiness")
    question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
    saved = page.locator("[data-tk-saved]")
    expect(saved).to_contain_text("could not be saved in this browser")
    expect(saved).not_to_contain_text("Saved in this browser at")
    assert len(saved.inner_text()) < MAX_MESSAGE
    wait_engine(page)
    with page.expect_download() as download:
        saved.get_by_role("button", name="Save answers to a file").click()
    assert download.value.suggested_filename.endswith(".json")
    # Renaming and starting a new assessment do not claim success either.
    go_to_start(page)
    page.get_by_text("Your assessments in this browser").click()
    page.locator(".tk-panel--assessments").get_by_label("Name of this assessment").fill("Pilot")
    expect(saved).to_contain_text("could not be saved in this browser")
    expect(saved).not_to_contain_text("Name saved")


@pytest.mark.parametrize("path", ["", "principles/lawfulness/", "introduction/life-cycle/", "tools/readiness/"])
def test_blocked_site_data_raises_no_uncaught_error(guarded_page: Page, site_url: str, path: str):
    page = guarded_page
    page.add_init_script(BLOCK_STORAGE)
    page.goto(site_url + path, wait_until="load")
    page.get_by_role("button", name=re.compile("Switch to (dark|light) mode")).first.click()
    tabs = page.locator(".tabbed-labels label")
    if tabs.count() > 1:
        tabs.nth(1).click()
    if path.startswith("tools/"):
        expect(page.locator("[data-tk-saved]")).to_contain_text("could not be saved in this browser")
        question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
        expect(result(page)).to_contain_text("provisional", timeout=ENGINE_MS)
    page.wait_for_timeout(300)


# --------------------------------------------------------------------------- 7. unreadable saved answers


READINESS_KEY = "rai-toolkit:answers:readiness"
UNREADABLE = {
    "not JSON": "{ this is not json",
    "the wrong shape": json.dumps(["an", "array"]),
    "an assessment of the wrong shape": json.dumps({"current": "a", "assessments": {"a": {"name": 7, "answers": []}}}),
    "very large": json.dumps({"current": None, "assessments": {}, "padding": "x" * 4_100_000}),
}


def _stored_before_opening(page: Page, site_url: str, key: str, text: str) -> None:
    page.goto(site_url + "about/")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, text])


@pytest.mark.parametrize("what", sorted(UNREADABLE))
def test_unreadable_saved_answers_are_set_aside_offered_and_never_overwritten(guarded_page: Page, site_url: str, what):
    page = guarded_page
    text = UNREADABLE[what]
    _stored_before_opening(page, site_url, READINESS_KEY, text)
    open_tool(page, site_url, "readiness")
    notice = page.locator("[data-tk-unreadable]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("could not be read")
    assert len(notice.inner_text()) < MAX_MESSAGE
    expect(page.locator("[data-tk-saved]")).not_to_contain_text("Restored")
    question(page, VISION).get_by_label("Partly in place").check()
    aside = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('rai-toolkit:unreadable:readiness:'))")
    if what == "very large":  # no room for a copy of it: left where it is, and nothing written over it
        expect(notice).to_contain_text("no room to set them aside")
        expect(page.locator("[data-tk-saved]")).to_contain_text("not saved in this browser until")
        assert aside == [] and page.evaluate("(key) => localStorage.getItem(key)", READINESS_KEY) == text
    else:
        expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
        assert len(aside) == 1
        assert page.evaluate("(key) => localStorage.getItem(key)", aside[0]) == text, "kept untouched"
        stored_answers_become(page, "readiness", {"culture-vision": "partial"})  # a new assessment beside it
    with page.expect_download() as download:
        notice.get_by_role("button", name="Download the unreadable data").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == text
    page.once("dialog", lambda dialog: dialog.accept())
    notice.get_by_role("button", name="Delete it from this browser").click()
    expect(notice).to_be_hidden()
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('rai-toolkit:unreadable:'))") == []
    question(page, VISION).get_by_label("In place and used across the agency").check()
    expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    stored_answers_become(page, "readiness", {"culture-vision": "in-place"})


def test_a_saved_assessment_without_a_date_is_restored_without_an_invalid_date(guarded_page: Page, site_url: str):
    page = guarded_page
    record = {"current": "a", "assessments": {"a": {"name": "Pilot", "answers": {"culture-vision": "partial"}}}}
    _stored_before_opening(page, site_url, READINESS_KEY, json.dumps(record))
    open_tool(page, site_url, "readiness")
    saved = page.locator("[data-tk-saved]")
    expect(saved.locator("[data-tk-message-text]")).to_have_text("Restored “Pilot”, saved in this browser.")
    expect(page.locator("[data-tk-unreadable]")).to_be_hidden()
    expect(page.locator("[data-toolkit-widget]")).not_to_contain_text("Invalid Date")


def test_answers_kept_under_an_older_version_are_moved_to_the_current_one(guarded_page: Page, site_url: str):
    """Kept in this browser under risk 1.0.0 (one kind of system, by its old name): moved by the engine,
    the user told how, nothing lost on the way."""
    page = guarded_page
    old = {"current": "a", "assessments": {"a": {"name": "Old pilot", "version": "1.0.0", "updated": "2025-01-05T10:00:00Z",
                                                 "answers": {"screen-application": "biometric-identification",
                                                             "screen-scale": "pilot"}}}}
    _stored_before_opening(page, site_url, "rai-toolkit:answers:risk", json.dumps(old))
    open_tool(page, site_url, "risk")
    wait_engine(page)
    expect(page.locator("[data-tk-saved]")).to_contain_text("moved to version", timeout=ENGINE_MS)
    kept = stored(page, "risk")["assessments"]["a"]
    assert kept["version"] == definition("risk")["version"] and "earlier" not in kept
    assert kept["answers"] == {"screen-application": ["facial-recognition"], "screen-scale": "pilot"}
    expect(question(page, "Which kinds of AI system").get_by_label(re.compile("^Facial recognition"))).to_be_checked()
