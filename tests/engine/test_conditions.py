"""Questions asked only when earlier answers make them relevant (``ask_if``): the engine and the page's
script (overrides/assets/toolkit/widget/conditions.js, tests/js/conditions.test.js) ask the same questions for the
same answers. The shared cases are in tests/fixtures/conditions.json, kept in step with the content here."""
from __future__ import annotations

import json

from engine_helpers import FIXTURES, site_risk

from pyscript_tools.engine import definition as dfn

CASES = json.loads((FIXTURES / "conditions.json").read_text(encoding="utf-8"))
RISK = site_risk()


def test_the_shared_cases_describe_the_questionnaire_as_it_is():
    sections = [s for s in RISK["sections"] if s["id"] in ("screening", "law")]
    assert CASES["questions"] == [{"id": q["id"], "askIf": q.get("ask_if")} for s in sections for q in s["questions"]]


def test_the_engine_asks_what_the_shared_cases_say():
    for case in CASES["cases"]:
        asked = {q["id"] for _, q in dfn.applicable_questions(RISK, case["answers"])}
        assert [q["id"] for q in CASES["questions"] if q["id"] in asked] == case["asked"], case["answers"]


def test_a_condition_reads_only_questions_asked_before_it():
    # identification answered, but the kind that makes the question asked is not chosen: no follow-up
    asked = {q["id"] for _, q in dfn.applicable_questions(RISK, {"law-biometric-function": ["identification"]})}
    assert "law-biometric-function" not in asked and "law-identification-timing" not in asked
