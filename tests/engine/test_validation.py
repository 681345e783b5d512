"""Validation: every problem at once, as file:line: field: message, never a traceback."""
import copy
import re

import pytest
from engine_helpers import FIXTURES, QDIR, role_ids

from pyscript_tools.authoring.anchors import page_anchors, slugify
from pyscript_tools.authoring.content import load_questionnaire_dir, load_questionnaire_file, validate_links
from pyscript_tools.authoring.validate import tag_vocabulary, validate_definition

LINE = re.compile(r"^[^:]+:\d+: [^:]+: .+$")
ANCHORS = {
    "roadmap/organizational-culture.md": {"the-right-mindset", "why-culture-matters"},
    "principles/lawfulness.md": {"legal-basis", "proportionality"},
}


def test_fixtures_are_valid():
    defs, errors = load_questionnaire_dir(QDIR)
    assert errors == []
    assert sorted(defs) == ["readiness-mini", "risk-mini", "workbook-mini"]


def test_every_problem_at_once_with_file_and_line():
    path = FIXTURES / "invalid" / "many-problems.yml"
    _, errors = load_questionnaire_file(path, anchors_by_page=ANCHORS, roles=role_ids())
    text = "\n".join(errors)
    assert all(LINE.match(e) for e in errors), errors
    expectations = [
        (2, "version", "expected a quoted semantic version"),
        (5, "colour", "unknown key 'colour'"),
        (9, "scales.yesno[1].value", "duplicate option value 'no'"),
        (13, "levels[2].min", "thresholds out of order"),
        (17, "sections[0].learn_more", "page 'roadmap/nowhere.md' does not exist"),
        (22, "sections[0].questions[0].tags.roles[0]", "unknown role id 'chief-of-everything'"),
        (22, "sections[0].questions[0].tags.approaches[0]", "expected one of develop, procure, deploy, got 'buy'"),
        (23, "sections[0].questions[1].id", "duplicate question id 'q-one'"),
        (26, "sections[0].questions[2]", "question has no options"),
        (30, "sections[0].questions[3].scale", "unknown scale 'maturity'"),
        (31, "sections[0].questions[3].learn_more", "has no anchor #no-such-anchor"),
    ]
    for line, field, message in expectations:
        assert any(f":{line}: {field}: " in e and message in e for e in errors), (line, field, message, text)
    assert len(errors) == len(expectations)
    lines = [int(e.split(":")[1]) for e in errors]
    assert lines == sorted(lines)


def test_matrix_not_monotone():
    _, errors = load_questionnaire_file(FIXTURES / "invalid" / "bad-matrix.yml")
    assert any(":10: matrix[0][1]: matrix not monotone" in e for e in errors), errors
    assert any(":11: matrix[1][0]: matrix not monotone" in e for e in errors), errors


def test_yaml_syntax_error_is_one_line():
    defn, errors = load_questionnaire_file(FIXTURES / "invalid" / "broken-yaml.yml")
    assert defn is None and len(errors) == 1
    assert "YAML syntax error" in errors[0] and LINE.match(errors[0])


def test_duplicate_yaml_keys_and_id_must_match_file(tmp_path):
    p = tmp_path / "other-name.yml"
    p.write_text('id: some-id\nversion: "1.0.0"\nversion: "1.0.1"\nkind: workbook\ntitle: T\nnote: N\n'
                 'sections: [{id: s, title: S, questions: [{id: q, text: Q, stage: planning-design}]}]\n')
    _, errors = load_questionnaire_file(p)
    assert any(":3: version: duplicate key 'version'" in e for e in errors), errors
    assert any(":1: id: id 'some-id' must equal the file name" in e for e in errors), errors


def test_missing_file_and_empty_file(tmp_path):
    _, errors = load_questionnaire_file(tmp_path / "nope.yml")
    assert len(errors) == 1 and "cannot read" in errors[0]
    (tmp_path / "empty.yml").write_text("")
    _, errors = load_questionnaire_file(tmp_path / "empty.yml")
    assert errors and "empty" in errors[0]


@pytest.mark.parametrize("mutate,fragment", [
    (lambda d: d.pop("levels"), "missing required key 'levels'"),
    (lambda d: d.update(kind="survey"), "kind: expected one of readiness, risk, workbook, got 'survey'"),
    (lambda d: d["levels"][0].update(min=10), "the lowest level must start at 0"),
    (lambda d: d["levels"].append({"id": "early", "name": "Again", "min": 90}), "duplicate level id"),
    (lambda d: d["sections"].append(copy.deepcopy(d["sections"][0])), "duplicate section id"),
    (lambda d: d["sections"][0]["questions"][0].update(options=[]), "give one of 'scale', 'options' or 'options_from'"),
    (lambda d: d["scales"]["maturity"][0].pop("points"), "missing required key 'points'"),
    (lambda d: d["scales"]["maturity"][5].update(points=1), "does not score"),
    (lambda d: d["sections"][0]["questions"][0].update(stage="deployment-use"), "only for workbook"),
    (lambda d: d["sections"][0].update(screening=True), "only for risk"),
    (lambda d: d["sections"][0]["questions"][0].update(learn_more="https://example.org"), "docs-relative"),
    (lambda d: d["sections"][0].update(questions=[]), "questions: expected a non-empty list"),
    (lambda d: d["sections"][0]["questions"][0]["tags"].update(stages=["launch"]),
     "stages[0]: expected one of planning-design, development-procurement, deployment-use, monitoring-evaluation, "
     "got 'launch'"),
    (lambda d: d["sections"][1]["questions"][1]["options"][2].update(min_level="early"), "only for risk"),
    (lambda d: d["scales"]["maturity"][0].update(exclusive=True), "'exclusive' is only for multi questions"),
])
def test_readiness_rules(readiness, mutate, fragment):
    mutate(readiness)
    errors = validate_definition(readiness, file="r.yml")
    assert any(fragment in e for e in errors), errors


@pytest.mark.parametrize("mutate,fragment", [
    (lambda d: d["matrix"].pop(), "has 3 rows but likelihood has 4"),
    (lambda d: d["matrix"][0].append("low"), "has 5 cells"),
    (lambda d: d["matrix"][0].__setitem__(0, "purple"), "'purple' is not a level id"),
    (lambda d: d["likelihood"][1].update(value=1), "values out of order"),
    (lambda d: d["levels"][0].update(min=0), "risk levels come from the matrix"),
    (lambda d: d["levels"][0].update(action="ignore"),
     "levels[0].action: expected one of proceed, mitigate, escalate, do-not-proceed, got 'ignore'"),
    (lambda d: d["sections"][0]["questions"][0]["options"][1].update(min_level="severe"), "not a level id"),
    (lambda d: d["sections"][0]["questions"][0].update(type="rated"), "not allowed here"),
    (lambda d: d["sections"][1]["questions"][0].update(scale="x", type="rated"), "takes no 'scale'"),
    (lambda d: d.pop("matrix"), "missing required key 'matrix'"),
    (lambda d: d["sections"][0]["questions"][0]["options"][0].update(exclusive=True),
     "'exclusive' is only for multi questions"),
])
def test_risk_rules(risk, mutate, fragment):
    mutate(risk)
    errors = validate_definition(risk, file="k.yml")
    assert any(fragment in e for e in errors), errors


@pytest.mark.parametrize("mutate,fragment", [
    (lambda d: d["sections"][0]["questions"][0].pop("stage"), "missing required key 'stage'"),
    (lambda d: d["sections"][0]["questions"][0].update(stage="someday"), "stage: expected one of planning-design"),
    (lambda d: d["sections"][0]["questions"][0].update(scale="x"), "takes no 'scale'"),
    (lambda d: d["levels"][1].update(min=0), "thresholds out of order"),
    (lambda d: d["sections"][0]["questions"][0]["tags"].update(roles=["sheriff"]), "unknown role id"),
])
def test_workbook_rules(workbook, mutate, fragment):
    mutate(workbook)
    errors = validate_definition(workbook, file="w.yml", vocabulary=tag_vocabulary(role_ids()))
    assert any(fragment in e for e in errors), errors


@pytest.mark.parametrize("garbage", [None, [], "text", 42, {"sections": "x"}, {"levels": [1, 2]},
                                     {"kind": "risk", "matrix": "x", "likelihood": [None], "levels": [{}]},
                                     {"kind": "readiness", "sections": [{"questions": [None, {"scale": []}]}]}])
def test_never_raises_on_garbage(garbage):
    errors = validate_definition(garbage, file="g.yml")
    assert errors and all(LINE.match(e) for e in errors)
    assert not any("internal validation error" in e for e in errors), errors


def test_validate_links_pages_and_anchors(readiness):
    errors = validate_links(readiness, {"roadmap/organizational-culture.md": {"the-right-mindset"}}, file="r.yml")
    assert any("has no anchor #why-culture-matters" in e for e in errors)
    assert any("page 'roadmap/people-and-expertise.md' does not exist" in e for e in errors)


def test_slugify_matches_python_markdown():
    from markdown.extensions.toc import slugify as md_slugify
    for text in ["Why culture matters", "Step 2 — the risk: what's next?", "Café & données", "  Spaces   here "]:
        assert slugify(text) == md_slugify(text, "-")


def test_page_anchors():
    text = ("---\ntitle: x\n---\n# Title\n## Necessity {#necessity data-roles=\"legal-data-protection\"}\n"
            "## Why *culture* matters\n## Why culture matters\n```\n## Not a heading\n```\n"
            "Para {: #para-id}\n<div id=\"raw-id\"></div>\n")
    assert page_anchors(text) == {"title", "necessity", "why-culture-matters", "why-culture-matters_1",
                                  "para-id", "raw-id"}


def test_note_is_required(readiness):
    readiness.pop("note")
    assert any("missing required key 'note'" in e for e in validate_definition(readiness))


@pytest.mark.parametrize("text,fragment", [
    ("a: !!python/object:os.system x\n", "could not determine a constructor"),
    ("a: &x [*x]\n", "refers to itself"),
    ("\x00\x01", "unacceptable character"),
    ("a: 1\n b: 2\n", "YAML syntax error"),
    ("<<: {a: 1}\n", "merge keys"),
    ("- 1\n- 2\n", "mapping (key: value pairs) at the top level"),
])
def test_odd_yaml_is_reported_not_raised(tmp_path, text, fragment):
    p = tmp_path / "odd.yml"
    p.write_text(text)
    _, errors = load_questionnaire_file(p)
    assert errors and fragment in " ".join(errors), errors
    assert all(LINE.match(e) for e in errors)
