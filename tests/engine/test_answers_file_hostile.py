"""The answers-file parser against random and hostile input (hypothesis): whatever the text, it either
returns answers that fit the questionnaire or refuses with one short plain sentence. It never raises
anything else, never recurses into deep nesting, never echoes a long value back."""
import json

import pytest
from engine_helpers import load_fixture
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyscript_tools.engine import bridge, jsonsafe
from pyscript_tools.engine import definition as dfn
from pyscript_tools.engine.answers import check_answers, normalise_answers
from pyscript_tools.engine.answers_file import AnswersFileError, parse_answers_file

READINESS = load_fixture("readiness-mini")
QUESTION_IDS = [q["id"] for _, q in dfn.iter_questions(READINESS)]
SHORT = 300  # characters: the longest refusal a user should ever read
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
hostile_keys = st.sampled_from(["__proto__", "constructor", "prototype", "__class__", "", "\u0000", "a" * 500])


def header(**fields):
    base = {"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": READINESS["id"],
            "version": READINESS["version"], "answers": {}}
    base.update(fields)
    return base


def outcome(text):
    """The parsed answers, or the refusal's message."""
    try:
        return parse_answers_file(text, READINESS)
    except AnswersFileError as exc:
        return str(exc)


def assert_sound(result):
    if isinstance(result, str):
        assert result and len(result) <= SHORT and "\n" not in result, result[:500]
        assert "Traceback" not in result
    else:
        assert set(result["answers"]) <= set(QUESTION_IDS)
        assert check_answers(READINESS, result["answers"]) == []


@SETTINGS
@given(json_values)
def test_any_json_document_is_parsed_or_refused_plainly(value):
    assert_sound(outcome(json.dumps(value)))


@SETTINGS
@given(st.dictionaries(st.sampled_from(list(header())), json_values, max_size=6))
def test_any_field_of_any_type_is_parsed_or_refused_plainly(fields):
    assert_sound(outcome(json.dumps(header(**fields))))


@SETTINGS
@given(st.dictionaries(st.one_of(hostile_keys, st.sampled_from(QUESTION_IDS), st.text(max_size=20)),
                       json_values, max_size=8))
def test_any_answers_mapping_is_parsed_or_refused_plainly(answers):
    result = outcome(json.dumps(header(answers=answers)))
    assert_sound(result)
    if set(normalise_answers(answers)) - set(QUESTION_IDS):  # empty values count as unanswered
        assert isinstance(result, str), "an unknown question id must be refused"


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_is_parsed_or_refused_plainly(text):
    assert_sound(outcome(text))


@pytest.mark.parametrize("depth", [jsonsafe.MAX_DEPTH + 1, 1_000, 100_000])
@pytest.mark.parametrize("bracket", ["[]", "{}"])
def test_deep_nesting_is_refused_before_parsing(depth, bracket):
    opening, closing = bracket
    inner = (opening + ('"k":' if opening == "{" else "")) * (depth - 1) + "0" * (opening == "[") + closing * (depth - 1)
    inner = inner.replace('"k":' + closing, '"k":0' + closing, 1) if opening == "{" else inner
    text = '{"answers": %s}' % inner
    message = outcome(text)
    assert isinstance(message, str) and "nested" in message and len(message) <= SHORT


def test_nesting_inside_strings_does_not_count():
    text = json.dumps(header(name="[" * 10_000 + "{" * 10_000))
    assert outcome(text)["name"].startswith("[[[")


def test_a_file_over_the_size_limit_is_refused_by_size():
    text = json.dumps(header(name="x" * (jsonsafe.MAX_FILE_BYTES + 1)))
    message = outcome(text)
    assert message == "the file is larger than %s" % jsonsafe.megabytes(jsonsafe.MAX_FILE_BYTES)


def test_size_counts_bytes_not_characters():
    """Four-byte characters: fewer characters than the limit, more bytes."""
    text = json.dumps(header(name="😀" * (jsonsafe.MAX_FILE_BYTES // 4 + 10)), ensure_ascii=False)
    assert len(text) < jsonsafe.MAX_FILE_BYTES
    assert "larger than" in outcome(text)


def test_a_long_invalid_value_is_not_echoed_back():
    text = json.dumps(header(answers={QUESTION_IDS[0]: "x" * 1_000_000, QUESTION_IDS[1]: "y"}))
    message = outcome(text)
    assert isinstance(message, str) and len(message) <= SHORT
    assert "1000002 characters" in message and "(and 1 more problem)" in message


@SETTINGS
@given(json_values)
def test_the_bridge_answers_any_request_with_a_short_error(value):
    response = json.loads(bridge.handle(json.dumps(value)))
    assert isinstance(response, dict) and isinstance(response["ok"], bool)
    if not response["ok"]:
        assert len(response["error"]) <= SHORT


def test_the_bridge_refuses_a_deeply_nested_request_plainly():
    response = json.loads(bridge.handle('{"action": "score", "answers": ' + "[" * 50_000 + "]" * 50_000 + "}"))
    assert response == {"ok": False, "error": "the request is nested more than %d levels deep, which an answers "
                        "file never is" % bridge.REQUEST_MAX_DEPTH}
