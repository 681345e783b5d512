"""The JSON Schema (editor completion) agrees with the engine on valid and invalid files."""
import json
from pathlib import Path

import jsonschema
import pytest
from engine_helpers import FIXTURES, QDIR, REPO

from pyscript_tools.build.yaml_source import load_yaml_with_lines

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
