"""Plural forms by rules given as data: the engine's categories are the browser's (Unicode CLDR, as Node's
Intl.PluralRules gives them) for every edition's rules, and a count takes its category's text."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pyscript_tools.authoring.catalog import load_catalog
from pyscript_tools.engine import plural
from pyscript_tools.engine.i18n import PLURAL_RULES, language, trn

ROOT = Path(__file__).resolve().parents[2]
ARABIC = {"zero": "n = 0", "one": "n = 1", "two": "n = 2", "few": "n % 100 = 3..10", "many": "n % 100 = 11..99"}
COUNTS = [*range(0, 230), 1000, 1001, 1011, 1.5, 0.5]


def _editions() -> dict[str, dict]:
    rules = {"en": plural.ENGLISH, "ar": ARABIC}
    for folder in sorted((ROOT / "toolkit_content" / "i18n").iterdir()):
        about = load_catalog(ROOT / "toolkit_content", folder.name).about
        rules[folder.name] = about.get(PLURAL_RULES) or plural.ENGLISH
    return rules


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (npm ci installs the rest)")
@pytest.mark.parametrize(("code", "rules"), sorted(_editions().items()))
def test_the_engine_counts_as_the_browser_does(code: str, rules: dict):
    script = (f"const r = new Intl.PluralRules({json.dumps(code)});"
              f"console.log(JSON.stringify({json.dumps(COUNTS)}.map((n) => r.select(n))))")
    browser = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    # CLDR gives French and Spanish a "many" form for round millions, which no count here reaches.
    engine = [plural.category(rules, n) for n in COUNTS]
    assert [(n, e, b) for n, e, b in zip(COUNTS, engine, browser, strict=True) if e != b] == []


def test_a_count_takes_its_category_s_text():
    forms = {"zero": "لا ملفات", "one": "ملف واحد", "two": "ملفان", "few": "{n} ملفات", "many": "{n} ملفًا", "other": "{n} ملف"}
    with language("ar", {PLURAL_RULES: ARABIC, "{n} files": forms}):
        assert [trn("{n} file", "{n} files", n) for n in (0, 1, 2, 3, 11, 100)] == [
            "لا ملفات", "ملف واحد", "ملفان", "3 ملفات", "11 ملفًا", "100 ملف"]
    with language("fr", {PLURAL_RULES: {"one": "i = 0,1"}, "{n} file": "{n} fichier", "{n} files": "{n} fichiers"}):
        assert [trn("{n} file", "{n} files", n) for n in (0, 1, 1.5, 2)] == [
            "0 fichier", "1 fichier", "1.5 fichier", "2 fichiers"]
    assert [trn("{n} file", "{n} files", n) for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]


def test_a_rule_that_cannot_be_read_is_reported():
    assert plural.problems({"one": "n = 1"}) == []
    assert plural.problems({"one": "n is one", "several": "n = 2"}) == [
        "'several' is not a CLDR plural category (zero, one, two, few, many, other)",
        "one: not a plural rule condition: 'n is one'"]
