"""Scoring: ``score(definition, answers, filters=None, today=None)`` is the one entry point.

The same inputs always give the same result (no clock, no randomness, document order everywhere).
What a result holds is described in :mod:`.result`; how each kind scores is in :mod:`.kinds`.
"""

from __future__ import annotations

from typing import Any

from .answers import AnswersError, check_answers, normalise_answers
from .carry import carried
from .definition import Definition
from .kinds import kind_of
from .result import Result, new_result


def score(definition: Definition, answers: dict[str, Any] | None, filters: dict[str, Any] | None = None,
          today: str | None = None) -> Result:
    """Score ``answers`` (question id -> value) against ``definition``.

    Raises :class:`AnswersError` if an answer is unknown or invalid. ``filters`` (workbook):
    {"roles": [...], "stages": [...], "approaches": [...]}; ``today`` (workbook, "YYYY-MM-DD") marks
    overdue items of the action plan.
    """
    answers = normalise_answers(answers or {})
    problems = check_answers(definition, answers)
    if problems:
        raise AnswersError(problems)
    result = new_result(definition)
    kind = kind_of(definition)
    kind.score(definition, answers, result, filters or {}, today)
    result["complete"] = result["answered"] == result["total"]
    result["headline"] = kind.headline(result)
    result["priorities"] = kind.priorities(result)
    following = carried(definition, answers)
    if following is not None:
        result["continue_with"] = following
    return result
