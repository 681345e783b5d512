"""The questionnaire experience in a real Chromium, as a user sees it: answer, live result, autosave and
restore, erase, named assessments, files (save, open, refuse), reports, print, workbook filters,
compare. Every test runs under `guarded_page`: no request may leave the test server's origin."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.text import percent_text
from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    ROOT,
    copy_example,
    definition,
    example_answers,
    example_result,
    go_to_start,
    headline,
    open_example,
    open_tool,
    progress_text,
    question,
    question_count,
    result,
    show_result,
    shown_count,
    spreadsheet_rows,
    stored,
    wait_engine,
    widget,
)


def assessments(page: Page):
    """The start screen's panel of assessments, opened."""
    go_to_start(page)
    panel = page.locator(".tk-panel--assessments")
    if not panel.evaluate("element => element.open"):
        panel.locator("summary").click()
    return panel


def erase(page: Page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())
    assessments(page).get_by_role("button", name="Erase my answers from this browser").click()


WORKED_EXAMPLES = [(qid, i) for qid in ("readiness", "risk", "workbook") for i in range(len(definition(qid)["examples"]))]


@pytest.mark.parametrize(("qid", "index"), WORKED_EXAMPLES)
def test_worked_example_opens_read_only_with_the_complete_result(guarded_page: Page, site_url: str, qid: str, index: int):
    """Each instrument answered fully (each worked example) gives the complete result the engine promises,
    shown as a read-only preview that never becomes or replaces the user's own assessment."""
    page = guarded_page
    open_tool(page, site_url, qid)
    examples = definition(qid)["examples"]
    open_example(page, examples[index]["title"] if len(examples) > 1 else None)
    expected = example_result(qid, index=index)
    expect(result(page)).to_contain_text(headline(expected), timeout=ENGINE_MS)
    expect(result(page)).to_contain_text(expected["overall"]["next_step"])
    shown = shown_count(qid, example_answers(qid, index)["answers"])
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text(qid, shown, shown))
    expect(page.locator("fieldset[data-question] input").first).to_be_disabled()  # read only
    # The engine's chart comes with one accessible table, and actions link to the guidance and back.
    expect(result(page).locator("svg.tk-chart[role=img]")).to_have_count(1)
    expect(result(page).locator("table")).not_to_have_count(0)
    expect(result(page).locator("figure + table.tk-table--chart")).to_have_count(1)
    expect(result(page).locator(".tk-level__note")).to_contain_text("indicative")
    guidance = result(page).locator(".tk-priorities a", has_text="Guidance").first
    href = guidance.get_attribute("href")
    assert href.startswith("../../") and "#" in href, href
    assert stored(page, qid) is None, "the example is never saved as the user's"
    guidance.click()
    expect(page).not_to_have_url(re.compile(rf"tools/{qid}/"))
    expect(page.locator(f"[id='{page.url.split('#')[1]}']")).to_have_count(1)


def test_the_example_never_replaces_an_own_assessment_and_is_copied_once(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    assessments(page).get_by_label("Name of this assessment").fill("Our agency 2026")
    question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
    expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    open_example(page)
    page.get_by_role("button", name="Back to my assessment").click()
    expect(question(page, "Leadership has set out a clear vision").get_by_label("Partly in place")).to_be_checked()
    expect(assessments(page).get_by_label("Assessment", exact=True).locator("option")).to_have_text(["Our agency 2026"])
    copy_example(page)
    copy_example(page)
    names = [a["name"] for a in stored(page, "readiness")["assessments"].values()]
    example = example_answers("readiness")["name"]
    assert names == ["Our agency 2026", f"{example} (copy)", f"{example} (copy)"], names
    page.reload()
    expect(assessments(page).get_by_label("Name of this assessment")).to_have_value(f"{example} (copy)")


def test_a_respondent_goes_section_by_section_with_the_summary_in_view(guarded_page: Page, site_url: str):
    """Start, answer a whole section: the summary bar stays in view, says the result is provisional, and
    the next section is one click away; the result names the sections still open."""
    page = guarded_page
    page.set_viewport_size({"width": 1280, "height": 800})
    open_tool(page, site_url, "readiness")
    expect(page.locator("[data-tk-start]")).to_be_visible()
    expect(page.locator("fieldset[data-question]").first).to_be_hidden()
    page.get_by_role("button", name="Start").click()
    section = definition("readiness")["sections"][0]
    expect(page.locator(f"section[data-section={section['id']}]")).to_be_visible()
    expect(page.locator("section[data-section]:visible")).to_have_count(1)
    for fieldset in page.locator("section[data-section]:visible fieldset[data-question]").all():
        fieldset.locator("input[type=radio]").nth(2).check()
    bar = page.locator("[data-tk-live]")
    expect(bar).to_be_in_viewport()
    expect(bar).to_contain_text("Provisional", timeout=ENGINE_MS)
    expect(page.locator("[data-tk-announce]")).to_contain_text("Section complete")
    next_title = definition("readiness")["sections"][1]
    page.get_by_role("button", name=f"Next: {next_title.get('short_title', next_title['title'])}").click()
    expect(page.locator(f"section[data-section={next_title['id']}]")).to_be_visible()
    show_result(page)
    summary = result(page).locator(".tk-summary")
    expect(summary).to_contain_text("the result is provisional")
    expect(summary).to_contain_text(next_title.get("short_title", next_title["title"]))
    expect(summary).not_to_contain_text("Overall:")


def test_file_pickers_look_like_the_buttons_beside_them(guarded_page: Page, site_url: str):
    """Every button of the start screen, file pickers included, has its words centred in its box."""
    page = guarded_page
    open_tool(page, site_url, "readiness")
    off_centre = page.evaluate("""() => [...document.querySelectorAll('[data-tk-start] .tk-buttons .md-button')]
        .filter((button) => button.offsetParent).map((button) => {
            const box = button.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(button);
            const words = range.getBoundingClientRect();
            return [button.textContent.trim(), Math.abs((words.top - box.top) - (box.bottom - words.bottom))];
        }).filter(([, gap]) => gap > 3)""")
    assert off_centre == []


def test_the_result_starts_with_what_to_do_and_links_back_to_the_question(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "risk")
    copy_example(page)
    expected = example_result("risk")
    actions = result(page).locator(".tk-priorities li")
    expect(actions).to_have_count(len(expected["priorities"]), timeout=ENGINE_MS)
    first = expected["priorities"][0]
    expect(actions.first).to_contain_text(first["title"])
    # The highest-rated harm comes first, and "Go to the question" opens it in its section.
    rank = {level["id"]: i for i, level in enumerate(definition("risk")["levels"])}
    assert rank[first["level"]] == max(rank[p["level"]] for p in expected["priorities"])
    assert result(page).inner_html().index("tk-priorities") < result(page).inner_html().index("tk-details")
    actions.first.get_by_role("link", name="Go to the question").click()
    fieldset = page.locator(f"fieldset[data-question='{first['question']}']")
    expect(fieldset).to_be_visible()
    expect(fieldset.locator("[data-tk-level]")).to_contain_text(first["level_name"])
    # The focus is on the answer given, not on the first option: a key pressed there must not change it.
    expect(fieldset.locator("input:checked").first).to_be_focused()


# Every score request the page sends to the engine's worker, counted as it is posted.
COUNT_SCORES = """(() => {
  const post = Worker.prototype.postMessage;
  window.__scores = 0;
  Worker.prototype.postMessage = function (message) {
    if (String(message?.request).startsWith('{"action":"score"')) window.__scores += 1;
    return post.call(this, message);
  };
})()"""


def test_one_click_on_an_answer_is_scored_once(guarded_page: Page, site_url: str):
    """A click on a choice fires both "input" and "change": it is one edit, and the engine scores it once
    (scored twice, every click waited for a second, identical score)."""
    page = guarded_page
    page.add_init_script(COUNT_SCORES)
    open_tool(page, site_url, "readiness")
    wait_engine(page)
    vision = question(page, "Leadership has set out a clear vision")
    for choice, count in (("Partly in place", 1), ("In place and used across the agency", 2)):
        before = page.evaluate("window.__scores")
        vision.get_by_label(choice).check()
        expect(result(page).locator(".tk-summary__headline")).to_have_text(
            headline(example_result("readiness", {"culture-vision": "partial" if count == 1 else "in-place"})), timeout=ENGINE_MS)
        # A second request for the same click is posted with the first, before the first's answer arrives.
        assert page.evaluate("window.__scores") - before == 1, "one click, one score"


def test_a_rated_harm_shows_its_level_as_soon_as_it_is_rated(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "risk")
    creep = question(page, "function creep")
    creep.get_by_role("group", name="Likelihood").get_by_label("4 Likely").check()
    creep.get_by_role("group", name="Severity").get_by_label("4 Major").check()
    rows = example_result("risk", {"law-function-creep": {"likelihood": 4, "severity": 4}})["questions"]
    level = next(r["level_name"] for r in rows if r["id"] == "law-function-creep")
    expect(creep.locator("[data-tk-level]")).to_have_text(f"Level: {level}", timeout=ENGINE_MS)


def test_answer_before_python_then_reload_restore_and_erase(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    # Answers given at once (Python may still be starting) count immediately and are scored later.
    question(page, "Leadership has set out a clear vision").get_by_label("In place and used across the agency").check()
    question(page, "Every proposal to develop, buy or use").get_by_label("Partly in place").check()
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 2))
    expect(page.locator("[data-tk-section-count=culture]")).to_have_text(f"2 of {question_count('readiness', 'culture')}")
    expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    expect(result(page)).to_contain_text(progress_text("readiness", 2) + ": the result is provisional", timeout=ENGINE_MS)

    page.reload()  # the address keeps the section: the respondent is back where they were
    vision = question(page, "Leadership has set out a clear vision")
    expect(vision.get_by_label("In place and used across the agency")).to_be_visible()
    expect(vision.get_by_label("In place and used across the agency")).to_be_checked()
    expect(question(page, "Every proposal to develop, buy or use").get_by_label("Partly in place")).to_be_checked()
    expect(page.locator("[data-tk-saved]")).to_contain_text("Restored")
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 2))
    expect(result(page)).to_contain_text("provisional", timeout=ENGINE_MS)

    erase(page)
    expect(page.locator("[data-tk-saved]")).to_contain_text("erased from this browser")
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 0))
    expect(result(page)).to_be_hidden()
    assert stored(page, "readiness") is None
    page.reload()
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 0))
    expect(question(page, "Leadership has set out a clear vision").get_by_label("In place and used")).not_to_be_checked()


def test_named_assessments_create_rename_switch_delete(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "risk")
    assessments(page).get_by_label("Name of this assessment").fill("Facial recognition pilot 2026")
    creep = question(page, "function creep")
    creep.get_by_role("group", name="Likelihood").get_by_label("4 Likely").check()
    creep.get_by_role("group", name="Severity").get_by_label("4 Major").check()
    expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")

    panel = assessments(page)
    panel.get_by_role("button", name="New assessment").click()
    name = panel.get_by_label("Name of this assessment")
    expect(name).to_be_focused()
    name.fill("Crime report chatbot 2026")
    expect(question(page, "function creep").get_by_role("group", name="Likelihood").get_by_label("4 Likely")).not_to_be_checked()
    harm = question(page, "People's rights, such as privacy, are interfered with")
    harm.get_by_label("Not applicable to this system").check()
    expect(harm.get_by_role("group", name="Likelihood").get_by_label("1 Rare")).to_be_disabled()

    chooser = assessments(page).get_by_label("Assessment", exact=True)
    expect(chooser.locator("option")).to_have_text(["Facial recognition pilot 2026", "Crime report chatbot 2026"])
    chooser.select_option(label="Facial recognition pilot 2026")
    expect(assessments(page).get_by_label("Name of this assessment")).to_have_value("Facial recognition pilot 2026")
    expect(question(page, "function creep").get_by_role("group", name="Likelihood").get_by_label("4 Likely")).to_be_checked()
    expect(question(page, "People's rights, such as privacy").get_by_label("Not applicable to this system")).not_to_be_checked()
    expect(page.locator("[data-tk-live]")).to_contain_text("at least High", timeout=ENGINE_MS)

    page.reload()
    expect(assessments(page).get_by_label("Name of this assessment")).to_have_value("Facial recognition pilot 2026")
    page.once("dialog", lambda dialog: dialog.accept())
    assessments(page).get_by_role("button", name="Delete this assessment").click()
    expect(assessments(page).get_by_label("Assessment", exact=True).locator("option")).to_have_text(["Crime report chatbot 2026"])
    expect(question(page, "People's rights, such as privacy").get_by_label("Not applicable to this system")).to_be_checked()
    data = stored(page, "risk")
    assert [a["name"] for a in data["assessments"].values()] == ["Crime report chatbot 2026"]


def test_save_answers_file_and_open_it_to_resume(guarded_page: Page, site_url: str, tmp_path):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    assessments(page).get_by_label("Name of this assessment").fill("Northbridge baseline")
    question(page, "Leadership has set out a clear vision").get_by_label("Embedded in how the agency works").check()
    wait_engine(page)
    show_result(page)
    with page.expect_download() as download:
        page.locator(".tk-panel--files").get_by_role("button", name="Save answers to a file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"readiness-northbridge-baseline-{date.today().isoformat()}.json"
    data = json.loads(saved.read_text())
    assert data["format"] == "rai-toolkit-answers" and data["questionnaire"] == "readiness"
    assert data["name"] == "Northbridge baseline" and data["version"] == definition("readiness")["version"]
    assert data["answers"] == {"culture-vision": "embedded"}

    erase(page)
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 0))

    page.get_by_label("Open an answers file").set_input_files(saved)
    expect(page.locator("[data-tk-file-message]")).to_contain_text(f"Opened {saved.name}")
    expect(question(page, "Leadership has set out a clear vision").get_by_label("Embedded in how")).to_be_checked()
    expect(assessments(page).get_by_label("Name of this assessment")).to_have_value("Northbridge baseline")
    expect(result(page)).to_contain_text(progress_text("readiness", 1))


@pytest.mark.parametrize("content, reason", [
    ("this is not JSON", "the file is not valid JSON (line 1, column 1)"),
    ((ROOT / "docs/tools/examples/risk-example.json").read_text(),
     "for another questionnaire ('risk'), not for “{title}”"),
    ('{"answers": {}}', "not an answers file"),
])
def test_bad_or_foreign_file_is_refused_and_answers_stay(guarded_page: Page, site_url: str, content, reason):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    question(page, "Leadership has set out a clear vision").get_by_label("Partly in place").check()
    wait_engine(page)
    go_to_start(page)
    page.get_by_label("Open an answers file").set_input_files(
        {"name": "answers.json", "mimeType": "application/json", "buffer": content.encode()})
    message = page.get_by_role("alert").filter(has_text="could not be opened")
    expect(message).to_contain_text(reason.format(title=definition("readiness")["title"]), timeout=ENGINE_MS)
    expect(message).to_contain_text("Your current answers are unchanged")
    expect(question(page, "Leadership has set out a clear vision").get_by_label("Partly in place")).to_be_checked()
    expect(assessments(page).get_by_label("Assessment", exact=True).locator("option")).to_have_count(1)
    assert stored(page, "readiness")["assessments"].popitem()[1]["answers"] == {"culture-vision": "partial"}


def test_reports_download_as_html_markdown_and_csv(guarded_page: Page, site_url: str, browser, tmp_path):
    page = guarded_page
    open_tool(page, site_url, "risk")
    copy_example(page)
    files = page.locator(".tk-panel--files")
    expected = example_result("risk")
    with page.expect_download() as markdown:
        files.get_by_role("button", name="Report as Markdown").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert markdown.value.suggested_filename.startswith("risk-northbridge") and markdown.value.suggested_filename.endswith(".md")
    assert text.startswith("# Risk Assessment Questionnaire")
    assert "**%s**" % headline(expected).split(": ")[0] in text.replace(":**", "**")
    assert "Northbridge Police Service" in text
    with page.expect_download() as csv:
        files.get_by_role("button", name="Answers as CSV (spreadsheet)").click()
    rows = spreadsheet_rows(Path(csv.value.path()))
    assert rows[0].startswith("section,question,text,answer")
    law = expected.get("law") or {}
    law_rows = len(law["rules"]) + len(law["checklist"]) if law.get("frame") else 0  # what the law requires
    assert len(rows) == 1 + len(expected["questions"]) + law_rows
    assert law_rows == 0 or sum(row.startswith("law:") for row in rows) == law_rows

    # The report file opens on its own, from the disk, offline, and prints with the summary first.
    with page.expect_download() as report:
        files.get_by_role("button", name="Download the report").click()
    saved = tmp_path / report.value.suggested_filename
    report.value.save_as(saved)
    assert saved.suffix == ".html"
    offline = browser.new_context(offline=True, service_workers="block")
    try:
        opened = offline.new_page()
        opened.goto(saved.as_uri())
        expect(opened.get_by_role("heading", level=1)).to_have_count(1)
        expect(opened.get_by_role("heading", level=1)).to_have_text("Risk Assessment Questionnaire")
        expect(opened.locator(".tk-summary__headline")).to_have_text(headline(expected))
        expect(opened.locator("svg.tk-chart")).to_have_count(1)
        assert opened.locator("script").count() == 0
        pdf = opened.pdf()
        assert pdf.startswith(b"%PDF")
    finally:
        offline.close()


def test_print_is_the_report_with_the_title_once(guarded_page: Page, site_url: str):
    """Print or save as PDF prints the report file itself, from a frame of the page: its title once, its
    summary, every section's answers, and nothing of the page around it."""
    page = guarded_page
    open_tool(page, site_url, "readiness")
    copy_example(page)
    expect(result(page)).to_contain_text(headline(example_result("readiness")), timeout=ENGINE_MS)
    page.locator(".tk-panel--files").get_by_role("button", name="Print or save as PDF").click()
    frame = page.locator("iframe[data-tk-print]")
    expect(frame).to_have_attribute("srcdoc", re.compile("^<!doctype html>"), timeout=ENGINE_MS)
    printed = page.frame_locator("iframe[data-tk-print]")
    expect(printed.get_by_text("Organizational Readiness Assessment", exact=True)).to_have_count(1)
    expect(printed.locator(".tk-summary__headline")).to_have_text(headline(example_result("readiness")))
    answered = {s["section"] for s in example_result("readiness")["questions"] if s["status"] not in (None, "missing")}
    expect(printed.locator("table.tk-table--answers")).to_have_count(len(answered))
    expect(printed.locator("body")).to_contain_text("Partly in place, in some units or on paper")
    expect(printed.locator(".md-header, [data-toolkit-form]")).to_have_count(0)

def _engine_total(filters: dict) -> int:
    loaded, _ = load_questionnaire_file(ROOT / "toolkit_content/questionnaires/workbook.yml")
    return score(loaded, example_answers("workbook")["answers"], filters=filters)["total"]


def test_workbook_filters_status_fields_action_plan_and_exports(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "workbook")
    copy_example(page)
    expect(result(page).locator("table.tk-table--action-plan")).to_contain_text("Head of Legal Services", timeout=ENGINE_MS)
    basis = question(page, "Which law authorises this use")
    expect(basis.get_by_role("group", name="Status").get_by_label("In progress")).to_be_checked()
    expect(basis.get_by_label("Owner")).to_have_value("Head of Legal Services")
    expect(basis.get_by_label("Due date")).to_have_value("2026-12-15")

    page.locator(".tk-panel--filters > summary").click()
    page.get_by_label("Role").select_option(label="Legal and data protection")
    page.get_by_label("Approach").select_option(label="Procure")
    filters = {"roles": ["legal-data-protection"], "approaches": ["procure"]}
    shown = _engine_total(filters)
    total = question_count("workbook")
    assert 0 < shown < total
    count = page.locator("[data-tk-filter-count]")
    expect(count).to_contain_text(f"Showing {shown} of {total} prompts", timeout=ENGINE_MS)
    expect(page.locator("[data-tk-progress-text]")).to_have_text(f"{shown} of {shown} prompts answered")

    # Exports follow the filters: the CSV has the filtered rows, the Markdown counts and lists them.
    show_result(page)
    files = page.locator(".tk-panel--files")
    with page.expect_download() as csv:
        files.get_by_role("button", name="Answers as CSV (spreadsheet)").click()
    rows = spreadsheet_rows(Path(csv.value.path()))
    assert len(rows) == 1 + shown
    with page.expect_download() as markdown:
        files.get_by_role("button", name="Report as Markdown").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    filtered = example_result("workbook", filters=filters)
    assert headline(filtered).split(": ", 1)[1] in text
    assert text.count("\n- ") >= len(filtered["action_plan"])
    if any(item["overdue"] for item in filtered["action_plan"]):
        assert "(overdue)" in text

    page.get_by_label("Role").select_option(label="All roles")
    page.get_by_label("Approach").select_option(label="All approaches")
    expect(count).to_have_text(f"Showing all {total} prompts.")

    # A new status is saved and counted at once.
    open_item = question(page, "At each review, who decides whether to continue")
    open_item.get_by_role("group", name="Status").get_by_label("Done").check()
    answers = example_answers("workbook")["answers"]
    review = next(q["id"] for s in definition("workbook")["sections"] for q in s["questions"]
                  if q["text"].startswith("At each review, who decides whether to continue"))
    answers[review] = {**answers.get(review, {}), "status": "done"}
    expect(page.locator("[data-tk-live]")).to_contain_text(headline(example_result("workbook", answers)))


def test_compare_with_an_earlier_file_shows_change_per_section(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    copy_example(page)
    earlier = example_answers("readiness")
    earlier["name"] = "Northbridge 2025"
    for qid in list(earlier["answers"]):
        if qid.startswith("culture-"):
            earlier["answers"][qid] = "not-started"
    page.get_by_label("Compare with a file").set_input_files(
        {"name": "northbridge-2025.json", "mimeType": "application/json", "buffer": json.dumps(earlier).encode()})
    table = page.locator("[data-tk-compare-result] table.tk-table--compare")
    expect(table).to_be_visible(timeout=ENGINE_MS)
    culture = table.get_by_role("row", name=re.compile("Organizational culture and mindset"))
    now = next(s for s in example_result("readiness")["sections"] if s["id"] == "culture")
    expect(culture).to_contain_text("Improved")
    expect(culture).to_contain_text("0%")
    expect(culture).to_contain_text(percent_text(now["percent"]))
    expect(table.get_by_role("row", name=re.compile("Processes: oversight committee"))).to_contain_text("No change")
    # A foreign file is refused with the engine's reason.
    page.get_by_label("Compare with a file").set_input_files(
        {"name": "other.json", "mimeType": "application/json", "buffer": b"[1, 2]"})
    expect(page.get_by_role("alert")).to_contain_text("other.json could not be compared")
    expect(table).to_have_count(0)


# Where each Tab press lands: the focused element's tag, its name and whether it can be seen.
FOCUS_STOP = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return { tag: el.tagName.toLowerCase(), name: (el.getAttribute("title") || el.textContent || "").trim().slice(0, 40),
           seen: box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden" };
}"""


def test_every_tab_stop_of_the_start_screen_can_be_seen(guarded_page: Page, site_url: str):
    """From the page's title to the Start button, Tab never lands on something invisible (such as the frame
    reports are printed from): a keyboard user would lose sight of the focus."""
    page = guarded_page
    open_tool(page, site_url, "readiness")
    page.locator("h1").evaluate("(heading) => { heading.tabIndex = -1; heading.focus(); }")
    start = page.locator("[data-tk-start]").get_by_role("button", name="Start")
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS_STOP))
        if start.evaluate("(button) => button === document.activeElement"):
            break
    else:
        raise AssertionError(f"Tab never reached the Start button: {stops}")
    assert [stop for stop in stops if not stop["seen"]] == [], stops


def test_keyboard_only_answering(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "quick-check")
    page.get_by_role("button", name="Start").focus()
    page.keyboard.press("Enter")
    first = page.locator("fieldset[data-question] input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(page.locator("fieldset[data-question] input[type=radio]").nth(1)).to_be_checked()
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("quick-check", 1))
    for _ in range(6):  # Tab on, past a learn-more link if any, to the next question's group
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    page.keyboard.press("Space")
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("quick-check", 2))
    result_button = page.locator("[data-tk-bar]").get_by_role("button", name="Result")
    result_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-tk-results-heading]")).to_be_focused()
    expect(widget(page)).to_have_attribute("data-engine", re.compile("starting|ready"))


def test_under_a_sub_path_example_results_and_links_work(guarded_page: Page, subpath_site_url: str):
    """Same build under /toolkit/ (with .wasm as application/octet-stream): example, result, links."""
    page = guarded_page
    open_tool(page, subpath_site_url, "workbook")
    open_example(page)
    expect(result(page)).to_contain_text(headline(example_result("workbook")), timeout=ENGINE_MS)
    result(page).locator(".tk-details--action-plan > summary").click()
    result(page).locator("table.tk-table--action-plan a").first.click()
    expect(page).to_have_url(re.compile(r"/toolkit/principles/[a-z-]+/#[a-z-]+$"))


def test_an_older_version_file_is_migrated_with_a_clear_account(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    wait_engine(page)
    older = example_answers("readiness")
    older["version"] = "0.9.0"
    older["answers"]["culture-retired-question"] = "partial"
    page.get_by_label("Open an answers file").set_input_files(
        {"name": "northbridge-2025.json", "mimeType": "application/json", "buffer": json.dumps(older).encode()})
    message = page.locator("[data-tk-file-message]")
    kept = len(example_answers("readiness")["answers"])
    version = definition("readiness")["version"]
    expect(message).to_contain_text(f"Opened northbridge-2025.json: {kept} answers", timeout=ENGINE_MS)
    expect(message).to_contain_text(f"moved to version {version}: {kept} kept, 1 dropped")
    expect(result(page)).to_contain_text(headline(example_result("readiness")))


def test_buttons_that_need_the_engine_say_it_is_starting(guarded_page: Page, site_url: str):
    """Pressed before Python is ready, the worked example does not seem to do nothing: the button looks
    busy, and pressing it says why nothing happens yet."""
    page = guarded_page
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # the runtime is slow to arrive
    open_tool(page, site_url, "readiness")
    example = page.locator("[data-tk-start]").get_by_role("button", name="See the worked example")
    expect(example).to_have_attribute("aria-disabled", "true")
    example.click(force=True)  # aria-disabled: Playwright would wait; a user's click gets through
    expect(page.locator("[data-tk-file-message]")).to_contain_text("still starting")
    expect(page.locator("[data-tk-preview]")).to_be_hidden()
    for route in held:  # the runtime arrives
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    wait_engine(page)
    expect(example).not_to_have_attribute("aria-disabled", "true")
    example.click()
    expect(page.locator("[data-tk-preview]")).to_be_visible(timeout=ENGINE_MS)
