"""Checks of a content file (YAML with line numbers) that record every problem, never just the first.

Each problem reads ``file:line: field: message``, the same form as the questionnaire validator's, so a
maintainer sees every mistake in every file at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..engine.vocabulary import ID_RE
from .validate import format_path, line_of

PAGE_RE = re.compile(r"^[a-z0-9][a-z0-9_./-]*\.md(?:#[a-z0-9][a-z0-9_-]*)?$")


class ContentError(Exception):
    """Content with problems; ``problems`` lists them all, ``str()`` shows them one per line."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def kind_of_value(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(type(value), type(value).__name__)


class Checker:
    """Field checks over one file's data. A failed check records its problem and returns a harmless
    value, so checking goes on to the end of the file."""

    def __init__(self, file: str, lines: dict[tuple, int] | None = None):
        self.file = file
        self.lines = lines or {}
        self.problems: list[str] = []
        self.missing: set[tuple] = set()  # keys already reported missing: not reported again

    def fail(self, at: tuple, message: str) -> None:
        if at in self.missing:
            return
        self.problems.append("%s:%d: %s: %s" % (self.file, line_of(self.lines, at), format_path(at), message))

    def raise_problems(self) -> None:
        if self.problems:
            raise ContentError(self.problems)

    def mapping(self, value: Any, at: tuple, required: Iterable[str] = (), optional: Iterable[str] = ()) -> dict:
        if not isinstance(value, dict):
            self.fail(at, "expected a mapping, got %s" % kind_of_value(value))
            return {}
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in required:
            if key not in value:
                self.fail(at, "missing required key '%s'" % key)
                self.missing.add(at + (key,))
        for key in value:
            if key not in allowed:
                self.fail(at + (key,), "unknown key (allowed: %s)" % ", ".join(sorted(allowed)))
        return value

    def text(self, value: Any, at: tuple, max_len: int = 600) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(at, "expected non-empty text, got %s" % kind_of_value(value))
            return ""
        if len(value) > max_len:
            self.fail(at, "text is %d characters long; keep it under %d" % (len(value), max_len))
        return " ".join(value.split())

    def items(self, value: Any, at: tuple, lo: int, hi: int) -> list:
        if not isinstance(value, list):
            self.fail(at, "expected a list, got %s" % kind_of_value(value))
            return []
        if not lo <= len(value) <= hi:
            self.fail(at, "expected %d to %d items, got %d" % (lo, hi, len(value)))
        return value

    def texts(self, value: Any, at: tuple, lo: int, hi: int, max_len: int = 400) -> list[str]:
        return [self.text(v, at + (i,), max_len) for i, v in enumerate(self.items(value, at, lo, hi))]

    def choice(self, value: Any, at: tuple, choices: Iterable[str]) -> Any:
        choices = list(choices)
        if value not in choices:
            self.fail(at, "expected one of %s, got %r" % (", ".join(choices), value))
        return value

    def ident(self, value: Any, at: tuple) -> str:
        if not isinstance(value, str) or not ID_RE.match(value):
            self.fail(at, "expected an id of lower-case letters, digits and single hyphens, got %r" % (value,))
            return ""
        return value

    def page(self, value: Any, at: tuple) -> str:
        if not isinstance(value, str) or not PAGE_RE.match(value) or ".." in value:
            self.fail(at, "expected a docs-relative page such as principles/lawfulness.md#necessity, got %r" % (value,))
            return ""
        return value
