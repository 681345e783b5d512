"""The quick check's next step: the full readiness assessment, with the answers that ask the same thing
carried over (continue_with in quick-check.yml), and a result whose "What to do first" names each item."""
from __future__ import annotations

from engine_helpers import REPO

from pyscript_tools.authoring.content import load_questionnaire_dir
from pyscript_tools.engine import definition as dfn
from pyscript_tools.engine.report.html import render_html
from pyscript_tools.engine.report.markdown import to_markdown
from pyscript_tools.engine.scoring import score

SITE, PROBLEMS = load_questionnaire_dir(REPO / "toolkit_content" / "questionnaires")
QUICK, FULL = SITE["quick-check"], SITE["readiness"]


def test_the_sites_questionnaires_link_their_next_steps_without_problems():
    assert PROBLEMS == []
    target = QUICK["continue_with"]["target"]
    assert target["title"] == FULL["title"] and target["version"] == FULL["version"]


def test_answers_are_carried_over_as_the_full_assessment_asks_them():
    spec = QUICK["continue_with"]
    answers = {qid: value for qid, value in zip(spec["questions"], ["yes", "partly", "no", "dont-know", "yes"])}
    following = score(QUICK, answers)["continue_with"]
    assert following["questionnaire"] == "readiness" and following["url"] == "tools/readiness/"
    assert following["answers"] == {goal: spec["values"][answers[source]] for source, goal in spec["questions"].items()}
    assert score(FULL, following["answers"])["answered"] == len(spec["questions"]), "valid answers of the full assessment"
    full_texts = {q["id"]: q["text"] for _, q in dfn.iter_questions(FULL)}
    assert [p["to"] for p in following["pairs"]] == [full_texts[g] for g in spec["questions"].values()]
    html = render_html(score(QUICK, answers), base_url="../../")["summary"]
    assert 'href="../../tools/readiness/" data-tk-continue' in html and "5 answers are carried over" in html
    assert "](../../tools/readiness/)" in to_markdown(score(QUICK, answers), base_url="../../")


def test_what_to_do_first_names_each_item_and_an_unanswered_section_has_no_points():
    result = score(QUICK, {"leadership-vision": "no", "named-lead": "no", "mixed-expertise": "partly", "risk-process": "no"})
    titles = [item["title"] for item in result["priorities"]]
    assert len(titles) == len(set(titles)) >= 3
    assert all(item["question_text"] in item["title"] for item in result["priorities"])
    empty = render_html(score(FULL, {"culture-vision": "partial"}))["chart"]
    assert "0 of 0" not in empty
