"""Each language's term base (toolkit_content/i18n/LANG/terms.yml): no page or content file of that language
uses a variant the term base rejects."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TERM_BASES = sorted((ROOT / "toolkit_content" / "i18n").glob("*/terms.yml"))


def rejected(term_base: Path) -> list[re.Pattern[str]]:
    """The rejected variants as whole-word patterns (``rejected`` ignores case, ``rejected_exact`` does not)."""
    patterns = []
    for term in yaml.safe_load(term_base.read_text(encoding="utf-8"))["terms"]:
        for variant in term.get("rejected") or []:
            patterns.append(re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE))
        for variant in term.get("rejected_exact") or []:
            patterns.append(re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)"))
    return patterns


def written_in(language: str) -> list[Path]:
    """The language's Markdown pages and content files (its term base aside)."""
    pages = (ROOT / "docs").rglob(f"*.{language}.md")
    content = (ROOT / "toolkit_content" / "i18n" / language).rglob("*.yml")
    return sorted(path for path in [*pages, *content] if path.name != "terms.yml")


@pytest.mark.parametrize("term_base", TERM_BASES, ids=lambda path: path.parent.name)
def test_no_page_or_content_file_uses_a_rejected_term(term_base: Path):
    patterns = rejected(term_base)
    assert patterns, "the term base rejects some variants"
    found = []
    for path in written_in(term_base.parent.name):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{number}: {m.group()!r}" for p in patterns for m in p.finditer(line)]
    assert found == []


def test_the_check_finds_a_rejected_term(tmp_path: Path):
    """The pattern matches the variant in running text, whatever its case, and not inside another word."""
    term_base = tmp_path / "terms.yml"
    term_base.write_text("terms:\n  - {en: x, fr: y, rejected: [point focal], rejected_exact: [Police-Justice]}\n")
    patterns = rejected(term_base)
    assert any(p.search("Le Point focal désigné") for p in patterns)
    assert any(p.search("la directive Police-Justice") for p in patterns)
    assert not any(p.search("la directive police-justice") for p in patterns)
    assert not any(p.search("appoint focalisé") for p in patterns)
