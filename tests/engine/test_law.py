"""What the law requires (pyscript_tools.engine.law), read from the legal frames in toolkit_content/legal/.

Every rule of every frame is tested: answers that meet its condition (and make its questions asked) must
classify the system as the rule says, with its references and obligations. The four cases the issue named
are tested with their exact checkpoints. The level's floor is never below the legal classification, for
every kind of system and every rule. Broken frames are reported file:line: field: message."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from engine_helpers import REPO, role_ids, site_risk

from pyscript_tools.authoring.cli import main as cli
from pyscript_tools.authoring.legal import REF_RE, load_frames
from pyscript_tools.engine import definition as dfn
from pyscript_tools.engine import i18n
from pyscript_tools.engine.law import CLASSES, Frame
from pyscript_tools.engine.report.csv import to_csv
from pyscript_tools.engine.report.html import render_html
from pyscript_tools.engine.report.markdown import to_markdown
from pyscript_tools.engine.scoring import score
from tests.support import editions

RISK = site_risk()
FRAMES = {f["id"]: f for f in RISK["legal"]["frames"]}
FLOORS = RISK["legal"]["floors"]
RANK = dfn.level_ranks(RISK["levels"])
QUESTIONS = dfn.question_index(RISK)
TODAY = "2026-12-05"


def answers_for(frame: str, condition: dict | None, extra: dict | None = None) -> dict:
    """Answers that meet `condition` under `frame`, with what makes each question named there asked."""
    answers: dict = {"law-frame": frame, **(extra or {})}

    def give(qid: str, value) -> None:
        question = QUESTIONS[qid][1]
        multi = dfn.question_type(RISK, QUESTIONS[qid][0], question) == "multi"
        if multi:
            answers[qid] = sorted({*answers.get(qid, []), value})
        else:
            answers.setdefault(qid, value)
        for parent, values in (question.get("ask_if") or {}).items():
            give(parent, values[0])

    for qid, values in (condition or {}).items():
        give(qid, values[0])
    return answers


def law_of(answers: dict, today: str = TODAY) -> dict:
    return score(RISK, answers, today=today)["law"]


def every_rule():
    return [(frame["id"], rule) for frame in FRAMES.values() for rule in frame["rules"]]


@pytest.mark.parametrize("frame, rule", every_rule(), ids=[f"{f}-{r['id']}" for f, r in every_rule()])
def test_each_rule_classifies_the_system_when_its_facts_hold(frame, rule):
    answers = answers_for(frame, rule.get("when"))
    law = law_of(answers)
    matched = {r["id"]: r for r in law["rules"]}
    assert rule["id"] in matched, (answers, list(matched))
    assert matched[rule["id"]]["class"] == rule["class"]
    assert law["status"] == min((r["class"] for r in law["rules"]), key=CLASSES.index)
    assert all(re.search(r"(Art\.|Annex|recital) ", ref) for ref in matched[rule["id"]]["refs"])
    needed = set(rule.get("obligations") or []) | set(rule.get("each_exception_needs") or [])
    assert needed <= {item["id"] for item in law["checklist"]}
    for item in law["checklist"]:
        assert item["refs"] and item["owners"] and item["from"]


@pytest.mark.parametrize("frame, rule", [(f, r) for f, r in every_rule() if r.get("when")],
                         ids=[f"{f}-{r['id']}" for f, r in every_rule() if r.get("when")])
def test_each_rule_stays_silent_when_its_facts_do_not_hold(frame, rule):
    law = law_of({"law-frame": frame, "screen-application": ["resource-allocation"], "law-allocation-use": ["back-office"]})
    assert rule["id"] not in {r["id"] for r in law["rules"]}


def test_live_facial_recognition_in_a_public_space_is_prohibited_except_three_objectives_each_authorised():
    law = law_of(answers_for("eu", {"screen-application": ["facial-recognition"], "law-identification-timing": ["real-time"],
                                    "law-public-space": ["yes"]}))
    assert law["status"] == "prohibited" and law["floor"] == "critical"
    live = law["rules"][0]
    assert live["id"] == "live-remote-identification" and live["refs"] == ["AI Act, Art. 5(1)(h)"]
    assert [e["refs"][0] for e in live["exceptions"]] == ["AI Act, Art. 5(1)(h)(i)", "AI Act, Art. 5(1)(h)(ii)",
                                                        "AI Act, Art. 5(1)(h)(iii)"]
    authorisation = next(i for i in law["checklist"] if i["id"] == "rbi-authorisation")
    assert authorisation["refs"] == ["AI Act, Art. 5(3)"] and authorisation["applies"]
    assert "Legal and data protection" in authorisation["owners"]
    assert {"rbi-national-law", "rbi-fria-registration", "rbi-notify"} <= {i["id"] for i in law["checklist"]}
    assert score(RISK, answers_for("eu", {"law-public-space": ["yes"], "law-identification-timing": ["real-time"]}),
                 today=TODAY)["overall"]["level"] == "critical"


def test_retrospective_facial_recognition_is_high_risk_with_the_48_hour_rule_and_its_duties():
    law = law_of(answers_for("eu", {"screen-application": ["facial-recognition"], "law-identification-timing": ["post"]}))
    assert law["status"] == "high-risk" and law["floor"] == "high"
    assert law["rules"][0]["refs"] == ["AI Act, Annex III, point 1(a)", "AI Act, Art. 26(10)"]
    items = {i["id"]: i for i in law["checklist"]}
    authorisation = items["post-rbi-authorisation"]
    assert "48 hours" in authorisation["text"] and authorisation["refs"] == ["AI Act, Art. 26(10)"]
    assert items["fria"]["refs"] == ["AI Act, Art. 27"]
    assert "AI Act, Art. 49(3)" in items["register-use"]["refs"]
    assert items["logging"]["refs"] == ["Law Enforcement Directive, Art. 25"]
    assert "Law Enforcement Directive, Art. 27" in items["dpia"]["refs"]
    # The AI Act's Annex III duties apply from 2 December 2027; data protection duties already apply.
    assert not items["fria"]["applies"] and items["fria"]["from"] == "2027-12-02"
    assert items["dpia"]["applies"] and items["logging"]["applies"]
    later = law_of(answers_for("eu", {"law-identification-timing": ["post"]}), today="2027-12-02")
    assert {i["id"]: i["applies"] for i in later["checklist"]}["fria"]


def test_emergency_call_triage_is_high_risk():
    law = law_of(answers_for("eu", {"screen-application": ["resource-allocation"], "law-allocation-use": ["emergency"]}))
    assert law["status"] == "high-risk" and law["rules"][0]["refs"] == ["AI Act, Annex III, point 5(d)"]


def test_predicting_offending_from_profiling_alone_is_prohibited_and_on_facts_it_is_high_risk():
    alone = law_of(answers_for("eu", {"screen-application": ["risk-scoring"], "law-assessment-basis": ["profile-only"]}))
    assert alone["status"] == "prohibited" and alone["rules"][0]["refs"] == ["AI Act, Art. 5(1)(d)"]
    facts = law_of(answers_for("eu", {"screen-application": ["risk-scoring"], "law-assessment-basis": ["facts"]}))
    assert facts["status"] == "high-risk" and facts["rules"][0]["refs"] == ["AI Act, Annex III, point 6(d)"]


def test_the_council_of_europe_and_another_jurisdiction_give_their_own_shorter_lists():
    assert len(FRAMES["coe"]["obligations"]) < len(FRAMES["eu"]["obligations"])
    assert len(FRAMES["other"]["obligations"]) < len(FRAMES["eu"]["obligations"])
    post = {"screen-application": ["facial-recognition"], "law-identification-timing": ["post"], "law-public-space": ["no"]}
    assert all(len(law_of(answers_for(frame, post))["checklist"]) < len(law_of(answers_for("eu", post))["checklist"])
               for frame in ("coe", "other"))
    facts = {"screen-application": ["facial-recognition"], "law-identification-timing": ["real-time"],
             "law-public-space": ["yes"]}
    coe, other = (law_of(answers_for(frame, facts)) for frame in ("coe", "other"))
    assert coe["status"] == "high-risk" and "Framework Convention on AI, Art. 16" in coe["rules"][0]["refs"]
    assert not any(i["applies"] for i in coe["checklist"] if i["from"] == "2024-09-05")  # not confirmed in force
    assert other["status"] == "authorisation" and other["frame"]["look_up"]


def test_an_answer_left_behind_by_a_question_no_longer_asked_counts_for_nothing():
    answers = answers_for("eu", {"screen-application": ["facial-recognition"], "law-identification-timing": ["real-time"],
                                 "law-public-space": ["yes"]})
    answers["law-biometric-function"] = ["verification"]  # identification unticked: timing and place no longer asked
    assert "live-remote-identification" not in {r["id"] for r in law_of(answers)["rules"]}
    assert "law-identification-timing" not in {q["id"] for q in score(RISK, answers)["questions"]}


def test_without_a_frame_the_result_asks_for_one():
    law = law_of({"screen-application": ["facial-recognition"]})
    assert law["frame"] is None and law["rules"] == [] and law["floor"] is None
    assert "Choose the legal frame" in render_html(score(RISK, {"screen-scale": "pilot"}))["law"]


@pytest.mark.parametrize("kind", [p["id"] for p in RISK["profiles"]])
def test_for_every_kind_and_every_rule_the_level_is_never_below_the_legal_classification(kind):
    for frame, rule in every_rule():
        answers = answers_for(frame, rule.get("when"), {"screen-application": [kind]})
        result = score(RISK, answers, today=TODAY)
        legal_floor = result["law"]["floor"]
        if legal_floor:
            assert RANK[result["overall"]["level"]] >= RANK[legal_floor], (kind, frame, rule["id"])
        assert FLOORS.get(rule["class"]) is None or RANK[result["overall"]["level"]] >= RANK[FLOORS[rule["class"]]]


def test_a_kinds_floor_stricter_than_the_law_is_said_to_be_the_sites_own():
    result = score(RISK, answers_for("eu", {"screen-application": ["predictive-mapping"], "law-person-assessment": ["none"]}))
    mapping = next(p for p in result["profiles"] if p["id"] == "predictive-mapping")
    assert mapping["stricter_than_law"] and result["overall"]["level"] == mapping["min_level"]
    assert "own choice, stricter than what the law" in render_html(result)["profiles"]
    biometrics = score(RISK, answers_for("eu", {"screen-application": ["facial-recognition"],
                                                "law-identification-timing": ["post"]}))
    assert not next(p for p in biometrics["profiles"] if p["id"] == "facial-recognition")["stricter_than_law"]


def test_the_same_block_in_html_markdown_csv_and_on_the_command_line(tmp_path, capsys):
    answers = answers_for("eu", {"screen-application": ["facial-recognition"], "law-identification-timing": ["real-time"],
                                 "law-public-space": ["yes"]})
    result = score(RISK, answers, today=TODAY)
    html = render_html(result)
    assert html["summary"].index("Prohibited under EU") < html["summary"].index("tk-summary__headline")
    assert "not legal advice" in html["law"] and "5 December 2026" in html["law"] and "AI Act, Art. 5(3)" in html["law"]
    markdown = to_markdown(result)
    assert markdown.index("Prohibited under EU") < markdown.index("What to do first")
    assert "- [ ] " in markdown and "not legal advice" in markdown
    rows = [line for line in to_csv(result).splitlines() if line.startswith("law:eu,")]
    assert any(row.startswith("law:eu,live-remote-identification,") for row in rows)
    assert any(row.startswith("law:eu,rbi-authorisation,") for row in rows)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "risk",
                                "version": RISK["version"], "answers": answers}), encoding="utf-8")
    assert cli(["score", "risk", str(path), "--format", "markdown", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    assert "## What the law requires" in out and "AI Act, Art. 5(1)(h)" in out


def test_every_reference_in_the_frames_has_the_checked_form():
    for path in sorted((REPO / "toolkit_content" / "legal").glob("*.yml")):
        for ref in re.findall(r"\b[a-z0-9-]+ (?:art\.|annex|recital) [^,\]\n]+", path.read_text(encoding="utf-8")):
            assert REF_RE.match(ref.strip()), (path.name, ref)


BROKEN = """id: wrong-name
title: A frame
short_title: A frame
order: 1
as_of: "2026-13-01"
summary: A frame with faults.
instruments:
  - {id: act, name: An act, short: Act, url: "http://example.org", status: in-force}
dates:
  - {id: now, date: "2025-01-01", label: now}
obligations:
  - {id: duty, text: Do it., refs: [act article 5], owners: [sheriff], from: later}
rules:
  - id: one
    class: forbidden
    title: One
    text: A rule.
    refs: [other art. 5]
    from: now
    when: {no-such-question: [x], law-public-space: [maybe]}
    obligations: [missing-duty]
  - id: two
    class: high-risk
    title: Two
    text: Another.
    refs: [act art. 5(1)(h)]
    from: now
    exceptions: [{text: An exception., refs: [act art. 5]}]
"""


def test_a_broken_frame_is_reported_fault_by_fault_with_file_and_line(tmp_path):
    (tmp_path / "broken.yml").write_text(BROKEN, encoding="utf-8")
    questions = {q["id"]: {str(o["value"]) for o in dfn.options_of(RISK, q)} for _, q in dfn.iter_questions(RISK)}
    frames, problems = load_frames(tmp_path, questions, role_ids())
    assert frames == []
    expected = [(1, "id", "must equal the file name"), (5, "as_of", "expected a date"),
                (8, "instruments[0].url", "https://"), (12, "obligations[0].refs[0]", "expected a reference"),
                (12, "obligations[0].owners[0]", "sheriff"), (12, "obligations[0].from", "got 'later'"),
                (15, "rules[0].class", "got 'forbidden'"), (18, "rules[0].refs[0]", "unknown instrument 'other'"),
                (20, "rules[0].when.no-such-question", "unknown key"), (20, "rules[0].when.law-public-space[0]", "'maybe'"),
                (21, "rules[0].obligations[0]", "got 'missing-duty'"),
                (28, "rules[1].exceptions", "only a prohibited practice")]
    for line, field, message in expected:
        assert any(p.split(": ", 2)[1] == field and message in p and f":{line}:" in p for p in problems), (field, problems)


def test_the_sites_frames_load_without_problems_in_every_edition():
    questions = {q["id"]: {str(o["value"]) for o in dfn.options_of(RISK, q)} for _, q in dfn.iter_questions(RISK)}
    for language in (None, *editions.TRANSLATED):
        frames, problems = load_frames(Path(REPO / "toolkit_content" / "legal"), questions, role_ids(), language=language)
        assert problems == [] and [f.data["id"] for f in frames] == ["eu", "coe", "other"]


def test_right_to_left_a_reference_is_isolated_left_to_right():
    """5(1)(h) inside Arabic text would show as (h)(1)5: the engine isolates the reference's own part."""
    frame = {"instruments": [{"id": "ai-act", "short": "قانون الذكاء الاصطناعي"}]}
    references = ["ai-act art. 5(1)(h)", "ai-act annex III 6(a)"]
    with i18n.language("ar", {"(direction)": "rtl"}):
        arabic = [Frame({}, frame, TODAY).ref(ref) for ref in references]
    english = [Frame({}, frame, TODAY).ref(ref) for ref in references]
    assert arabic[0].endswith("\u20665(1)(h)\u2069") and "\u2066III\u2069" in arabic[1] and "\u20666(a)\u2069" in arabic[1]
    assert not any("\u2066" in text for text in english)
