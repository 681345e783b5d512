"""Shared helpers for the engine tests."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pyscript_tools.loading import load_questionnaire_file

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
QDIR = FIXTURES / "questionnaires"


def load_fixture(name):
    definition, errors = load_questionnaire_file(QDIR / f"{name}.yml")
    assert errors == [], errors
    return definition


@pytest.fixture(scope="session")
def _defs():
    return {n: load_fixture(n) for n in ("readiness-mini", "risk-mini", "workbook-mini")}


@pytest.fixture
def readiness(_defs):
    return copy.deepcopy(_defs["readiness-mini"])


@pytest.fixture
def risk(_defs):
    return copy.deepcopy(_defs["risk-mini"])


@pytest.fixture
def workbook(_defs):
    return copy.deepcopy(_defs["workbook-mini"])


def scoring_cases():
    return json.loads((FIXTURES / "scoring_cases.json").read_text(encoding="utf-8"))["cases"]
