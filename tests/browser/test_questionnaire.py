"""The questionnaire experience in a real Chromium, as a user sees it: answer, live result, autosave and
restore, erase, named assessments, files (save, open, refuse), reports, print view, workbook filters,
compare. Every test runs under `guarded_page`: no request may leave the test server's origin."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pyscript_tools.build.content import load_questionnaire_file
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.text import percent_text
from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    ROOT,
    definition,
    example_answers,
    example_result,
    headline,
    open_example,
    open_tool,
    progress_text,
    question,
    question_count,
    result,
    stored,
    wait_engine,
    widget,
)


@pytest.mark.parametrize("qid", ["readiness", "risk", "workbook"])
def test_worked_example_answers_the_whole_instrument(guarded_page: Page, site_url: str, qid: str):
    """Each instrument answered fully (its worked example) gives the complete result the engine promises."""
    page = guarded_page
    open_tool(page, site_url, qid)
    open_example(page)
    expected = example_result(qid)
    expect(result(page)).to_contain_text(headline(expected), timeout=ENGINE_MS)
    expect(result(page)).to_contain_text(expected["overall"]["next_step"])
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text(qid, question_count(qid)))
    expect(page.get_by_label("Assessment", exact=True)).to_contain_text("Northbridge Police Service")
    # The engine's chart comes with its accessible table, and recommendations link into the guidance.
    expect(result(page).locator("svg.tk-chart[role=img]")).to_have_count(1)
    expect(result(page).locator("table.tk-table--chart")).to_have_count(1)
    expect(result(page).locator(".tk-summary__note")).to_contain_text("indicative")
    first_link = result(page).locator(".tk-recommendations a").first
    href = first_link.get_attribute("href")
    assert href.startswith("../../") and "#" in href, href
    first_link.click()
    expect(page).not_to_have_url(re.compile(rf"tools/{qid}/$"))
    assert page.url.split("#")[1]
    expect(page.locator(f"[id='{page.url.split('#')[1]}']")).to_have_count(1)


def test_answer_before_python_then_reload_restore_and_erase(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    # Answers given at once (Python may still be starting) count immediately and are scored later.
    question(page, "Leadership has set out a clear vision").get_by_label("In place and used across the agency").check()
    question(page, "Every proposal to develop, buy or use").get_by_label("Partly in place").check()
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 2))
    expect(page.locator("[data-tk-section-count=culture]")).to_have_text(f"2 of {question_count('readiness', 'culture')}")
    expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")
    expect(page.locator(".tk-panel__lead")).to_contain_text("Saved automatically in this browser")
    expect(result(page)).to_contain_text(progress_text("readiness", 2) + ": the result is provisional", timeout=ENGINE_MS)
    expect(result(page)).to_contain_text("Organizational culture and mindset")

    page.reload()
    vision = question(page, "Leadership has set out a clear vision")
    expect(vision.get_by_label("In place and used across the agency")).to_be_checked()
    expect(question(page, "Every proposal to develop, buy or use").get_by_label("Partly in place")).to_be_checked()
    expect(page.locator("[data-tk-saved]")).to_contain_text("Restored")
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 2))
    expect(result(page)).to_contain_text("provisional", timeout=ENGINE_MS)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase my answers from this browser").click()
    expect(page.locator("[data-tk-saved]")).to_contain_text("erased from this browser")
    expect(vision.get_by_label("In place and used across the agency")).not_to_be_checked()
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 0))
    expect(result(page)).to_be_hidden()
    assert stored(page, "readiness") is None
    page.reload()
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 0))
    expect(vision.get_by_label("In place and used across the agency")).not_to_be_checked()


def test_named_assessments_create_rename_switch_delete(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "risk")
    name = page.get_by_label("Name of this assessment")
    name.fill("Facial recognition pilot 2026")
    creep = question(page, "function creep")
    creep.get_by_role("group", name="Likelihood").get_by_label("4 Likely").check()
    creep.get_by_role("group", name="Severity").get_by_label("4 Major").check()
    expect(page.locator("[data-tk-saved]")).to_contain_text("Saved in this browser")

    page.get_by_role("button", name="New assessment").click()
    expect(name).to_be_focused()
    name.fill("Crime report chatbot 2026")
    expect(creep.get_by_role("group", name="Likelihood").get_by_label("4 Likely")).not_to_be_checked()
    harm = question(page, "People's rights, such as privacy, are interfered with")
    harm.get_by_label("Not applicable to this system").check()
    expect(harm.get_by_role("group", name="Likelihood").get_by_label("1 Rare")).to_be_disabled()

    chooser = page.get_by_label("Assessment", exact=True)
    expect(chooser.locator("option")).to_have_text(["Facial recognition pilot 2026", "Crime report chatbot 2026"])
    chooser.select_option(label="Facial recognition pilot 2026")
    expect(name).to_have_value("Facial recognition pilot 2026")
    expect(creep.get_by_role("group", name="Likelihood").get_by_label("4 Likely")).to_be_checked()
    expect(harm.get_by_label("Not applicable to this system")).not_to_be_checked()
    expect(result(page)).to_contain_text("Overall risk level: High", timeout=ENGINE_MS)

    page.reload()
    expect(page.get_by_label("Name of this assessment")).to_have_value("Facial recognition pilot 2026")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this assessment").click()
    expect(chooser.locator("option")).to_have_text(["Crime report chatbot 2026"])
    expect(harm.get_by_label("Not applicable to this system")).to_be_checked()
    data = stored(page, "risk")
    assert [a["name"] for a in data["assessments"].values()] == ["Crime report chatbot 2026"]


def test_save_answers_file_and_open_it_to_resume(guarded_page: Page, site_url: str, tmp_path):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    page.get_by_label("Name of this assessment").fill("Northbridge baseline")
    question(page, "Leadership has set out a clear vision").get_by_label("Embedded in how the agency works").check()
    wait_engine(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save answers to a file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "readiness-northbridge-baseline.json"
    data = json.loads(saved.read_text())
    assert data["format"] == "rai-toolkit-answers" and data["questionnaire"] == "readiness"
    assert data["name"] == "Northbridge baseline" and data["version"] == definition("readiness")["version"]
    assert data["answers"] == {"culture-vision": "embedded"}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase my answers from this browser").click()
    expect(page.locator("[data-tk-progress-text]")).to_have_text(progress_text("readiness", 0))

    page.get_by_label("Open an answers file").set_input_files(saved)
    expect(page.locator("[data-tk-file-message]")).to_contain_text("Opened readiness-northbridge-baseline.json")
    expect(question(page, "Leadership has set out a clear vision").get_by_label("Embedded in how")).to_be_checked()
    expect(page.get_by_label("Name of this assessment")).to_have_value("Northbridge baseline")
    expect(result(page)).to_contain_text(progress_text("readiness", 1))


@pytest.mark.parametrize("content, reason", [
    ("this is not JSON", "not valid JSON"),
    ((ROOT / "docs/tools/examples/risk-example.json").read_text(), "for questionnaire 'risk', not 'readiness'"),
    ('{"answers": {}}', "not an answers file"),
])
def test_bad_or_foreign_file_is_refused_and_answers_stay(guarded_page: Page, site_url: str, content, reason):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    vision = question(page, "Leadership has set out a clear vision")
    vision.get_by_label("Partly in place").check()
    page.get_by_label("Open an answers file").set_input_files(
        {"name": "answers.json", "mimeType": "application/json", "buffer": content.encode()})
    message = page.get_by_role("alert").filter(has_text="could not be opened")
    expect(message).to_contain_text(reason, timeout=ENGINE_MS)
    expect(message).to_contain_text("Your current answers are unchanged")
    expect(vision.get_by_label("Partly in place")).to_be_checked()
    expect(page.get_by_label("Assessment", exact=True).locator("option")).to_have_count(1)
    assert stored(page, "readiness")["assessments"].popitem()[1]["answers"] == {"culture-vision": "partial"}


def test_markdown_and_csv_reports_download(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "risk")
    open_example(page)
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Download the report (Markdown)").click()
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    name = markdown.value.suggested_filename
    assert name.startswith("risk-northbridge") and name.endswith(".md")
    assert text.startswith("# Risk Assessment Questionnaire")
    assert "**Overall risk level:** High" in text
    assert "Northbridge Police Service" in text
    with page.expect_download() as csv:
        page.get_by_role("button", name="Download the answers (CSV)").click()
    rows = Path(csv.value.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("section,question,text,answer")
    assert len(rows) == 1 + question_count("risk")


def test_print_view_is_a_clean_report(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    open_example(page)
    expect(result(page)).to_contain_text(headline(example_result("readiness")), timeout=ENGINE_MS)
    page.emulate_media(media="print")
    header = page.locator("[data-tk-print-header]")
    expect(header).to_be_visible()
    expect(header).to_contain_text(f"Organizational Readiness Assessment, version {definition('readiness')['version']}")
    expect(header).to_contain_text(re.compile(r"Assessment: Northbridge Police Service.*Report date: \d{4}-\d\d-\d\d"))
    for hidden in [".md-header", ".md-sidebar--primary", ".md-footer", "[data-toolkit-form]", ".tk-panel--assessments",
                   ".tk-panel--files", ".tk-panel--progress", "#how-it-works"]:
        expect(page.locator(hidden).first).to_be_hidden()
    expect(result(page).locator(".tk-summary__headline")).to_have_text(headline(example_result("readiness")))
    expect(result(page).locator("svg.tk-chart")).to_be_visible()
    expect(result(page).locator(".tk-recommendations")).to_be_visible()
    answers = page.locator("[data-tk-print-answers]")
    expect(answers).to_be_visible()
    expect(answers.locator("table")).to_have_count(10)
    expect(answers).to_contain_text("Partly in place, in some units or on paper")
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    page.emulate_media(media="screen")
    expect(answers).to_be_hidden()
    expect(page.locator("[data-toolkit-form]")).to_be_visible()


def _engine_total(filters: dict) -> int:
    definition, _ = load_questionnaire_file(ROOT / "toolkit_content/questionnaires/workbook.yml")
    return score(definition, example_answers("workbook")["answers"], filters=filters)["total"]


def test_workbook_filters_status_fields_and_action_plan(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "workbook")
    open_example(page)
    expect(result(page).locator("table.tk-table--action-plan")).to_be_visible(timeout=ENGINE_MS)
    expect(result(page).locator("table.tk-table--action-plan")).to_contain_text("Head of Legal Services")
    basis = question(page, "Which law authorises this use")
    expect(basis.get_by_role("group", name="Status").get_by_label("In progress")).to_be_checked()
    expect(basis.get_by_label("Owner")).to_have_value("Head of Legal Services")
    expect(basis.get_by_label("Due date")).to_have_value("2026-12-15")

    page.get_by_label("Role").select_option(label="Legal and data protection")
    legal = _engine_total({"roles": ["legal-data-protection"]})
    assert 0 < legal < question_count("workbook")
    count = page.locator("[data-tk-filter-count]")
    expect(count).to_contain_text(f"Showing {legal} of {question_count('workbook')} prompts", timeout=ENGINE_MS)
    expect(page.locator("fieldset[data-question]:visible")).to_have_count(legal)
    expect(page.locator("[data-tk-progress-text]")).to_have_text(f"{legal} of {legal} prompts answered")

    page.emulate_media(media="print")
    expect(page.locator("[data-tk-print-header]")).to_contain_text("Only the prompts for Role: Legal and data protection")
    page.emulate_media(media="screen")

    page.get_by_label("Life-cycle stage").select_option(label="Monitoring and evaluation")
    both = _engine_total({"roles": ["legal-data-protection"], "stages": ["monitoring-evaluation"]})
    expect(count).to_contain_text(f"Showing {both} of {question_count('workbook')} prompts")
    expect(page.locator("fieldset[data-question]:visible")).to_have_count(both)

    page.get_by_label("Role").select_option(label="All roles")
    page.get_by_label("Life-cycle stage").select_option(label="All stages")
    expect(count).to_have_text(f"Showing all {question_count('workbook')} prompts.")
    expect(page.locator("fieldset[data-question]:visible")).to_have_count(question_count("workbook"))

    # A new status is saved and counted at once.
    open_item = question(page, "At each review, who decides whether to continue")
    open_item.get_by_role("group", name="Status").get_by_label("Done").check()
    answers = example_answers("workbook")["answers"]
    review = next(q["id"] for s in definition("workbook")["sections"] for q in s["questions"]
                  if q["text"].startswith("At each review, who decides whether to continue"))
    answers[review] = {**answers.get(review, {}), "status": "done"}
    expect(result(page)).to_contain_text(headline(example_result("workbook", answers)))


def test_compare_with_an_earlier_file_shows_change_per_section(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
    open_example(page)
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


def test_keyboard_only_answering(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "quick-check")
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
    erase = page.get_by_role("button", name="Erase my answers from this browser")
    erase.focus()
    expect(erase).to_be_focused()
    expect(widget(page)).to_have_attribute("data-engine", re.compile("starting|ready"))


def test_under_a_sub_path_example_results_and_links_work(guarded_page: Page, subpath_site_url: str):
    """Same build under /toolkit/ (with .wasm as application/octet-stream): example, result, links."""
    page = guarded_page
    open_tool(page, subpath_site_url, "workbook")
    open_example(page)
    expect(result(page)).to_contain_text(headline(example_result("workbook")), timeout=ENGINE_MS)
    link = result(page).locator("table.tk-table--action-plan a").first
    link.click()
    expect(page).to_have_url(re.compile(r"/toolkit/principles/[a-z-]+/#[a-z-]+$"))


def test_an_older_version_file_is_migrated_with_a_clear_account(guarded_page: Page, site_url: str):
    page = guarded_page
    open_tool(page, site_url, "readiness")
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
