"""One module per questionnaire kind, behind one small interface (:class:`Kind`).

A kind scores answers into a result and says how its result reads: its headline, its tables and its
chart. Everything else (HTML, Markdown, CSV, comparison) is written once against those. A new kind is
one new module here, added to ``KINDS`` (and to :data:`..vocabulary.KINDS`).
"""

from __future__ import annotations

from typing import Any, Protocol

from ..definition import Definition
from ..report.table import Table
from ..result import Result
from . import readiness, risk, workbook


class Kind(Protocol):
    NOUN: str  # what its questions are called, plural: "questions" or "prompts"
    UNNAMED: str  # what an assessment without a name is called
    HIGHER_IS_BETTER: bool  # whether a higher level is a better one (colours, comparisons)
    COMPARE_BY: str  # "percent" or "level": what a comparison of two results looks at

    def allowed_types(self, screening: bool) -> tuple[str, ...]: ...

    def score(self, definition: Definition, answers: dict[str, Any], result: Result,
              filters: dict[str, list[str]], today: str | None) -> None: ...

    def headline(self, result: Result) -> str: ...

    def priorities(self, result: Result) -> list[dict[str, Any]]: ...

    def facts(self, result: Result) -> list[tuple[str, str]]: ...

    def section_table(self, result: Result) -> Table: ...

    def chart_svg(self, result: Result, id_prefix: str) -> str: ...

    def chart_table(self, result: Result) -> Table: ...


KINDS: dict[str, Kind] = {"readiness": readiness, "risk": risk, "workbook": workbook}


def is_kind(value: Any) -> bool:
    """Whether `value` names a kind (a list or a mapping, which a hand-written file may hold, names none)."""
    return isinstance(value, str) and value in KINDS


def kind_of(result_or_definition: dict[str, Any]) -> Kind:
    """The kind module of a definition or a result."""
    return KINDS[str(result_or_definition.get("kind"))]
