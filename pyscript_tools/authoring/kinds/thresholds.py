"""Levels reached by a percentage (readiness, workbook): the lowest starts at 0, each above the last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...engine.definition import is_number

if TYPE_CHECKING:
    from ..validate import Definition


def check_thresholds(definition: Definition) -> None:
    levels = definition.data.get("levels")
    previous = None
    for i, level in enumerate(levels if isinstance(levels, list) else ()):
        low = level.get("min") if isinstance(level, dict) else None
        if not is_number(low):
            continue  # the schema says what it must be
        at = ("levels", i, "min")
        if i == 0 and low != 0:
            definition.fail(at, "the lowest level must start at 0, not %r" % (low,))
        if previous is not None and low <= previous:
            definition.fail(at, "thresholds out of order: %r is not above the previous level's %r "
                                "(list levels lowest first)" % (low, previous))
        previous = low
