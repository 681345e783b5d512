"""Fixtures for the engine tests: fresh copies of the three fixture questionnaires."""
from __future__ import annotations

import copy

import pytest
from engine_helpers import load_fixture


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
