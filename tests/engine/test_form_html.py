"""The static questionnaire form (pyscript_tools.authoring.form_html): native, labelled, unique ids, every question present."""
from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.authoring.form_html import render_form

ROOT = Path(__file__).resolve().parents[2]
QIDS = ["readiness", "risk", "workbook", "quick-check"]


def _definition(qid):
    definition, errors = load_questionnaire_file(ROOT / "toolkit_content" / "questionnaires" / f"{qid}.yml")
    assert not errors
    return definition


def _render(qid, **kw):
    return render_form(_definition(qid), lambda link: "../../" + link, "../../", **kw)


@pytest.mark.parametrize("qid", QIDS)
def test_every_question_is_a_fieldset_with_legend_and_labelled_controls(qid):
    d = _definition(qid)
    html = _render(qid)
    questions = [q for s in d["sections"] for q in s["questions"]]
    assert html.count("<fieldset class=\"tk-question") == len(questions)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for control in re.findall(r"<(?:input|textarea|select)\b[^>]*>", html):
        cid = re.search(r'\sid="([^"]+)"', control).group(1)
        assert f'for="{cid}"' in html, control
    assert html.count("<legend>") >= len(questions)
    # Without JavaScript nothing that needs it is shown: every button and file picker sits inside a
    # hidden part (the glue reveals those marked data-tk-js).
    assert _controls_outside_hidden(html) == []


class _Visibility(HTMLParser):
    """Collects buttons and file inputs that would be visible with no script running."""
    VOID = frozenset({"input", "br", "img", "hr", "meta", "link", "source", "col", "area", "wbr"})

    def __init__(self):
        super().__init__()
        self.stack, self.visible = [], []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        hidden = "hidden" in names or any(self.stack)
        if not hidden and (tag == "button" or (tag == "input" and names.get("type") == "file")):
            self.visible.append(names.get("data-tk-action") or names.get("id"))
        if tag not in self.VOID:
            self.stack.append("hidden" in names)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


def _controls_outside_hidden(html):
    parser = _Visibility()
    parser.feed(html)
    return parser.visible


def test_risk_rated_items_have_two_scales_and_not_applicable():
    html = _render("risk")
    d = _definition("risk")
    rated = sum(1 for s in d["sections"] if not s.get("screening") for _ in s["questions"])
    assert html.count('data-type="rated"') == rated
    assert html.count('data-axis="likelihood"') == rated and html.count('data-axis="severity"') == rated
    assert html.count("Not applicable to this system") == rated
    assert html.count("What the likelihood and severity ratings mean") == 1


def test_workbook_prompts_and_filters():
    html = _render("workbook", role_names={"legal-data-protection": "Legal and data protection"})
    prompts = sum(len(s["questions"]) for s in _definition("workbook")["sections"])
    assert html.count('data-type="prompt"') == prompts
    assert html.count('type="date"') == prompts
    assert '<option value="legal-data-protection">Legal and data protection</option>' in html
    assert '<option value="monitoring-evaluation">Monitoring and evaluation</option>' in html
    assert f"Showing all {prompts} prompts." in html


def test_markdown_help_headings_example_and_erase_button():
    html = _render("readiness", markdown=lambda text: "<p>MD:" + text[:10] + "</p>", heading_level=3,
                   examples=[("../examples/readiness-example.json", "Northbridge")], privacy_url="../../about/#privacy")
    assert "<p>MD:" in html
    assert re.search(r"<h3 id=\"tk-readiness-s-culture-h\" tabindex=\"-1\">", html)
    assert "<h2" not in html
    assert 'data-url="../examples/readiness-example.json"' in html
    assert ">Erase my answers from this browser</button>" in html
    assert 'href="../../about/#privacy"' in html
    readiness = sum(len(s["questions"]) for s in _definition("readiness")["sections"])
    assert f"0 of {readiness} questions answered" in html
    quick = _render("quick-check", heading_level=2)
    assert "<h2 id=\"tk-quick-check-results-h\"" in quick and "Open the worked example" not in quick


def test_kinds_are_checkboxes_and_their_sections_are_marked_with_their_kind():
    d = _definition("risk")
    html = _render("risk")
    chooser = re.search(r'<fieldset[^>]*data-question="screen-application"[^>]*>.*?</fieldset>', html).group(0)
    assert 'data-type="multi"' in chooser and 'type="radio"' not in chooser
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)" name="tk-risk-screen-application" value="([^"]+)">', chooser)
    assert [value for _, value in boxes] == [p["id"] for p in d["profiles"]]
    assert all(f'<label for="{box}">' in chooser for box, _ in boxes)
    for p in d["profiles"]:
        section = re.search(r'<section class="tk-section" id="tk-risk-s-profile-%s"[^>]*>' % p["id"], html).group(0)
        # Readable without JavaScript; the glue shows a kind's section once that kind is ticked.
        assert f'data-profile="{p["id"]}"' in section and "hidden" not in section
        assert re.search(r'<li data-tk-nav="profile-%s" data-profile="%s">' % (p["id"], p["id"]), html)
    common = sum(1 for s in d["sections"] if not s.get("profile") for q in s["questions"] if not q.get("ask_if"))
    assert f"0 of {common} questions answered" in html


def test_a_partial_in_an_overrides_folder_wins_over_the_default(tmp_path):
    """As with Material's partials: a template of the same relative path in the site's folder is used instead."""
    from pyscript_tools.authoring.form_html import form_templates

    partial = tmp_path / "toolkit" / "form" / "questions" / "rated.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<p class="agency-rating">{{ tr("Likelihood") }}: {{ "<&>" }}</p>\n', encoding="utf-8")
    d = _definition("risk")
    html = render_form(d, lambda link: link, templates=form_templates((str(tmp_path),)))
    rated = sum(1 for s in d["sections"] if not s.get("screening") for _ in s["questions"])
    assert html.count('<p class="agency-rating">Likelihood: &lt;&amp;&gt;</p>') == rated  # what it inserts is escaped
    assert 'data-axis="likelihood"' not in html
    assert html.count('<fieldset class="tk-question tk-question--rated"') == rated  # the rest is the default
