"""Helpers shared by the engine tests (a uniquely named module, so it never clashes with tests/conftest.py)."""
from __future__ import annotations

import json
from pathlib import Path

from pyscript_tools.authoring.content import load_questionnaire_file, load_roles

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
QDIR = FIXTURES / "questionnaires"


ROLES_FILE = REPO / "toolkit_content" / "roles.yml"


def role_ids():
    """The role ids of the site's roles.yml (what questionnaire tags are checked against)."""
    roles, problems = load_roles(ROLES_FILE)
    assert problems == [], problems
    return [role.id for role in roles]


def load_fixture(name):
    definition, errors = load_questionnaire_file(QDIR / f"{name}.yml")
    assert errors == [], errors
    return definition


def scoring_cases():
    return json.loads((FIXTURES / "scoring_cases.json").read_text(encoding="utf-8"))["cases"]


CONTENT = REPO / "toolkit_content"
RISK_FILE = CONTENT / "questionnaires" / "risk.yml"
PROFILES = CONTENT / "profiles"
EXAMPLES = REPO / "docs" / "tools" / "examples"


def site_risk():
    """The site's risk questionnaire as the engine receives it: its profiles merged in."""
    definition, errors = load_questionnaire_file(RISK_FILE, roles=role_ids())
    assert errors == [], errors
    return definition


def example_answers(name, definition):
    """The answers of a worked example (docs/tools/examples/NAME.json), read as the site reads them."""
    from pyscript_tools.engine.answers_file import parse_answers_file

    return parse_answers_file((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"), definition)["answers"]
