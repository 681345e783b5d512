"""The shared scoring fixtures (also run inside Pyodide) checked against hand-computed expectations."""
import pytest
from engine_helpers import load_fixture, scoring_cases

from pyscript_tools.engine.scoring import score


def summarise(r):
    return {
        "complete": r["complete"], "answered": r["answered"], "total": r["total"],
        "overall_percent": r["overall"].get("percent"), "overall_level": r["overall"]["level"],
        "overall_score": r["overall"]["score"], "overall_max": r["overall"]["max"],
        "recommendations": [x["question"] for x in r["recommendations"]],
        "knowledge_gaps": [x["question"] for x in r["knowledge_gaps"]],
        "missing": [x["question"] for x in r["missing"]],
        "action_plan": [x["question"] for x in r.get("action_plan") or []],
        "overdue": [x["question"] for x in r.get("action_plan") or [] if x["overdue"]],
        "sections": {s["id"]: [s["score"], s["max"], s["percent"], s["level"]] for s in r["sections"]},
    }


@pytest.mark.parametrize("case", scoring_cases(), ids=lambda c: c["name"])
def test_case(case):
    definition = load_fixture(case["questionnaire"])
    result = score(definition, case["answers"], filters=case.get("filters"), today=case.get("today"))
    got = summarise(result)
    for key, expected in case["expect"].items():
        if key == "sections":
            assert {k: got["sections"][k] for k in expected} == expected
        else:
            assert got[key] == expected, key


@pytest.mark.parametrize("case", scoring_cases(), ids=lambda c: c["name"])
def test_result_has_required_keys(case):
    definition = load_fixture(case["questionnaire"])
    r = score(definition, case["answers"], filters=case.get("filters"), today=case.get("today"))
    for key in ("questionnaire", "version", "complete", "answered", "total", "overall", "sections",
                "recommendations", "note"):
        assert key in r
    assert {"score", "max", "level"} <= set(r["overall"])
    for s in r["sections"]:
        assert {"id", "title", "score", "max", "level", "answered", "total"} <= set(s)
    for rec in r["recommendations"]:
        assert {"question", "text", "link"} <= set(rec)
    assert r["note"] == definition["note"]
    assert r["questionnaire"] == definition["id"] and r["version"] == definition["version"]
