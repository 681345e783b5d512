"""Read-only helpers over a questionnaire definition (the YAML file as a plain dict, validated by
:mod:`.validate`): walk its questions, resolve scales, find levels, turn guidance links into URLs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .vocabulary import FILTER_DIMENSIONS

Definition = dict[str, Any]
Section = dict[str, Any]
Question = dict[str, Any]
Level = dict[str, Any]


def is_number(value: object) -> bool:
    """A real number (``True`` and ``False`` are not numbers here)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def iter_questions(definition: Definition) -> Iterator[tuple[Section, Question]]:
    """Yield (section, question) pairs in document order."""
    for section in definition.get("sections") or []:
        for question in section.get("questions") or []:
            yield section, question


def question_index(definition: Definition) -> dict[str, tuple[Section, Question]]:
    """Map question id -> (section, question)."""
    return {q["id"]: (s, q) for s, q in iter_questions(definition)}


def question_type(definition: Definition, section: Section, question: Question) -> str:
    """The effective type of a question: its own ``type``, else the kind's default (workbook: prompt;
    risk, outside screening and without options: rated; otherwise choice)."""
    explicit = question.get("type")
    if explicit:
        return str(explicit)
    kind = definition.get("kind")
    if kind == "workbook":
        return "prompt"
    if kind == "risk" and not section.get("screening") and "scale" not in question and "options" not in question:
        return "rated"
    return "choice"


def options_of(definition: Definition, question: Question) -> list[dict[str, Any]]:
    """The options of a choice question (its own, or its scale's)."""
    if question.get("options") is not None:
        return list(question["options"])
    scale = question.get("scale")
    if scale is not None:
        return list((definition.get("scales") or {}).get(scale) or [])
    return []


def find_option(options: list[dict[str, Any]], value: object) -> dict[str, Any] | None:
    """The option whose value is ``value`` (``"3"`` matches ``3`` only when nothing matches exactly)."""
    for option in options:
        if option.get("value") == value and type(option.get("value")) is type(value):
            return option
    for option in options:
        if str(option.get("value")) == str(value):
            return option
    return None


def max_points(options: list[dict[str, Any]]) -> float:
    """The best number of points among the options that score (0 if none)."""
    points = [o["points"] for o in options if not o.get("special") and is_number(o.get("points"))]
    return max(points) if points else 0


def scale_index(scale: list[dict[str, Any]], value: object) -> int | None:
    """Position of ``value`` on a likelihood or severity scale, or None."""
    for i, item in enumerate(scale or []):
        if item.get("value") == value or str(item.get("value")) == str(value):
            return i
    return None


# --------------------------------------------------------------------------- levels


def levels(definition: Definition) -> list[Level]:
    return list(definition.get("levels") or [])


def level_index(level_list: list[Level], level_id: object) -> int | None:
    """Position of the level ``level_id`` in ``level_list`` (lowest first), or None."""
    for i, level in enumerate(level_list):
        if level.get("id") == level_id:
            return i
    return None


def level_for_percent(definition: Definition, percent: float | None) -> Level | None:
    """The highest level whose ``min`` is at most ``percent`` (the lowest one if none is)."""
    if percent is None:
        return None
    found = None
    for level in levels(definition):
        if percent >= level.get("min", 0):
            found = level
    if found is None and levels(definition):
        found = levels(definition)[0]
    return found


# --------------------------------------------------------------------------- links and tags


def doc_link_to_url(link: str | None) -> str | None:
    """A docs-relative Markdown link as a site-relative URL (MkDocs ``use_directory_urls``):
    ``roadmap/processes.md#oversight-committee`` -> ``roadmap/processes/#oversight-committee``."""
    if not link:
        return None
    page, sep, anchor = link.partition("#")
    if page.endswith(".md"):
        stem = page[:-3]
        if stem == "index":
            page = ""
        elif stem.endswith("/index"):
            page = stem[: -len("index")]
        else:
            page = stem + "/"
    return page + (sep + anchor if sep else "")


def question_link(section: Section, question: Question) -> str | None:
    """The guidance link for a question: its own, else its section's."""
    return question.get("learn_more") or section.get("learn_more")


def tags_of(question: Question) -> dict[str, list[str]]:
    """A question's roles, stages and approaches (a workbook prompt's ``stage`` counts as a stage tag)."""
    tags = question.get("tags") or {}
    out = {dim: list(tags.get(dim) or []) for dim in FILTER_DIMENSIONS}
    if question.get("stage") and question["stage"] not in out["stages"]:
        out["stages"].insert(0, question["stage"])
    return out
