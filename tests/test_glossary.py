"""Glossary: loading and validating the YAML, rendering the page and the tooltips."""
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from plugins.glossary import terms as glossary
from pyscript_tools.authoring.catalog import load_catalog
from pyscript_tools.engine.i18n import language, listed, tr
from tests.support import editions

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "toolkit_content" / "glossary.yml"


def parse(text):
    return glossary.parse_glossary(textwrap.dedent(text).lstrip(), "g.yml")


def problems_of(text):
    """Every problem the loader reports for `text`, each 'g.yml:LINE: FIELD: message'."""
    with pytest.raises(glossary.ContentError) as info:
        parse(text)
    assert all(re.match(r"^g\.yml:\d+: [^:]+: .+$", p) for p in info.value.problems), info.value.problems
    return info.value.problems


# --- the real glossary ---------------------------------------------------------

def test_real_glossary_loads_sorted_with_enough_terms():
    terms = glossary.load_glossary(GLOSSARY)
    assert len(terms) >= 30
    names = [glossary.collation_key(t.term) for t in terms]
    assert names == sorted(names)
    for required in ["ai-system", "machine-learning", "training-data", "bias", "explainability",
                     "human-in-the-loop", "facial-recognition", "false-positive", "proportionality"]:
        assert required in {t.id for t in terms}


def test_real_definitions_are_short():
    for term in glossary.load_glossary(GLOSSARY):
        assert term.definition.count(". ") <= 2, term.id
        assert not term.definition.endswith(" "), term.id


# --- validation messages carry file, line and field --------------------------

def test_valid_entry_with_aliases():
    [term] = parse("""
        - term: False positive
          id: false-positive
          definition: A wrong match.
          aliases: [false positives]
    """)
    assert term.names == ("False positive", "false positives")
    assert term.line == 1


def test_missing_field_reports_line_and_field():
    assert problems_of("""
        - term: Bias
          id: bias
          definition: Tilt.
        - term: Model
          id: model
    """) == ["g.yml:4: [1]: missing required key 'definition'"]


def test_bad_id_reports_its_own_line():
    [problem] = problems_of("""
        - term: Bias
          id: Bias Term
          definition: Tilt.
    """)
    assert problem.startswith("g.yml:2: [0].id: expected an id")


def test_wrong_type_and_unknown_field():
    assert problems_of("""
        - term: Bias
          id: bias
          definition: [not, text]
    """) == ["g.yml:3: [0].definition: expected non-empty text, got a list"]
    assert problems_of("""
        - term: Bias
          id: bias
          definiton: typo
    """) == ["g.yml:1: [0]: missing required key 'definition'",
             "g.yml:3: [0].definiton: unknown key 'definiton': did you mean 'definition'?"]


def test_duplicates_are_rejected():
    [problem] = problems_of("""
        - {term: Bias, id: bias, definition: One.}
        - {term: Other, id: bias, definition: Two.}
    """)
    assert problem.startswith("g.yml:2: [1].id: duplicate id 'bias'") and "line 1" in problem
    [problem] = problems_of("""
        - {term: Bias, id: bias, definition: One.}
        - {term: Other, id: other, definition: Two., aliases: [bias]}
    """)
    assert problem.startswith("g.yml:2: [1].aliases[0]: 'bias' is already defined on line 1")


def test_every_problem_is_reported_at_once():
    problems = problems_of("""
        - {term: Bias, id: Bias, definition: One.}
        - {term: Other, id: other}
        - {term: "Odd [term]", id: odd, definition: Three.}
    """)
    assert [p.split(": ")[0] for p in problems] == ["g.yml:1", "g.yml:2", "g.yml:3"]


def test_yaml_syntax_error_has_line_and_no_traceback_chain():
    with pytest.raises(glossary.ContentError) as info:
        parse("""
        - term: Bias
          id: bias
          definition: "unclosed
        - term: x
    """)
    [problem] = info.value.problems
    assert re.match(r"^g\.yml:[3-5]: \(file\): YAML syntax error", problem), problem
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_top_level_must_be_a_list_and_not_empty():
    assert "list of terms" in problems_of("term: Bias\n")[0]
    assert "empty" in problems_of("\n")[0]


# --- rendering ---------------------------------------------------------------

def test_rendered_page_has_every_term_anchored_and_letter_headings():
    terms = glossary.load_glossary(GLOSSARY)
    page = glossary.render_glossary(terms)
    for term in terms:
        assert f'<dt id="{term.id}">' in page
    assert "## A {#letter-a}" in page
    assert page.count("<dl") == page.count("</dl>")


def test_abbreviations_cover_terms_aliases_and_sentence_case():
    terms = parse("""
        - {term: Training data, id: training-data, definition: Examples., aliases: [training set]}
        - {term: AI system, id: ai-system, definition: Software.}
    """)
    lines = glossary.abbreviations(terms).splitlines()
    assert "*[Training data]: Examples." in lines
    assert "*[training data]: Examples." in lines
    assert "*[Training set]: Examples." in lines
    assert "*[AI system]: Software." in lines
    assert "*[aI system]: Software." not in lines
    assert glossary.abbreviations(terms, skip={"ai system"}).count("AI system") == 0


def test_focusable_abbrs_once_per_term_and_never_inside_links():
    html = ('<p><abbr title="A">x</abbr> <abbr title="A">x</abbr> '
            '<a href="#"><abbr title="B">y</abbr></a> <abbr title="B">y</abbr></p>')
    out = glossary.focusable_abbrs(html)
    assert out.count('tabindex="0"') == 2
    assert '<a href="#"><abbr title="B">y</abbr></a>' in out


def test_headings_lose_their_tooltips():
    html = '<h2 id="x"><abbr title="A">Bias</abbr> and more</h2><p><abbr title="A">bias</abbr></p>'
    assert glossary.focusable_abbrs(html) == '<h2 id="x">Bias and more</h2><p><abbr title="A" tabindex="0">bias</abbr></p>'


# --- the MkDocs plugin in a small site -----------------------------------------

@pytest.fixture
def small_site(tmp_path):
    pytest.importorskip("mkdocs")
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(GLOSSARY, tmp_path / "glossary.yml")
    (docs / "index.md").write_text("# Home\n\nA false positive is costly. Keep a human in the loop.\n\n"
                                   "`false positive` in code stays plain.\n", encoding="utf-8")
    (docs / "glossary.md").write_text("# Glossary\n\n<!-- toolkit-glossary -->\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""
        site_name: test
        markdown_extensions: [abbr, attr_list, md_in_html, toc]
        plugins:
          - toolkit-glossary:
              file: glossary.yml
    """), encoding="utf-8")
    return tmp_path


def build(site, caplog):
    from importlib.metadata import entry_points

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    if not entry_points(group="mkdocs.plugins", name="toolkit-glossary"):
        pytest.skip("toolkit-glossary entry point not installed (run `make venv`)")
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site"))
    try:
        mkdocs_build(config)
    except Abort:  # MkDocs logs the PluginError's message, then aborts without a traceback
        return caplog.text
    return None


def test_build_renders_glossary_page_and_tooltips(small_site, caplog):
    assert build(small_site, caplog) is None
    page = (small_site / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in glossary.load_glossary(GLOSSARY):
        assert f'id="{term.id}"' in page
    home = (small_site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<abbr tabindex="0" title=' in home or 'tabindex="0">false positive</abbr>' in home
    assert "false positive</abbr>" in home and "human in the loop</abbr>" in home
    assert "<code>false positive</code>" in home


def test_build_fails_cleanly_on_malformed_glossary(small_site, caplog):
    (small_site / "glossary.yml").write_text("- term: Bias\n  id: bias\n", encoding="utf-8")
    message = build(small_site, caplog)
    assert message is not None
    assert "toolkit-glossary: the glossary has problems:" in message
    assert "glossary.yml:1: [0]: missing required key 'definition'" in message
    assert "Traceback" not in message


def test_plural_aliases_are_not_listed_as_other_names():
    [term] = parse("""
        - term: Facial recognition
          id: facial-recognition
          definition: Face comparison.
          aliases: [facial recognitions, FRT, FRTs]
    """)
    assert glossary.other_names(term) == ["FRT"]
    page = glossary.render_glossary([term])
    assert "Also called: FRT." in page


def test_letters_and_order_follow_the_reader_not_the_code_points():
    """Accented and unaccented letters file together (État among the E), and so do Arabic alif's forms
    (أ إ آ ا): one heading each, in alphabetical order."""
    terms = parse("""
        - {term: Zone, id: zone, definition: Z.}
        - {term: État, id: etat, definition: E.}
        - {term: Ensemble, id: ensemble, definition: E.}
        - {term: إطار, id: itar, definition: A.}
        - {term: أداة, id: adat, definition: A.}
        - {term: استبيان, id: istibyan, definition: A.}
        - {term: بيانات, id: bayanat, definition: B.}
    """)
    assert [t.id for t in terms] == ["ensemble", "etat", "zone", "adat", "istibyan", "itar", "bayanat"]
    headings = re.findall(r"^## (\S+)", glossary.render_glossary(terms), re.M)
    assert headings == ["E", "Z", "ا", "ب"]


@pytest.mark.parametrize("code", editions.TRANSLATED)
def test_other_names_are_said_in_the_glossary_s_language(code: str):
    [term] = parse("""
        - {term: Facial recognition, id: facial-recognition, definition: Face comparison., aliases: [FRT, face matching]}
    """)
    catalog = load_catalog(ROOT / "toolkit_content", code).translations()
    with language(code, catalog):
        page = glossary.render_glossary([term])
        expected = tr("Also called: {names}.", names=listed(["FRT", "face matching"]))
    assert "Also called" not in page and expected in page
