"""Team assessments (pyscript_tools.engine.team): several answers files combined.

Properties: one file gives that file's own result; the files' order changes nothing; identical files
disagree nowhere; a foreign or corrupt file is refused with its name and reason while the others are
combined. Then worked cases on the site's questionnaires, the command line and the bridge.
"""
import json

import pytest
from engine_helpers import EXAMPLES, load_fixture
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS, readiness_answers, risk_answers, workbook_answers

from pyscript_tools.authoring.cli import main as cli
from pyscript_tools.authoring.content import load_questionnaire_file
from pyscript_tools.engine.answers_file import new_answers_file, parse_answers_file
from pyscript_tools.engine.bridge import handle
from pyscript_tools.engine.report.team import team_csv, team_document, team_markdown
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.team import CombineError, combine

MINIS = {"readiness": (load_fixture("readiness-mini"), readiness_answers),
         "risk": (load_fixture("risk-mini"), risk_answers),
         "workbook": (load_fixture("workbook-mini"), workbook_answers)}


def as_file(definition, answers, name=""):
    return json.dumps(new_answers_file(definition, answers, name=name))


def site(qid):
    definition, problems = load_questionnaire_file(EXAMPLES.parents[2] / "toolkit_content" / "questionnaires" / f"{qid}.yml")
    assert problems == []
    return definition


def without_words(answers):
    """Answers as a team sees them with names hidden: without what respondents typed in words."""
    out = {}
    for qid, value in answers.items():
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in ("response", "note", "owner")}
        if value not in ({}, None):
            out[qid] = value
    return out


def without_html(result):
    return {k: v for k, v in result.items() if k != "html"}


# ------------------------------------------------------------------------------------ properties


@pytest.mark.parametrize("kind", sorted(MINIS))
def test_one_file_gives_its_own_result(kind):
    definition, answers_strategy = MINIS[kind]

    @SETTINGS
    @given(answers_strategy())
    def check(answers):
        combined = combine(definition, [("a.json", as_file(definition, answers))], named=True)
        assert combined["consensus"]["result"] == score(definition, answers)
        hidden = combine(definition, [("a.json", as_file(definition, answers))])
        assert hidden["consensus"]["result"] == score(definition, without_words(answers))
        assert combined["to_discuss"] == [] or all(q["gaps"] for q in combined["questions"]
                                                   if q["id"] in combined["to_discuss"])

    check()


@pytest.mark.parametrize("kind", sorted(MINIS))
def test_the_order_of_the_files_changes_nothing(kind):
    definition, answers_strategy = MINIS[kind]

    @SETTINGS
    @given(st.lists(answers_strategy(), min_size=2, max_size=4), st.randoms(use_true_random=False))
    def check(many, random):
        files = [("r%d.json" % i, as_file(definition, answers, "Person %d" % i)) for i, answers in enumerate(many)]
        shuffled = list(files)
        random.shuffle(shuffled)
        for named in (False, True):
            assert combine(definition, files, named=named) == combine(definition, shuffled, named=named)

    check()


@pytest.mark.parametrize("kind", sorted(MINIS))
def test_identical_files_disagree_nowhere(kind):
    definition, answers_strategy = MINIS[kind]

    @SETTINGS
    @given(answers_strategy(), st.integers(min_value=2, max_value=4))
    def check(answers, copies):
        combined = combine(definition, [("f%d.json" % i, as_file(definition, answers)) for i in range(copies)], named=True)
        assert all(q["disagreement"] == 0 for q in combined["questions"])
        assert combined["consensus"]["result"] == score(definition, answers)
        for section in combined["sections"]:
            assert section.get("spread", 0) == 0

    check()


@pytest.mark.parametrize("kind", sorted(MINIS))
def test_disagreement_is_between_0_and_1_and_the_consensus_is_a_valid_answer(kind):
    definition, answers_strategy = MINIS[kind]

    @SETTINGS
    @given(st.lists(answers_strategy(), min_size=1, max_size=5))
    def check(many):
        combined = combine(definition, [("f%d.json" % i, as_file(definition, a)) for i, a in enumerate(many)])
        assert all(0 <= q["disagreement"] <= 1 for q in combined["questions"])
        consensus = combined["consensus"]["file"]
        assert parse_answers_file(json.dumps(consensus), definition)["answers"] == combined["consensus"]["answers"]
        for section in combined["sections"]:
            if "min" in section:
                assert section["min"] <= section["median"] <= section["max"]

    check()


def test_a_foreign_or_corrupt_file_is_refused_by_name_and_the_others_are_combined():
    readiness, risk = site("readiness"), site("risk")
    example = (EXAMPLES / "readiness-example.json").read_text(encoding="utf-8")
    files = [("ours.json", example), ("broken.json", example[: len(example) // 2]),
             ("risk.json", (EXAMPLES / "risk-example.json").read_text(encoding="utf-8")), ("empty.json", "")]
    combined = combine(readiness, files, named=True)
    assert [r["file"] for r in combined["respondents"]] == ["ours.json"]
    reasons = {r["file"]: r["reason"] for r in combined["refused"]}
    assert set(reasons) == {"broken.json", "risk.json", "empty.json"}
    assert "not valid JSON" in reasons["broken.json"] and "'risk'" in reasons["risk.json"]
    assert "empty" in reasons["empty.json"]
    assert combined["consensus"]["result"] == score(readiness, json.loads(example)["answers"])
    with pytest.raises(CombineError, match="no answers file could be read"):
        combine(risk, [("ours.json", example)])


# ------------------------------------------------------------------------------------ worked cases


def readiness_team():
    """Three people: the worked example, one more optimistic on vision, one who has not started; one
    of them saved before the questionnaire's current version (an older file version)."""
    definition = site("readiness")
    base = json.loads((EXAMPLES / "readiness-example.json").read_text(encoding="utf-8"))
    optimist = {**base["answers"], "culture-vision": "embedded"}
    sceptic = {**base["answers"], "culture-vision": "not-started", "culture-start-with-why": "dont-know"}
    older = json.loads(as_file(definition, sceptic, "Sceptic"))
    older["version"] = "0.9.0"
    return definition, [("a.json", json.dumps(base)), ("b.json", as_file(definition, optimist, "Optimist")),
                        ("c.json", json.dumps(older))]


def test_a_readiness_team_shows_where_it_disagrees_and_a_median_consensus():
    definition, files = readiness_team()
    combined = combine(definition, files, named=True)
    labels = [r["label"] for r in combined["respondents"]]
    assert labels == sorted(labels, key=str.casefold)
    assert [r for r in combined["respondents"] if r["migration"]], "the older file is migrated and says so"
    first = combined["to_discuss"][0]
    assert first == "culture-vision"
    vision = next(q for q in combined["questions"] if q["id"] == "culture-vision")
    assert vision["disagreement"] == 1.0
    assert [g["count"] for g in vision["distribution"]] == [1, 1, 1]
    assert vision["consensus"] == json.loads(files[0][1])["answers"]["culture-vision"]  # the middle answer
    why = next(q for q in combined["questions"] if q["id"] == "culture-start-with-why")
    assert why["gaps"] == 1 and "culture-start-with-why" in combined["to_discuss"]
    # A facilitator's choice replaces the median and is scored.
    chosen = combine(definition, files, choices={"culture-vision": "embedded"})
    assert chosen["consensus"]["answers"]["culture-vision"] == "embedded"
    assert next(q for q in chosen["questions"] if q["id"] == "culture-vision")["chosen"]
    with pytest.raises(ValueError, match="culture-vision"):
        combine(definition, files, choices={"culture-vision": "maybe"})


def test_a_risk_team_takes_the_more_cautious_middle_and_the_union_of_kinds():
    definition = site("risk")
    fr = json.loads((EXAMPLES / "risk-example.json").read_text(encoding="utf-8"))
    speech = json.loads((EXAMPLES / "risk-transcription-example.json").read_text(encoding="utf-8"))
    combined = combine(definition, [("fr.json", json.dumps(fr)), ("speech.json", json.dumps(speech))])
    kinds = combined["consensus"]["answers"]["screen-application"]
    assert set(fr["answers"]["screen-application"]) | set(speech["answers"]["screen-application"]) == set(kinds)
    # Where two ratings differ, the consensus is the higher risk of the two.
    rank = {level["id"]: i for i, level in enumerate(definition["levels"])}
    rows = [{q["id"]: q for q in score(definition, f["answers"])["questions"]} for f in (fr, speech)]
    consensus_rows = {q["id"]: q for q in combined["consensus"]["result"]["questions"]}
    compared = 0
    for qid, row in consensus_rows.items():
        if row["type"] == "rated" and all(qid in r and r[qid].get("level") for r in rows):
            assert rank[row["level"]] == max(rank[r[qid]["level"]] for r in rows), qid
            compared += 1
    assert compared > 10
    # A kind only one person chose is "not asked" of the other, not a disagreement.
    fr_only = next(q for q in combined["questions"] if q["section"] == "profile-facial-recognition")
    assert len(fr_only["not_shown"]) == 1 and fr_only["disagreement"] == 0


def test_a_workbook_team_shows_statuses_and_owners_per_prompt():
    definition = site("workbook")
    base = json.loads((EXAMPLES / "workbook-example.json").read_text(encoding="utf-8"))
    qid = next(k for k, v in base["answers"].items() if isinstance(v, dict) and v.get("owner"))
    other = {**base["answers"], qid: {"status": "not-started", "owner": "Another team", "due": "2026-01-05"}}
    combined = combine(definition, [("a.json", json.dumps(base)), ("b.json", as_file(definition, other))], named=True)
    question = next(q for q in combined["questions"] if q["id"] == qid)
    texts = [g["text"] for g in question["distribution"]]
    assert any("owner: Another team" in t for t in texts) and any(base["answers"][qid]["owner"] in t for t in texts)
    consensus = combined["consensus"]["answers"][qid]
    assert consensus["status"] == "not-started"  # the less advanced of two
    assert "Another team" in consensus["owner"] and base["answers"][qid]["owner"] in consensus["owner"]
    assert consensus["due"] <= base["answers"][qid].get("due", "9999")
    assert combined["to_discuss"][0] == qid
    # With names hidden, the statuses and dates are compared, and nobody's words are shown.
    hidden = combine(definition, [("a.json", json.dumps(base)), ("b.json", as_file(definition, other))])
    assert "Another team" not in json.dumps(hidden) and hidden["to_discuss"][0] == qid
    assert hidden["consensus"]["answers"][qid] == {k: v for k, v in consensus.items() if k not in ("owner", "response")}


def test_exports_list_every_respondent_and_question():
    definition, files = readiness_team()
    combined = combine(definition, files)
    rows = team_csv(combined).splitlines()
    assert rows[0].startswith("\ufeffsection,question,text,Respondent 1,Respondent 2,Respondent 3,consensus")  # a BOM first
    assert len(rows) == 1 + len(combined["questions"])
    markdown = team_markdown(combined)
    assert "## To discuss first" in markdown and "Respondent 3" in markdown
    document = team_document(combined, "2026-12-01")
    assert document.count("<h1>") == 1 and "<script" not in document


def test_the_command_line_combines_files(tmp_path, capsys):
    definition, files = readiness_team()
    paths = []
    for name, content in files:
        (tmp_path / name).write_text(content, encoding="utf-8")
        paths.append(str(tmp_path / name))
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert cli(["combine", "readiness", *paths, str(tmp_path / "bad.json")]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("# Organizational Readiness Assessment: combined answers")
    assert "bad.json left out" in out.err
    assert cli(["combine", "readiness", *paths, "--format", "consensus"]) == 0
    consensus = json.loads(capsys.readouterr().out)
    assert parse_answers_file(json.dumps(consensus), definition)["answers"] == combine(definition, files)["consensus"]["answers"]
    assert cli(["combine", "readiness", str(tmp_path / "bad.json")]) == 1
    assert "no answers file could be read" in capsys.readouterr().err


def test_the_bridge_combines_and_exports():
    definition, files = readiness_team()
    load = json.loads(handle(json.dumps({"action": "load", "definition": definition})))
    assert load["ok"], load
    request = {"questionnaire": "readiness", "files": [{"name": n, "text": t} for n, t in files]}
    response = json.loads(handle(json.dumps({"action": "combine", **request, "base_url": "../../"})))
    assert response["ok"], response
    html = response["result"]["html"]["all"]
    assert "To discuss first" in html and 'data-tk-consensus="culture-vision"' in html
    assert json.loads(response["result"]["consensus_json"])["questionnaire"] == "readiness"
    for fmt in ("markdown", "csv", "html"):
        exported = json.loads(handle(json.dumps({"action": "export_combined", "format": fmt, **request})))
        assert exported["ok"] and exported["result"]["content"], fmt
    refused = json.loads(handle(json.dumps({"action": "combine", "questionnaire": "readiness", "files": "x"})))
    assert not refused["ok"] and "'files'" in refused["error"]


def test_when_the_consensus_and_the_middle_respondent_reach_different_levels_the_summary_says_so():
    """Each question's median is taken on its own, so the consensus can land on another level than the middle
    of the respondents' own results (two who do not know and one sure of everything): the summary names both."""
    import html

    from pyscript_tools.engine.report.team import summary_html

    definition = site("readiness")
    qids = [q["id"] for section in definition["sections"] for q in section["questions"]]
    unsure = {qid: "dont-know" for qid in qids}
    files = [("a.json", as_file(definition, unsure)), ("b.json", as_file(definition, {**unsure, qids[0]: "not-started"})),
             ("c.json", as_file(definition, dict.fromkeys(qids, "embedded")))]
    combined = combine(definition, files)
    consensus = combined["consensus"]["result"]["overall"]["level_name"]
    middle = sorted(combined["overall"]["values"], key=lambda v: v["value"])[1]["level_name"]  # of three
    assert consensus != middle
    for summary in (team_markdown(combined), html.unescape(summary_html(combined))):
        assert f"is {consensus}; the middle of the respondents' own results is {middle}" in summary
    agreed = combine(definition, files[:2])
    assert "the middle of the respondents' own results" not in team_markdown(agreed)
