"""Helpers shared by the engine tests (a uniquely named module, so it never clashes with tests/conftest.py)."""
from __future__ import annotations

import json
from pathlib import Path

from pyscript_tools.loading import load_questionnaire_file

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
QDIR = FIXTURES / "questionnaires"


def load_fixture(name):
    definition, errors = load_questionnaire_file(QDIR / f"{name}.yml")
    assert errors == [], errors
    return definition


def scoring_cases():
    return json.loads((FIXTURES / "scoring_cases.json").read_text(encoding="utf-8"))["cases"]
