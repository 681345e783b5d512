"""Profiles (kinds of AI system) as content: loaded and checked like questionnaires, every problem at
once as file:line: field: message, and merged into the risk definition the engine and the browser get."""
import copy
import re
import shutil

import pytest
from engine_helpers import FIXTURES, PROFILES, REPO, RISK_FILE, role_ids, site_risk

from pyscript_tools.authoring.anchors import scan_docs_anchors
from pyscript_tools.authoring.content import load_profiles, load_questionnaire_file
from pyscript_tools.authoring.validate import PROFILE_KEYS, validate_definition
from pyscript_tools.authoring.yaml_source import load_yaml_with_lines
from pyscript_tools.engine import definition as dfn

LINE = re.compile(r"^[^:]+:\d+: [^:]+: .+$")
BROKEN = FIXTURES / "invalid" / "profiles"


def risk_source():
    data, _, errors = load_yaml_with_lines(RISK_FILE.read_text(encoding="utf-8"))
    assert errors == []
    return data


def profile_files():
    return sorted(PROFILES.glob("*.yml"))


def test_the_sites_profiles_load_without_problems():
    levels = [level["id"] for level in risk_source()["levels"]]
    profiles, problems = load_profiles(PROFILES, levels, roles=role_ids(), anchors_by_page=scan_docs_anchors(REPO / "docs"))
    assert problems == []
    assert [p.data["id"] for p in profiles] == [path.stem for path in profile_files()]
    assert all(len(p.data["harms"]) >= 4 for p in profiles)


def test_each_kind_has_its_own_harm_prefix(tmp_path):
    """Two kinds may not share a harm_prefix (the rule is data in each kind's file, not in the schema)."""
    for name in ("facial-recognition", "speech-language"):
        (tmp_path / f"{name}.yml").write_text((PROFILES / f"{name}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    second = tmp_path / "speech-language.yml"
    second.write_text(second.read_text(encoding="utf-8").replace("harm_prefix: sl", "harm_prefix: fr"), encoding="utf-8")
    _, problems = load_profiles(tmp_path, ["low", "medium", "high", "critical"])
    assert any("speech-language.yml:3: harm_prefix: harm_prefix 'fr' is already" in p for p in problems), problems
    assert any("must start with this kind's harm_prefix 'fr-'" in p for p in problems), problems


def test_a_broken_profile_is_reported_fault_by_fault_with_file_and_line():
    anchors = {"principles/lawfulness.md": {"legal-basis"}, "principles/fairness.md": {"bias-mitigation"},
               "introduction/application-areas.md": set()}
    profiles, problems = load_profiles(BROKEN, ["low", "medium", "high", "critical"], {"law-no-basis": "risk-mini.yml:40"},
                                       roles=["end-users"], anchors_by_page=anchors)
    assert profiles == [], "a profile with problems is not merged"
    assert all(LINE.match(p) and p.startswith("tests/fixtures/invalid/profiles/broken-kind.yml:") for p in problems)
    expectations = [
        (1, "id", "must equal the file name 'broken-kind.yml'"),
        (3, "short_title", "keep it to 24 or fewer"),
        (6, "application_area", "expected a page with an anchor"),
        (7, "min_level", "expected one of low, medium, high, critical, got 'severe'"),
        (7, "min_level", "give 'min_level' and 'min_level_reason' together"),
        (8, "colour", "unknown key"),
        (9, "failure_modes", "expected 3 to 6 items, got 1"),
        (12, "harms", "expected 4 to 7 items, got 3"),
        (13, "harms[0].id", "'law-no-basis' is already used (risk-mini.yml:40)"),
        (13, "harms[0].id", "must start with this kind's harm_prefix 'br-'"),
        (18, "harms[0].tags.roles[0]", "got 'sheriff'"),
        (19, "harms[1].id", "got 'Bad_Id'"),
        (20, "harms[1].principle", "got 'kindness'"),
        (23, "harms[1].learn_more", "expected a page with an anchor"),
        (29, "harms[2].learn_more", "page 'principles/fairnes.md' does not exist"),
        (30, "harms[2].tags.stages[0]", "got 'launch'"),
        (36, "guidance[0].page", "has no anchor #no-such-anchor"),
        (39, "guidance[1]", "missing required key 'why'"),
    ]
    for line, field, message in expectations:
        assert any(f":{line}: {field}: " in p and message in p for p in problems), (line, field, message, problems)
    assert len(problems) == len(expectations), problems


@pytest.fixture
def content(tmp_path):
    """A copy of toolkit_content/ to break."""
    shutil.copytree(REPO / "toolkit_content", tmp_path / "toolkit_content")
    return tmp_path / "toolkit_content"


def test_harm_ids_must_be_unique_across_profiles_and_the_questionnaire(content):
    first, second = sorted((content / "profiles").glob("*.yml"))[:2]
    first_harm = re.search(r"^  - id: (\S+)$", first.read_text(), re.M).group(1)
    text = second.read_text()
    harms = re.findall(r"^  - id: (\S+)$", text, re.M)
    text = text.replace(f"  - id: {harms[0]}\n", f"  - id: {first_harm}\n", 1)
    text = text.replace(f"  - id: {harms[1]}\n", "  - id: law-no-legal-basis\n", 1)
    second.write_text(text)
    definition, problems = load_questionnaire_file(content / "questionnaires" / "risk.yml")
    clash = [p for p in problems if f"'{first_harm}' is already used ({first}:" in p]
    assert len(clash) == 1 and clash[0].startswith(f"{second}:"), problems
    assert any("'law-no-legal-basis' is already used (" in p and "risk.yml:" in p for p in problems), problems
    assert second.stem not in [p["id"] for p in definition["profiles"]], "the faulty profile is left out"


def test_profiles_from_must_name_a_folder(content):
    risk = content / "questionnaires" / "risk.yml"
    risk.write_text(risk.read_text().replace("profiles_from: ../profiles", "profiles_from: ../kinds"))
    _, problems = load_questionnaire_file(risk)
    assert any(re.search(r"risk\.yml:\d+: profiles_from: expected a folder of profiles", p) for p in problems), problems


def test_the_merged_definition():
    definition = site_risk()
    source = risk_source()
    ids = [path.stem for path in profile_files()]
    assert "profiles_from" not in definition
    assert [p["id"] for p in definition["profiles"]] == ids
    assert all(set(p) <= PROFILE_KEYS and "harms" not in p for p in definition["profiles"])
    own = [s["id"] for s in source["sections"]]
    assert [s["id"] for s in definition["sections"]] == own + [f"profile-{i}" for i in ids]
    for path, section in zip(profile_files(), definition["sections"][len(own):]):
        data, _, _ = load_yaml_with_lines(path.read_text(encoding="utf-8"))
        assert section["profile"] == data["id"] and section["title"] == f"Specific to {data['title']}"
        assert [q["id"] for q in section["questions"]] == [h["id"] for h in data["harms"]]
        for question, harm in zip(section["questions"], data["harms"]):
            assert question["type"] == "rated"
            assert (question["tags"], question["learn_more"], question["text"]) == (harm["tags"], harm["learn_more"],
                                                                                  harm["text"])
    _, chooser = dfn.profile_question(definition)
    assert chooser["id"] == "screen-application" and chooser["type"] == "multi"
    options = dfn.options_of(definition, chooser)
    assert [(o["value"], o["label"], o.get("min_level")) for o in options] == [
        (p["id"], p["title"], p.get("min_level")) for p in definition["profiles"]]
    assert validate_definition(definition) == []


@pytest.mark.parametrize("mutate,fragment", [
    (lambda d: d["sections"][-1].update(profile="nothing"), "'nothing' is not a profile id"),
    (lambda d: d["sections"][-1].update(profile=d["sections"][-2]["profile"]), "already has a section"),
    (lambda d: d["profiles"][0].update(min_level="severe"), "'severe' is not a level id"),
    (lambda d: d["profiles"][0].pop("min_level_reason") if "min_level" in d["profiles"][0]
        else d["profiles"][0].update(min_level="low"), "give 'min_level' and 'min_level_reason' together"),
    (lambda d: d["profiles"][0].update(guidance=[{"page": "x", "title": "T", "why": "W"}]),
     "guidance[0].page: expected a docs-relative page"),
    (lambda d: d["profiles"][0].update(failure_modes=[]), "failure_modes: expected 3 to 6 items, got 0"),
    (lambda d: d["profiles"].append(copy.deepcopy(d["profiles"][0])), "duplicate profile id"),
    (lambda d: d["sections"][0]["questions"][0].update(type="choice"), "only a multi question takes its options"),
    (lambda d: d["sections"][0]["questions"][1].update(type="multi", options_from="profiles", options=None),
     "give one of 'scale', 'options' or 'options_from'"),
    (lambda d: d["sections"][0]["questions"][0].pop("options_from"), "no question chooses among the profiles"),
    (lambda d: d["sections"][0]["questions"][1].update(type="multi"), "neither special nor scored"),
    (lambda d: d.update(kind="readiness"), "only risk questionnaires have 'profiles'"),
])
def test_the_engine_checks_profiles_in_a_definition(mutate, fragment):
    definition = site_risk()
    mutate(definition)
    errors = validate_definition(definition, file="risk.yml")
    assert any(fragment in e for e in errors), errors
    assert all(LINE.match(e) for e in errors)


@pytest.mark.parametrize("mutate,fragment", [
    (lambda m: m.update({"from": "1.1.0"}), "this questionnaire's own version"),
    (lambda m: m.update({"from": 1.0}), "from: expected a quoted semantic version"),
    (lambda m: m["answers"].update({"nowhere": {"a": "b"}}), "unknown question id 'nowhere'"),
    (lambda m: m["answers"]["screen-application"].update({"text-speech": ["speech"]}), "'speech' is not one of"),
    (lambda m: m["answers"]["screen-application"].update({"text-speech": "speech-language"}), "expected a list"),
    (lambda m: m["answers"].update({"law-no-legal-basis": {"a": "b"}}), "only answers of choice and multi questions"),
    (lambda m: m["answers"]["screen-application"].update({True: ["speech-language"]}), "quote"),
])
def test_migrations_are_checked(mutate, fragment):
    definition = site_risk()
    definition["version"] = "1.1.0"
    mutate(definition["migrations"][0])
    errors = validate_definition(definition, file="risk.yml")
    assert any(fragment in e for e in errors), errors


def test_two_migrations_from_one_version_are_refused():
    definition = site_risk()
    definition["migrations"].append(copy.deepcopy(definition["migrations"][0]))
    assert any("duplicate migration from" in e for e in validate_definition(definition))


@pytest.mark.parametrize("key", ["profiles_from", "legal_from"])
def test_only_a_risk_questionnaire_takes_profiles_and_legal_frames(content, key):
    """The schema says which kind has which field, also for the fields the build replaces by what they name."""
    readiness = content / "questionnaires" / "readiness.yml"
    text = readiness.read_text(encoding="utf-8")
    readiness.write_text(text.replace("\nsections:", f"\n{key}: ../{key[:-5]}\nsections:", 1), encoding="utf-8")
    line = next(i for i, t in enumerate(readiness.read_text(encoding="utf-8").splitlines(), 1) if t.startswith(key))
    _, problems = load_questionnaire_file(readiness)
    assert f"{readiness}:{line}: {key}: only risk questionnaires have '{key}'" in problems, problems
