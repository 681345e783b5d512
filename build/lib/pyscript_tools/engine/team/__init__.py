"""Team assessments: several people's answers files for one questionnaire, combined (see :mod:`.combine`)."""

from .combine import CombineError, combine

__all__ = ["CombineError", "combine"]
