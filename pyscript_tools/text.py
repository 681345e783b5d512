"""Small text helpers shared by every message and report.  Standard library only."""

from __future__ import annotations

SHOWN_LIMIT = 60  # characters of a user's value quoted back in a message


def shown(value, limit: int = SHOWN_LIMIT) -> str:
    """``repr(value)`` cut to ``limit`` characters, so a message never echoes a whole input back."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return "%s… (%d characters)" % (text[: limit - 1], len(text))


def more(count: int) -> str:
    """' (and N more problems)' for N > 0, else ''."""
    if count <= 0:
        return ""
    return " (and %d more problem%s)" % (count, "" if count == 1 else "s")
