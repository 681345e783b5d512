"""Role primers: content validation, section lifting, the site pages and the PDFs.

Three layers:
- unit tests of plugins/primers (model, sections, render, pdf) on small inputs;
- a small fixture site built with the plugin, to check single sourcing and error reporting
  independently of the guidance pages being written;
- the real site (the session's strict build): every primer PDF and page, and the Primers page.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from plugins.primers import model, pdf, render, sections
from pyscript_tools.authoring.catalog import load_catalog
from pyscript_tools.authoring.content import load_roles
from pyscript_tools.engine import i18n
from pyscript_tools.engine.i18n import tr
from pyscript_tools.engine.vocabulary import APPROACHES, STAGES
from tests.support import editions

ROOT = Path(__file__).resolve().parents[1]
ROLES_FILE = ROOT / "toolkit_content" / "roles.yml"
PRIMERS_DIR = ROOT / "toolkit_content" / "primers"
SCHEMA = ROOT / "plugins" / "primers" / "primer.schema.json"
HEADINGS = [render.H_TAKEAWAYS, render.H_APPROACHES, render.H_LIFECYCLE, render.H_READING,
            render.H_TOOLS, render.H_USECASES, render.H_GUIDANCE]
PDF_NAME = "primers/rai-toolkit-primer-{role}.pdf"
LANGUAGES = list(editions.ALL)

# The tests of the small fixture site (built once) stay on one worker (pytest-xdist --dist loadgroup); the
# others go to whichever worker is free.
on_the_fixture_site = pytest.mark.xdist_group("primer-fixture-site")


def content_in(language: str):
    """The roles and primers of a language's edition (translations live in toolkit_content/i18n/LANG/)."""
    if language == "en":
        return model.load_all(ROLES_FILE, PRIMERS_DIR)
    base = ROOT / "toolkit_content" / "i18n" / language
    return model.load_all(base / "roles.yml", base / "primers")


def speaking(language: str):
    """Within the block, tr() answers in `language` (the interface catalogue of toolkit_content/i18n)."""
    entries = None if language == "en" else load_catalog(ROOT / "toolkit_content", language).translations()
    return i18n.language(language, entries)


def squash(text: str) -> str:
    return " ".join(text.split())


def flat(text: str) -> str:
    """Text without any whitespace: PDF text extraction may split words at kerning pairs ("T oolkit")."""
    return "".join(text.split())


def text_of(html: str) -> str:
    """Visible text of an HTML page, with glossary <abbr> wrappers and other tags removed."""
    import html as htmllib

    return squash(htmllib.unescape(re.sub(r"<[^>]+>", "", html)))


BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Arabic's optional vowel marks: an extractor may put one before the letter it sits on.
VOWEL_MARKS = re.compile("[\u064b-\u0652\u0670]")


def pdf_text(reader) -> str:
    return flat(" ".join(page.extract_text() for page in reader.pages))


def poppler_text(path: Path, *options: str) -> str:
    """The PDF's text as poppler's pdftotext reads it (a C extractor, many times faster than pypdf's)."""
    return subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_text_right_to_left(reader, path: Path) -> str:
    """A right-to-left PDF's text in reading order as two extractors read it, without Arabic's optional vowel
    marks: pypdf keeps a run of Arabic words in order but a number within it in visual order; poppler's
    pdftotext, with its bidi pass, orders numbers within the text but may put a wrapped heading's second line
    before its first. Each text a test looks for must read in order in one of them."""
    return "\n".join(flat(VOWEL_MARKS.sub("", BIDI_CONTROLS.sub("", text))) for text in (pdf_text(reader), poppler_text(path)))


# ============================================================================ the real content


def test_roles_load_with_descriptions():
    roles, problems = load_roles(ROLES_FILE)
    assert problems == [] and len(roles) >= 7
    assert len({r.id for r in roles}) == len(roles)
    for r in roles:
        assert 40 <= len(r.description) <= 400, r.id
        assert r.name and r.short_name


def test_every_role_has_a_valid_primer():
    roles, primers = model.load_all(ROLES_FILE, PRIMERS_DIR)
    assert [p.role.id for p in primers] == [r.id for r in roles]
    for p in primers:
        assert set(p.life_cycle) == set(STAGES)
        assert set(p.approaches) == set(APPROACHES)
        assert p.reading_path and p.tools and p.use_cases


def test_primers_match_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(PRIMERS_DIR.glob("*.yml")):
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
        assert not errors, f"{path.name}: {errors}"


# ============================================================================ malformed YAML


def _good_primer() -> dict:
    return yaml.safe_load((PRIMERS_DIR / "end-users.yml").read_text())


def _write(tmp_path: Path, text: str, name="end-users.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def _problems(path: Path) -> list[str]:
    """Every problem of one primer file, each 'file:line: field: message'."""
    roles = {r.id: r for r in load_roles(ROLES_FILE)[0]}
    _, problems = model.load_primer(path, roles)
    assert problems, "the file should have problems"
    assert all(p.startswith(f"{path}:") and re.match(r"^.+:\d+: \S+: .+$", p) for p in problems), problems
    return problems


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = _write(tmp_path, """
        role: end-users
        title: A title
        key_takeaways:
          - one
         - badly indented
    """)
    [problem] = _problems(path)
    assert re.match(rf"^{re.escape(str(path))}:[45]: \(file\): YAML syntax error", problem), problem


def test_missing_key_names_the_field(tmp_path):
    data = _good_primer()
    del data["use_cases"]
    path = _write(tmp_path, yaml.safe_dump(data, sort_keys=False))
    assert _problems(path) == [f"{path}:1: (file): missing required key 'use_cases'"]


def test_wrong_type_deep_in_the_file_names_field_and_line(tmp_path):
    data = _good_primer()
    data["life_cycle"]["deployment-use"][1] = {"oops": 1}
    text = yaml.safe_dump(data, sort_keys=False, width=1000)
    path = _write(tmp_path, text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "oops" in row)
    assert _problems(path) == [f"{path}:{line}: life_cycle.deployment-use[1]: expected non-empty text, got a mapping"]


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d.update(role="chief"), "role", "expected one of"),
    (lambda d: d.update(role="communications"), "role", "does not match the file name"),
    (lambda d: d["tools"][0].update(stages=["launch"]), "tools[0].stages[0]", "expected one of"),
    (lambda d: d["reading_path"][0].update(page="https://example.org"), "reading_path[0].page", "docs-relative"),
    (lambda d: d["use_cases"][0].update(approach="buy"), "use_cases[0].approach", "expected one of"),
    (lambda d: d.update(key_takeaways=["only one"]), "key_takeaways", "3 to 6 items"),
    (lambda d: d["approaches"].pop("procure"), "approaches", "missing required key 'procure'"),
    (lambda d: d.update(extra="x"), "extra", "unknown key"),
])
def test_field_errors(tmp_path, mutate, field, words):
    data = _good_primer()
    mutate(data)
    path = _write(tmp_path, yaml.safe_dump(data, sort_keys=False))
    [problem] = _problems(path)
    assert f": {field}: " in problem and words in problem, problem


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    data = _good_primer()
    data["title"] = ""
    data["tools"][0]["stages"] = ["launch"]
    data["use_cases"][0]["approach"] = "buy"
    path = _write(tmp_path, yaml.safe_dump(data, sort_keys=False))
    fields = [p.split(": ")[1] for p in _problems(path)]
    assert fields == ["title", "tools[0].stages[0]", "use_cases[0].approach"]


def test_roles_file_errors(tmp_path):
    path = _write(tmp_path, """
        roles:
          - id: Executive Leadership
            name: x
            description: y
          - id: ok-role
            name: ""
            description: y
    """, "roles.yml")
    _, problems = load_roles(path, "roles.yml")
    assert [p.split(": ")[:2] for p in problems] == [["roles.yml:2", "roles[0].id"], ["roles.yml:6", "roles[1].name"]]


def test_every_role_needs_a_primer(tmp_path):
    (tmp_path / "primers").mkdir()
    with pytest.raises(model.ContentError, match="has no primer file"):
        model.load_all(ROLES_FILE, tmp_path / "primers")


# ============================================================================ sections and links

FIXTURE_HTML = """
<h1 id="lawfulness">Lawfulness<a class="headerlink" href="#lawfulness" title="Permanent link">&para;</a></h1>
<p>Intro paragraph that is not lifted.</p>
<h2 data-roles="legal-data-protection executive-leadership" id="legal-basis">Legal basis<a class="headerlink" href="#legal-basis">&para;</a></h2>
<p>Every use needs a <strong>basis in law</strong>; see <a href="../fairness/#due-process">due process</a>
and the <abbr title="Artificial intelligence" tabindex="0">AI</abbr> <a href="#necessity">necessity test</a>
or <a href="https://example.org/x">an outside page</a>.<br>Second line.</p>
<p>Second paragraph, not lifted.</p>
<h2 data-roles="end-users" data-approaches="deploy procure" id="oversight">Oversight</h2>
<div class="admonition example"><p class="admonition-title">Example</p><p>Nested, skipped.</p></div>
<p>The summary after an admonition.</p>
<h2 data-roles="end-users" id="no-summary">No summary</h2>
<div class="tabbed-set"><p>Only nested text.</p></div>
<h3 id="necessity">Necessity</h3>
<p>Untagged.</p>
"""


def test_collect_lifts_heading_and_first_paragraph():
    found = sections.collect(FIXTURE_HTML, "principles/lawfulness/", "Lawfulness")
    assert [s.anchor for s in found] == ["legal-basis", "oversight", "no-summary"]
    legal, oversight, empty = found
    assert legal.title == "Legal basis" and legal.roles == ("legal-data-protection", "executive-leadership")
    assert legal.url == "principles/lawfulness/#legal-basis" and legal.level == 2
    assert "Intro paragraph" not in legal.summary and "Second paragraph" not in legal.summary
    assert "<strong>basis in law</strong>" in legal.summary and "Second line." in legal.summary
    assert 'data-site-path="principles/fairness/#due-process"' in legal.summary
    assert 'data-site-path="principles/lawfulness/#necessity"' in legal.summary
    assert '<abbr title="Artificial intelligence">AI</abbr>' in legal.summary
    assert oversight.approaches == ("deploy", "procure")
    assert oversight.summary == "The summary after an admonition."
    assert empty.summary == ""


def test_lifted_links_are_retargeted():
    [legal] = sections.collect(FIXTURE_HTML, "principles/lawfulness/", "Lawfulness")[:1]
    html = sections.retarget(legal.summary, lambda p: sections.relative_url(p, "primers/end-users/"))
    assert 'href="../../principles/fairness/#due-process"' in html
    assert 'href="../../principles/lawfulness/#necessity"' in html
    assert 'href="https://example.org/x"' in html
    assert "data-site-path" not in html


@pytest.mark.parametrize("target, base, expected", [
    ("principles/lawfulness/#necessity", "primers/end-users/", "../../principles/lawfulness/#necessity"),
    ("primers/x.pdf", "primers/", "x.pdf"),
    ("primers/x.pdf", "primers/end-users/", "../x.pdf"),
    ("", "primers/", "../"),
    ("primers/end-users.md", "primers/index.md", "end-users.md"),
    ("principles/lawfulness.md#a", "primers/end-users.md", "../principles/lawfulness.md#a"),
    ("index.html", "primers/end-users.html", "../index.html"),
])
def test_relative_url(target, base, expected):
    assert sections.relative_url(target, base) == expected


def test_pdf_fetcher_refuses_remote_urls():
    refused = []
    fetcher = pdf.make_fetcher(refused)
    for url in ("https://example.org/font.woff2", "http://127.0.0.1/x.css", "ftp://x/y"):
        with pytest.raises(pdf.PdfError, match="refused"):
            fetcher(url)
    assert len(refused) == 3


def test_pdf_with_a_remote_resource_fails(tmp_path):
    pytest.importorskip("weasyprint")
    page = "<html><body><p>x</p><img src='https://example.org/logo.png'></body></html>"
    job = pdf.Job((page,), str(tmp_path / "x.pdf"), base_url=tmp_path.as_uri() + "/", min_pages=1)
    with pytest.raises(pdf.PdfError, match=re.escape("refused to fetch https://example.org/logo.png")):
        pdf.write_one(job)
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_links_back_to_site():
    roles, primers = model.load_all(ROLES_FILE, PRIMERS_DIR)
    ctx = render.PdfContext("Toolkit", "", "2024", "2026-01-01", lambda p: "site/" + p, "primers/end-users/")
    page = primers[0].reading_path[0].page
    assert f"Toolkit, page <code dir=\"ltr\">site/{page}</code>" in render.pdf_html(primers[0], [], ctx, roles)
    ctx.site_url = "https://toolkit.example/"
    assert f'href="https://toolkit.example/site/{page}"' in render.pdf_html(primers[0], [], ctx, roles)


# ============================================================================ a fixture site


def _fixture_primer(role: str) -> dict:
    data = _good_primer()
    data["role"] = role
    data["title"] = f"Fixture primer for {role}"
    data["reading_path"] = [{"page": "guide.md#alpha", "title": f"Step {i}", "why": "Because."} for i in range(3)]
    data["tools"] = [{"page": "guide.md", "title": "Guide", "stages": ["planning-design"], "use": "Use it."}]
    return data


GUIDE = """\
# Guide

## Alpha {#alpha data-roles="end-users communications" data-approaches="procure"}

Alpha summary for end users, with a [link to beta](#beta).

More text that is not lifted.

## Beta {#beta data-roles="executive-leadership"}

Beta summary for executives.
"""


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("primer-fixture")
    (root / "docs" / "primers").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n\nSee the [primers](primers/index.md).\n")
    (root / "docs" / "guide.md").write_text(GUIDE)
    (root / "docs" / "primers" / "index.md").write_text("# Primers\n\n<!-- toolkit-primers -->\n")
    content = root / "content"
    (content / "primers").mkdir(parents=True)
    (content / "roles.yml").write_text(ROLES_FILE.read_text())
    for role in [r.id for r in load_roles(ROLES_FILE)[0]]:
        (content / "primers" / f"{role}.yml").write_text(yaml.safe_dump(_fixture_primer(role), sort_keys=False))
    (root / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Fixture Toolkit
        theme: {name: material}
        extra: {toolkit_version: "9.9"}
        markdown_extensions: [attr_list, md_in_html, toc, admonition, pymdownx.superfences,
                              {pymdownx.tabbed: {alternate_style: true}}]
        plugins:
          - toolkit-languages:
              content_dir: content
          - toolkit-primers:
              primers_dir: content/primers
        validation: {anchors: warn}
        """))
    return root


def _build(root: Path, *extra, env=None, config="mkdocs.yml"):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / config), *extra],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TOOLKIT_PRIMERS_PDF": "1", **(env or {})},
        capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def fixture_site(fixture_project):
    site = fixture_project / "site"
    run = _build(fixture_project, "-d", str(site))
    assert run.returncode == 0, run.stdout + run.stderr
    return site


@on_the_fixture_site
def test_fixture_primer_page_lifts_tagged_sections(fixture_site):
    page = (fixture_site / "primers" / "end-users" / "index.html").read_text()
    assert "Alpha summary for end users" in page
    assert 'href="../../guide/#alpha"' in page and 'href="../../guide/#beta"' in page  # link back + retargeted link
    assert "More text that is not lifted" not in page and "Beta summary" not in page
    assert "tk-primer__badge--procure" in page
    assert 'href="../rai-toolkit-primer-end-users.pdf"' in page
    exec_page = (fixture_site / "primers" / "executive-leadership" / "index.html").read_text()
    assert "Beta summary for executives" in exec_page and "Alpha summary" not in exec_page
    assert "primers.css" in page and (fixture_site / "assets" / "toolkit" / "primers.css").exists()


@on_the_fixture_site
def test_fixture_pdf_has_lifted_sections_and_version(fixture_site):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(fixture_site / "primers" / "rai-toolkit-primer-end-users.pdf")
    text = pdf_text(reader)
    assert flat("Alpha summary for end users") in text and flat("Beta summary") not in text
    assert flat("Toolkit version 9.9") in text and flat("Fixture Toolkit") in text


@on_the_fixture_site
def test_pdf_off_by_config_or_env(fixture_project, tmp_path):
    site = tmp_path / "nopdf"
    run = _build(fixture_project, "-d", str(site), env={"TOOLKIT_PRIMERS_PDF": "0"})
    assert run.returncode == 0, run.stderr
    assert not list(site.rglob("*.pdf"))
    index = (site / "primers" / "index.html").read_text()
    assert "PDF not built in this preview" in index and "end-users/" in index


@on_the_fixture_site
def test_malformed_primer_fails_the_build_without_traceback(fixture_project, tmp_path):
    bad = fixture_project / "content" / "primers" / "end-users.yml"
    original = bad.read_text()
    try:
        bad.write_text(original.replace("title: Fixture primer for end-users", "title: [unclosed", 1))
        run = _build(fixture_project, "-d", str(tmp_path / "bad"))
    finally:
        bad.write_text(original)
    out = run.stdout + run.stderr
    assert run.returncode != 0
    assert "Traceback" not in out
    assert re.search(r"content/primers/end-users\.yml:\d+: \(file\): YAML syntax error", out), out


@on_the_fixture_site
def test_a_primer_partial_in_custom_dir_changes_the_built_page(fixture_project, tmp_path):
    """As with Material's partials: a template of the same path in the theme's custom_dir wins over the default."""
    partial = fixture_project / "overrides" / "toolkit" / "primer" / "page" / "takeaways.md"
    partial.parent.mkdir(parents=True)
    partial.write_text("## {{ tr(headings.takeaways) }} {: #key-takeaways}\n\nOur own words for *{{ primer.title }}*.\n")
    config = fixture_project / "mkdocs-overrides.yml"
    config.write_text((fixture_project / "mkdocs.yml").read_text().replace(
        "theme: {name: material}", "theme: {name: material, custom_dir: overrides}"))
    run = _build(fixture_project, "-d", str(tmp_path / "site"), env={"TOOLKIT_PRIMERS_PDF": "0"}, config=config.name)
    assert run.returncode == 0, run.stdout + run.stderr
    page = (tmp_path / "site" / "primers" / "end-users" / "index.html").read_text()
    assert "<p>Our own words for <em>Fixture primer for end-users</em>.</p>" in page
    assert 'id="key-takeaways"' in page and squash(_good_primer()["key_takeaways"][0])[:40] not in text_of(page)
    assert "Alpha summary for end users" in page  # the other parts are the defaults


def test_a_pdf_partial_in_an_overrides_folder_changes_the_document(tmp_path):
    partial = tmp_path / "toolkit" / "primer" / "pdf" / "closing.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<p class="agency-closing">{{ tr("Keep going on the site.") }} {{ "<&>" }}</p>\n')
    roles, primers = model.load_all(ROLES_FILE, PRIMERS_DIR)
    ctx = render.PdfContext("Toolkit", "", "2024", "2026-01-01", lambda p: p, "primers/end-users/",
                            templates=render.primer_templates((str(tmp_path),)))
    html = render.pdf_html(primers[0], [], ctx, roles)
    assert '<p class="agency-closing">Keep going on the site. &lt;&amp;&gt;</p>' in html
    assert '<div class="tk-pdf__closing">' not in html and '<section class="tk-pdf__cover">' in html


# ============================================================================ the real site


@pytest.fixture(scope="module")
def real():
    return model.load_all(ROLES_FILE, PRIMERS_DIR)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_primer_pdf_exists_opens_and_has_its_sections(built_site, language):
    pypdf = pytest.importorskip("pypdf")
    _, primers = content_in(language)
    prefix = "" if language == "en" else language + "/"
    for primer in primers:
        path = built_site / (prefix + PDF_NAME.format(role=primer.role.id))
        assert path.is_file(), f"missing {prefix}{path.name}"
        reader = pypdf.PdfReader(path)
        assert 2 <= len(reader.pages) <= 6, f"{path.name}: {len(reader.pages)} pages"
        assert reader.metadata.title == primer.title
        right_to_left = 'dir="rtl"' in (built_site / prefix / "index.html").read_text(encoding="utf-8")
        # -raw: in the order it was written, keeping the hyphen that ends a line (the default joins it away)
        text = pdf_text_right_to_left(reader, path) if right_to_left else flat(poppler_text(path, "-raw"))

        def has(needle, text=text, marks_dropped=right_to_left):
            return flat(VOWEL_MARKS.sub("", needle) if marks_dropped else needle) in text

        with speaking(language):
            assert has(primer.title), path.name
            for heading in HEADINGS:
                assert has(tr(heading)), f"{prefix}{path.name} lacks '{tr(heading)}'"
            for label in [tr(approach).upper() for approach in APPROACHES.values()] + [tr(STAGES["planning-design"]),
                                                                                        tr(STAGES["monitoring-evaluation"])]:
                assert has(label), f"{prefix}{path.name} lacks '{label}'"
            assert has(tr("Toolkit version {version}", version="2024"))
            assert has(tr("Page {page} of {pages}", page=2, pages=len(reader.pages)))
            article = tr("{instrument}, Art. {article}", instrument="", article="")
        if primer.legal_checkpoints and "Art." not in article:  # the law's references in the primer's language
            assert "Art." not in text, f"{prefix}{path.name} cites the law in English"
        assert re.search(r"\d{4}-\d{2}-\d{2}", text)
        assert has(f"{prefix}primers/{primer.role.id}/")  # the link back to the primer's page
        assert ".md" not in text, f"{prefix}{path.name} names a page by its source file, not its address"
        assert has(primer.use_cases[0].title)


def test_primers_page_offers_every_role(built_site, real):
    roles, _ = real
    index = (built_site / "primers" / "index.html").read_text()
    for role in roles:
        assert role.name in text_of(index), role.id
        assert role.description in text_of(index), role.id
        assert f'href="{role.id}/"' in index, role.id
        pdf_href = f"rai-toolkit-primer-{role.id}.pdf"
        assert f'href="{pdf_href}"' in index, role.id
        assert (built_site / "primers" / pdf_href).is_file()
    assert "<!-- toolkit-primers -->" not in index


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_primer_page_links_every_tagged_section(built_site, language):
    roles, primers = content_in(language)
    root = built_site if language == "en" else built_site / language
    others = [] if language != "en" else [built_site / other for other in LANGUAGES if other != "en"]
    tagged: dict[str, set[str]] = {r.id: set() for r in roles}
    for page in root.rglob("index.html"):
        if any(page.is_relative_to(other) for other in others):
            continue
        rel = page.parent.relative_to(root).as_posix()
        if rel.startswith("primers"):
            continue
        url = "" if rel == "." else rel + "/"
        html = page.read_text()
        article = html[html.find("<article"):html.find("</article>")]
        for s in sections.collect(article, url, url):
            for role in s.roles:
                if role in tagged:
                    tagged[role].add(s.url)
    for primer in primers:
        page = (root / "primers" / primer.role.id / "index.html").read_text()
        assert primer.title in text_of(page)
        assert 'href="../rai-toolkit-primer-' + primer.role.id + '.pdf"' in page
        with speaking(language):
            for heading in HEADINGS:
                assert tr(heading) in text_of(page)
        assert tagged[primer.role.id], f"no section of the {language} site is tagged for {primer.role.id}"
        for url in sorted(tagged[primer.role.id]):
            assert f'href="../../{url}"' in page, f"{language} {primer.role.id} primer lacks {url}"
        assert not re.search(r'(src|href)="https?://', page.split('<article', 1)[1].split("</article>")[0])


@on_the_fixture_site
def test_missing_summary_under_a_tagged_heading_fails_strict(fixture_project, tmp_path):
    guide = fixture_project / "docs" / "guide.md"
    original = guide.read_text()
    try:
        guide.write_text(original + '\n## Gamma {#gamma data-roles="end-users"}\n\n!!! note\n\n    Only a box.\n')
        run = _build(fixture_project, "-d", str(tmp_path / "nosummary"), env={"TOOLKIT_PRIMERS_PDF": "0"})
    finally:
        guide.write_text(original)
    assert run.returncode != 0
    assert "guide.md#gamma: a role-tagged heading needs a first paragraph" in run.stdout + run.stderr


def test_summaries_go_to_the_most_role_specific_sections_first():
    def sec(anchor, roles):
        return sections.Section("p/", "P", anchor, anchor.title(), f"Summary of {anchor}.", tuple(roles), (), 2)

    ex, lg, eu = "executive-leadership", "legal-data-protection", "end-users"
    found = [sec("shared", [lg, ex, eu]), sec("second", [lg, ex]), sec("own", [ex]), sec("other", [eu])]
    assert [s.anchor for s in render.ranked(render.for_role(found, ex), ex)] == ["own", "second", "shared"]
    assert render.summary_levels(found, ex) == [3, 2, 1, 0]
    ctx = render.PdfContext("S", "", "2024", "2026-01-01", lambda p: p, "primers/executive-leadership/")
    roles, primers = model.load_all(ROLES_FILE, PRIMERS_DIR)
    versions = render.pdf_versions(primers[0], found, ctx, roles)
    assert len(versions) == 5  # 3, 2, 1 and 0 summaries, then one line per page
    assert [v.count("<p>Summary of") for v in versions] == [3, 2, 1, 0, 0]
    assert "Summary of own." in versions[2] and "Summary of other" not in versions[0]
    assert "guidance-pages" in versions[-1]
