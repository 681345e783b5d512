"""The JSON Schemas are the one description of the content's structure: editors' IDEs read them, and the
build checks every questionnaire and profile with them (pyscript_tools.authoring.schema)."""
import json
from pathlib import Path

import jsonschema
import pytest
from engine_helpers import FIXTURES, QDIR, REPO, role_ids

from pyscript_tools.authoring import kinds as rules
from pyscript_tools.authoring.schema import SCHEMAS, schema, validator
from pyscript_tools.authoring.yaml_source import load_yaml_with_lines
from pyscript_tools.engine import kinds, law, vocabulary

SCHEMA_PATH = SCHEMAS / "questionnaire.schema.json"
PROFILE_SCHEMA = SCHEMAS / "profile.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema="


def load(path):
    data, _, errors = load_yaml_with_lines(Path(path).read_text())
    assert not errors
    return data


@pytest.mark.parametrize("path", [SCHEMA_PATH, PROFILE_SCHEMA], ids=lambda p: p.name)
def test_the_schemas_are_valid_2020_12_schemas_and_the_ones_the_build_uses(path):
    data = json.loads(path.read_text())
    jsonschema.Draft202012Validator.check_schema(data)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMAS.resolve() == path.parent.resolve()


def test_each_validator_is_compiled_once():
    assert validator("questionnaire") is validator("questionnaire")
    assert validator("profile") is validator("profile")


@pytest.mark.parametrize("path", sorted(QDIR.glob("*.yml")) + sorted((REPO / "toolkit_content" / "questionnaires").glob("*.yml")),
                         ids=lambda p: p.name)
def test_valid_files_pass_schema(path):
    errors = [e.message for e in validator("questionnaire").iter_errors(load(path))]
    assert errors == []


@pytest.mark.parametrize("path", sorted(QDIR.glob("*.yml")), ids=lambda p: p.name)
def test_files_reference_the_schema(path):
    first = path.read_text().splitlines()[0]
    assert first.startswith(SCHEMA_LINE) and first.endswith("questionnaire.schema.json")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == SCHEMA_PATH.resolve()


def test_every_schema_line_in_the_content_leads_to_a_schema():
    """An editor follows each file's schema line: it must lead to a schema, from wherever the file sits."""
    broken = []
    for path in sorted((REPO / "toolkit_content").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith(SCHEMA_LINE) and not (path.parent / first[len(SCHEMA_LINE):]).is_file():
            broken.append(path.relative_to(REPO).as_posix())
    assert broken == []


def test_invalid_file_fails_schema():
    errors = list(validator("questionnaire").iter_errors(load(FIXTURES / "invalid" / "many-problems.yml")))
    messages = " ".join(e.message for e in errors)
    assert "colour" in messages
    assert any(list(e.path) == ["version"] for e in errors)


@pytest.mark.parametrize("path", sorted((REPO / "toolkit_content" / "profiles").glob("*.yml")), ids=lambda p: p.name)
def test_profiles_pass_their_schema_and_reference_it(path):
    assert [e.message for e in validator("profile").iter_errors(load(path))] == []
    first = path.read_text().splitlines()[0]
    assert (path.parent / first.split("=", 1)[1]).resolve() == PROFILE_SCHEMA.resolve()


def test_the_broken_profile_fails_its_schema():
    """min_level 'severe' is the build's to refuse (the levels are risk.yml's, content), not the schema's."""
    errors = list(validator("profile").iter_errors(load(FIXTURES / "invalid" / "profiles" / "broken-kind.yml")))
    assert {"short_title", "harms", "failure_modes"} <= {e.path[0] for e in errors if e.path}
    assert any("'colour' was unexpected" in e.message for e in errors)


def test_every_engine_kind_has_its_rules_module():
    assert list(rules.RULES) == list(kinds.KINDS)
    assert all(callable(module.check) for module in rules.RULES.values())


def test_the_generic_checker_names_no_kind():
    """Kind-specific rules live in authoring/kinds/ (and the kind's fields in the schema), not in branches."""
    source = (REPO / "pyscript_tools" / "authoring" / "validate.py").read_text()
    assert not [kind for kind in kinds.KINDS if f'"{kind}"' in source or f"'{kind}'" in source]


def _enums(node, found):
    """Every enum of a schema, by the name of the property it belongs to (not the conditions on a kind)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "if":
                continue
            if isinstance(value, dict) and "enum" in value:
                found.setdefault(key, []).append(value["enum"])
            elif isinstance(value, dict) and isinstance(value.get("items"), dict) and "enum" in value["items"]:
                found.setdefault(key, []).append(value["items"]["enum"])
            _enums(value, found)
    elif isinstance(node, list):
        for value in node:
            _enums(value, found)
    return found


def test_the_schemas_enumerate_what_the_engine_knows():
    """The schemas list the engine's vocabulary for editors; these lists must agree with it."""
    engine = {"kind": vocabulary.KINDS, "special": vocabulary.SPECIALS, "type": vocabulary.QUESTION_TYPES,
              "options_from": vocabulary.OPTIONS_FROM, "stage": tuple(vocabulary.STAGES),
              "stages": tuple(vocabulary.STAGES), "approaches": tuple(vocabulary.APPROACHES),
              "principle": vocabulary.PRINCIPLES}
    for name in ("questionnaire", "profile"):
        for key, lists in _enums(schema(name), {}).items():
            for listed in lists:
                if key == "propertyNames":
                    assert tuple(listed) == law.CLASSES
                elif engine.get(key) is not None:
                    assert tuple(listed) == tuple(engine[key]), (name, key)


def test_the_schemas_hold_no_content():
    """Role ids (roles.yml), level ids and harm prefixes (the profiles) are data, checked by the build."""
    text = SCHEMA_PATH.read_text() + PROFILE_SCHEMA.read_text()
    assert not [role for role in role_ids() if f'"{role}"' in text]
    assert '"critical"' not in text and "[a-z]{2}-" not in text


@pytest.mark.parametrize("mutate,problem", [
    (lambda d: d.update(colour="blue"), "colour: unknown key 'colour'"),
    (lambda d: d.update(titel="T"), "titel: unknown key 'titel': did you mean 'title'?"),
    (lambda d: d.pop("note"), "(file): missing required key 'note'"),
    (lambda d: d.update(kind="survey"), "kind: expected one of readiness, risk, workbook, got 'survey'"),
    (lambda d: d.update(title=["T"]), "title: expected non-empty text, got a list"),
    (lambda d: d.update(title="  "), "title: expected non-empty text, got '  '"),
    (lambda d: d.update(id="Bad_Id"), "id: expected an id of lower-case letters, digits and single hyphens, such as "
                                      "culture-vision, got 'Bad_Id'"),
    (lambda d: d["sections"][0].update(short_title="x" * 30), "sections[0].short_title: text is 30 characters long; "
                                                              "keep it to 26 or fewer"),
    (lambda d: d["sections"][0].update(weight=-1), "sections[0].weight: expected a number of 0 or more, got -1"),
    (lambda d: d["levels"][1].update(min=120), "levels[1].min: expected a number from 0 to 100, got 120"),
    (lambda d: d.update(levels=[]), "levels: expected a non-empty list"),
    (lambda d: d["sections"][0]["questions"][0].update(ask_if={}), "sections[0].questions[0].ask_if: must not be empty"),
    (lambda d: d["scales"].update({"Bad Name": d["scales"]["maturity"]}), "scales.'Bad Name': expected an id of"),
    (lambda d: d["sections"][0].update(screening=True), "sections[0].screening: 'screening' is only for risk sections"),
])
def test_each_schema_error_is_one_plain_sentence_at_its_field(readiness, mutate, problem):
    from pyscript_tools.authoring.validate import validate_definition

    mutate(readiness)
    problems = validate_definition(readiness, file="r.yml")
    assert any(p.startswith("r.yml:1: " + problem) for p in problems), problems
    assert not [p for p in problems if "does not fit the schema" in p or "is not valid under" in p], problems


def test_a_profile_field_needing_another_names_both():
    from pyscript_tools.authoring.checks import Checker
    from pyscript_tools.authoring.schema import check_structure

    check = Checker("p.yml", {("min_level",): 7})
    check_structure(check, {"min_level": "high"}, "profile")
    assert "p.yml:7: min_level: give 'min_level' and 'min_level_reason' together, or neither" in check.problems
    assert "p.yml:1: (file): missing required key 'harms'" in check.problems
