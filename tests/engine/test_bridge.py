"""The worker bridge: JSON in, JSON out, never raises."""
import json

import pytest

from pyscript_tools.engine import bridge


def call(**request):
    return json.loads(bridge.handle(json.dumps(request)))


@pytest.fixture(autouse=True)
def _loaded(readiness, risk, workbook):
    for d in (readiness, risk, workbook):
        assert call(action="load", definition=d)["ok"]


def test_version():
    r = call(action="version", id=7)
    assert r["ok"] and r["id"] == 7
    assert {"score", "load", "parse_answers_file", "export_markdown", "export_csv", "compare",
            "template"} <= set(r["result"]["actions"])


def test_score_with_html():
    r = call(action="score", questionnaire="readiness-mini", answers={"culture-vision": "partly"}, base_url="../")
    assert r["ok"]
    res = r["result"]
    assert res["overall"]["percent"] == 50.0 and res["complete"] is False
    assert res["svg"].startswith("<svg") and "summary" in res["html"] and "all" in res["html"]


@pytest.mark.parametrize("request_text,fragment", [
    ("not json", "not valid JSON"),
    ("[]", "request must be a JSON object"),
    ('{"action": "fly"}', "unknown action 'fly'"),
    ('{"action": "score", "questionnaire": "nope"}', "is not loaded"),
    ('{"action": "score", "questionnaire": "readiness-mini", "answers": {"x": 1}}', "unknown question id"),
    ('{"action": "score", "questionnaire": "readiness-mini", "answers": [1]}', "must be an object"),
    ('{"action": "load", "definition": {"id": "x"}}', "invalid questionnaire"),
    ('{"action": "load"}', "definition must be a JSON object"),
    ('{"action": "parse_answers_file", "questionnaire": "readiness-mini", "text": "{}"}', "not an answers file"),
    ('{"action": "score", "questionnaire": "workbook-mini", "filters": 5}', "'filters' must be an object"),
])
def test_errors_are_one_line(request_text, fragment):
    r = json.loads(bridge.handle(request_text))
    assert r["ok"] is False and fragment in r["error"] and "\n" not in r["error"]


def test_never_raises_on_odd_input():
    for text in [None, 5, b"{}", "{}", '{"action": null}', '"x"']:
        r = json.loads(bridge.handle(text))
        assert r["ok"] is False


def test_parse_answers_file_and_migration():
    text = json.dumps({"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness-mini",
                       "version": "0.9.0", "answers": {"culture-vision": "partly", "old": "x"}})
    r = call(action="parse_answers_file", questionnaire="readiness-mini", text=text)
    assert r["ok"] and r["result"]["migrated"]
    assert r["result"]["migration"]["dropped"] == [{"question": "old", "reason": "question no longer exists"}]


def test_exports_template_compare_and_answers_file():
    answers = {"culture-vision": "partly"}
    md = call(action="export_markdown", questionnaire="readiness-mini", answers=answers, name="Pilot A")
    assert md["ok"] and md["result"]["markdown"].startswith("# ") and md["result"]["filename"] == "readiness-mini-pilot-a.md"
    c = call(action="export_csv", questionnaire="readiness-mini", answers=answers)
    assert c["ok"] and c["result"]["csv"].startswith("\ufeffsection,question")  # a BOM first, for spreadsheets
    t = call(action="template", questionnaire="risk-mini")
    assert t["ok"] and "fair-bias" in t["result"]["answers"]
    f = call(action="answers_file", questionnaire="readiness-mini", answers=answers, name="Pilot A",
             created="2026-01-01T10:00:00Z")
    assert f["ok"] and f["result"]["file"]["answers"] == answers
    back = call(action="parse_answers_file", questionnaire="readiness-mini", text=f["result"]["json"])
    assert back["ok"] and back["result"]["answers"] == answers and back["result"]["name"] == "Pilot A"
    cmp_ = call(action="compare", questionnaire="readiness-mini", before=f["result"]["json"],
                after={"culture-vision": "embedded"})
    assert cmp_["ok"] and cmp_["result"]["sections"][0]["change"] == "improved" and "<table" in cmp_["result"]["html"]
    m = call(action="migrate", questionnaire="readiness-mini", answers={"culture-vision": "partly", "z": 1},
             from_version="0.1.0")
    assert m["ok"] and m["result"]["answers"] == {"culture-vision": "partly"}


def test_workbook_filters_through_bridge():
    r = call(action="score", questionnaire="workbook-mini", answers={}, filters={"roles": ["legal-data-protection"]},
             html=False)
    assert r["ok"] and r["result"]["total"] == 2 and "html" not in r["result"]


def test_definition_inline():
    from engine_helpers import load_fixture
    d = load_fixture("risk-mini")
    r = call(action="score", definition=d, answers={"screen-biometric": "yes"})
    assert r["ok"] and r["result"]["overall"]["level"] == "high"


def test_the_browser_protocol_names_exactly_the_bridge_actions(project_root):
    """protocol.js is the browser's half of the protocol: an action added, renamed or removed on one side
    and not on the other fails here."""
    import re

    script = (project_root / "overrides/assets/toolkit/engine/protocol.js").read_text(encoding="utf-8")
    block = re.search(r"ACTIONS = Object\.freeze\(\{(.*?)\}\)", script, re.S).group(1)
    named = re.findall(r'^\s*\w+: "([a-z_]+)",?$', block, re.M)
    assert len(named) == len(set(named)), "an action named twice in protocol.js"
    assert sorted(named) == sorted(bridge.ACTIONS)
