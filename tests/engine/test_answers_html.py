"""The printed answers tables (pyscript_tools.engine.report.answers_table) and the bridge's opt-in `answers_table` flag."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.bridge import handle
from pyscript_tools.engine.report.answers_table import answers_html
from pyscript_tools.engine.scoring import score

ROOT = Path(__file__).resolve().parents[2]


def _definition(qid):
    definition, errors = load_questionnaire_file(ROOT / "toolkit_content" / "questionnaires" / f"{qid}.yml")
    assert not errors
    return definition


def _example(qid):
    return json.loads((ROOT / "docs" / "tools" / "examples" / f"{qid}-example.json").read_text())["answers"]


def test_readiness_answers_show_option_labels_per_section():
    d = _definition("readiness")
    html = answers_html(score(d, {"culture-vision": "partial"}))
    assert html.count("<table") == len(d["sections"])
    assert "Answers: Organizational culture and mindset" in html
    assert "Partly in place, in some units or on paper" in html
    assert "Not answered" in html


def test_risk_answers_show_ratings_levels_notes_and_not_applicable():
    d = _definition("risk")
    answers = {"law-no-legal-basis": "not-applicable",
               "law-legal-change": {"likelihood": 3},
               "law-function-creep": {"likelihood": 3, "severity": 4, "note": "Other <units> asked"}}
    html = answers_html(score(d, answers))
    assert "Not applicable" in html
    assert "Likelihood 3 (Possible), severity 4 (Major): High" in html
    assert "<th scope=\"col\">Note</th>" in html and "<td data-label=\"Note\">Other &lt;units&gt; asked</td>" in html
    # a half-rated harm is not an answer
    row = html.split("A change in law")[1].split("</tr>")[0]
    assert "Not answered" in row


def test_workbook_answers_show_status_response_owner_due():
    d = _definition("workbook")
    html = answers_html(score(d, _example("workbook")))
    assert "<th scope=\"col\">Owner</th>" in html
    assert "Head of Legal Services" in html and "2026-12-15" in html
    assert "(Planning and design)" in html


@pytest.mark.parametrize("flag", [True, False])
def test_bridge_adds_answers_fragment_only_when_asked(flag):
    d = _definition("readiness")
    response = json.loads(handle(json.dumps({"action": "score", "definition": d, "answers": _example("readiness"),
                                             "answers_table": flag})))
    assert response["ok"]
    assert ("answers" in response["result"]["html"]) is flag


def test_risk_summary_names_the_screening_answer_and_labels_links_in_words():
    from pyscript_tools.engine.report.html import level_html

    html = level_html(score(_definition("risk"), _example("risk")), "../../")
    assert "screen-application" not in html
    question = next(q for s in _definition("risk")["sections"] for q in s["questions"] if q["id"] == "screen-application")
    assert "%s Answer: Facial recognition and other biometrics – These systems process biometric data" % question["text"] in html
    assert '<a href="../../roadmap/processes/#oversight-committee">Oversight committee</a>' in html
    assert '<a href="../../principles/">Principles</a>' in html
