"""A workbook's rules: its levels are reached by the share of prompts done (see :mod:`.thresholds`)."""

from __future__ import annotations

from .thresholds import check_thresholds as check

__all__ = ["check"]
