"""A refused answers file gets one plain sentence in the edition's own language: no text from Python's JSON
parser (English, and about characters), no internal questionnaire id where the questionnaire has a title,
no request key in front of the reason."""
import json

import pytest
from engine_helpers import EXAMPLES, REPO

from pyscript_tools.authoring.catalog import load_catalog
from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine import bridge
from pyscript_tools.engine.i18n import language

PARSER_WORDS = ("Expecting", "delimiter", "char ", "property name")


def edition(code: str, qid: str = "readiness") -> dict:
    """The site's questionnaire `qid` as the edition in `code` sends it to the engine."""
    catalog = load_catalog(REPO / "toolkit_content", code).translations() if code != "en" else {}
    with language(code, catalog):
        definition, problems = load_questionnaire_file(REPO / "toolkit_content" / "questionnaires" / f"{qid}.yml",
                                                       language=None if code == "en" else code)
    assert problems == [], problems
    return {**definition, "language": code, "interface": catalog}


def refusal(definition: dict, action: str, text: str) -> str:
    key = "before" if action == "compare" else "text"
    request = {"action": action, "definition": definition, key: text}
    if action == "compare":
        request["after"] = {}
    response = json.loads(bridge.handle(json.dumps(request)))
    assert response["ok"] is False, response
    return response["error"]


def test_broken_json_is_refused_with_where_not_with_the_parser_s_words():
    message = refusal(edition("en"), "parse_answers_file", '{"format": "rai-toolkit-answers",\n  oops}')
    assert message == "the file is not valid JSON (line 2, column 3)"


def test_a_file_of_another_questionnaire_names_this_one_by_its_title():
    definition = edition("en")
    message = refusal(definition, "parse_answers_file", (EXAMPLES / "risk-example.json").read_text(encoding="utf-8"))
    assert message == f"these answers are for another questionnaire ('risk'), not for “{definition['title']}”"


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
@pytest.mark.parametrize("action", ["parse_answers_file", "compare"])
def test_a_translated_edition_refuses_a_file_in_its_own_words(code, action):
    definition = edition(code)
    broken = refusal(definition, action, "{not json")
    foreign = refusal(definition, action, (EXAMPLES / "risk-example.json").read_text(encoding="utf-8"))
    for message in (broken, foreign):
        assert not any(word in message for word in PARSER_WORDS), message
        assert not message.startswith(("before:", "file:")), message
    english = refusal(edition("en"), action, "{not json")
    assert broken != english and "1" in broken  # translated, and still says where
    assert definition["title"] in foreign
