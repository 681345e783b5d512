"""Profiles (kinds of AI system) as content: loaded and checked like questionnaires, every problem at
once as file:line: field: message, and merged into the risk definition the engine and the browser get."""
import re

from engine_helpers import FIXTURES

from pyscript_tools.build.content import load_profiles

LINE = re.compile(r"^[^:]+:\d+: [^:]+: .+$")
BROKEN = FIXTURES / "invalid" / "profiles"


def test_a_broken_profile_is_reported_fault_by_fault_with_file_and_line():
    anchors = {"principles/lawfulness.md": {"legal-basis"}, "principles/fairness.md": {"bias-mitigation"},
               "introduction/application-areas.md": set()}
    profiles, problems = load_profiles(BROKEN, ["low", "medium", "high", "critical"], {"law-no-basis": "risk-mini.yml:40"},
                                       roles=["end-users"], anchors_by_page=anchors)
    assert profiles == [], "a profile with problems is not merged"
    assert all(LINE.match(p) and p.startswith("tests/fixtures/invalid/profiles/broken-kind.yml:") for p in problems)
    expectations = [
        (1, "id", "must equal the file name 'broken-kind.yml'"),
        (3, "short_title", "keep it under 24"),
        (6, "application_area", "expected a page with an anchor"),
        (7, "min_level", "expected one of low, medium, high, critical, got 'severe'"),
        (7, "min_level", "give 'min_level' and 'min_level_reason' together"),
        (8, "colour", "unknown key"),
        (9, "failure_modes", "expected 3 to 6 items, got 1"),
        (12, "harms", "expected 4 to 7 items, got 3"),
        (13, "harms[0].id", "'law-no-basis' is already used (risk-mini.yml:40)"),
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
