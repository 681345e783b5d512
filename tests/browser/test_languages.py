"""The editions in a real Chromium: every view and every export of every edition's tools speaks that
edition's language and no other's; the tools score and report in French, no English interface string is
left on the French primers, an answers file saved in French opens in English, each page links to its
counterpart, and a right-to-left page keeps its layout."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pyscript_tools.authoring import untranslated
from pyscript_tools.authoring.catalog import extract, load_catalog
from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.definition import profile_question
from pyscript_tools.engine.i18n import definition_language
from pyscript_tools.engine.scoring import score
from tests.browser.questionnaire_helpers import (
    ENGINE_MS,
    ROOT,
    definition,
    download_unnamed,
    example_file,
    result,
    stored,
    wait_engine,
)
from tests.support import editions

CATALOGS = {code: load_catalog(ROOT / "toolkit_content", code).translations() for code in editions.TRANSLATED}
CATALOG = CATALOGS["fr"]
TOOLS = ["readiness", "risk", "workbook", "quick-check"]


def french(qid: str) -> dict:
    with definition_language({"language": "fr", "interface": CATALOG}):
        definition, problems = load_questionnaire_file(ROOT / "toolkit_content" / "questionnaires" / f"{qid}.yml",
                                                       language="fr")
    assert problems == []
    return {**definition, "language": "fr", "interface": CATALOG}


def english_leftovers(text: str, catalog: dict[str, str] = CATALOG) -> list[str]:
    """Interface strings still in English in `text`: the English of every string whose translation in
    `catalog` differs, long enough to be recognised (placeholders split it into its fixed parts)."""
    found = []
    for message in extract(ROOT):
        if catalog.get(message, message) == message:
            continue
        for part in re.split(r"\{\w+\}", message):
            part = part.strip(" .:;,()“”")
            if len(part) >= 18 and " " in part and part in text and part not in catalog.get(message, ""):
                found.append(part)
    return sorted(set(found))


def widget_text(page: Page) -> str:
    return page.locator("[data-toolkit-widget]").evaluate("element => element.innerText")


def begin(page: Page, catalog: dict[str, str] = CATALOG) -> None:
    page.get_by_role("button", name=catalog.get("Start", "Start")).click()
    expect(page.locator("[data-tk-bar]")).to_be_visible()


def _catalog(code: str) -> dict[str, str]:
    return {} if code == editions.DEFAULT else CATALOGS[code]


def _words(value) -> set[str]:
    """Every text in a built definition long enough to be recognised: a sentence, not a name or a code."""
    if isinstance(value, dict):
        return set().union(*(_words(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_words(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) and len(value) >= 18 and " " in value and "/" not in value else set()


def other_languages(text: str, code: str, built_site: Path, qid: str) -> list[str]:
    """The texts of the other editions found in `text` (in edition `code`): their interface strings (the fixed
    parts between placeholders) and their questionnaire's texts, where they differ from this edition's."""
    own = _catalog(code)

    def forms(catalog: dict, message: str) -> list[str]:
        """A message's texts in `catalog` (a count's every plural form), each cut at its placeholders."""
        translated = catalog.get(message, message)
        texts = translated.values() if isinstance(translated, dict) else [translated]
        return [part.strip(" .:;,()“”«»") for text in texts for part in re.split(r"\{\w+\}", text)]

    definitions = {edition: json.loads((built_site / "assets" / "toolkit" / "questionnaires" / edition / f"{qid}.json")
                                       .read_text(encoding="utf-8")) for edition in editions.ALL}
    messages = [message for message in extract(ROOT) if not message.startswith("(")]
    mine = _words(definitions[code]) | {part for message in messages for part in forms(own, message)}
    found = set()
    for other in (edition for edition in editions.ALL if edition != code):
        theirs = _words(definitions[other])
        theirs |= {part for message in messages for part in forms(_catalog(other), message)}
        found |= {part for part in theirs if len(part) >= 18 and " " in part and part not in mine and part in text}
    return sorted(found)


def _downloaded(page: Page, button, unnamed: bool = False) -> bytes:
    if unnamed:
        return Path(download_unnamed(page, button).path()).read_bytes()
    with page.expect_download() as download:
        button.click()
    return Path(download.value.path()).read_bytes()


def _printed(page: Page, frame: str, button) -> str:
    """What "Print or save as PDF" prints: the report it puts in the page's print frame."""
    page.locator(frame).evaluate("frame => frame.removeAttribute('srcdoc')")
    button.click()
    page.wait_for_function(f"() => document.querySelector({frame!r}).hasAttribute('srcdoc')", timeout=ENGINE_MS)
    return page.locator(frame).get_attribute("srcdoc")


def _text_of(export: bytes) -> str:
    return re.sub(r"<[^>]+>", " ", export.decode("utf-8-sig"))


@pytest.mark.parametrize("qid", TOOLS)
@pytest.mark.parametrize("code", editions.ALL)
def test_every_view_and_export_of_a_tool_speaks_its_edition_s_language(guarded_page: Page, site_url: str, built_site: Path,
                                                                         tmp_path: Path, code: str, qid: str):
    """As a respondent goes: the start, a section, the kinds of system (all of them), the result, every export
    (the report, printed and downloaded, Markdown, CSV, the answers file), the team view with two files and
    its exports, a worked example; nothing in them is in another edition's language."""
    page, catalog = guarded_page, _catalog(code)
    say = lambda english: catalog.get(english, english)  # noqa: E731
    bar = page.locator("[data-tk-bar]")
    page.goto(f"{site_url}{'' if code == editions.DEFAULT else code + '/'}tools/{qid}/")
    expect(page.locator("html")).to_have_attribute("lang", code)
    wait_engine(page)
    texts = [widget_text(page)]
    begin(page, catalog)
    page.locator("section[data-section]:visible fieldset[data-question]").first.locator("input").first.check()
    texts.append(widget_text(page))
    if (chooser := profile_question(definition(qid))) is not None:
        bar.get_by_role("button", name=say("Sections")).click()
        page.locator(f"[data-tk-goto-section='{chooser[0]['id']}']").click()
        kinds = page.locator(f"fieldset[data-question='{chooser[1]['id']}'] input[type=checkbox]")
        expect(kinds).to_have_count(len(definition(qid)["profiles"]))
        for box in kinds.all():
            box.check()
        texts.append(widget_text(page))
    bar.get_by_role("button", name=say("Result")).click()
    expect(result(page).locator(".tk-summary__headline")).to_be_visible(timeout=ENGINE_MS)
    page.locator(".tk-result details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    texts.append(widget_text(page))

    files = page.locator(".tk-panel--files")
    report = _downloaded(page, files.locator("[data-tk-action='html']"), unnamed=True).decode("utf-8")
    assert f'<html lang="{code}" dir="{"rtl" if catalog.get("(direction)") == "rtl" else "ltr"}">' in report
    exports = [report, _printed(page, "[data-tk-print]", files.locator("[data-tk-action='print']"))]
    exports.append(_downloaded(page, files.locator("[data-tk-action='markdown']")).decode("utf-8"))
    csv = _downloaded(page, files.locator("[data-tk-action='csv']"))
    assert csv.startswith(b"\xef\xbb\xbf"), "a spreadsheet needs the byte-order mark to read the letters"
    own = tmp_path / "own.json"
    own.write_bytes(_downloaded(page, files.locator("[data-tk-action='save']")))
    exports += [csv.decode("utf-8-sig"), own.read_text(encoding="utf-8")]

    other = tmp_path / "other.json"
    if definition(qid).get("examples"):
        other.write_bytes(example_file(qid).read_bytes())
    else:  # a colleague who left the first answer blank
        other.write_text(json.dumps({**json.loads(own.read_text(encoding="utf-8")), "answers": {}}), encoding="utf-8")
    bar.get_by_role("button", name=say("Sections")).click()
    page.get_by_role("link", name=say("Your assessments and files")).click()
    page.get_by_role("button", name=say("Combine answers from several people")).click()
    team = page.locator("[data-tk-team]")
    team.get_by_label(say("Choose answers files")).set_input_files([str(own), str(other)])
    expect(team.locator("[data-tk-team-result] .tk-team__summary")).to_be_visible(timeout=ENGINE_MS)
    texts.append(widget_text(page))
    for action in ("team-html", "team-markdown", "team-csv", "team-save"):
        exports.append(_downloaded(page, team.locator(f"[data-tk-action='{action}']")).decode("utf-8-sig"))
    exports.append(_printed(page, "[data-tk-print]", team.locator("[data-tk-action='team-print']")))

    if definition(qid).get("examples"):
        team.locator("[data-tk-action='leave-team']").click()
        page.locator("[data-tk-start] [data-tk-action='example']").first.click()
        expect(page.locator("[data-tk-preview]")).to_be_visible(timeout=ENGINE_MS)
        page.locator(".tk-result details").evaluate_all("all => all.forEach(d => { d.open = true; })")
        texts.append(widget_text(page))
    found = other_languages("\n".join(texts + [_text_of(e.encode()) for e in exports]), code, built_site, qid)
    assert found == [], found


def test_the_result_and_the_report_are_in_french(guarded_page: Page, site_url: str, tmp_path: Path):
    page = guarded_page
    page.goto(f"{site_url}fr/tools/readiness/")
    wait_engine(page)
    page.locator("[data-tk-start]").get_by_role("button", name="Voir l'exemple commenté").click()
    answers = json.loads(example_file("readiness").read_text(encoding="utf-8"))["answers"]
    definition = french("readiness")
    with definition_language(definition):
        expected = score(definition, answers)
    expect(result(page).locator(".tk-summary__headline")).to_have_text(expected["headline"], timeout=ENGINE_MS)
    assert "," in expected["headline"]  # 38,4 %: the French decimal comma
    expect(result(page)).to_contain_text("À faire en priorité")
    page.get_by_role("button", name="Copier dans une nouvelle évaluation").click()
    with page.expect_download() as report:
        page.locator(".tk-panel--files").get_by_role("button", name="Télécharger le rapport").click()
    saved = tmp_path / report.value.suggested_filename
    report.value.save_as(saved)
    document = saved.read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in document and expected["headline"] in document
    assert english_leftovers(re.sub(r"<[^>]+>", " ", document)) == []


def test_an_answers_file_saved_in_french_opens_in_english(guarded_page: Page, site_url: str, tmp_path: Path):
    page = guarded_page
    page.goto(f"{site_url}fr/tools/quick-check/")
    begin(page)
    page.locator("section[data-section]:visible fieldset[data-question]").first.locator("input[type=radio]").nth(1).check()
    wait_engine(page)
    page.locator("[data-tk-bar]").get_by_role("button", name="Résultat").click()
    saved = download_unnamed(page, page.locator(".tk-panel--files").get_by_role(
        "button", name="Enregistrer les réponses dans un fichier"))
    file = tmp_path / "reponses.json"
    saved.save_as(file)
    answers = json.loads(file.read_text(encoding="utf-8"))["answers"]
    assert len(answers) == 1
    page.goto(f"{site_url}tools/quick-check/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    wait_engine(page)
    page.get_by_label("Open an answers file").set_input_files(str(file))
    expect(page.locator("[data-tk-file-message]")).to_contain_text("Opened reponses.json", timeout=ENGINE_MS)
    kept = [a["answers"] for a in stored(page, "quick-check")["assessments"].values()]
    assert answers in kept


def test_each_page_links_to_its_counterpart_under_a_sub_path(guarded_page: Page, subpath_site_url: str):
    page = guarded_page
    for path, other in (("fr/tools/risk/", "tools/risk/"), ("tools/risk/", "fr/tools/risk/"), ("fr/", ""), ("", "fr/")):
        page.goto(subpath_site_url + path)
        language = "en" if path.startswith("fr/") else "fr"
        href = page.locator(f".md-select__link[hreflang='{language}']").get_attribute("href")
        target = page.evaluate("href => new URL(href, location.href).href", href)
        assert target == subpath_site_url + other, (path, href)


def search_results(page: Page, query: str) -> list[str]:
    """The addresses the theme's search lists for `query` on the open page."""
    field, links = page.locator(".md-search__input"), page.locator(".md-search-result__item > .md-search-result__link")
    field.click()
    for _ in range(30):  # the theme drops a query typed before its index is loaded: type it again
        field.fill("")
        field.press_sequentially(query)
        field.press("End")  # a key a reader presses: Playwright types letters outside a keyboard's keys (Arabic)
        # without key events, and the theme reads the query on keyup
        try:
            expect(links.first).to_be_visible(timeout=1_000)
            break
        except AssertionError:
            continue
    expect(links.first).to_be_visible()
    return [page.evaluate("a => a.href", link) for link in links.element_handles()]


def test_search_finds_the_pages_of_the_reader_s_language_only(guarded_page: Page, subpath_site_url: str):
    page = guarded_page
    page.goto(subpath_site_url + "fr/tools/")
    french_hits = search_results(page, "INTERPOL")  # a name both languages' pages carry
    assert all(url.startswith(subpath_site_url + "fr/") for url in french_hits), french_hits
    page.goto(subpath_site_url + "tools/")
    english_hits = search_results(page, "INTERPOL")
    assert not [url for url in english_hits if url.startswith(subpath_site_url + "fr/")], english_hits


@pytest.mark.parametrize("code", editions.TRANSLATED)
def test_search_finds_a_word_of_each_edition_s_language(guarded_page: Page, subpath_site_url: str, code: str):
    """The longest word of the edition's risk page title (its own stemmer and script) finds that page."""
    heading = next(line for line in (ROOT / "docs" / "tools" / f"risk.{code}.md").read_text(encoding="utf-8").splitlines()
                   if line.startswith("# "))
    word = max(re.findall(r"\w+", heading.partition("{")[0]), key=len)
    guarded_page.goto(f"{subpath_site_url}{code}/tools/")
    hits = search_results(guarded_page, word)
    assert any(url.startswith(f"{subpath_site_url}{code}/tools/risk/") for url in hits), (word, hits)
    assert all(url.startswith(f"{subpath_site_url}{code}/") for url in hits), (word, hits)


def test_the_palette_chosen_in_one_language_holds_in_the_other(guarded_page: Page, subpath_site_url: str):
    page = guarded_page
    page.goto(subpath_site_url + "tools/")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component='palette'] button:visible").first.click()
    chosen = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert chosen != scheme
    page.goto(subpath_site_url + "fr/tools/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", chosen)


def test_pages_of_both_languages_request_nothing_that_is_missing(guarded_page: Page, subpath_site_url: str):
    page = guarded_page
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    for path in ("", "fr/", "tools/", "fr/tools/risk/", "fr/roadmap/processes/"):
        page.goto(subpath_site_url + path, wait_until="networkidle")
    assert missing == []


def test_a_page_not_yet_translated_says_so_in_french(guarded_page: Page, site_url: str):
    page = guarded_page
    english_only = sorted(page for page in untranslated.english_pages(ROOT, "fr") if not page.endswith("index.md"))[0]
    path = english_only.removeprefix("docs/").removesuffix(".md")
    page.goto(site_url + f"fr/{path}/")
    notice = page.locator(".tk-untranslated")
    expect(notice).to_contain_text(CATALOG["This page is not translated yet: here it is in English."])
    expect(page.locator("article [lang='en']").first).to_be_attached()
    notice.get_by_role("link").click()
    expect(page).to_have_url(site_url + f"{path}/")


def test_a_french_primer_has_no_english_interface_string(guarded_page: Page, site_url: str):
    page = guarded_page
    page.goto(site_url + "fr/primers/end-users/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # The guidance sections lifted from pages not yet translated are English, and marked as such.
    page.locator("article [lang='en']").evaluate_all("all => all.forEach(e => e.remove())")
    text = page.locator("article").inner_text()
    assert CATALOG["Key takeaways"] in text
    assert english_leftovers(text) == []


def test_right_to_left_keeps_the_tool_layout(guarded_page: Page, site_url: str):
    """Arabic can follow: written right to left, a tool page has no sideways scrolling and no radio
    button over its label's words."""
    page = guarded_page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site_url + "tools/risk/")
    # As a right-to-left language's build would: the theme sets the direction on <body> (and <html>).
    page.evaluate("document.documentElement.dir = document.body.dir = 'rtl'")
    page.get_by_role("button", name="Start").click()
    page.locator("[data-tk-bar]").get_by_role("button", name="Sections").click()
    page.locator("[data-tk-goto-section='lawfulness']").click()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    overlaps = page.evaluate("""() => [...document.querySelectorAll('section:not([hidden]) .tk-option')].filter(option => {
        const input = option.querySelector('input').getBoundingClientRect();
        const label = option.querySelector('label');
        const range = document.createRange();
        range.selectNodeContents(label);
        const words = [...range.getClientRects()].filter(r => r.width > 0);
        return words.some(r => r.left < input.right - 1 && input.left < r.right - 1
                                && r.top < input.bottom - 1 && input.top < r.bottom - 1);
    }).length""")
    assert overlaps == 0
    page.locator("[data-tk-bar]").get_by_role("button", name="Sections").click()
    page.locator("[data-tk-goto-section='screening']").click()
    box = page.locator("section:not([hidden]) .tk-options:not(.tk-options--scale) input").first.bounding_box()
    label = page.locator("section:not([hidden]) .tk-options:not(.tk-options--scale) label").first.bounding_box()
    assert box["x"] > label["x"] + label["width"] / 2, "the box sits where a right-to-left reader starts"


def test_every_link_in_a_french_result_and_report_is_a_page_of_the_build_kept_offline(guarded_page: Page, site_url: str,
                                                                                      built_site: Path):
    """Guidance links the engine writes on the French risk page and in its downloaded reports: each is a
    French page of this build, with no doubled slash, and one the service worker keeps offline."""
    page = guarded_page
    page.goto(f"{site_url}fr/tools/risk/")
    wait_engine(page)
    begin(page)
    page.get_by_role("group", name=re.compile("De quels types de système")).locator("input[type=checkbox]").first.check()
    expect(result(page)).to_contain_text("au moins", timeout=ENGINE_MS)
    page.locator("[data-tk-bar]").get_by_role("button", name="Résultat").click()
    links = result(page).locator("a[href]").evaluate_all("(links) => links.map((a) => a.href)")
    report = download_unnamed(page, page.get_by_role("button", name="Rapport en Markdown").first)
    markdown = Path(report.path()).read_text(encoding="utf-8")
    links += [link for link in re.findall(r"\]\(([^)]+)\)", markdown)]
    kept = set(json.loads(re.search(r"const FILES = (\[.*?\]);", (built_site / "sw.js").read_text()).group(1)))
    pages = [link.split("#")[0] for link in links if link.startswith(site_url)]
    assert len(pages) > 5, links
    for link in pages:
        path = link[len(site_url):]
        assert "//" not in path, link
        assert path.startswith("fr/"), link
        assert (built_site / path / "index.html").exists() or (built_site / path).is_file(), link
        assert path in kept, link
