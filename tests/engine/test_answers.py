"""Answers files: precise refusals, migration across versions, templates."""
import copy
import json

import pytest

from pyscript_tools.engine.answers_file import AnswersFileError, migrate_answers, parse_answers_file, template


def wrap(answers, qid="readiness-mini", version="1.2.0", **extra):
    data = {"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": qid, "version": version,
            "name": "Facial recognition pilot 2026", "created": "2026-01-10T09:00:00Z",
            "updated": "2026-01-12T17:30:00+01:00", "answers": answers}
    data.update(extra)
    return json.dumps(data)


def test_round_trip(readiness):
    parsed = parse_answers_file(wrap({"culture-vision": "partly", "people-skills": None}), readiness)
    assert parsed["answers"] == {"culture-vision": "partly"}
    assert parsed["name"] == "Facial recognition pilot 2026"
    assert parsed["migrated"] is False and parsed["migration"] is None


@pytest.mark.parametrize("text,fragment", [
    ("", "the file is empty"),
    ("{not json", "not valid JSON"),
    ('{"answers": %s}' % ("1" * 5000), "the file is not valid JSON"),  # a number Python will not read
    ("[1, 2]", "expected an object at the top level"),
    ('{"answers": {}}', "\"format\" marker 'rai-toolkit-answers' is missing"),
    ('{"format": "something-else"}', "format is 'something-else'"),
    ('{"id": "readiness-mini", "sections": []}', "questionnaire definition, not an answers file"),
    ('{"format": "rai-toolkit-answers", "format_version": 7}', "newer than this site understands"),
    ('{"format": "rai-toolkit-answers", "format_version": "1"}', "unsupported format_version"),
    (wrap({}, qid="risk-mini"), "for another questionnaire ('risk-mini'), not for “"),
    (wrap({}, version=None), "\"version\" is missing"),
    (wrap({"culture-vision": "partly", "ghost": "x"}), "unknown question id 'ghost'"),
    (wrap({"culture-vision": "very"}), "question 'culture-vision': 'very' is not one of"),
    (wrap({}, created="yesterday"), "'created' is 'yesterday', not an ISO-8601"),
    (wrap([]), "\"answers\" must be an object"),
])
def test_precise_refusals(readiness, text, fragment):
    with pytest.raises(AnswersFileError) as info:
        parse_answers_file(text, readiness)
    message = str(info.value)
    assert fragment in message, message
    assert "\n" not in message


def test_bytes_with_bom_and_non_utf8(readiness):
    parsed = parse_answers_file("\ufeff".encode() + wrap({}).encode(), readiness)
    assert parsed["answers"] == {}
    with pytest.raises(AnswersFileError, match="not UTF-8"):
        parse_answers_file(b"\xff\xfe\x00garbage", readiness)


def test_migration_keeps_drops_and_reports_new(readiness):
    old = wrap({"culture-vision": "partly", "retired-question": "yes", "people-training": "maybe",
                "culture-dialogue": "embedded"}, version="1.0.0")
    parsed = parse_answers_file(old, readiness)
    assert parsed["migrated"] is True
    assert parsed["answers"] == {"culture-vision": "partly", "culture-dialogue": "embedded"}
    report = parsed["migration"]
    assert report["from_version"] == "1.0.0" and report["to_version"] == "1.2.0"
    assert report["kept"] == ["culture-vision", "culture-dialogue"]
    assert report["dropped"] == [
        {"question": "retired-question", "reason": "question no longer exists"},
        {"question": "people-training", "reason": "answer no longer valid: 'maybe' is not one of: no, some, all, dont-know"},
    ]
    assert report["new"] == ["people-skills"]
    assert "2 kept, 2 dropped, 1 new question" in report["summary"]


def test_migration_when_options_change(readiness):
    newer = copy.deepcopy(readiness)
    newer["version"] = "2.0.0"
    newer["scales"]["maturity"] = [o for o in newer["scales"]["maturity"] if o["value"] != "planned"]
    kept, report = migrate_answers(newer, {"culture-vision": "planned", "culture-dialogue": "embedded"}, "1.2.0")
    assert kept == {"culture-dialogue": "embedded"}
    assert report["dropped"][0]["question"] == "culture-vision"


def test_template_lists_allowed_values_and_points(readiness, risk, workbook):
    t = template(readiness, now="2026-01-01T00:00:00Z")
    assert t["format"] == "rai-toolkit-answers" and t["version"] == "1.2.0"
    assert set(t["answers"]) == {"culture-vision", "culture-dialogue", "people-skills", "people-training"}
    assert all(v is None for v in t["answers"].values())
    opts = t["allowed"]["people-training"]["options"]
    assert {"value": "some", "label": "Some units", "points": 1} in opts
    assert {"value": "dont-know", "label": "Don't know", "special": "dont-know"} in opts
    # a template is itself a valid (empty) answers file
    assert parse_answers_file(json.dumps(t), readiness)["answers"] == {}
    rated = template(risk)["allowed"]["fair-bias"]
    assert rated["type"] == "rated" and [x["value"] for x in rated["likelihood"]] == [1, 2, 3, 4]
    assert template(workbook)["allowed"]["wb-law-basis"]["status"] == [
        "not-started", "in-progress", "done", "not-applicable"]
