"""What a language still lacks: interface strings, structured content, and pages shown in English.

``python -m pyscript_tools untranslated fr`` prints one line per problem (``file:line: message``) and
exits 1 when anything the build needs is missing; pages without a translation are listed as
information only (the site shows them in English with a notice).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .catalog import check, extract, load_catalog
from .checks import FILE, format_path, line_of, problem
from .content import load_questionnaire_file, load_roles, read_yaml


def interface_problems(root: Path, language: str) -> list[str]:
    return check(load_catalog(root / "toolkit_content", language), extract(root))


def missing_interface(root: Path, language: str) -> dict[str, str]:
    """The interface strings without a translation: English -> where it is first used."""
    catalog = load_catalog(root / "toolkit_content", language)
    return {text: message.places[0] for text, message in extract(root).items() if text not in catalog.entries}


def questionnaire_problems(root: Path, language: str) -> list[str]:
    """The questionnaire and profile overlays' problems (missing, left-over or misplaced texts)."""
    problems = []
    for path in sorted((root / "toolkit_content" / "questionnaires").glob("*.yml")):
        _, found = load_questionnaire_file(path, language=language)
        problems += [p for p in found if "/i18n/" in p or p.startswith("toolkit_content/i18n")]
    return problems


def _shape(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """What a translation must keep: every key, list length and untranslatable value (ids, links, stages)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("role", "page", "stages", "approach", "id", "$schema"):
                yield path + (key,), repr(value)
            else:
                yield path + (key,), "key"
                yield from _shape(value, path + (key,))
    elif isinstance(node, list):
        yield path, "list of %d" % len(node)
        for i, value in enumerate(node):
            yield from _shape(value, path + (i,))


def parallel_problems(root: Path, language: str, english: Path, translated: Path) -> list[str]:
    """A translated file that must have the English one's shape (the primers): what differs."""
    problems = []
    rel = translated.relative_to(root).as_posix()
    if not translated.exists():
        return [problem(rel, 1, FILE, "no translation of %s yet" % english.relative_to(root).as_posix())]
    theirs = dict(_shape(yaml.safe_load(english.read_text(encoding="utf-8"))))
    ours, lines, _ = read_yaml(translated, rel)
    mine = dict(_shape(ours))
    for path, shape in theirs.items():
        if mine.get(path) != shape:
            problems.append(problem(rel, line_of(lines, path), format_path(path),
                                    "the English has %s here, the translation %s" % (shape, mine.get(path, "nothing"))))
    return problems


def content_problems(root: Path, language: str) -> list[str]:
    content, i18n = root / "toolkit_content", root / "toolkit_content" / "i18n" / language
    problems = questionnaire_problems(root, language)
    for english in sorted((content / "primers").glob("*.yml")):
        problems += parallel_problems(root, language, english, i18n / "primers" / english.name)
    roles, _ = load_roles(content / "roles.yml")
    named, found = load_roles(i18n / "roles.yml", display=(i18n / "roles.yml").relative_to(root).as_posix())
    problems += found
    if [r.id for r in roles] != [r.id for r in named]:
        problems.append(problem(str(i18n / "roles.yml"), 1, "roles", "the ids must be the English ones, in the same order"))
    problems += _glossary_problems(root, content / "glossary.yml", i18n / "glossary.yml")
    return problems


def _glossary_problems(root: Path, english: Path, translated: Path) -> list[str]:
    if not translated.exists():
        return [problem(translated.relative_to(root).as_posix(), 1, FILE, "no translation of the glossary yet")]
    ids = lambda path: {entry.get("id") for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []}  # noqa: E731
    missing = sorted(ids(english) - ids(translated))
    extra = sorted(ids(translated) - ids(english))
    rel = translated.relative_to(root).as_posix()
    return [problem(rel, 1, "glossary", "no translation of the term %r" % term) for term in missing] + \
        [problem(rel, 1, "glossary", "%r is not an English term's id" % term) for term in extra]


def english_pages(root: Path, language: str) -> list[str]:
    """The pages shown in English in ``language`` (allowed: they carry a notice)."""
    docs = root / "docs"
    return [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))
            if not p.name.count(".") > 1 and not p.with_name("%s.%s.md" % (p.stem, language)).exists()]


def skeleton(missing: dict[str, str]) -> str:
    """The missing interface strings as YAML to fill in, each with where it is used."""
    out = []
    for text, place in missing.items():
        out.append("# %s" % place)
        out.append(yaml.safe_dump({text: ""}, allow_unicode=True, width=1000).rstrip())
    return "\n".join(out) + ("\n" if out else "")
