"""Read-only helpers over a questionnaire definition (the YAML file as a plain dict, validated by
:mod:`pyscript_tools.authoring.validate` at build time): walk its questions, resolve scales, find levels,
follow the kinds of system chosen, turn guidance links into URLs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .vocabulary import FILTER_DIMENSIONS, LEGAL_FRAMES_OPTION

Definition = dict[str, Any]
Section = dict[str, Any]
Question = dict[str, Any]
Level = dict[str, Any]
Profile = dict[str, Any]
Answers = dict[str, Any]


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
    """The options of a choice or multi question: its own, its scale's, or one per profile."""
    if question.get("options_from") == "profiles":
        return [_profile_option(p) for p in profiles(definition)]
    if question.get("options_from") == LEGAL_FRAMES_OPTION:
        return [{"value": f.get("id"), "label": f.get("title")} for f in legal_frames(definition)]
    if question.get("options") is not None:
        return _mappings(question["options"])
    scale, scales = question.get("scale"), definition.get("scales")
    if isinstance(scale, str) and isinstance(scales, dict):
        return _mappings(scales.get(scale))
    return []


def _mappings(value: Any) -> list[dict[str, Any]]:
    """The mappings in a list (nothing for anything else), so that even an invalid definition reads safely."""
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


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


# --------------------------------------------------------------------------- profiles: kinds of system


def legal_frames(definition: Definition) -> list[dict[str, Any]]:
    """The legal frames a risk questionnaire offers (see :mod:`.law`), in order."""
    legal = definition.get("legal")
    return _mappings(legal.get("frames")) if isinstance(legal, dict) else []


def profiles(definition: Definition) -> list[Profile]:
    """The kinds of AI system a risk questionnaire offers, in order (none for other questionnaires)."""
    return _mappings(definition.get("profiles"))


def _profile_option(profile: Profile) -> dict[str, Any]:
    """A profile as an option of the question that chooses kinds: its id, its title, and its floor."""
    option = {"value": profile.get("id"), "label": profile.get("title")}
    for key in ("min_level", "min_level_reason"):
        if profile.get(key) is not None:
            option[key] = profile[key]
    return option


def profile_question(definition: Definition) -> tuple[Section, Question] | None:
    """The question whose answer chooses the kinds of system (``options_from: profiles``), if any."""
    for section, question in iter_questions(definition):
        if question.get("options_from") == "profiles":
            return section, question
    return None


def chosen_profiles(definition: Definition, answers: Answers) -> list[str]:
    """The ids of the kinds of system chosen in ``answers``, in the definition's order."""
    found = profile_question(definition)
    value = answers.get(found[1]["id"]) if found else None
    picked = {str(v) for v in value} if isinstance(value, list) else set()
    return [p["id"] for p in profiles(definition) if str(p.get("id")) in picked]


def applicable_sections(definition: Definition, answers: Answers) -> list[Section]:
    """The sections that count for ``answers``: every common section, and a profile's section only
    when its kind of system is chosen (like the workbook's filters, the others are left out)."""
    chosen = chosen_profiles(definition, answers)
    return [s for s in definition.get("sections") or [] if s.get("profile") is None or s["profile"] in chosen]


def applicable_questions(definition: Definition, answers: Answers) -> Iterator[tuple[Section, Question]]:
    """The questions asked for ``answers``: those of :func:`applicable_sections` whose condition
    (``ask_if``) holds, in document order."""
    asked: dict[str, Any] = {}  # the answers to the questions asked so far: a condition reads only those
    for section in applicable_sections(definition, answers):
        for question in section.get("questions") or []:
            if holds(question.get("ask_if"), asked):
                asked[question["id"]] = answers.get(question["id"])
                yield section, question


def asked_answers(definition: Definition, answers: Answers) -> Answers:
    """``answers`` to the questions asked only: an answer left behind by a question no longer asked
    (a kind of system unticked, a fact that no longer applies) counts for nothing."""
    return {q["id"]: answers[q["id"]] for _, q in applicable_questions(definition, answers) if q["id"] in answers}


def holds(condition: Any, answers: Answers) -> bool:
    """Whether ``answers`` meet ``condition`` {question id: [values]}: every question named has been
    given one of its values (for a question with several answers, one of them is enough)."""
    if not isinstance(condition, dict):
        return True
    for qid, values in condition.items():
        given = answers.get(qid)
        given = given if isinstance(given, list) else [] if given is None else [given]
        wanted = {str(v) for v in values} if isinstance(values, list) else set()
        if not any(str(g) in wanted for g in given if not isinstance(g, (dict, list))):
            return False
    return True


# --------------------------------------------------------------------------- levels


def levels(definition: Definition) -> list[Level]:
    return list(definition.get("levels") or [])


def level_index(level_list: list[Level], level_id: object) -> int | None:
    """Position of the level ``level_id`` in ``level_list`` (lowest first), or None."""
    for i, level in enumerate(level_list):
        if level.get("id") == level_id:
            return i
    return None


def level_ranks(level_list: list[Level]) -> dict[Any, int]:
    """Each level's id -> its position (lowest first): for comparing many levels against one list."""
    return {level.get("id"): i for i, level in enumerate(level_list)}


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
