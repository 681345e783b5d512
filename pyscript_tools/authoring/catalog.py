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

from ..engine import plural
from ..engine.i18n import LANGUAGE_ENTRIES, PLURAL_RULES
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
    """An interface string and every place that uses it (``file:line``); ``counted`` when it is the singular or
    the plural of a count (``trn``, ``tn``)."""

    text: str
    places: list[str] = field(default_factory=list)
    counted: bool = False

    def used_in(self, folder: str) -> bool:
        return any(place.startswith(folder + "/") for place in self.places)


def _add(found: dict[str, Message], text: str, place: str, counted: bool = False) -> None:
    message = found.setdefault(text, Message(text))
    message.places.append(place)
    message.counted = message.counted or counted


def _python(path: Path, rel: str, found: dict[str, Message]) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id not in PY_MARKERS:
            continue
        for arg in node.args[:PY_MARKERS[node.func.id]]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                _add(found, arg.value, "%s:%d" % (rel, node.lineno), counted=node.func.id == "trn")


def _literal(quoted: str) -> str:
    return ast.literal_eval(quoted)  # a JavaScript or Jinja string literal of plain text reads the same


def _by_pattern(path: Path, rel: str, pattern: re.Pattern[str], found: dict[str, Message]) -> None:
    text = path.read_text(encoding="utf-8")
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        for quoted in match.groups()[1:] if pattern is JS_CALL else match.groups():
            if quoted:
                _add(found, _literal(quoted), "%s:%d" % (rel, line), counted=pattern is JS_CALL and match.group(1) == "tn")


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


# The forms of a count that may say its number in words instead of {n} ("one file", "two files").
NUMBER_IN_WORDS = ("zero", "one", "two")

Translation = str | dict[str, str]  # a text, or a count's plural: one text per CLDR category


@dataclass
class Catalog:
    """A language's translations (English -> translation), where each is in its file, and its problems. The
    language's own entries (plural rules, decimal mark) are kept with the messages, under their names."""

    language: str
    file: str
    entries: dict[str, Translation]
    lines: dict[str, int]
    problems: list[str]
    about: dict[str, object] = field(default_factory=dict)  # i18n.LANGUAGE_ENTRIES found in the file

    def translations(self) -> dict[str, object]:
        """Everything :func:`pyscript_tools.engine.i18n.language` takes: the translations and the language's
        own entries."""
        return {**self.about, **self.entries}

    def subset(self, messages: Iterable[str]) -> dict[str, Translation]:
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
    entries: dict[str, Translation] = {}
    where: dict[str, int] = {}
    if data is not None and not isinstance(data, dict):
        problems.append("%s:1: (file): expected a mapping of English texts to their translations" % file)
    about: dict[str, object] = {}
    for key, value in (data or {}).items() if isinstance(data, dict) else []:
        line = lines.get((key,), 1)
        if key == PLURAL_RULES:
            problems += ["%s:%d: %s: %s" % (file, line, key, problem) for problem in plural.problems(value)]
            about[key] = value
        elif key in LANGUAGE_ENTRIES and isinstance(value, str):
            about[key] = value
        elif isinstance(key, str) and isinstance(value, dict) and value and all(
                isinstance(form, str) and isinstance(text, str) and text.strip() for form, text in value.items()):
            entries[key], where[key] = {form: typeset(text, language) for form, text in value.items()}, line
        elif isinstance(key, str) and isinstance(value, str) and value.strip():
            entries[key], where[key] = typeset(value, language), line
        else:
            problems.append("%s:%d: %r: expected a translation (a text, or a count's texts by plural category)"
                            % (file, line, key))
    return Catalog(language, file, entries, where, problems, about)


def _placeholder_problems(message: Message, translation: Translation) -> list[str]:
    """How a translation's placeholders differ from the English: each form keeps every placeholder, except
    that a count may say its number in words in the forms for exact numbers (and the singular)."""
    expected = placeholders(message.text)
    forms = translation if isinstance(translation, dict) else {"one" if message.counted else "other": translation}
    found = []
    for form, text in forms.items():
        if isinstance(translation, dict) and form not in plural.CATEGORIES:
            found.append("%r is not a plural category (%s)" % (form, ", ".join(plural.CATEGORIES)))
        optional = {"n"} if message.counted and form in NUMBER_IN_WORDS else set()
        if not expected - optional <= placeholders(text) <= expected:
            found.append("the translation must use the placeholders %s" % (sorted(expected) or "none"))
    if isinstance(translation, dict) and "other" not in translation:
        found.append("a count's translation needs its 'other' form")
    return sorted(set(found))


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
            continue
        problems += ["%s:%d: %r: %s" % (catalog.file, line, text, problem)
                     for problem in _placeholder_problems(messages[text], translation)]
    return problems


def engine_messages(messages: dict[str, Message]) -> list[str]:
    """The strings the engine uses (they travel in each questionnaire's definition)."""
    return sorted(m.text for m in messages.values() if m.used_in(ENGINE))


def browser_messages(messages: dict[str, Message]) -> list[str]:
    """The strings the widget's JavaScript uses (they travel in the tool page)."""
    return sorted(m.text for m in messages.values() if m.used_in(BROWSER))

