"""The interface catalogue: every interface string of the site, found in the code, and its translations.

Interface strings are written in English where they are used and marked, so that they can be found:

- Python (the engine, the form, the plugins): ``tr("...")``, ``trn("one", "many", n)``, ``N_("...")``
- the widget's JavaScript: ``t("...")``, ``tn("one", "many", n)``
- the Jinja templates (the theme overrides, the form's and the primers'): ``tr("...")``

:func:`extract` finds them all (Python by its syntax tree, the rest by pattern); a language's catalogue,
``toolkit_content/i18n/LANG/interface.yml``, maps each English string to its translation. :func:`check`
reports what is missing, left over or inconsistent, as ``file:line: message``.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .typography import typeset
from .yaml_source import load_yaml_with_lines

# The markers, and how many of their first arguments are messages.
PY_MARKERS = {"tr": 1, "trn": 2, "N_": 1}
JS_CALL = re.compile(r"""\b(tn|t)\(\s*("(?:[^"\\]|\\.)*")(?:\s*,\s*("(?:[^"\\]|\\.)*"))?""")
JINJA_CALL = re.compile(r"""\btr\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
# Where each kind of source lives, relative to the project.
SOURCES = {"python": ("pyscript_tools", "plugins"), "javascript": ("overrides/assets/toolkit",),
           "templates": ("overrides", "pyscript_tools/authoring/templates", "plugins/primers/templates")}
TEMPLATE_SUFFIXES = (".html", ".md")
ENGINE = "pyscript_tools/engine"
BROWSER = "overrides/assets/toolkit"


@dataclass
class Message:
    """An interface string and every place that uses it (``file:line``)."""

    text: str
    places: list[str] = field(default_factory=list)

    def used_in(self, folder: str) -> bool:
        return any(place.startswith(folder + "/") for place in self.places)


def _add(found: dict[str, Message], text: str, place: str) -> None:
    found.setdefault(text, Message(text)).places.append(place)


def _python(path: Path, rel: str, found: dict[str, Message]) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id not in PY_MARKERS:
            continue
        for arg in node.args[:PY_MARKERS[node.func.id]]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                _add(found, arg.value, "%s:%d" % (rel, node.lineno))


def _literal(quoted: str) -> str:
    return ast.literal_eval(quoted)  # a JavaScript or Jinja string literal of plain text reads the same


def _by_pattern(path: Path, rel: str, pattern: re.Pattern[str], found: dict[str, Message]) -> None:
    text = path.read_text(encoding="utf-8")
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        for quoted in match.groups()[1:] if pattern is JS_CALL else match.groups():
            if quoted:
                _add(found, _literal(quoted), "%s:%d" % (rel, line))


def extract(root: Path) -> dict[str, Message]:
    """Every interface string in the project at ``root``, with where it is used."""
    found: dict[str, Message] = {}
    for folder in SOURCES["python"]:
        for path in sorted((root / folder).rglob("*.py")):
            _python(path, path.relative_to(root).as_posix(), found)
    for folder in SOURCES["javascript"]:
        for path in sorted((root / folder).rglob("*.js")):
            _by_pattern(path, path.relative_to(root).as_posix(), JS_CALL, found)
    for folder in SOURCES["templates"]:
        for path in sorted(p for p in (root / folder).rglob("*") if p.suffix in TEMPLATE_SUFFIXES):
            _by_pattern(path, path.relative_to(root).as_posix(), JINJA_CALL, found)
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass
class Catalog:
    """A language's translations (English -> translation), where each is in its file, and its problems."""

    language: str
    file: str
    entries: dict[str, str]
    lines: dict[str, int]
    problems: list[str]

    def subset(self, messages: Iterable[str]) -> dict[str, str]:
        """The translations of ``messages`` only (what one part of the site needs)."""
        return {m: self.entries[m] for m in messages if m in self.entries}


def catalog_path(content: Path, language: str) -> Path:
    return content / "i18n" / language / "interface.yml"


def load_catalog(content: Path, language: str, display: str | None = None) -> Catalog:
    """``toolkit_content/i18n/LANG/interface.yml``: a mapping of English strings to their translations."""
    path = catalog_path(content, language)
    file = display or path.as_posix()
    if not path.exists():
        return Catalog(language, file, {}, {}, ["%s:1: (file): no interface catalogue for %r" % (file, language)])
    data, lines, problems = load_yaml_with_lines(path.read_text(encoding="utf-8"), file=file)
    entries: dict[str, str] = {}
    where: dict[str, int] = {}
    if data is not None and not isinstance(data, dict):
        problems.append("%s:1: (file): expected a mapping of English texts to their translations" % file)
    for key, value in (data or {}).items() if isinstance(data, dict) else []:
        line = lines.get((key,), 1)
        if not isinstance(key, str) or not isinstance(value, str) or not value.strip():
            problems.append("%s:%d: %r: expected a translation (text)" % (file, line, key))
            continue
        entries[key], where[key] = typeset(value, language), line
    return Catalog(language, file, entries, where, problems)


def check(catalog: Catalog, messages: dict[str, Message]) -> list[str]:
    """What is wrong with ``catalog`` against the strings the code uses: missing translations (with where
    the string is used), translations of strings no longer used, placeholders that differ."""
    problems = list(catalog.problems)
    for text, message in messages.items():
        if text not in catalog.entries:
            problems.append("%s: %r: no %s translation in %s" % (message.places[0], text, catalog.language, catalog.file))
    for text, translation in catalog.entries.items():
        line = catalog.lines.get(text, 1)
        if text not in messages:
            problems.append("%s:%d: %r: not used anywhere any more (remove it)" % (catalog.file, line, text))
        elif placeholders(text) != placeholders(translation):
            problems.append("%s:%d: %r: the translation must use the placeholders %s"
                            % (catalog.file, line, text, sorted(placeholders(text)) or "none"))
    return problems


def engine_messages(messages: dict[str, Message]) -> list[str]:
    """The strings the engine uses (they travel in each questionnaire's definition)."""
    return sorted(m.text for m in messages.values() if m.used_in(ENGINE))


def browser_messages(messages: dict[str, Message]) -> list[str]:
    """The strings the widget's JavaScript uses (they travel in the tool page)."""
    return sorted(m.text for m in messages.values() if m.used_in(BROWSER))

