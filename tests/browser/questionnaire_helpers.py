"""Helpers for the questionnaire browser tests: open a tool page, wait for the engine, answer, read files."""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from playwright.sync_api import Download, Locator, Page, expect

from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.definition import applicable_questions, profile_question
from pyscript_tools.engine.kinds import kind_of
from pyscript_tools.engine.scoring import score

ROOT = Path(__file__).resolve().parents[2]
ENGINE_MS = 90_000
TOOLS = ("readiness", "risk", "workbook")


def open_tool(page: Page, base_url: str, qid: str) -> None:
    page.goto(f"{base_url}tools/{qid}/")
    expect(widget(page)).to_have_attribute("data-questionnaire", qid)


def widget(page: Page):
    return page.locator("[data-toolkit-widget]")


def result(page: Page):
    return page.locator("[data-toolkit-result]")


def wait_engine(page: Page) -> None:
    expect(widget(page)).to_have_attribute("data-engine", "ready", timeout=ENGINE_MS)


def open_example(page: Page, title: str | None = None) -> None:
    """Show a worked example (read only), as from the start screen: the only one, or the one titled `title`."""
    go_to_start(page)
    wait_engine(page)
    name = f"Worked example: {title}" if title else re.compile(r"^(See the worked example|Worked example: )")
    page.locator("[data-tk-start]").get_by_role("button", name=name).first.click()
    expect(page.locator("[data-tk-preview]")).to_be_visible(timeout=ENGINE_MS)


def copy_example(page: Page, title: str | None = None) -> None:
    """Make a worked example one of the user's own assessments."""
    open_example(page, title)
    page.get_by_role("button", name="Copy into a new assessment").click()
    expect(page.locator("[data-tk-preview]")).to_be_hidden()


def question(page: Page, text: str):
    """The question whose text contains `text`, shown: the flow opens its section first, as a respondent
    would (the section menu in the summary bar)."""
    fieldset = page.locator("fieldset[data-question]").filter(
        has=page.locator("legend", has_text=re.compile(re.escape(text)))).first
    if not fieldset.is_visible():
        go_to_section(page, fieldset.get_attribute("data-section"))
    return page.get_by_role("group", name=re.compile(re.escape(text)))


def begin(page: Page) -> None:
    """Leave the start screen for the first section still to answer."""
    page.get_by_role("button", name=re.compile(r"^(Start|Continue)")).click()
    expect(page.locator("[data-tk-bar]")).to_be_visible()


def go_to_section(page: Page, section: str) -> None:
    """Open the section `section` (its id) from the section menu, starting if need be."""
    if page.locator("[data-tk-start]").is_visible():
        begin(page)
    page.locator("[data-tk-bar]").get_by_role("button", name="Sections").click()
    page.locator(f"[data-tk-goto-section='{section}']").click()
    expect(page.locator(f"section[data-section='{section}']")).to_be_visible()


def go_to_start(page: Page) -> None:
    """Back to the start screen (the assessments and files), from the section menu."""
    if not page.locator("[data-tk-start]").is_visible():
        page.locator("[data-tk-bar]").get_by_role("button", name="Sections").click()
        page.get_by_role("link", name="Your assessments and files").click()
    expect(page.locator("[data-tk-start]")).to_be_visible()


def show_result(page: Page) -> None:
    """Open the result view (from the start screen or any section)."""
    if page.locator("[data-tk-start]").is_visible():
        begin(page)
    page.locator("[data-tk-bar]").get_by_role("button", name="Result").click()
    expect(page.locator("[data-tk-results]")).to_be_visible()


def example_file(qid: str, index: int = 0) -> Path:
    """A worked example's answers file, as the questionnaire lists them (the first by default)."""
    return ROOT / "docs" / "tools" / "examples" / definition(qid)["examples"][index]["file"]


def example_answers(qid: str, index: int = 0) -> dict:
    return json.loads(example_file(qid, index).read_text(encoding="utf-8"))


def spreadsheet_rows(path: Path) -> list[str]:
    """A downloaded CSV's lines, once it is known to start with the byte-order mark spreadsheets need."""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no byte-order mark: a spreadsheet would misread its letters"
    return data.decode("utf-8-sig").splitlines()


def stored(page: Page, qid: str):
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", f"rai-toolkit:answers:{qid}")


def download_unnamed(page: Page, button: Locator) -> Download:
    """Export an unnamed assessment as a user who declines to name it does: the first press asks for a
    name (in the file panel's message), the second goes ahead."""
    button.click()
    expect(page.locator(".tk-panel--files [data-tk-name]")).to_be_focused()
    with page.expect_download() as download:
        button.click()
    return download.value


def stored_answers_become(page: Page, qid: str, answers: dict, timeout: float = 5000) -> None:
    """Wait until the current assessment saved in this browser holds exactly `answers` (saving is debounced)."""
    page.wait_for_function(
        """([key, expected]) => {
            const record = JSON.parse(localStorage.getItem(key) || "null");
            const current = record && record.assessments && record.assessments[record.current];
            return Boolean(current) && JSON.stringify(current.answers) === JSON.stringify(expected);
        }""",
        arg=[f"rai-toolkit:answers:{qid}", answers],
        timeout=timeout,
    )


# Counts and results editors change are read from the content, never written into the tests.

@cache
def definition(qid: str) -> dict:
    loaded, problems = load_questionnaire_file(ROOT / "toolkit_content" / "questionnaires" / f"{qid}.yml")
    assert problems == [], problems
    return loaded


def question_count(qid: str, section: str | None = None, kinds: tuple[str, ...] = ()) -> int:
    """Questions a respondent sees: every common section's, the sections of the kinds of system in `kinds`,
    and the questions those kinds make relevant (as the engine asks them)."""
    found = profile_question(definition(qid))
    answers = {found[1]["id"]: list(kinds)} if found and kinds else {}
    return sum(1 for s, _ in applicable_questions(definition(qid), answers) if section in (None, s["id"]))


def shown_count(qid: str, answers: dict) -> int:
    """Questions a respondent with `answers` sees (the kinds of system they ticked add their sections, and
    their answers the questions they make relevant)."""
    return sum(1 for _ in applicable_questions(definition(qid), answers))


def progress_text(qid: str, answered: int, total: int | None = None) -> str:
    """What the progress line says, e.g. '2 of 50 questions answered'."""
    noun = kind_of(definition(qid)).NOUN
    return f"{answered} of {question_count(qid) if total is None else total} {noun} answered"


def example_result(qid: str, answers: dict | None = None, filters: dict | None = None, index: int = 0) -> dict:
    """What the engine makes of a worked example (or of `answers`)."""
    return score(definition(qid), example_answers(qid, index)["answers"] if answers is None else answers, filters=filters)


def headline(result: dict) -> str:
    return kind_of(result).headline(result)
