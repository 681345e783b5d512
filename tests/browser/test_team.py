"""Combining several people's answers files in the browser: read in the page, combined by the engine in
the worker, nothing uploaded; the disagreements come first, the facilitator chooses consensus answers,
and the consensus becomes an assessment of its own or a file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pyscript_tools.engine.team import combine
from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    ROOT,
    definition,
    example_file,
    go_to_start,
    open_tool,
    result,
    spreadsheet_rows,
    stored,
    wait_engine,
)

OLD_RISK = ROOT / "tests" / "fixtures" / "answers" / "risk-example-1.0.0.json"


def team_view(page: Page):
    go_to_start(page)
    page.get_by_role("button", name="Combine answers from several people").click()
    view = page.locator("[data-tk-team]")
    expect(view).to_be_visible()
    return view


def pick(page: Page, paths: list[Path]) -> None:
    page.get_by_label("Choose answers files").set_input_files([str(p) for p in paths])


def test_three_risk_files_one_older_show_the_disagreements_and_a_consensus(guarded_page: Page, site_url: str,
                                                                           tmp_path: Path):
    page = guarded_page
    files = [example_file("risk", 0), example_file("risk", 1), OLD_RISK]
    expected = combine(definition("risk"), [(p.name, p.read_bytes()) for p in files])
    assert expected["to_discuss"] and any(r["migration"] for r in expected["respondents"])
    open_tool(page, site_url, "risk")
    wait_engine(page)
    view = team_view(page)
    pick(page, files)
    team = view.locator("[data-tk-team-result]")
    expect(page.locator("[data-tk-team-message]")).to_contain_text("Combined 3 files", timeout=ENGINE_MS)
    expect(team.locator(".tk-team__summary .tk-summary__headline")).to_have_text("Answers of 3 respondents combined")
    expect(team).to_contain_text(next(r["migration"] for r in expected["respondents"] if r["migration"]))
    # To discuss first: the engine's order, each with who said what.
    by_id = {q["id"]: q for q in expected["questions"]}
    items = team.locator(".tk-team__discuss > ol > li")
    expect(items).to_have_count(len(expected["to_discuss"]))
    expect(team.locator(".tk-team__discuss details li")).to_have_count(len(expected["other_differences"]))
    first = by_id[expected["to_discuss"][0]]
    expect(items.first).to_contain_text(first["text"])
    expect(items.first.locator(".tk-team__who")).to_contain_text("Respondent 1")
    # Anonymous by default; names on request.
    expect(team).not_to_contain_text("Northbridge")
    page.get_by_label("Show respondents’ names from their files").check()
    expect(team.locator("table.tk-table--respondents")).to_contain_text("Northbridge")
    page.get_by_label("Show respondents’ names from their files").uncheck()
    expect(team.locator("table.tk-table--respondents")).not_to_contain_text("Northbridge")
    # The facilitator chooses another answer for the first question; the consensus follows.
    chooser = items.first.get_by_label("Consensus answer")
    other = next(o for o in first["options"] if o["value"] != first["consensus"])
    chooser.select_option(label="%s (%s)" % (other["text"], ", ".join(other["by"]) or "nobody"))  # who gave it
    expect(team.locator(".tk-team__discuss > ol > li").first.get_by_label("Consensus answer")).to_be_focused()
    chosen = combine(definition("risk"), [(p.name, p.read_bytes()) for p in files], choices={first["id"]: other["value"]})
    expect(team.locator(".tk-team__summary")).to_contain_text(chosen["consensus"]["result"]["headline"])
    # Saved as a file that opens like any answers file, and as a new assessment.
    with page.expect_download() as saved:
        page.get_by_role("button", name="Save the consensus to a file").click()
    consensus = json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))
    assert consensus["answers"] == chosen["consensus"]["answers"]
    page.get_by_role("button", name="Save the consensus as a new assessment").click()
    expect(page.locator("[data-tk-results]")).to_be_visible()
    expect(result(page).locator(".tk-summary__headline")).to_have_text(chosen["consensus"]["result"]["headline"],
                                                                      timeout=ENGINE_MS)
    kept = stored(page, "risk")["assessments"]
    assert [a["answers"] for a in kept.values() if a["name"] == chosen["consensus"]["name"]] == [consensus["answers"]]


@pytest.mark.parametrize("qid", ["readiness", "workbook"])
def test_readiness_and_workbook_teams_combine_and_export(guarded_page: Page, site_url: str, qid: str, tmp_path: Path):
    page = guarded_page
    original = json.loads(example_file(qid).read_text(encoding="utf-8"))
    qid_changed = next(iter(original["answers"]))
    other = {**original, "name": "Second team", "answers": {**original["answers"]}}
    other["answers"][qid_changed] = ({"status": "not-started", "owner": "Second team"} if qid == "workbook"
                                     else "not-started")
    second = tmp_path / "second.json"
    second.write_text(json.dumps(other), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    open_tool(page, site_url, qid)
    wait_engine(page)
    view = team_view(page)
    pick(page, [example_file(qid), second, broken])
    team = view.locator("[data-tk-team-result]")
    expect(page.locator("[data-tk-team-message]")).to_contain_text("Left out: broken.json", timeout=ENGINE_MS)
    expect(team.locator(".tk-team__refused")).to_contain_text("broken.json")
    changed_text = next(q["text"] for s in definition(qid)["sections"] for q in s["questions"] if q["id"] == qid_changed)
    expect(team.locator(".tk-team__discuss li").first).to_contain_text(changed_text)
    if qid == "workbook":  # an owner is typed in words: shown only with the names
        expect(team.locator(".tk-team__discuss li").first).not_to_contain_text("Second team")
        page.get_by_label("Show respondents’ names from their files").check()
        expect(team.locator(".tk-team__discuss li").first).to_contain_text("owner: Second team")
        page.get_by_label("Show respondents’ names from their files").uncheck()
        expect(team.locator(".tk-team__discuss li").first).not_to_contain_text("Second team")
    with page.expect_download() as csv:
        page.get_by_role("button", name="Answers as CSV (spreadsheet)").click()
    rows = spreadsheet_rows(Path(csv.value.path()))
    assert rows[0].startswith("section,question,text,Respondent 1,Respondent 2,consensus")
    assert len(rows) == 1 + sum(len(s["questions"]) for s in definition(qid)["sections"])
    with page.expect_download() as markdown:
        page.get_by_role("button", name="Report as Markdown").click()
    assert "## To discuss first" in Path(markdown.value.path()).read_text(encoding="utf-8")


def test_with_names_hidden_no_file_name_or_written_answer_reaches_the_view_or_an_export(guarded_page: Page, site_url: str,
                                                                                        tmp_path: Path):
    """Respondents named by their files and their words: with names hidden the facilitator sees how many
    files were read and which were refused, and nothing that ties a person to their answers."""
    page = guarded_page
    original = json.loads(example_file("workbook").read_text(encoding="utf-8"))
    people = {"readiness-ben-okafor.json": "Ben Okafor", "amira-haddad-notes.json": "Amira Haddad"}
    paths = []
    for file_name, person in people.items():
        answers = {qid: ({**value, "response": f"{person} wrote this", "owner": person} if isinstance(value, dict) else value)
                   for qid, value in original["answers"].items()}
        path = tmp_path / file_name
        path.write_text(json.dumps({**original, "name": f"{person}'s view", "answers": answers}), encoding="utf-8")
        paths.append(path)
    refused = tmp_path / "unreadable-by-lindqvist.json"
    refused.write_text("{ not json", encoding="utf-8")
    open_tool(page, site_url, "workbook")
    wait_engine(page)
    view = team_view(page)
    pick(page, [*paths, refused])
    message = page.locator("[data-tk-team-message]")
    expect(message).to_contain_text("Combined 2 files", timeout=ENGINE_MS)
    expect(view.locator(".tk-team__refused")).to_contain_text("unreadable-by-lindqvist.json")
    expect(view.locator(".tk-team__anonymous")).to_contain_text("written answers are withheld")
    shown = view.locator("[data-tk-team-result]").inner_text() + message.inner_text()
    for token in ("okafor", "Okafor", "Haddad", "haddad", "wrote this"):
        assert token not in shown, token
    exported = []
    for button in ("Report as Markdown", "Answers as CSV (spreadsheet)", "Download the report",
                   "Save the consensus to a file"):
        with page.expect_download() as download:
            view.get_by_role("button", name=button, exact=True).click()
        exported.append(Path(download.value.path()).read_text(encoding="utf-8"))
    for content in exported:
        for token in ("okafor", "Okafor", "Haddad", "haddad", "wrote this"):
            assert token not in content, token
