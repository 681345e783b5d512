"""What an answer may be, per question type, and when a question counts as answered."""

from __future__ import annotations

from typing import Any

from . import definition as d
from .i18n import tr, trn
from .text import shown, truncate
from .vocabulary import NOT_APPLICABLE, PROMPT_KEYS, RATING_AXES, RATING_KEYS, STATUSES

Answers = d.Answers


class AnswersError(ValueError):
    """Answers that do not fit the questionnaire; ``problems`` lists them, ``str()`` is one line."""

    def __init__(self, problems: list[str]):
        from .text import one_line

        self.problems = list(problems)
        super().__init__(one_line(self.problems))


def _allowed(values: list[Any]) -> str:
    return ", ".join(v if isinstance(v, str) else repr(v) for v in values)


def answer_problem(definition: d.Definition, section: d.Section, question: d.Question, value: Any) -> str | None:
    """What is wrong with ``value`` as an answer to ``question``, in one line, or None (no answer,
    ``None``, is always acceptable)."""
    if value is None:
        return None
    qtype = d.question_type(definition, section, question)
    if qtype == "choice":
        return _option_problem(d.options_of(definition, question), value)
    if qtype == "multi":
        return _multi_problem(d.options_of(definition, question), value)
    if qtype == "rated":
        return _rating_problem(definition, value)
    if qtype == "prompt":
        return _prompt_problem(value)
    return tr("question type {type} cannot be answered", type=shown(qtype))


def _option_problem(options: list[dict[str, Any]], value: Any) -> str | None:
    if isinstance(value, (dict, list)) or d.find_option(options, value) is None:
        return tr("{value} is not one of: {allowed}", value=shown(value), allowed=_allowed([o.get("value") for o in options]))
    return None


def _multi_problem(options: list[dict[str, Any]], value: Any) -> str | None:
    if not isinstance(value, list):
        return tr("expected a list of: {allowed}, got {value}", allowed=_allowed([o.get("value") for o in options]),
                  value=shown(value))
    seen: list[Any] = []
    for item in value:
        problem = _option_problem(options, item)
        if problem:
            return problem
        option = d.find_option(options, item) or {}
        if option.get("value") in seen:
            return tr("{value} is listed twice", value=shown(item))
        seen.append(option.get("value"))
    alone = [o.get("value") for o in options if o.get("exclusive") and o.get("value") in seen]
    if alone and len(seen) > 1:
        return tr("{value} cannot be ticked together with another answer", value=shown(alone[0]))
    return None


def _unknown_keys(value: dict[str, Any], allowed: tuple[str, ...]) -> str | None:
    unknown = sorted(str(k) for k in value if k not in allowed)
    if not unknown:
        return None
    return trn("unknown key {keys} (allowed: {allowed})", "unknown keys {keys} (allowed: {allowed})", len(unknown),
               keys=truncate(", ".join(unknown), 60), allowed=", ".join(allowed))


def _rating_problem(definition: d.Definition, value: Any) -> str | None:
    if value == NOT_APPLICABLE:
        return None
    if not isinstance(value, dict):
        return tr("expected a likelihood and a severity, or \"not-applicable\", got {value}", value=shown(value))
    unknown = _unknown_keys(value, RATING_KEYS)
    if unknown:
        return unknown
    for axis in RATING_AXES:
        v = value.get(axis)
        if v is not None and d.scale_index(definition.get(axis) or [], v) is None:
            allowed = [i.get("value") for i in definition.get(axis) or []]
            return tr("{axis} {value} is not one of: {allowed}", axis=axis, value=shown(v), allowed=_allowed(allowed))
    if value.get("note") is not None and not isinstance(value["note"], str):
        return tr("{field} must be text", field="note")
    return None


def _prompt_problem(value: Any) -> str | None:
    if isinstance(value, str) and value in STATUSES:
        return None
    if not isinstance(value, dict):
        return tr("expected a status with a response, an owner and a due date, got {value}", value=shown(value))
    unknown = _unknown_keys(value, PROMPT_KEYS)
    if unknown:
        return unknown
    status = value.get("status")
    if status is not None and status not in STATUSES:
        return tr("{axis} {value} is not one of: {allowed}", axis="status", value=shown(status), allowed=", ".join(STATUSES))
    for key in ("response", "owner"):
        if value.get(key) is not None and not isinstance(value.get(key), str):
            return tr("{field} must be text", field=key)
    due = value.get("due")
    if due not in (None, "") and not valid_date(due):
        return tr("due {value} is not a date in the form YYYY-MM-DD", value=shown(due))
    return None


def valid_date(text: object) -> bool:
    """Whether ``text`` is a real calendar date written YYYY-MM-DD."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        y, m, day = int(text[:4]), int(text[5:7]), int(text[8:])
    except ValueError:
        return False
    if not (1 <= m <= 12 and 1 <= day <= 31 and y >= 1):
        return False
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return day <= [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]


def normalise_answers(answers: Any) -> Any:
    """Empty form values count as unanswered: ``""``, ``[]`` and ``{}`` are dropped, as are empty ratings
    and statuses inside an answer. Anything that is not a mapping is returned unchanged (and refused later)."""
    if not isinstance(answers, dict):
        return answers
    out = {}
    for qid, value in answers.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not (v == "" and k in ("status",) + RATING_AXES)}
            if not value:
                continue
        out[qid] = value
    return out


def check_answers(definition: d.Definition, answers: Any) -> list[str]:
    """Every problem with an answers mapping, as ``question 'id': message`` lines (unknown ids first)."""
    if not isinstance(answers, dict):
        return [tr("answers must be an object mapping question ids to values")]
    answers = normalise_answers(answers)
    index = d.question_index(definition)
    problems = [tr("question {id}: unknown question id", id=shown(qid)) for qid in answers if qid not in index]
    for qid, (section, question) in index.items():
        if qid in answers:
            why = answer_problem(definition, section, question, answers[qid])
            if why:
                problems.append(tr("question {id}: {problem}", id=shown(qid), problem=why))
    return problems


def planned(value: Any) -> bool:
    """Whether a workbook entry without a status records anything (a response, an owner, a due date): the
    prompt is then under way as far as the plan goes, and counts as not started."""
    return isinstance(value, dict) and any(str(value.get(key) or "").strip() for key in PROMPT_KEYS if key != "status")


def is_answered(qtype: str, value: Any) -> bool:
    """Whether an answer counts: a rating needs both axes (or not applicable), a prompt a status or
    something recorded (:func:`planned`), a multi question at least one option."""
    if value is None:
        return False
    if qtype == "multi":
        return bool(value)
    if qtype == "rated":
        return value == NOT_APPLICABLE or all(value.get(axis) is not None for axis in RATING_AXES)
    if qtype == "prompt":
        return isinstance(value, str) or value.get("status") is not None or planned(value)
    return True
