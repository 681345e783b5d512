"""Where an answer sits on its question's scale, so that answers from several people can be compared.

An answer is *on the scale* (a readiness option's points, a harm's level, a workbook status), *off the
scale* (not applicable; don't know, which is a gap in knowledge rather than a view) or *nominal* (a
screening choice or a list of kinds, which have no order). Positions come from the scored rows
(``result["questions"]``), so the scale is the one scoring used.
"""

from __future__ import annotations

from typing import Any

from .. import definition as d
from ..vocabulary import DONT_KNOW, NOT_APPLICABLE

STATUS_ORDER = ("not-started", "in-progress", "done")  # a workbook entry's progress


class Scale:
    """A question's scale: how to place a scored row on it, and its length in steps (0 when nominal)."""

    def __init__(self, definition: d.Definition, question: d.Question, qtype: str):
        self.qtype = qtype
        self.level_rank = d.level_ranks(d.levels(definition))
        self.steps = 0
        if qtype == "rated":
            self.steps = max(len(self.level_rank) - 1, 0)
        elif qtype == "prompt":
            self.steps = len(STATUS_ORDER) - 1
        elif qtype == "choice":
            points = [o["points"] for o in d.options_of(definition, question)
                      if d.is_number(o.get("points")) and not o.get("special")]
            if len(points) > 1:
                self.steps = max(points) - min(points)
                self.lowest = min(points)

    @property
    def ordinal(self) -> bool:
        return self.steps > 0

    def place(self, row: dict[str, Any]) -> float | str | None:
        """The row's position: a number on the scale, DONT_KNOW or NOT_APPLICABLE off it, or None when
        the scale is nominal (or the question unanswered)."""
        status = row.get("status")
        if status in (None, "missing"):
            return None
        if status in (NOT_APPLICABLE, DONT_KNOW):
            return status
        if self.qtype == "rated":
            return self.level_rank.get(row.get("level"))
        if self.qtype == "prompt":
            return STATUS_ORDER.index(status) if status in STATUS_ORDER else None
        if self.ordinal and d.is_number(row.get("points")):
            return row["points"] - self.lowest
        return None
