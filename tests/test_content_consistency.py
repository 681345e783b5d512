"""The content says the same thing wherever it says it (issue 14), and stays in the site's own words.

(a) Every mention of the quick readiness check's length gives the same number of minutes, and any
    number of questions it gives is the number in quick-check.yml.
(b) The quick check's levels are levels of the full readiness assessment: same names, ids and thresholds.
(c) At a High risk level the oversight committee advises and the agency's leadership decides: no page,
    level text or primer hands the decision to the committee or tells a role to sign off alone.
(d) One spelling family, "organization": no "organisation", "organised" and so on outside anchor ids.
(e) No sentence closely paraphrases a source document (tests/support/paraphrase.py), when the sources
    are present (../shared/sources; CI machines do not have it).

No browser and no build: these read docs/ and toolkit_content/ directly.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.support import paraphrase

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONTENT = ROOT / "toolkit_content"
QUESTIONNAIRES = CONTENT / "questionnaires"
SOURCES = ROOT.parent / "shared" / "sources"


def load(name: str) -> dict:
    return yaml.safe_load((QUESTIONNAIRES / f"{name}.yml").read_text(encoding="utf-8"))


TRANSLATIONS = CONTENT / "i18n"


def english(path: Path) -> bool:
    """The English source, not a translation (page.LANG.md, or toolkit_content/i18n/LANG/...)."""
    return not re.search(r"\.[a-z]{2}\.md$", path.name) and TRANSLATIONS not in path.parents


def markdown_files() -> list[Path]:
    """The English pages: the checks below are about the English wording."""
    return sorted(p for p in DOCS.rglob("*.md") if english(p))


def yaml_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*.yml") if english(p))


def strings(node):
    """Every string in a parsed YAML document."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def blocks(node):
    """Each mapping of a parsed YAML document, as the strings it holds directly (one tool, one level...)."""
    if isinstance(node, dict):
        yield " ".join(v for v in node.values() if isinstance(v, str))
        for value in node.values():
            yield from blocks(value)
    elif isinstance(node, list):
        for value in node:
            yield from blocks(value)


# ------------------------------------------------------------------------------------------ quick check

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
COUNT = r"(\d+|" + "|".join(NUMBERS) + r")"
MINUTES = re.compile(COUNT + r"[\s-]+minutes?\b", re.I)
QUESTIONS = re.compile(COUNT + r"\s+questions\b", re.I)
QUICK_CHECK = re.compile(r"quick[\s-]+(?:readiness[\s-]+)?check", re.I)


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def quick_check_mentions() -> list[tuple[str, str]]:
    """(where, text) for each paragraph or YAML mapping that is about the quick check and gives a length.

    The quick check's own page and YAML file are about it throughout; elsewhere a paragraph or mapping
    must name it ("quick check", "quick readiness check" or a link to quick-check.md).
    """
    found = []
    for path in markdown_files():
        text = path.read_text(encoding="utf-8")
        own = path.name == "quick-check.md"
        for paragraph in re.split(r"\n\s*\n", text):
            if MINUTES.search(paragraph) and (own or QUICK_CHECK.search(paragraph) or "quick-check.md" in paragraph):
                found.append((str(path.relative_to(ROOT)), paragraph))
    for path in yaml_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        own = path.name == "quick-check.yml"
        for block in ([" ".join(strings(data))] if own else blocks(data)):
            if MINUTES.search(block) and (own or QUICK_CHECK.search(block) or "quick-check.md" in block):
                found.append((str(path.relative_to(ROOT)), block))
    return found


def test_quick_check_length_is_the_same_everywhere():
    mentions = quick_check_mentions()
    where = {w for w, _ in mentions}
    # Not vacuous: the tool's YAML (its start screen shows `time` on the tool's page), the tools overview
    # and the executive primer all give it.
    assert {"toolkit_content/questionnaires/quick-check.yml",
            "docs/tools/index.md", "toolkit_content/primers/executive-leadership.yml"} <= where, where
    lengths = {}
    for w, text in mentions:
        for m in MINUTES.finditer(text):
            lengths.setdefault(number(m.group(1)), set()).add(w)
    assert len(lengths) == 1, f"the quick check's length differs between mentions: {lengths}"


def test_quick_check_question_count_matches_the_yaml():
    questions = sum(len(section["questions"]) for section in load("quick-check")["sections"])
    for w, text in quick_check_mentions():
        for m in QUESTIONS.finditer(text):
            assert number(m.group(1)) == questions, f"{w}: says {m.group(0)!r}, the YAML has {questions}"


def test_quick_check_levels_are_readiness_levels():
    quick = load("quick-check")["levels"]
    full = {level["name"]: level for level in load("readiness")["levels"]}
    names = [level["name"] for level in quick]
    assert set(names) <= set(full), f"quick-check level names {names} are not all in {list(full)}"
    for level in quick:
        same = full[level["name"]]
        assert (level["id"], level["min"]) == (same["id"], same["min"]), (
            f"quick check {level['name']!r} is {level['id']}/{level['min']}, the full assessment's is "
            f"{same['id']}/{same['min']}")


def test_quick_check_levels_say_how_they_relate_to_the_full_assessment():
    for level in load("quick-check")["levels"]:
        text = f"{level.get('description', '')} {level.get('next_step', '')}"
        assert "full assessment" in text or "Organizational Readiness Assessment" in text, level["id"]


# ------------------------------------------------------------------------------- who decides at High

FORBIDDEN = [
    (re.compile(r"committee\b[^.]{0,80}\btakes?\s+over\b", re.I), "the committee takes over the decision"),
    (re.compile(r"\bsign(?:s|ed)?[\s-]+off\s+the\s+result\s+yourself\b", re.I), "sign off the result yourself"),
    (re.compile(r"committee's\s+(?:documented\s+)?agreement\b", re.I), "proceed only with the committee's agreement"),
    (re.compile(r"committee(?:'s)?\s+sign[\s-]?off\b", re.I), "committee sign-off"),
]


def every_text() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in markdown_files()]
    texts += [(str(p.relative_to(ROOT)), " ".join(strings(yaml.safe_load(p.read_text(encoding="utf-8")))))
              for p in yaml_files()]
    return texts


@pytest.mark.parametrize("pattern,meaning", FORBIDDEN, ids=[m for _, m in FORBIDDEN])
def test_no_text_gives_the_committee_or_one_role_the_decision(pattern, meaning):
    hits = [f"{where}: {m.group(0)!r}" for where, text in every_text()
            for m in pattern.finditer(" ".join(text.split()))]
    assert not hits, f"{meaning}: " + "; ".join(hits)


def level(questionnaire: str, level_id: str) -> str:
    found = [lv for lv in load(questionnaire)["levels"] if lv["id"] == level_id]
    assert found, f"{questionnaire} has no level {level_id!r}"
    return " ".join(f"{found[0].get('description', '')} {found[0].get('next_step', '')}".split())


LEADERSHIP_DECIDES = re.compile(r"\bleadership\b[^.]{0,60}\bdecides?\b", re.I)
COMMITTEE_ADVISES = re.compile(r"\bcommittee\b[^.]{0,60}\badvis(?:es|ed|e)\b|\badvised by the oversight committee\b", re.I)


def test_high_level_names_leadership_as_the_decider_and_the_committee_as_adviser():
    text = level("risk", "high")
    assert LEADERSHIP_DECIDES.search(text), text
    assert COMMITTEE_ADVISES.search(text), text


def test_critical_level_leaves_suspension_to_leadership_on_the_committees_advice():
    text = level("risk", "critical")
    assert LEADERSHIP_DECIDES.search(text) and "committee's advice" in text, text


def test_risk_page_states_the_same_rule_for_high():
    page = " ".join((DOCS / "tools" / "risk.md").read_text(encoding="utf-8").split())
    row = re.search(r"\| \*\*High\*\* \|[^\n]*?\|([^|]*)\|", page)
    assert row, "the risk page's table of levels has no High row"
    assert LEADERSHIP_DECIDES.search(row.group(1)) and COMMITTEE_ADVISES.search(row.group(1)), row.group(1)


def test_primers_on_risk_results_agree():
    executive = yaml.safe_load((CONTENT / "primers" / "executive-leadership.yml").read_text(encoding="utf-8"))
    committee = yaml.safe_load((CONTENT / "primers" / "oversight-committee.yml").read_text(encoding="utf-8"))
    risk_use = {p["role"]: next(t["use"] for t in p["tools"] if t["page"] == "tools/risk.md")
                for p in (executive, committee)}
    assert re.search(r"\bdecision is yours\b", risk_use["executive-leadership"]) and \
        "committee" in risk_use["executive-leadership"], risk_use
    assert re.search(r"\badvise\b", risk_use["oversight-committee"]) and \
        "leadership" in risk_use["oversight-committee"], risk_use


# ------------------------------------------------------------------------------------------ spelling

BRITISH = re.compile(r"\b(?:re)?organis(?:e|ed|es|ing|ation|ations|ational|ationally)\b", re.I)
# Anchor ids keep their old spelling so that links stay stable: {#...}, ](...#...) and bare #ids.
IDS = re.compile(r"\{#[^}]*\}|\]\([^)]*\)|#[a-z0-9-]+")


@pytest.mark.parametrize("path", [*markdown_files(), *yaml_files(), *sorted(DOCS.rglob("*.json"))],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_one_spelling_organization(path: Path):
    text = IDS.sub(" ", path.read_text(encoding="utf-8"))
    assert not BRITISH.findall(text), f"{path.relative_to(ROOT)}: {sorted(set(BRITISH.findall(text)))}"


# ------------------------------------------------------------------------------------- close paraphrase

def test_paraphrase_checker_flags_a_reworded_sentence_and_not_a_restructured_one(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "doc.txt").write_text(
        "The committee should be established as a central pillar for the governance approach of the "
        "agency and act as custodian for its responsible AI strategy, reviewing every new system.\n",
        encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "The committee should be set up as the central pillar of the agency's governance approach and "
        "serve as custodian of its responsible AI strategy, reviewing each new system.\n\n"
        "Every new system goes before the committee. It looks after the strategy, and the agency's "
        "approach to governing AI rests on its work.\n",
        encoding="utf-8")
    hits = paraphrase.check([page], sources)
    assert [h.ours.line for h in hits] == [1], [str(h) for h in hits]


@pytest.mark.skipif(not SOURCES.is_dir(), reason="no ../shared/sources next to the repository")
def test_no_close_paraphrase_of_the_sources():
    hits = paraphrase.check([DOCS, CONTENT], SOURCES)
    assert not hits, "close paraphrases of the sources:\n" + "\n".join(str(h) for h in hits)
