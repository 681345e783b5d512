"""Kinds of AI system in the Risk Assessment: the kinds chosen bring their own harms, floors,
mitigations and guidance; the others are left out entirely; old answers files open unchanged."""
import copy
import json
import re

import pytest
from engine_helpers import FIXTURES, REPO, example_answers, site_risk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyscript_tools.engine import bridge
from pyscript_tools.engine import definition as dfn
from pyscript_tools.engine.answers import AnswersError, check_answers, normalise_answers
from pyscript_tools.engine.answers_file import migrate_answers, parse_answers_file, template
from pyscript_tools.engine.report.csv import to_csv
from pyscript_tools.engine.report.html import render_html
from pyscript_tools.engine.report.markdown import to_markdown
from pyscript_tools.engine.scoring import score
from pyscript_tools.engine.text import answer_text

DEF = site_risk()
FR, SL = "facial-recognition", "speech-language"
KINDS = [p["id"] for p in DEF["profiles"]]
CHOOSER = dfn.profile_question(DEF)[1]["id"]


def profile(pid):
    return next(p for p in DEF["profiles"] if p["id"] == pid)


def harm_ids(pid):
    return [q["id"] for s in DEF["sections"] if s.get("profile") == pid for q in s["questions"]]


def common_ids(kinds=()):
    """The common sections' questions asked when `kinds` are chosen (and nothing else is answered)."""
    return [q["id"] for s, q in dfn.applicable_questions(DEF, {CHOOSER: list(kinds)} if kinds else {})
            if not s.get("profile")]


def template_ids(kinds=()):
    """What a template for `kinds` lists: the common questions those kinds make relevant, follow-ups included."""
    def relevant(q):
        return all(set(values) & set(kinds) for qid, values in (q.get("ask_if") or {}).items() if qid == CHOOSER)
    return [q["id"] for s in DEF["sections"] if not s.get("profile") for q in s["questions"] if relevant(q)]


def rank(level_id):
    return -1 if level_id is None else dfn.level_index(dfn.levels(DEF), level_id)


# ---------------------------------------------------------------- each kind its own

@pytest.mark.parametrize("pid", [FR, SL])
def test_a_kind_brings_its_harms_floor_mitigations_and_guidance(pid):
    r = score(DEF, {CHOOSER: [pid]})
    p = profile(pid)
    assert [q["id"] for q in r["questions"]] == common_ids([pid]) + harm_ids(pid)
    assert r["total"] == len(common_ids([pid])) + len(harm_ids(pid))
    shown = r["profiles"]
    assert [x["id"] for x in shown] == [pid] and shown[0]["section"] == f"profile-{pid}"
    assert shown[0]["mitigations"] == p["mitigations"] and shown[0]["failure_modes"] == p["failure_modes"]
    assert [(g["page"], g["url"]) for g in shown[0]["guidance"]] == [(g["page"], dfn.doc_link_to_url(g["page"]))
                                                                     for g in p["guidance"]]
    assert shown[0]["application_area_url"] == dfn.doc_link_to_url(p["application_area"])
    flag = next(f for f in r["overall"]["red_flags"] if f["question"] == CHOOSER)
    assert (flag["answer"], flag["label"], flag["level"], flag["reason"]) == (
        pid, p["title"], p["min_level"], p["min_level_reason"])
    assert r["overall"]["floor"] == p["min_level"] == r["overall"]["level"]


def test_facial_recognition_and_speech_tools_differ_in_every_part():
    fr, sl = score(DEF, {CHOOSER: [FR]}), score(DEF, {CHOOSER: [SL]})
    fr_ids, sl_ids = {q["id"] for q in fr["questions"]}, {q["id"] for q in sl["questions"]}
    assert set(harm_ids(FR)) <= fr_ids - sl_ids and set(harm_ids(SL)) <= sl_ids - fr_ids
    assert fr["profiles"][0]["mitigations"] != sl["profiles"][0]["mitigations"]
    assert {g["page"] for g in fr["profiles"][0]["guidance"]} != {g["page"] for g in sl["profiles"][0]["guidance"]}
    assert (fr["overall"]["floor"], sl["overall"]["floor"]) == (profile(FR).get("min_level"), profile(SL).get("min_level"))


def test_a_kind_without_a_floor_sets_none():
    free = [p["id"] for p in DEF["profiles"] if "min_level" not in p]
    assert free, "the content has a kind without a minimum level"
    r = score(DEF, {CHOOSER: free[:1]})
    assert r["overall"]["red_flags"] == [] and r["overall"]["floor"] is None


def test_unchosen_kinds_are_left_out_entirely():
    fr_harm, sl_harm = harm_ids(FR)[0], harm_ids(SL)[0]
    answers = {CHOOSER: [FR], fr_harm: {"likelihood": 1, "severity": 1}}
    with_sl = dict(answers, **{sl_harm: {"likelihood": 5, "severity": 5}})
    r = score(DEF, with_sl)
    assert r == score(DEF, answers), "an answer to an unchosen kind's harm changes nothing"
    sl_section = f"profile-{SL}"
    assert not any(q["id"] in harm_ids(SL) for q in r["questions"])
    assert not any(m["question"] in harm_ids(SL) for m in r["missing"])
    assert sl_section not in [s["id"] for s in r["sections"]]
    assert r["total"] == len(common_ids([FR])) + len(harm_ids(FR))
    nothing = score(DEF, {})
    assert nothing["total"] == len(common_ids()) and nothing["profiles"] == []
    assert [s["id"] for s in nothing["sections"]] == [s["id"] for s in DEF["sections"] if not s.get("profile")]


def test_several_kinds_each_set_their_floor_and_show_in_order():
    r = score(DEF, {CHOOSER: [SL, FR]})
    assert [p["id"] for p in r["profiles"]] == [k for k in KINDS if k in (FR, SL)]
    floors = {f["answer"]: f["level"] for f in r["overall"]["red_flags"]}
    assert floors == {FR: profile(FR)["min_level"], SL: profile(SL)["min_level"]}
    assert r["overall"]["level"] == max((profile(FR)["min_level"], profile(SL)["min_level"]), key=rank)
    row = next(q for q in r["questions"] if q["id"] == CHOOSER)
    assert answer_text(row) == "; ".join(profile(k)["title"] for k in KINDS if k in (FR, SL))


# ---------------------------------------------------------------- monotone: more kinds never lower the level

RATINGS = st.one_of(st.none(), st.just("not-applicable"), st.fixed_dictionaries(
    {"likelihood": st.sampled_from([x["value"] for x in DEF["likelihood"]]),
     "severity": st.sampled_from([x["value"] for x in DEF["severity"]])}))


def any_answers():
    items = {}
    for s, q in dfn.iter_questions(DEF):
        if q["id"] == CHOOSER:
            continue
        values = [o["value"] for o in dfn.options_of(DEF, q)]
        if dfn.question_type(DEF, s, q) == "rated":
            items[q["id"]] = RATINGS
        elif dfn.question_type(DEF, s, q) == "multi":  # an option ticked alone ("None of these") stands alone
            alone = {o["value"] for o in dfn.options_of(DEF, q) if o.get("exclusive")}
            ticks = st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True)
            items[q["id"]] = st.one_of(st.none(), ticks.map(lambda xs, alone=alone: [x for x in xs if x not in alone] or xs[:1]))
        else:
            items[q["id"]] = st.one_of(st.none(), st.sampled_from(values))
    return st.fixed_dictionaries(items).map(lambda d: {k: v for k, v in d.items() if v is not None})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_answers(), st.sets(st.sampled_from(KINDS)), st.sets(st.sampled_from(KINDS)))
def test_choosing_more_kinds_never_lowers_the_level(answers, fewer, extra):
    before = score(DEF, dict(answers, **{CHOOSER: sorted(fewer)}))
    after = score(DEF, dict(answers, **{CHOOSER: sorted(fewer | extra)}))
    assert rank(after["overall"]["level"]) >= rank(before["overall"]["level"])
    common = {s["id"]: s["level"] for s in before["sections"] if "profile" not in s and not s["screening"]}
    assert common == {s["id"]: s["level"] for s in after["sections"] if "profile" not in s and not s["screening"]}


# ---------------------------------------------------------------- answers of a multi question

@pytest.mark.parametrize("value,fragment", [
    (FR, "expected a list of: "),
    (["face"], "'face' is not one of: " + ", ".join(KINDS)),
    ([FR, FR], "listed twice"),
    ([{"id": FR}], "is not one of"),
])
def test_a_multi_answer_is_a_list_of_distinct_options(value, fragment):
    problems = check_answers(DEF, {CHOOSER: value})
    assert len(problems) == 1 and fragment in problems[0], problems


def test_an_empty_list_is_no_answer():
    assert normalise_answers({CHOOSER: [], "x": "y"}) == {"x": "y"}
    r = score(DEF, {CHOOSER: []})
    assert CHOOSER in [m["question"] for m in r["missing"]] and r["answered"] == 0


def test_csv_lists_the_kinds_chosen():
    text = to_csv(score(DEF, {CHOOSER: [FR, SL]}))
    row = next(line for line in text.splitlines() if f",{CHOOSER}," in line)
    assert json.dumps([FR, SL]).replace('"', '""') in row
    assert profile(FR)["title"] in row and profile(SL)["title"] in row


# ---------------------------------------------------------------- reports

def test_html_says_what_is_particular_about_each_kind_with_unique_ids():
    html = render_html(score(DEF, {CHOOSER: [FR, SL], harm_ids(FR)[0]: {"likelihood": 3, "severity": 4}}),
                       base_url="../../")
    for pid in (FR, SL):
        p = profile(pid)
        assert f"What is particular about {p['title']}" in html["profiles"]
        assert p["failure_modes"][0]["title"] in html["profiles"]
        assert f'href="../../{dfn.doc_link_to_url(p["guidance"][0]["page"])}"' in html["profiles"]
    assert html["profiles"] in html["all"]
    ids = re.findall(r'\sid="([^"]+)"', html["all"])
    assert len(ids) == len(set(ids))
    assert sum(1 for i in ids if i.startswith("tk-risk-profile-")) == 2 * 5  # each kind: its heading and four parts
    first = next(q for s in DEF["sections"] if s.get("profile") == FR for q in s["questions"])
    assert "Likelihood 3" in html["profiles"].split(first["text"][:40])[1].split("</tr>")[0]


def test_the_kinds_text_is_escaped():
    definition = copy.deepcopy(DEF)
    definition["profiles"][KINDS.index(FR)]["title"] = '<script>alert("x")</script>'
    definition["profiles"][KINDS.index(FR)]["mitigations"] = ["<b>bold</b>"]
    html = render_html(score(definition, {CHOOSER: [FR]}))
    assert "<script>" not in html["all"] and "<b>" not in html["all"] and "&lt;script&gt;" in html["profiles"]


def test_markdown_has_a_part_per_kind_and_none_without():
    md = to_markdown(score(DEF, {CHOOSER: [FR]}))
    assert f"## What is particular about {profile(FR)['title']}" in md
    assert "### Typical failure modes" in md and profile(FR)["mitigations"][0][:40] in md
    assert "What is particular about" not in to_markdown(score(DEF, {}))


def test_no_kinds_no_fragment(readiness):
    assert render_html(score(DEF, {}))["profiles"] == ""
    assert render_html(score(readiness, {}))["profiles"] == ""


def test_the_bridge_scores_kinds_and_makes_templates_for_them():
    out = json.loads(bridge.handle(json.dumps({"action": "score", "definition": DEF, "answers": {CHOOSER: [SL]}})))
    assert out["ok"] and "What is particular about" in out["result"]["html"]["all"]
    out = json.loads(bridge.handle(json.dumps({"action": "template", "questionnaire": "risk", "profiles": [SL]})))
    assert out["ok"] and set(out["result"]["answers"]) == set(template_ids([SL]) + harm_ids(SL))
    out = json.loads(bridge.handle(json.dumps({"action": "template", "questionnaire": "risk", "profiles": ["x"]})))
    assert not out["ok"] and "'x' is not one of" in out["error"]


# ---------------------------------------------------------------- templates

def test_a_template_for_kinds_lists_their_harms_only():
    t = template(DEF, profiles=[FR])
    assert list(t["answers"]) == template_ids([FR]) + harm_ids(FR)
    assert t["answers"][CHOOSER] == [FR] and t["allowed"][CHOOSER]["type"] == "multi"
    assert parse_answers_file(json.dumps(t), DEF)["answers"] == {CHOOSER: [FR]}
    assert list(template(DEF)["answers"]) == template_ids()
    with pytest.raises(AnswersError, match="'face' is not one of: " + re.escape(", ".join(KINDS))):
        template(DEF, profiles=["face"])


# ---------------------------------------------------------------- answers files saved before kinds existed

OLD = FIXTURES / "answers" / "risk-example-1.0.0.json"  # docs/tools/examples/risk-example.json, version 1.0.0


def test_the_1_0_0_facial_recognition_example_opens_with_nothing_dropped():
    old = json.loads(OLD.read_text(encoding="utf-8"))
    assert old["version"] == "1.0.0" != DEF["version"]
    parsed = parse_answers_file(OLD.read_text(encoding="utf-8"), DEF)
    report = parsed["migration"]
    assert parsed["migrated"] and report["dropped"] == []
    assert len(report["kept"]) == len(old["answers"])
    assert report["converted"] == [{"question": CHOOSER, "from": old["answers"][CHOOSER], "to": [FR]}]
    assert parsed["answers"][CHOOSER] == [FR]
    new_common = [qid for qid in common_ids([FR]) if qid not in old["answers"]]
    assert new_common and all(qid.startswith("law-") for qid in new_common), "the law's questions are new"
    assert report["new"] == new_common + harm_ids(FR), "new to the user: the law's questions, the kind's harms"
    assert "0 dropped" in report["summary"] and "(1 converted)" in report["summary"]
    assert score(DEF, parsed["answers"])["overall"]["floor"] == profile(FR)["min_level"]


def test_the_1_0_0_descriptions_become_these_kinds():
    rules = next(m for m in DEF["migrations"] if m["from"] == "1.0.0")["answers"][CHOOSER]
    assert rules == {"process-optimisation": ["resource-allocation"], "text-speech": ["speech-language"],
                     "content-generation": ["generative-ai"], "image-analysis": ["video-analytics"],
                     "biometric-identification": ["facial-recognition"],
                     "risk-evaluation": ["risk-scoring", "predictive-mapping"]}
    for old, kinds in rules.items():
        kept, report = migrate_answers(DEF, {CHOOSER: old}, "1.0.0")
        assert kept == {CHOOSER: kinds} and report["dropped"] == [], old
        assert [p["id"] for p in score(DEF, kept)["profiles"]] == [k for k in KINDS if k in kinds]


def test_other_versions_are_not_converted_and_unknown_old_values_are_dropped():
    kept, report = migrate_answers(DEF, {CHOOSER: "biometric-identification"}, "0.9.0")
    assert kept == {} and report["converted"] == [] and "expected a list" in report["dropped"][0]["reason"]
    kept, report = migrate_answers(DEF, {CHOOSER: "telepathy"}, "1.0.0")
    assert kept == {} and report["dropped"][0]["question"] == CHOOSER


def test_a_current_file_must_list_the_kinds():
    text = json.dumps({"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "risk",
                       "version": DEF["version"], "answers": {CHOOSER: FR}})
    with pytest.raises(ValueError, match="expected a list"):
        parse_answers_file(text, DEF)


# ---------------------------------------------------------------- the two worked examples

def result_of(example):
    parsed = parse_answers_file((REPO / "docs" / "tools" / "examples" / f"{example}.json").read_text(), DEF)
    assert not parsed["migrated"], "worked examples are saved under the current version"
    return score(DEF, parsed["answers"])


def drivers(result):
    return {q["id"] for q in result["questions"] if q["type"] == "rated" and q.get("level") == result["overall"]["level"]}


def test_the_two_worked_examples_have_visibly_different_results():
    fr, sl = result_of("risk-example"), result_of("risk-transcription-example")
    assert fr["complete"] and sl["complete"]
    assert [p["id"] for p in fr["profiles"]] == [FR] and [p["id"] for p in sl["profiles"]] == [SL]
    assert rank(fr["overall"]["level"]) > rank(sl["overall"]["level"])
    assert drivers(fr) & set(harm_ids(FR)), "facial recognition's own harms are among those that set its level"
    assert drivers(sl) & set(harm_ids(SL))
    assert drivers(fr) != drivers(sl)
    assert example_answers("risk-example", DEF)[CHOOSER] == [FR]


@pytest.mark.parametrize("example", ["risk-example", "risk-transcription-example"])
def test_the_risk_page_states_the_engines_figures(example):
    r = result_of(example)
    rated = [q for q in r["questions"] if q["type"] == "rated"]
    answered = [q for q in rated if q["status"] == "answered"]
    counts = [(n, level["name"]) for level in reversed(r["levels"])
              if (n := sum(1 for q in answered if q["level"] == level["id"]))]
    words = ["%d %s%s" % (n, "are " if i == 0 else "", name) for i, (n, name) in enumerate(counts)]
    figures = "of %d rated harms (%d marked not applicable), %s and %s" % (
        len(rated), len(rated) - len(answered), ", ".join(words[:-1]), words[-1])
    page = " ".join((REPO / "docs" / "tools" / "risk.md").read_text(encoding="utf-8").split())
    assert figures in page
    assert "**%s: %s**" % (r["overall"]["level_name"], r["overall"]["action"].replace("-", " ")) in page


def test_the_risk_page_lists_every_kind_with_its_minimum_and_its_harms():
    page = (REPO / "docs" / "tools" / "risk.md").read_text(encoding="utf-8")
    for p in DEF["profiles"]:
        level = next(lv["name"] for lv in DEF["levels"] if lv["id"] == p["min_level"]) if "min_level" in p else "None"
        assert f"| {p['title']} | {level} | {len(harm_ids(p['id']))} |" in page, p["id"]
