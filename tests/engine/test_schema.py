"""The JSON Schema (editor completion) agrees with the engine on valid and invalid files."""
import json
from pathlib import Path

import jsonschema
import pytest
from engine_helpers import FIXTURES, QDIR, REPO

from pyscript_tools.authoring.yaml_source import load_yaml_with_lines

SCHEMA_PATH = REPO / "toolkit_content" / "schema" / "questionnaire.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return jsonschema.Draft202012Validator(schema)


def load(path):
    data, _, errors = load_yaml_with_lines(Path(path).read_text())
    assert not errors
    return data


@pytest.mark.parametrize("path", sorted(QDIR.glob("*.yml")) + sorted((REPO / "toolkit_content" / "questionnaires").glob("*.yml")),
                         ids=lambda p: p.name)
def test_valid_files_pass_schema(validator, path):
    errors = [e.message for e in validator.iter_errors(load(path))]
    assert errors == []


@pytest.mark.parametrize("path", sorted(QDIR.glob("*.yml")), ids=lambda p: p.name)
def test_files_reference_the_schema(path):
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith("questionnaire.schema.json")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == SCHEMA_PATH.resolve()


def test_invalid_file_fails_schema(validator):
    errors = list(validator.iter_errors(load(FIXTURES / "invalid" / "many-problems.yml")))
    messages = " ".join(e.message for e in errors)
    assert "colour" in messages
    assert any(list(e.path) == ["version"] for e in errors)


PROFILE_SCHEMA = REPO / "toolkit_content" / "schema" / "profile.schema.json"


@pytest.fixture(scope="module")
def profile_validator():
    schema = json.loads(PROFILE_SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted((REPO / "toolkit_content" / "profiles").glob("*.yml")), ids=lambda p: p.name)
def test_profiles_pass_their_schema_and_reference_it(profile_validator, path):
    assert [e.message for e in profile_validator.iter_errors(load(path))] == []
    first = path.read_text().splitlines()[0]
    assert (path.parent / first.split("=", 1)[1]).resolve() == PROFILE_SCHEMA.resolve()


def test_the_broken_profile_fails_its_schema(profile_validator):
    errors = list(profile_validator.iter_errors(load(FIXTURES / "invalid" / "profiles" / "broken-kind.yml")))
    assert {"short_title", "min_level", "harms", "failure_modes"} <= {e.path[0] for e in errors if e.path}
    assert any("'colour' was unexpected" in e.message for e in errors)
