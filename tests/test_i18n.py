"""The other languages, end to end below the browser: every edition lacks nothing the build needs, the
catalogue check finds what is missing, an overlay's mistake is reported with file and line, the engine
answers in the edition's language, and answers files do not depend on the language."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pyscript_tools.authoring import untranslated
from pyscript_tools.authoring.catalog import Message, check, extract, load_catalog
from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.answers_file import new_answers_file, parse_answers_file
from pyscript_tools.engine.i18n import conjoined, definition_language, language, tr, trn
from pyscript_tools.engine.report.document import STYLE, report_document
from pyscript_tools.engine.report.markdown import to_markdown
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.text import percent_text
from tests.support import editions

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = ROOT / "toolkit_content" / "questionnaires"
EXAMPLES = ROOT / "docs" / "tools" / "examples"


def translated(qid: str, code: str) -> dict:
    """A questionnaire as the edition in `code` publishes it: its texts, its interface catalogue."""
    catalog = load_catalog(ROOT / "toolkit_content", code).translations()
    with language(code, catalog):
        definition, problems = load_questionnaire_file(QUESTIONNAIRES / f"{qid}.yml", language=code)
    assert problems == []
    return {**definition, "language": code, "interface": catalog}


def french(qid: str) -> dict:
    return translated(qid, "fr")


@pytest.mark.parametrize("code", editions.TRANSLATED)
def test_each_edition_lacks_nothing_the_build_needs(code: str):
    problems = untranslated.interface_problems(ROOT, code) + untranslated.content_problems(ROOT, code)
    assert problems == [], "\n".join(problems[:30])


def test_translations_keep_the_placeholders_and_a_count_may_say_its_number_in_words(tmp_path: Path):
    folder = tmp_path / "toolkit_content" / "i18n" / "xx"
    folder.mkdir(parents=True)
    (folder / "interface.yml").write_text(
        '"(plural rules)":\n  one: "n = 1"\n  two: "n = 2"\n  sometimes: "n = 3"\n'
        '"{n} file": "un fichier"\n'  # a count's singular may say its number in words
        '"{n} files":\n  two: "deux fichiers"\n  other: "fichiers"\n'  # but not its other form
        '"Hello {name}": "Bonjour"\n'  # nor any other message
        '"{n} day":\n  one: "un jour"\n', encoding="utf-8")  # and a count's forms need "other"
    messages = {"{n} file": Message("{n} file", ["x.py:1"], counted=True),
                "{n} files": Message("{n} files", ["x.py:1"], counted=True),
                "Hello {name}": Message("Hello {name}", ["x.py:2"]), "{n} day": Message("{n} day", ["x.py:3"], counted=True)}
    problems = check(load_catalog(tmp_path / "toolkit_content", "xx"), messages)
    assert any("(plural rules): 'sometimes' is not a CLDR plural category" in p for p in problems), problems
    assert not any("'{n} file'" in p for p in problems), problems
    assert any("'{n} files': the translation must use the placeholders ['n']" in p for p in problems), problems
    assert any("'Hello {name}': the translation must use the placeholders ['name']" in p for p in problems), problems
    assert any("'{n} day': a count's translation needs its 'other' form" in p for p in problems), problems
    assert len(problems) == 4, problems


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


def problems_after_editing(tmp_path: Path, qid: str, edit) -> list[str]:
    """The problems of the French `qid` once `edit` has changed its overlay's lines (a list, in place)."""
    content = tmp_path / "toolkit_content"
    shutil.copytree(ROOT / "toolkit_content", content)
    overlay = content / "i18n" / "fr" / "questionnaires" / f"{qid}.yml"
    lines = overlay.read_text(encoding="utf-8").splitlines()
    edit(lines)
    overlay.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_questionnaire_file(content / "questionnaires" / f"{qid}.yml", language="fr")[1]


def first_line(lines: list[str], key: str) -> int:
    return next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))


def test_a_broken_overlay_is_reported_with_file_line_and_field(tmp_path: Path):
    def break_it(lines: list[str]) -> None:
        del lines[first_line(lines, "text")]  # a question loses its translated text
        lines.append("sections:\n  no-such-section:\n    title: Rien")  # and a text translates nothing

    problems = problems_after_editing(tmp_path, "quick-check", break_it)
    assert any(".text: missing translation (English:" in p and "i18n/fr/questionnaires/quick-check.yml:" in p
               for p in problems), problems
    assert any("sections.no-such-section.title: not in the English file" in p for p in problems), problems


def test_a_translated_text_too_long_is_reported_at_its_own_line_in_the_overlay(tmp_path: Path):
    """The length limits hold for a translation too, and the problem points where the translator wrote it."""
    edited = []

    def lengthen(lines: list[str]) -> None:
        at = first_line(lines, "short_title")
        lines[at] = lines[at].split(":")[0] + ": Un titre court bien trop long pour la barre des sections"
        edited.append(at + 1)

    too_long = [p for p in problems_after_editing(tmp_path, "readiness", lengthen) if "characters long" in p]
    assert len(too_long) == 1, too_long
    assert re.search(rf"i18n/fr/questionnaires/readiness\.yml:{edited[0]}: sections\.[\w-]+\.short_title: text is", too_long[0])


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


@pytest.mark.parametrize("code", editions.TRANSLATED)
def test_the_engine_answers_in_each_edition_s_language(code: str):
    definition = translated("risk", code)
    answers = json.loads((EXAMPLES / "risk-example.json").read_text(encoding="utf-8"))["answers"]
    english = score(load_questionnaire_file(QUESTIONNAIRES / "risk.yml")[0], answers)
    with definition_language(definition):
        result = score(definition, answers)
    assert result["overall"]["level"] == english["overall"]["level"]
    assert result["overall"]["level_name"] != english["overall"]["level_name"]
    assert result["headline"] != english["headline"]


def test_a_list_in_a_sentence_is_joined_as_each_language_writes_it():
    assert [conjoined(items) for items in ([], ["A"], ["A", "B"], ["A", "B", "C"])] == ["", "A", "A and B", "A, B and C"]
    with language("ar", load_catalog(ROOT / "toolkit_content", "ar").translations()):
        assert conjoined(["أ", "ب", "ج"]) == "أ، ب وج"
    with language("es", load_catalog(ROOT / "toolkit_content", "es").translations()):
        assert conjoined(["A", "B", "C"]) == "A, B y C"


@pytest.mark.parametrize("code", editions.TRANSLATED)
def test_a_report_is_written_in_its_language_s_direction(code: str):
    """An Arabic report reads right to left (its tables, its bars, its lists): the direction is on <html>,
    and the report's styles say start and end, never left and right."""
    definition = translated("risk", code)
    answers = json.loads((EXAMPLES / "risk-example.json").read_text(encoding="utf-8"))["answers"]
    with definition_language(definition):
        document = report_document(score(definition, answers))
    written = "rtl" if definition["interface"].get("(direction)") == "rtl" else "ltr"
    assert document.startswith(f'<!doctype html><html lang="{code}" dir="{written}">')
    assert re.findall(r"[\w-]*\b(?:left|right)\b[\w-]*", STYLE) == []


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


@pytest.mark.parametrize("code", editions.TRANSLATED)
@pytest.mark.parametrize("qid", ["readiness", "risk", "workbook"])
def test_answers_files_do_not_depend_on_the_language(qid: str, code: str):
    """A file saved in any edition opens in every other."""
    definitions = {"en": load_questionnaire_file(QUESTIONNAIRES / f"{qid}.yml")[0]} | {
        other: translated(qid, other) for other in editions.TRANSLATED}
    answers = json.loads((EXAMPLES / f"{qid}-example.json").read_text(encoding="utf-8"))["answers"]
    saved = json.dumps(new_answers_file(definitions[code], answers, name="Equipo del proyecto"))
    for other, definition in definitions.items():
        opened = parse_answers_file(saved, definition)
        assert opened["answers"] == answers and not opened["migrated"], other


def test_every_page_declares_its_language_and_english_only_pages_mark_their_text(built_site):
    """<html lang> is the edition's language on every page; a page of another edition still in English says
    so in that edition's language and marks its English text with lang="en", so screen readers pronounce it
    right."""
    english_only = {code: {page.removeprefix("docs/").removesuffix(".md") for page in untranslated.english_pages(ROOT, code)}
                    for code in editions.TRANSLATED}
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site).as_posix()
        text = html.read_text(encoding="utf-8")
        edition = editions.edition(relative)
        assert f'<html lang="{edition}"' in text, relative
        if '<body dir="rtl"' in text:  # a right-to-left edition says so on <html> too
            assert f'<html lang="{edition}" dir="rtl"' in text, relative
        source = editions.source(relative).removesuffix("index.html").rstrip("/") or "index"
        if edition != editions.DEFAULT and (source in english_only[edition] or source + "/index" in english_only[edition]):
            assert 'class="tk-untranslated' in text and '<div lang="en"' in text, relative
