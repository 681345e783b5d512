"""A readiness questionnaire's rules: thresholds in order, and every list of options can score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...engine.definition import is_number
from .thresholds import check_thresholds

if TYPE_CHECKING:
    from ..validate import Definition


def check(definition: Definition) -> None:
    check_thresholds(definition)
    for at, options in definition.option_lists():
        points = [o["points"] for o in options if isinstance(o, dict) and not o.get("special") and is_number(o.get("points"))]
        if points and max(points) <= 0:
            definition.fail(at, "no option scores above 0 points, so the question cannot be scored")
