"""Unit tests of each scoring rule."""
import pytest

from pyscript_tools.engine.answers import AnswersError, check_answers
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.text import round1

# ---------------------------------------------------------------- readiness

def test_readiness_dont_know_scores_zero_and_is_a_knowledge_gap(readiness):
    r = score(readiness, {"culture-vision": "dont-know", "culture-dialogue": "embedded"})
    culture = r["sections"][0]
    assert (culture["score"], culture["max"], culture["percent"]) == (4, 8, 50.0)
    assert [g["question"] for g in r["knowledge_gaps"]] == ["culture-vision"]
    assert "culture-vision" in [x["question"] for x in r["recommendations"]]


def test_readiness_not_applicable_leaves_score_and_max(readiness):
    r = score(readiness, {"culture-vision": "not-applicable", "culture-dialogue": "partly"})
    culture = r["sections"][0]
    assert (culture["score"], culture["max"], culture["percent"]) == (2, 4, 50.0)
    assert culture["answered"] == 2


def test_readiness_unanswered_is_neither_zero_nor_full(readiness):
    r = score(readiness, {"culture-vision": "partly"})
    culture = r["sections"][0]
    assert (culture["score"], culture["max"]) == (2, 4)
    assert r["complete"] is False
    assert [m["question"] for m in r["missing"]] == ["culture-dialogue", "people-skills", "people-training"]
    assert culture["missing"] == ["culture-dialogue"]


def test_readiness_levels_from_thresholds(readiness):
    # 40 % is the Developing threshold: exactly at it counts as Developing
    readiness["sections"][0]["questions"][0]["options"] = [
        {"value": "a", "label": "A", "points": 0}, {"value": "b", "label": "B", "points": 2},
        {"value": "c", "label": "C", "points": 5}]
    del readiness["sections"][0]["questions"][0]["scale"]
    assert score(readiness, {"culture-vision": "b"})["sections"][0]["level"] == "developing"
    assert score(readiness, {"culture-vision": "a"})["sections"][0]["level"] == "early"
    assert score(readiness, {"culture-vision": "c"})["sections"][0]["level"] == "established"


def test_readiness_overall_is_weighted_mean_of_section_percentages(readiness):
    r = score(readiness, {"culture-vision": "embedded", "culture-dialogue": "embedded",
                          "people-skills": "not-started", "people-training": "no"})
    assert [s["percent"] for s in r["sections"]] == [100.0, 0.0]
    assert r["overall"]["percent"] == 33.3  # (100*1 + 0*2) / 3
    readiness["sections"][1]["weight"] = 1
    assert score(readiness, {"culture-vision": "embedded", "culture-dialogue": "embedded",
                             "people-skills": "not-started", "people-training": "no"})["overall"]["percent"] == 50.0


def test_readiness_recommendation_for_each_answer_below_best(readiness):
    r = score(readiness, {"culture-vision": "in-place", "culture-dialogue": "embedded", "people-training": "all"})
    recs = r["recommendations"]
    assert [x["question"] for x in recs] == ["culture-vision"]
    assert recs[0]["link"] == "roadmap/organizational-culture.md#why-culture-matters"
    assert recs[0]["url"] == "roadmap/organizational-culture/#why-culture-matters"
    # falls back to the section link
    r = score(readiness, {"culture-dialogue": "planned"})
    assert r["recommendations"][0]["link"] == "roadmap/organizational-culture.md#the-right-mindset"


def test_round_half_up():
    assert round1(6.25) == 6.3 and round1(100 / 3) == 33.3 and round1(0.0) == 0.0 and round1(200 / 3) == 66.7


# ---------------------------------------------------------------- risk

def test_risk_matrix_maps_pairs(risk):
    for (lik, sev), expected in {(1, 1): "low", (2, 2): "medium", (3, 3): "high", (4, 4): "critical",
                             (1, 4): "medium", (4, 1): "medium"}.items():
        r = score(risk, {"fair-bias": {"likelihood": lik, "severity": sev}})
        assert r["sections"][2]["level"] == expected
        assert r["overall"]["level"] == expected


def test_risk_section_is_worst_item_and_overall_worst_section(risk):
    r = score(risk, {"law-no-basis": {"likelihood": 1, "severity": 1},
                     "law-disproportionate": {"likelihood": 3, "severity": 3},
                     "fair-bias": {"likelihood": 2, "severity": 2}})
    assert [s["level"] for s in r["sections"]] == [None, "high", "medium"]
    assert r["overall"]["level"] == "high"
    assert r["overall"]["action"] == "escalate"
    assert r["overall"]["links"] == ["roadmap/processes.md#oversight-committee"]


def test_risk_screening_sets_a_floor(risk):
    r = score(risk, {"screen-biometric": "yes", "fair-bias": {"likelihood": 1, "severity": 1}})
    assert r["overall"]["level"] == "high"
    assert r["overall"]["floor"] == "high"
    assert r["overall"]["red_flags"][0]["question"] == "screen-biometric"
    # a worse rated item still wins over the floor
    r = score(risk, {"screen-biometric": "yes", "fair-bias": {"likelihood": 4, "severity": 4}})
    assert r["overall"]["level"] == "critical"


def test_risk_numeric_totals_and_heatmap(risk):
    r = score(risk, {"law-no-basis": {"likelihood": 2, "severity": 3},
                     "fair-bias": {"likelihood": 2, "severity": 3}})
    assert (r["overall"]["score"], r["overall"]["max"]) == (12, 32)
    assert r["heatmap"]["counts"][1][2] == 2
    assert sum(map(sum, r["heatmap"]["counts"])) == 2


def test_risk_not_applicable_item(risk):
    r = score(risk, {"law-no-basis": "not-applicable"})
    assert r["sections"][1]["answered"] == 1 and r["sections"][1]["max"] == 0


def test_risk_dont_know_screening_is_a_gap(risk):
    r = score(risk, {"screen-biometric": "dont-know"})
    assert [g["question"] for g in r["knowledge_gaps"]] == ["screen-biometric"]
    assert r["recommendations"][0]["question"] == "screen-biometric"


def test_risk_half_rated_item_is_unanswered(risk):
    r = score(risk, {"fair-bias": {"likelihood": 3}})
    assert "fair-bias" in [m["question"] for m in r["missing"]]


# ---------------------------------------------------------------- workbook

def test_workbook_progress_per_principle_and_stage(workbook):
    r = score(workbook, {"wb-law-basis": {"status": "done"}, "wb-law-contract": "not-applicable",
                         "wb-ha-oversight": {"status": "done"}, "wb-ha-review": {"status": "in-progress"}})
    assert [(s["id"], s["done"], s["max"], s["percent"]) for s in r["sections"]] == [
        ("lawfulness", 1, 1, 100.0), ("human-autonomy", 1, 2, 50.0)]
    stages = {s["id"]: (s["done"], s["max"]) for s in r["stages"]}
    assert stages == {"planning-design": (1, 1), "development-procurement": (0, 0),
                      "deployment-use": (1, 1), "monitoring-evaluation": (0, 1)}
    # Each stage says how many of its prompts have a status (not applicable included), as sections do.
    assert {s["id"]: (s["answered"], s["total"]) for s in r["stages"]} == {
        "planning-design": (1, 1), "development-procurement": (1, 1), "deployment-use": (1, 1),
        "monitoring-evaluation": (1, 1)}
    assert [s["id"] for s in r["stages"]] == ["planning-design", "development-procurement",
                                              "deployment-use", "monitoring-evaluation"]
    assert r["overall"]["level"] == "underway"


def test_workbook_filters(workbook):
    by_role = score(workbook, {}, filters={"roles": ["legal-data-protection"]})
    assert [q["id"] for q in by_role["questions"]] == ["wb-law-basis", "wb-law-contract"]
    by_stage = score(workbook, {}, filters={"stages": ["deployment-use"]})
    assert [q["id"] for q in by_stage["questions"]] == ["wb-ha-oversight"]
    by_approach = score(workbook, {}, filters={"approaches": ["develop"]})
    assert [q["id"] for q in by_approach["questions"]] == ["wb-law-basis", "wb-ha-oversight"]
    both = score(workbook, {}, filters={"roles": ["oversight-committee"], "approaches": ["deploy"]})
    assert [q["id"] for q in both["questions"]] == ["wb-ha-oversight", "wb-ha-review"]


def test_workbook_action_plan_sorted_by_due_date(workbook):
    r = score(workbook, {"wb-law-basis": {"status": "in-progress", "due": "2026-09-01", "owner": "Legal"},
                         "wb-law-contract": {"status": "not-started", "due": "2026-04-01"},
                         "wb-ha-oversight": {"status": "done"}}, today="2026-06-01")
    plan = r["action_plan"]
    assert [p["question"] for p in plan] == ["wb-law-contract", "wb-law-basis", "wb-ha-review"]
    assert [p["overdue"] for p in plan] == [True, False, False]
    assert plan[1]["owner"] == "Legal"


def test_workbook_response_kept(workbook):
    r = score(workbook, {"wb-law-basis": {"status": "done", "response": "Yes, the 2024 Act"}})
    assert r["questions"][0]["response"] == "Yes, the 2024 Act"


# ---------------------------------------------------------------- all

@pytest.mark.parametrize("answers,fragment", [
    ({"nope": "x"}, "unknown question id"),
    ({"culture-vision": "bogus"}, "'bogus' is not one of"),
    ({"culture-vision": {"likelihood": 1}}, "is not one of"),
])
def test_invalid_answers_raise_one_line(readiness, answers, fragment):
    with pytest.raises(AnswersError) as info:
        score(readiness, answers)
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_invalid_risk_and_workbook_answers(risk, workbook):
    assert check_answers(risk, {"fair-bias": {"likelihood": 9, "severity": 1}})
    assert check_answers(risk, {"fair-bias": {"likelihood": 1, "severity": 1, "colour": "red"}})
    assert check_answers(workbook, {"wb-law-basis": {"status": "finished"}})
    assert check_answers(workbook, {"wb-law-basis": {"status": "done", "due": "2026-02-30"}})
    assert check_answers(workbook, {"wb-law-basis": {"status": "done", "due": "2026-02-28"}}) == []


def test_determinism(readiness, risk, workbook):
    import json
    for d, a in ((readiness, {"culture-vision": "partly"}), (risk, {"screen-biometric": "yes"}),
                 (workbook, {"wb-law-basis": {"status": "done"}})):
        assert json.dumps(score(d, a), sort_keys=True) == json.dumps(score(d, dict(reversed(list(a.items())))), sort_keys=True)


def test_empty_form_values_are_unanswered(readiness, risk, workbook):
    r = score(readiness, {"culture-vision": "", "culture-dialogue": None})
    assert r["answered"] == 0
    r = score(risk, {"fair-bias": {"likelihood": "", "severity": ""}, "law-no-basis": {"likelihood": "2", "severity": "3"}})
    assert r["answered"] == 1 and r["sections"][1]["level"] == "medium"
    r = score(workbook, {"wb-law-basis": {"status": "", "owner": "", "due": "", "response": " "}})
    assert r["answered"] == 0


@pytest.mark.parametrize("entry", [{"owner": "Carol", "due": "2026-12-01"}, {"response": "draft"}, {"due": "2026-12-01"}])
def test_a_prompt_with_an_owner_a_date_or_a_response_but_no_status_is_not_started(workbook, entry):
    """A team that gives each prompt an owner and a date before answering it (as the Workbook's page advises)
    sees those prompts in the action plan, not a blank result."""
    r = score(workbook, {"wb-law-basis": entry}, today="2026-12-08")
    assert r["answered"] == 1
    assert r["questions"][0]["status"] == "not-started"
    assert "wb-law-basis" not in [m["question"] for m in r["missing"]]
    planned = next(p for p in r["action_plan"] if p["question"] == "wb-law-basis")
    assert (planned["status"], planned["owner"], planned["overdue"]) == (
        "not-started", entry.get("owner", ""), "due" in entry)
