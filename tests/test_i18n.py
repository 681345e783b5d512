"""A second language, end to end below the browser: the French edition lacks nothing the build needs,
the catalogue check finds what is missing, an overlay's mistake is reported with file and line, the
engine answers in French, and answers files do not depend on the language."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pyscript_tools.authoring import untranslated
from pyscript_tools.authoring.catalog import check, extract, load_catalog, placeholders
from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.answers_file import new_answers_file, parse_answers_file
from pyscript_tools.engine.i18n import definition_language, language, tr, trn
from pyscript_tools.engine.report.markdown import to_markdown
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.text import percent_text

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = ROOT / "toolkit_content" / "questionnaires"
EXAMPLES = ROOT / "docs" / "tools" / "examples"


def french(qid: str) -> dict:
    """A questionnaire as the French build publishes it: French texts, French interface catalogue."""
    catalog = load_catalog(ROOT / "toolkit_content", "fr").entries
    with language("fr", catalog):
        definition, problems = load_questionnaire_file(QUESTIONNAIRES / f"{qid}.yml", language="fr")
    assert problems == []
    return {**definition, "language": "fr", "interface": catalog}


def test_the_french_edition_lacks_nothing_the_build_needs():
    problems = untranslated.interface_problems(ROOT, "fr") + untranslated.content_problems(ROOT, "fr")
    assert problems == [], "\n".join(problems[:30])


def test_every_translation_keeps_the_placeholders():
    catalog = load_catalog(ROOT / "toolkit_content", "fr")
    wrong = [text for text, translation in catalog.entries.items() if placeholders(text) != placeholders(translation)]
    assert wrong == []


def test_the_catalogue_check_finds_strings_in_every_kind_of_source(tmp_path: Path):
    (tmp_path / "pyscript_tools" / "engine").mkdir(parents=True)
    (tmp_path / "pyscript_tools" / "engine" / "x.py").write_text(
        'from .i18n import tr, trn, N_\nA = N_("Marked")\nB = tr("Hello {name}", name="x")\n'
        'C = trn("{n} file", "{n} files", 2)\nD = tr(variable)\n', encoding="utf-8")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "overrides" / "assets" / "toolkit").mkdir(parents=True)
    (tmp_path / "overrides" / "assets" / "toolkit" / "x.js").write_text(
        'say(box, t("Saved at {time}.", { time }));\nconst n = tn("{n} answer", "{n} answers", 3);\n', encoding="utf-8")
    (tmp_path / "overrides" / "main.html").write_text('<p>{{ tr("Read it on the English site") }}</p>', encoding="utf-8")
    found = extract(tmp_path)
    assert set(found) == {"Marked", "Hello {name}", "{n} file", "{n} files", "Saved at {time}.", "{n} answer",
                          "{n} answers", "Read it on the English site"}
    assert found["Saved at {time}."].places == ["overrides/assets/toolkit/x.js:1"]
    (tmp_path / "toolkit_content" / "i18n" / "fr").mkdir(parents=True)
    (tmp_path / "toolkit_content" / "i18n" / "fr" / "interface.yml").write_text(
        '"Marked": "Marqué"\n"Hello {name}": "Bonjour {nom}"\n"Gone": "Parti"\n', encoding="utf-8")
    problems = check(load_catalog(tmp_path / "toolkit_content", "fr"), found)
    assert any("'Saved at {time}.': no fr translation" in p and p.startswith("overrides/assets/toolkit/x.js:1") for p in problems)
    assert any(":2: 'Hello {name}': the translation must use the placeholders ['name']" in p for p in problems)
    assert any(":3: 'Gone': not used anywhere any more" in p for p in problems)


def test_a_broken_overlay_is_reported_with_file_line_and_field(tmp_path: Path):
    content = tmp_path / "toolkit_content"
    shutil.copytree(ROOT / "toolkit_content", content)
    overlay = content / "i18n" / "fr" / "questionnaires" / "quick-check.yml"
    lines = overlay.read_text(encoding="utf-8").splitlines()
    text_line = next(i for i, line in enumerate(lines) if line.strip().startswith("text:"))
    del lines[text_line]  # a question loses its translated text
    lines.append("sections:\n  no-such-section:\n    title: Rien")  # and a text translates nothing
    overlay.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = load_questionnaire_file(content / "questionnaires" / "quick-check.yml", language="fr")
    assert any(".text: missing translation (English:" in p and "i18n/fr/questionnaires/quick-check.yml:" in p
               for p in problems), problems
    assert any("sections.no-such-section.title: not in the English file" in p for p in problems), problems


def test_the_engine_answers_in_french():
    definition = french("readiness")
    answers = json.loads((EXAMPLES / "readiness-example.json").read_text(encoding="utf-8"))["answers"]
    english = score(load_questionnaire_file(QUESTIONNAIRES / "readiness.yml")[0], answers)
    with definition_language(definition):
        result = score(definition, answers)
        assert percent_text(38.4) == "38,4\u00a0%"  # a no-break space, by the typography rule
        assert trn("{n} file", "{n} files", 0) == tr("{n} file", n=0)
    assert result["overall"]["percent"] == english["overall"]["percent"]
    assert result["headline"] != english["headline"] and "38,4" in result["headline"]
    assert result["overall"]["level_name"] != english["overall"]["level_name"]  # the French level name


@pytest.mark.parametrize("qid", ["readiness", "risk", "workbook"])
def test_the_french_markdown_report_spaces_its_colons(qid: str):
    """French sets a space before a colon: '**Niveau :** Élevé', never '**Niveau:**'."""
    definition = french(qid)
    answers = json.loads((EXAMPLES / f"{qid}-example.json").read_text(encoding="utf-8"))["answers"]
    with definition_language(definition):
        markdown = to_markdown(score(definition, answers), name="Équipe projet")
    labels = re.findall(r"\*\*([^*\n]+):\*\*", markdown)
    assert labels, "the report has bold labels"
    assert [label for label in labels if not label.endswith((" ", "\u00a0", "\u202f"))] == []


@pytest.mark.parametrize("qid", ["readiness", "risk", "workbook"])
def test_answers_files_do_not_depend_on_the_language(qid: str):
    english, _ = load_questionnaire_file(QUESTIONNAIRES / f"{qid}.yml")
    answers = json.loads((EXAMPLES / f"{qid}-example.json").read_text(encoding="utf-8"))["answers"]
    saved_in_french = json.dumps(new_answers_file(french(qid), answers, name="Équipe projet"))
    opened = parse_answers_file(saved_in_french, english)
    assert opened["answers"] == answers and not opened["migrated"]
    saved_in_english = json.dumps(new_answers_file(english, answers))
    assert parse_answers_file(saved_in_english, french(qid))["answers"] == answers


def test_every_page_declares_its_language_and_english_only_pages_mark_their_text(built_site):
    """<html lang> is the edition's language on every page; a French page still in English says so in
    French and marks its English text with lang="en", so screen readers pronounce it right."""
    english_only = {page.removeprefix("docs/").removesuffix(".md") for page in untranslated.english_pages(ROOT, "fr")}
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site).as_posix()
        text = html.read_text(encoding="utf-8")
        edition = "fr" if relative.startswith("fr/") else "en"
        assert f'<html lang="{edition}"' in text, relative
        source = relative.removeprefix("fr/").removesuffix("index.html").rstrip("/") or "index"
        if edition == "fr" and (source in english_only or source + "/index" in english_only):
            assert 'class="tk-untranslated' in text and '<div lang="en"' in text, relative
