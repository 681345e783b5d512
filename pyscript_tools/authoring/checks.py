"""One way to report a problem with content, for every content file: ``file:line: field: message``.

A problem names the file, the line (from the YAML line map of :mod:`.yaml_source`), the field as people
write it (``sections[0].questions[2].scale``) and says what is wrong in one short sentence. The
sentences for structure (a missing key, an unknown key, a wrong type...) are written here once and used
both by :class:`Checker` and by the JSON Schema errors (:mod:`.schema`). Every check records every
problem, never just the first, so a maintainer sees every mistake in every file at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..engine.text import shown
from ..engine.vocabulary import ID_RE

FieldPath = tuple[Any, ...]  # a field's path, e.g. ("sections", 0, "questions", 2, "scale")
Lines = dict[FieldPath, int]  # path -> 1-based line in the YAML file
# Where a field's value was written when not in the checked file (a translation's overlay): file, line, field.
Locate = Callable[[FieldPath], tuple[str, int, str] | None]

PAGE_RE = re.compile(r"^[a-z0-9][a-z0-9_./-]*\.md(?:#[a-z0-9][a-z0-9_-]*)?$")
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_$-]+$")


def format_path(path: FieldPath) -> str:
    """A field's path as people write it: ``sections[0].questions[2].scale`` (odd keys quoted)."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += "[%d]" % part
        else:
            key = str(part) if _PLAIN_KEY.match(str(part)) else shown(str(part), 40)
            out += ("." if out else "") + key
    return out or FILE


def line_of(lines: Lines | None, path: FieldPath) -> int:
    """The line of ``path``, or of the nearest field above it that has one (1 when none has)."""
    if not lines:
        return 1
    path = tuple(path)
    while path not in lines:
        if not path:
            return 1
        path = path[:-1]
    return lines[path]


FILE = "(file)"  # the field of a problem with the whole file


# Every line boundary str.splitlines knows, written as an escape: a key or value that holds one keeps its
# problem on one line.
_ONE_LINE = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def problem(file: str, line: int, field: str, message: str) -> str:
    """A problem as every content check reports it, on one line."""
    return ("%s:%d: %s: %s" % (file, line, field, message)).translate(_ONE_LINE)


def sort_problems(problems: list[str], lines: Lines | None = None) -> list[str]:
    """One file's problems in line order, and those on one line in the file's order of fields (stable)."""
    if len(problems) < 2:
        return list(problems)
    order = {format_path(path): i for i, path in enumerate(lines or {})}

    def key(message: str) -> tuple[int, int]:
        parts = message.split(": ", 2)
        line = parts[0].rpartition(":")[2]
        return (int(line) if line.isdigit() else 0, order.get(parts[1], len(order)) if len(parts) > 2 else 0)
    return sorted(problems, key=key)


def kind_of_value(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a whole number",
            float: "a number"}.get(type(value), type(value).__name__)


# The sentences for structure, shared by Checker and the schema errors.
def missing_key(key: str) -> str:
    return "missing required key '%s'" % key


def unknown_key(key: Any, allowed: Iterable[str]) -> str:
    """Names the key meant when one is close, else the keys allowed when they are few enough to read."""
    keys = sorted(k for k in allowed if k != "$schema")
    close = difflib.get_close_matches(str(key), keys, n=1)
    if close:
        return "unknown key %s: did you mean %r?" % (shown(str(key), 40), close[0])
    return "unknown key %s%s" % (shown(str(key), 40), " (allowed: %s)" % ", ".join(keys) if len(keys) <= 12 else "")


def got(value: Any) -> str:
    """The value as a message shows it: itself when it is short and plain, else what it is."""
    plain = isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(repr(value)) <= 60
    return repr(value) if plain else kind_of_value(value)


def expected(what: str, value: Any) -> str:
    return "expected %s, got %s" % (what, got(value))


def one_of(choices: Iterable[Any], value: Any) -> str:
    return expected("one of %s" % ", ".join(map(str, choices)), value)


def item_count(lo: int, hi: int | None, count: int) -> str:
    if hi is None:
        return "expected at least %d item%s, got %d" % (lo, "" if lo == 1 else "s", count)
    return "expected %d to %d items, got %d" % (lo, hi, count)


def too_long(length: int, limit: int) -> str:
    return "text is %d characters long; keep it to %d or fewer" % (length, limit)


class ContentError(Exception):
    """Content with problems; ``problems`` lists them all, ``str()`` shows them one per line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class Checker:
    """The problems of one file, and field checks over its data. A failed check records its problem and
    returns a harmless value, so checking goes on to the end of the file."""

    def __init__(self, file: str, lines: Lines | None = None, locate: Locate | None = None):
        self.file = file
        self.lines = lines or {}
        self.locate = locate
        self.problems: list[str] = []
        self.missing: set[FieldPath] = set()  # keys already reported missing: not reported again

    def fail(self, at: FieldPath, message: str) -> None:
        at = tuple(at)
        if at in self.missing:
            return
        elsewhere = self.locate(at) if self.locate else None
        self.problems.append(problem(*(elsewhere or (self.file, line_of(self.lines, at), format_path(at))), message))

    def line(self, at: FieldPath) -> int:
        return line_of(self.lines, at)

    def raise_problems(self) -> None:
        if self.problems:
            raise ContentError(self.problems)

    def mapping(self, value: Any, at: FieldPath, required: Iterable[str] = (), optional: Iterable[str] = ()) -> dict:
        if not isinstance(value, dict):
            self.fail(at, expected("a mapping", value))
            return {}
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in required:
            if key not in value:
                self.fail(at, missing_key(key))
                self.missing.add(at + (key,))
        for key in value:
            if key not in allowed:
                self.fail(at + (key,), unknown_key(key, allowed))
        return value

    def text(self, value: Any, at: FieldPath, max_len: int = 600) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(at, expected("non-empty text", value))
            return ""
        if len(value) > max_len:
            self.fail(at, too_long(len(value), max_len))
        return " ".join(value.split())

    def items(self, value: Any, at: FieldPath, lo: int, hi: int) -> list:
        if not isinstance(value, list):
            self.fail(at, expected("a list", value))
            return []
        if not lo <= len(value) <= hi:
            self.fail(at, item_count(lo, hi, len(value)))
        return value

    def texts(self, value: Any, at: FieldPath, lo: int, hi: int, max_len: int = 400) -> list[str]:
        return [self.text(v, at + (i,), max_len) for i, v in enumerate(self.items(value, at, lo, hi))]

    def choice(self, value: Any, at: FieldPath, choices: Iterable[str]) -> Any:
        choices = list(choices)
        if value not in choices:
            self.fail(at, one_of(choices, value))
        return value

    def ident(self, value: Any, at: FieldPath) -> str:
        if not isinstance(value, str) or not ID_RE.match(value):
            self.fail(at, expected("an id of lower-case letters, digits and single hyphens", value))
            return ""
        return value

    def page(self, value: Any, at: FieldPath) -> str:
        if not isinstance(value, str) or not PAGE_RE.match(value) or ".." in value:
            self.fail(at, expected("a docs-relative page such as principles/lawfulness.md#necessity", value))
            return ""
        return value

    def unique(self, ident: Any, seen: dict[Any, int], at: FieldPath, what: str) -> None:
        """Report ``ident`` if an earlier ``what`` (at ``at``) used it; otherwise remember its line."""
        if ident is None or isinstance(ident, (dict, list)):
            return
        if ident in seen:
            self.fail(at, "duplicate %s %r (first at line %d)" % (what, ident, seen[ident]))
        else:
            seen[ident] = self.line(at)
