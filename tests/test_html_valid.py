"""The W3C Nu HTML checker (vnu.jar from npm, run with Java) finds no error in the site's own markup:
every built page, and the self-contained reports the engine writes.

Three errors come from Material for MkDocs' own templates, not from this site; each is matched by the
markup it reports, so an error of ours that merely looks alike still fails."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.report.document import report_document
from pyscript_tools.engine.scoring import score

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One short run: the JIT's first tier alone takes half the processor time of both tiers for the same
# messages (measured on the built site: about 6.5 s instead of 13), and its deeper frames need a larger stack.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss16m")
THEME_ERRORS = [  # (start of the checker's message, what the reported markup contains, the theme template)
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link', "partials/nav-item.html"),
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"', "base.html"),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden", 'for="__toc"',
     "partials/toc.html"),
]


def _check(paths: list[Path]) -> list[dict]:
    assert shutil.which("java"), "the HTML check needs Java (Debian: default-jre-headless; .ci/run installs it)"
    assert VNU.exists(), "run `npm ci`: the HTML check uses the vnu-jar package"
    run = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, paths)],
                         capture_output=True, text=True, timeout=300)
    return [m for m in json.loads(run.stderr)["messages"] if m["type"] in ("error", "non-document-error")]


def _ours(message: dict) -> bool:
    return not any(message["message"].startswith(start) and marker in (message.get("extract") or "")
                   for start, marker, _ in THEME_ERRORS)


def _describe(messages: list[dict]) -> str:
    return "\n".join(f"{m.get('url', '')[-70:]}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '')!r}"
                     for m in messages[:20])


QUESTIONNAIRES = ["readiness", "risk", "workbook"]
# The module's tests on one test worker, so that the checker's one run (the `checked` fixture) is one Java start
# in the whole test run, not one per worker.
pytestmark = pytest.mark.xdist_group("vnu")


def _write_reports(folder: Path) -> None:
    """Each questionnaire's downloadable report of each worked example, complete and partly answered."""
    for qid in QUESTIONNAIRES:
        definition, problems = load_questionnaire_file(ROOT / "toolkit_content" / "questionnaires" / f"{qid}.yml")
        assert problems == []
        for example in definition["examples"]:
            answers = json.loads((ROOT / "docs" / "tools" / "examples" / example["file"]).read_text(encoding="utf-8"))
            for label, given in (("full", answers["answers"]), ("partial", dict(list(answers["answers"].items())[:3]))):
                (folder / qid).mkdir(exist_ok=True)
                (folder / qid / f"{example['file']}-{label}.html").write_text(
                    report_document(score(definition, given), answers.get("name", ""), "2026-12-01",
                                    "https://example.org/toolkit/"), encoding="utf-8")


@pytest.fixture(scope="module")
def checked(built_site: Path, tmp_path_factory) -> tuple[Path, list[dict]]:
    """The built site and the reports, checked in one run of the checker (one Java start)."""
    reports = tmp_path_factory.mktemp("reports")
    _write_reports(reports)
    (reports / "control").mkdir()  # one known error, so that a check that reads nothing cannot pass
    (reports / "control" / "broken.html").write_text("<!doctype html><html lang=en><title>x</title><p><div></p>")
    messages = _check([built_site, reports])
    control = reports / "control"
    assert any(_about(m, control) for m in messages), "the checker's messages could not be told apart by file"
    return reports, [m for m in messages if not _about(m, control)]


def _about(message: dict, folder: Path) -> bool:
    """Whether the message is about a file inside `folder` (the checker names files file:/PATH)."""
    return unquote(urlsplit(message.get("url", "")).path).startswith(str(folder.resolve()) + "/")


def test_every_built_page_is_valid_html(built_site: Path, checked):
    reports, messages = checked
    errors = [m for m in messages if _ours(m) and not _about(m, reports)]
    assert errors == [], f"{len(errors)} errors in the site's own markup:\n" + _describe(errors)


@pytest.mark.parametrize("qid", QUESTIONNAIRES)
def test_the_downloadable_reports_are_valid_html(qid: str, checked):
    reports, messages = checked
    assert list((reports / qid).glob("*.html")), "no report was written"
    errors = [m for m in messages if _about(m, reports / qid)]
    assert errors == [], _describe(errors)
