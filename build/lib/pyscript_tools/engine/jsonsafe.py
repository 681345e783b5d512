"""JSON from outside, read within limits: size and nesting are checked before parsing.

Parsing a deeply nested document overflows the WebAssembly stack in Pyodide long before Python's
recursion limit, so the depth is measured first, without recursion.  Standard library only.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .i18n import tr

MAX_FILE_BYTES = 5 * 1024 * 1024  # an answers file of the largest questionnaire is about 40 kB
MAX_DEPTH = 12  # an answers file nests 5 levels at most (a template's option lists)

_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


class JsonLimitError(ValueError):
    """The text is too large or too deeply nested to be parsed safely; ``str()`` says which."""


def nesting_depth(text: str, stop_above: int = MAX_DEPTH) -> int:
    """How deeply arrays and objects nest in ``text`` (0 for a scalar); stops counting past ``stop_above``."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_above:
                    break
        else:
            depth -= 1
    return deepest


def check_limits(text: str, what: str = "the file", max_bytes: int = MAX_FILE_BYTES,
                 max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`JsonLimitError` when ``text`` is over the size or nesting limit."""
    if len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise JsonLimitError(tr("{what} is larger than {size}", what=what, size=megabytes(max_bytes)))
    if nesting_depth(text, max_depth) > max_depth:
        raise JsonLimitError(tr("{what} is nested more than {depth} levels deep, which an answers file never is",
                                what=what, depth=max_depth))


def loads(text: str, what: str = "the file", max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` after :func:`check_limits`; JSON syntax errors raise ``ValueError`` as usual, and
    anything but text a ``TypeError``."""
    if not isinstance(text, str):
        raise TypeError("expected JSON text, got %s" % type(text).__name__)
    check_limits(text, what, max_bytes, max_depth)
    return json.loads(text)


def megabytes(size: int) -> str:
    return tr("{size} MB", size="%g" % (size / (1024 * 1024)))
