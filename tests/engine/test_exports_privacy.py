"""Every export, read by a hostile tester: respondents whose names, file names and written answers hold
personal names, markup and spreadsheet formulas.

With names hidden, nothing that identifies a respondent reaches the team view or any team export (the
combined result the page receives, its HTML, Markdown, CSV, the printable report and the consensus file);
with names shown, what does appear is escaped for HTML and Markdown and neutralised for spreadsheets. Every
CSV cell the project writes, headers included, goes through one neutralising function; every report file
carries a policy that forbids scripts and outside requests. The table of what each export carries is
in docs/maintainers/privacy.md."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from engine_helpers import EXAMPLES, REPO
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine import definition as dfn
from pyscript_tools.engine.bridge import handle
from pyscript_tools.engine.report.document import POLICY, report_document
from pyscript_tools.engine.report.team import team_csv, team_document, team_markdown
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.team import combine
from pyscript_tools.engine.text import FORMULA_STARTS, csv_cell

TOOLS = ("readiness", "risk", "workbook")
# Each respondent: the name in their file, their file's name, and what they typed in words.
HOSTILE = [
    ("Ben Okafor", "readiness-ben-okafor.json", "Okafor wrote this <b>himself</b>"),
    ('=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0.json", "+SUM(1,1) said Amira Haddad"),
    ("@SUM(1)<img src=x onerror=alert(1)>", "-2+3 (Chief Lindqvist).json", "\t=1+1 <script>alert(1)</script>"),
]
IDENTIFYING = ["Okafor", "okafor", "HYPERLINK", "cmd|", "SUM(", "Haddad", "Lindqvist", "onerror", "<script", "himself"]
NUMBER = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?$")


def site(qid):
    definition, problems = load_questionnaire_file(REPO / "toolkit_content" / "questionnaires" / f"{qid}.yml")
    assert problems == []
    return definition


def with_words(definition, answers, words):
    """The answers with `words` typed into every field that takes words (responses, notes, owners)."""
    out = dict(answers)
    for _, question in dfn.iter_questions(definition):
        qtype = question.get("type", "choice")
        value = out.get(question["id"])
        if qtype == "rated":
            out[question["id"]] = {**(value if isinstance(value, dict) else {"likelihood": 2, "severity": 2}), "note": words}
        elif qtype == "prompt":
            base = value if isinstance(value, dict) else {"status": value or "in-progress"}
            out[question["id"]] = {**base, "response": words, "owner": words}
    return out


def hostile_files(qid):
    definition = site(qid)
    example = json.loads(next(EXAMPLES.glob(f"{qid}-example.json")).read_text(encoding="utf-8"))
    files = []
    for i, (name, file_name, words) in enumerate(HOSTILE):
        answers = with_words(definition, example["answers"], words)
        if i == 1:  # the respondents differ, so that there is something to discuss
            first = next(iter(answers))
            answers.pop(first)
        files.append((file_name, json.dumps({**example, "name": name, "answers": answers})))
    return definition, files


def team_exports(qid, named):
    """Everything the team view shows and every team export, as the page receives them (bridge JSON)."""
    definition, files = hostile_files(qid)
    assert json.loads(handle(json.dumps({"action": "load", "definition": definition})))["ok"]
    request = {"questionnaire": qid, "files": [{"name": n, "text": t} for n, t in files], "named": named}
    out = {"combine": handle(json.dumps({"action": "combine", **request, "base_url": "../../"}))}
    for fmt in ("markdown", "csv", "html"):
        out[fmt] = handle(json.dumps({"action": "export_combined", "format": fmt, **request, "date": "2026-12-05"}))
    for key, response in out.items():
        assert json.loads(response)["ok"], (key, response[:300])
    combined = combine(definition, files, named=named)
    out.update(markdown_text=team_markdown(combined), csv_text=team_csv(combined),
               document=team_document(combined, "2026-12-05"), consensus=json.dumps(combined["consensus"]["file"]))
    return combined, out


@pytest.mark.parametrize("qid", TOOLS)
def test_with_names_hidden_nothing_identifies_a_respondent(qid):
    combined, exports = team_exports(qid, named=False)
    for key, content in exports.items():
        found = [token for token in IDENTIFYING if token in content]
        assert found == [], f"{qid} {key} shows {found}"
    assert [r["label"] for r in combined["respondents"]] == ["Respondent 1", "Respondent 2", "Respondent 3"]
    assert all(r["file"] == "" and r["name"] == "" for r in combined["respondents"])
    if qid != "readiness":  # readiness takes no words; the others say how many written answers were withheld
        assert combined["withheld"] > 0 and "withheld" in json.loads(exports["combine"])["result"]["html"]["summary"]


@pytest.mark.parametrize("qid", TOOLS)
def test_with_names_hidden_the_order_of_respondents_says_nothing_of_their_files(qid):
    """Renaming the files (or the people) never changes who is 'Respondent 1'."""
    definition, files = hostile_files(qid)
    renamed = [("z%d.json" % (9 - i), text.replace(HOSTILE[i][0].replace('"', '\\"'), "A" * (i + 1)))
               for i, (_, text) in enumerate(files)]
    first, second = combine(definition, files), combine(definition, renamed)
    assert first["questions"] == second["questions"]
    assert [r["headline"] for r in first["respondents"]] == [r["headline"] for r in second["respondents"]]


@pytest.mark.parametrize("qid", TOOLS)
def test_a_refused_file_is_named_with_its_reason_even_with_names_hidden(qid):
    definition, files = hostile_files(qid)
    combined = combine(definition, [*files, ("broken-file.json", "{ not json")])
    assert [r["file"] for r in combined["refused"]] == ["broken-file.json"]
    assert "broken-file.json" in team_markdown(combined) and len(combined["respondents"]) == 3


@pytest.mark.parametrize("qid", TOOLS)
def test_with_names_shown_names_are_escaped_and_neutralised(qid):
    _, exports = team_exports(qid, named=True)
    assert "Ben Okafor" in exports["combine"]
    html = json.loads(exports["combine"])["result"]["html"]["all"] + json.loads(exports["html"])["result"]["content"]
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "\\<img" in exports["markdown_text"] and not re.search(r"(?<!\\)<img", exports["markdown_text"])
    assert_csv_neutralised(exports["csv_text"])
    assert_csv_neutralised(json.loads(exports["csv"])["result"]["content"])


def assert_csv_neutralised(content: str) -> None:
    rows = list(csv.reader(io.StringIO(content)))
    assert rows, "an empty CSV"
    for row in rows:
        for cell in row:
            assert not cell or cell[0] not in FORMULA_STARTS or NUMBER.match(cell), f"live formula: {cell!r}"


def test_the_team_csv_header_row_is_neutralised():
    _, exports = team_exports("readiness", named=True)
    header = next(csv.reader(io.StringIO(exports["csv_text"])))
    assert "'=HYPERLINK(\"http://x\",\"y\")" in header
    assert any(cell.startswith("'@SUM(1)") for cell in header)


@pytest.mark.parametrize("qid", TOOLS)
def test_a_single_report_neutralises_and_escapes_what_its_author_typed(qid):
    definition, files = hostile_files(qid)
    answers = json.loads(files[2][1])["answers"]
    load = {"action": "load", "definition": definition}
    assert json.loads(handle(json.dumps(load)))["ok"]
    request = {"questionnaire": qid, "answers": answers, "name": HOSTILE[2][0]}
    exported = {action: json.loads(handle(json.dumps({"action": action, **request})))["result"]
                for action in ("export_csv", "export_html", "export_markdown")}
    assert_csv_neutralised(exported["export_csv"]["csv"])
    assert "<img" not in exported["export_html"]["html"] and "<script" not in exported["export_html"]["html"]
    assert not re.search(r"(?<!\\)<img", exported["export_markdown"]["markdown"])  # Markdown escapes it: \<img


@SETTINGS
@given(st.text(max_size=40))
def test_no_csv_cell_can_start_a_formula(value):
    cell = csv_cell(value)
    assert not cell or cell[0] not in FORMULA_STARTS or NUMBER.match(cell)


@pytest.mark.parametrize("make", ["single", "team"])
def test_every_report_file_forbids_scripts_and_outside_requests(make):
    definition = site("readiness")
    example = (EXAMPLES / "readiness-example.json").read_text(encoding="utf-8")
    if make == "single":
        document = report_document(score(definition, json.loads(example)["answers"]), "x", "2026-12-05")
    else:
        document = team_document(combine(definition, [("a.json", example)]), "2026-12-05")
    head = document[: document.index("</head>")]
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert policy and policy.group(1) == POLICY
    assert head.index("Content-Security-Policy") < head.index("<title>")
    directives = dict(d.strip().split(" ", 1) for d in POLICY.split(";"))
    assert directives["default-src"] == "'none'" and "script-src" not in directives


@pytest.mark.parametrize("base", ["../../", "../..//", "../.."])
def test_links_in_results_are_joined_with_one_slash(base):
    definition = site("risk")
    answers = json.loads((EXAMPLES / "risk-example.json").read_text(encoding="utf-8"))["answers"]
    assert json.loads(handle(json.dumps({"action": "load", "definition": definition})))["ok"]
    request = {"questionnaire": "risk", "answers": answers, "base_url": base}
    html = json.loads(handle(json.dumps({"action": "score", **request})))["result"]["html"]["all"]
    markdown = json.loads(handle(json.dumps({"action": "export_markdown", **request})))["result"]["markdown"]
    links = [link for link in re.findall(r'href="([^"]+)"', html) + re.findall(r"\]\(([^)]+)\)", markdown)
             if not link.startswith(("#", "https://"))]  # a place in the result itself; the law's official texts
    assert links and all(link.startswith("../../") and "//" not in link.replace("://", "") for link in links), links
