"""An option ticked alone ("None of these") cannot stand with another in the answers of a multi question: a
file that says both is refused with one sentence (the form clears the others as it is ticked)."""
from engine_helpers import site_risk

from pyscript_tools.engine.answers import answer_problem


def _exclusive_and_others(definition):
    """A multi question of the site's risk questionnaire with an option ticked alone, that option and another."""
    for section in definition["sections"]:
        for question in section["questions"]:
            alone = [o["value"] for o in question.get("options") or [] if o.get("exclusive")]
            others = [o["value"] for o in question.get("options") or [] if not o.get("exclusive")]
            if alone and others:
                return section, question, alone[0], others[0]
    raise AssertionError("no multi question of risk.yml has an option ticked alone")


def test_an_option_ticked_alone_is_refused_beside_another():
    risk = site_risk()
    section, question, alone, other = _exclusive_and_others(risk)
    assert answer_problem(risk, section, question, [alone]) is None
    assert answer_problem(risk, section, question, [other]) is None
    problem = answer_problem(risk, section, question, [other, alone])
    assert problem == f"'{alone}' cannot be ticked together with another answer"
