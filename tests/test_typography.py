"""Typography by rule: editors type ordinary spaces, and no built page, interface string or report lets a
French colon, question mark or closing guillemet, or a French or Spanish percent sign or group of thousands,
wrap onto the next line."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pyscript_tools.authoring.catalog import load_catalog
from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.authoring.typography import NBSP, NNBSP, typeset, typeset_html
from pyscript_tools.engine.i18n import definition_language, language
from pyscript_tools.engine.report.csv import to_csv
from pyscript_tools.engine.report.document import report_document
from pyscript_tools.engine.report.markdown import to_markdown
from pyscript_tools.engine.scoring import score
from tests.support import editions

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "tools" / "examples"
# An ordinary space where a language wants a no-break one. Both: between a number and %, between groups of
# thousands; French also before ; ! ? : », after «.
_NUMBERS = r"\d %|(?<![\d.,])\d{1,3} \d{3}(?![\d,.]?\d)"
BREAKABLE = {"fr": re.compile(rf"\S +[;!?»](?=\s|$)|\S +:(?=\s|$)|« |{_NUMBERS}"), "es": re.compile(_NUMBERS)}
TYPESET_EDITIONS = [code for code in editions.TRANSLATED if code in BREAKABLE]


def breakable(text: str, code: str = "fr") -> list[str]:
    """The places in ``text`` where a line could break inside one of the language's typographic units."""
    return [text[max(0, m.start() - 25):m.end() + 5] for m in BREAKABLE[code].finditer(text)]


def test_an_arabic_line_keeps_a_legal_reference_whole_and_in_its_order():
    typed = "المادة 5(1)(h) و26(4) من اللائحة 2024/1689، والفقرة (3)"
    once = typeset(typed, "ar")
    assert once == "المادة \u20665(1)(h)\u2069 و\u206626(4)\u2069 من اللائحة 2024/1689، والفقرة (3)"
    assert typeset(once, "ar") == once
    html = typeset_html("<p>المادة 5(1)(h)</p><code>5(1)(h)</code>", "ar")
    assert html == "<p>المادة \u20665(1)(h)\u2069</p><code>5(1)(h)</code>"


def test_french_spaces_are_made_unbreakable_and_the_rule_is_idempotent():
    typed = "Que faire ? Voici la règle : « le test » ; 50 % des 12 000 agents, 3 Mo !"
    once = typeset(typed, "fr")
    assert once == (f"Que faire{NNBSP}? Voici la règle{NBSP}: «{NNBSP}le test{NNBSP}»{NNBSP}; "
                    f"50{NBSP}% des 12{NNBSP}000 agents, 3{NBSP}Mo{NNBSP}!")
    assert typeset(once, "fr") == once
    assert breakable(once) == []


def test_spanish_numbers_keep_their_unit_and_groups_and_punctuation_is_left_as_typed():
    typed = "¿Qué hacer? El 50 % de los 12 000 agentes: 3 MB «así»."
    once = typeset(typed, "es")
    assert once == f"¿Qué hacer? El 50{NBSP}% de los 12{NNBSP}000 agentes: 3{NBSP}MB «así»."
    assert typeset(once, "es") == once
    assert breakable(once, "es") == []


@pytest.mark.parametrize("kept", ["https://example.org/page?a=b", "à 10:30", "`x ? y : z`", "[voir](page.md?x)",
                                  "{count} ?", "en 2024 500 agences"])
def test_what_is_not_prose_is_left_as_typed(kept: str):
    assert typeset(kept, "fr").replace(f"{NNBSP}?", " ?") == kept


def test_english_is_left_alone():
    assert typeset("Why ? Because : this", "en") == "Why ? Because : this"


def test_html_markup_code_and_text_in_another_language_are_left_alone():
    html = ('<p title="a : b">Oui ? <code>a : b</code> <span lang="en">Why ?</span> non !</p>'
            '<script>x ? y : z</script><pre><b>k ; v</b></pre><br> Fin :')
    assert typeset_html(html, "fr") == (
        f'<p title="a : b">Oui{NNBSP}? <code>a : b</code> <span lang="en">Why ?</span> non{NNBSP}!</p>'
        f'<script>x ? y : z</script><pre><b>k ; v</b></pre><br> Fin{NBSP}:')


class _EditionText(HTMLParser):
    """The text a reader of the page's language sees or hears: no code, scripts, styles or passages marked as
    another language."""

    SKIPPED = frozenset({"code", "pre", "script", "style", "kbd", "samp", "textarea"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self, code: str):
        super().__init__(convert_charrefs=True)
        self.code = code
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        skipped = (self.stack and self.stack[-1]) or tag in self.SKIPPED or bool(lang and lang.split("-")[0] != self.code)
        self.stack.append(bool(skipped))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def edition_text(html: str, code: str = "fr") -> str:
    parser = _EditionText(code)
    parser.feed(html)
    return " ".join(parser.text)


@pytest.mark.parametrize("code", TYPESET_EDITIONS)
def test_no_page_breaks_a_line_inside_a_typographic_unit(built_site, code: str):
    offending = {}
    for page in sorted((built_site / code).rglob("*.html")):
        found = breakable(edition_text(page.read_text(encoding="utf-8"), code), code)
        if found:
            offending[page.relative_to(built_site).as_posix()] = found[:3]
    assert offending == {}


@pytest.mark.parametrize("code", TYPESET_EDITIONS)
def test_the_interface_strings_the_browser_gets_are_typeset(built_site, code: str):
    page = (built_site / code / "tools" / "readiness" / "index.html").read_text(encoding="utf-8")
    strings = json.loads(re.search(r'<script type="application/json" data-tk-interface>(.*?)</script>', page, re.S)
                         .group(1).replace("\\u003c", "<"))
    assert strings, "the tool page carries its interface strings"
    forms = {english: text if isinstance(text, dict) else {"": text} for english, text in strings.items()}
    assert {english: texts for english, texts in forms.items() if any(breakable(t, code) for t in texts.values())} == {}


@pytest.mark.parametrize("code", TYPESET_EDITIONS)
@pytest.mark.parametrize("qid", ["readiness", "risk", "workbook"])
def test_the_engines_reports_are_typeset(qid: str, code: str):
    catalog = load_catalog(ROOT / "toolkit_content", code).translations()
    with language(code, catalog):
        definition, problems = load_questionnaire_file(ROOT / "toolkit_content" / "questionnaires" / f"{qid}.yml",
                                                       language=code)
    assert problems == []
    definition = {**definition, "language": code, "interface": catalog}
    answers = json.loads((EXAMPLES / f"{qid}-example.json").read_text(encoding="utf-8"))["answers"]
    with definition_language(definition):
        result = score(definition, answers)
        outputs = {"html": edition_text(report_document(result, name="Equipo"), code),
                   "markdown": to_markdown(result, name="Equipo"), "csv": to_csv(result)}
    assert {kind: breakable(text, code)[:3] for kind, text in outputs.items() if breakable(text, code)} == {}


# The decimal mark of each edition (docs/maintainers/languages.md): a percentage written with the other one.
WRONG_DECIMAL = {"fr": re.compile(r"\d+\.\d+\s?%"), "es": re.compile(r"\d+,\d+\s?%"), "ar": re.compile(r"\d+,\d+\s?%")}


@pytest.mark.parametrize("code", sorted(WRONG_DECIMAL))
def test_percentages_use_the_edition_s_decimal_mark(code: str):
    """French writes 38,4 %; Spanish 38.4 %, as its Academies allow and the engine writes; Arabic 38.4%."""
    from tests.test_terms import written_in

    found = [f"{path.relative_to(ROOT)}:{number}: {match.group()!r}" for path in written_in(code)
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for match in WRONG_DECIMAL[code].finditer(line)]
    assert found == []
