"""A readiness level says what most answers say. Answering every question with one step of the scale reaches
the level whose description is that step, so an agency that is only "partly" there everywhere is never told
that the building blocks are "in place and used" (the level names and thresholds are content: this holds
whichever an editor chooses, as long as it stays true)."""
from pathlib import Path

import pytest

from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine import definition as d
from pyscript_tools.engine.scoring import score

QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "toolkit_content" / "questionnaires"

# Each step of the answer scale, and the level that describes an agency answering it throughout.
STEPS = {
    "readiness": {"not-started": "early", "planned": "early", "partial": "developing", "in-place": "established",
                  "embedded": "advanced"},
    "quick-check": {"no": "early", "partly": "developing", "yes": "established"},
}


@pytest.mark.parametrize("qid", sorted(STEPS))
def test_one_answer_throughout_reaches_the_level_that_describes_it(qid):
    definition, problems = load_questionnaire_file(QUESTIONNAIRES / f"{qid}.yml")
    assert problems == []
    reached = {}
    for step in STEPS[qid]:
        answers = {question["id"]: step
                   for section in definition["sections"] for question in section.get("questions") or []
                   if step in [option.get("value") for option in d.options_of(definition, question)]}
        assert answers, f"no question of {qid} offers {step!r}"
        reached[step] = score(definition, answers)["overall"]["level"]
    assert reached == STEPS[qid]
