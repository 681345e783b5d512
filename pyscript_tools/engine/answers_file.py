"""Answers files: a blank template, reading with precise refusals, and migration across versions.

An answers file is JSON::

    {"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness",
     "version": "1.0.0", "name": "...", "created": ISO-8601, "updated": ISO-8601,
     "answers": {"question-id": value, ...}}
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from . import ANSWERS_FORMAT, ANSWERS_FORMAT_VERSION, jsonsafe
from . import definition as d
from .answers import Answers, AnswersError, answer_problem, normalise_answers
from .i18n import tr, trn
from .text import one_line, shown
from .vocabulary import NOT_APPLICABLE, STATUSES


class AnswersFileError(ValueError):
    """The answers file cannot be used; ``str()`` is a one-line reason."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [message])


def valid_timestamp(value: object) -> bool:
    if not isinstance(value, str) or len(value) < 10:
        return False
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def allowed_values(definition: d.Definition, section: d.Section, question: d.Question) -> dict[str, Any]:
    """What a question accepts, for templates and documentation."""
    qtype = d.question_type(definition, section, question)
    if qtype in ("choice", "multi"):  # multi: a list of these values
        options = []
        for option in d.options_of(definition, question):
            item = {"value": option.get("value"), "label": option.get("label")}
            for key in ("points", "special", "min_level", "exclusive"):
                if option.get(key) is not None:
                    item[key] = option[key]
            options.append(item)
        return {"type": qtype, "options": options}
    if qtype == "rated":
        return {"type": "rated",
                "likelihood": [{"value": x.get("value"), "label": x.get("label")} for x in definition.get("likelihood") or []],
                "severity": [{"value": x.get("value"), "label": x.get("label")} for x in definition.get("severity") or []],
                "or": NOT_APPLICABLE}
    return {"type": "prompt", "status": list(STATUSES), "response": "text", "owner": "text", "due": "YYYY-MM-DD"}


def _header(definition: d.Definition, name: str, created: str | None, updated: str | None) -> dict[str, Any]:
    return {"format": ANSWERS_FORMAT, "format_version": ANSWERS_FORMAT_VERSION,
            "questionnaire": definition.get("id"), "version": definition.get("version"),
            "name": name or "", "created": created, "updated": updated}


def template(definition: d.Definition, now: str | None = None, name: str = "",
             profiles: list[str] | None = None) -> dict[str, Any]:
    """A blank answers file listing each question's allowed values (and their points).

    ``profiles``: kinds of system to choose in it; it then lists the common questions and those kinds'
    own (without, only the common ones). Raises :class:`AnswersError` for a kind that does not exist."""
    preset = _choose_kinds(definition, profiles or [])
    chooser = d.profile_question(definition)
    allowed = {}
    for section in d.applicable_sections(definition, preset):
        for question in section.get("questions") or []:
            condition = question.get("ask_if") or {}
            by_kind = {q: v for q, v in condition.items() if chooser and q == chooser[1]["id"]}
            if not d.holds(by_kind, preset):
                continue  # a question no kind chosen makes relevant
            info = allowed_values(definition, section, question)
            info.update(section=section.get("id"), text=question.get("text"))
            if len(condition) > len(by_kind):  # a follow-up: answer it only when its condition holds
                info["asked_if"] = {q: v for q, v in condition.items() if q not in by_kind}
            allowed[question["id"]] = info
    return {**_header(definition, name, now, now), "answers": {qid: preset.get(qid) for qid in allowed},
            "allowed": allowed}


def _choose_kinds(definition: d.Definition, profiles: list[str]) -> Answers:
    """The answer that chooses ``profiles`` (none when empty), checked like any answer."""
    if not profiles:
        return {}
    found = d.profile_question(definition)
    if found is None:
        raise AnswersError([tr("questionnaire {id} has no kinds of system to choose", id=shown(definition.get("id")))])
    problem = answer_problem(definition, found[0], found[1], list(profiles))
    if problem:
        raise AnswersError([tr("kinds of system: {problem}", problem=problem)])
    return {found[1]["id"]: list(profiles)}


def new_answers_file(definition: d.Definition, answers: Answers, name: str = "", created: str | None = None,
                     updated: str | None = None) -> dict[str, Any]:
    """``answers`` wrapped as an answers file (for download)."""
    return {**_header(definition, name, created, updated or created),
            "answers": {k: v for k, v in (answers or {}).items() if v is not None}}


def _decode(text: Any) -> Any:
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AnswersFileError(tr("the file is not UTF-8 text (is it an answers file?)")) from None
    if isinstance(text, dict):
        return text
    if not isinstance(text, str):
        raise AnswersFileError(tr("expected the text of a JSON answers file"))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise AnswersFileError(tr("the file is empty"))
    try:
        return jsonsafe.loads(text, tr("the file"))
    except jsonsafe.JsonLimitError as exc:
        raise AnswersFileError(str(exc)) from None
    except json.JSONDecodeError as exc:  # where, not the parser's own (English) words
        raise AnswersFileError(tr("the file is not valid JSON (line {line}, column {column})",
                                  line=exc.lineno, column=exc.colno)) from None
    except ValueError:  # valid syntax Python will not read, such as a number thousands of digits long
        raise AnswersFileError(tr("the file is not valid JSON")) from None


def _check_header(data: Any, definition: d.Definition) -> None:
    if not isinstance(data, dict):
        raise AnswersFileError(tr("the file is JSON but not an answers file (expected an object at the top level)"))
    fmt = data.get("format")
    if fmt != ANSWERS_FORMAT:
        if fmt is None:
            if "id" in data and "sections" in data:
                raise AnswersFileError(tr("this is a questionnaire definition, not an answers file"))
            raise AnswersFileError(tr("not an answers file: the \"format\" marker {marker} is missing",
                                      marker=repr(ANSWERS_FORMAT)))
        raise AnswersFileError(tr("not an answers file: format is {format}, expected {expected}", format=shown(fmt),
                                  expected=repr(ANSWERS_FORMAT)))
    version = data.get("format_version")
    if version != ANSWERS_FORMAT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > ANSWERS_FORMAT_VERSION:
            raise AnswersFileError(tr("the file uses answers format version {version}, newer than this site understands"
                                      " ({known})", version=shown(version), known=ANSWERS_FORMAT_VERSION))
        raise AnswersFileError(tr("unsupported format_version {version} (expected {known})", version=shown(version),
                                  known=ANSWERS_FORMAT_VERSION))
    qid = data.get("questionnaire")
    if qid != definition.get("id"):
        raise AnswersFileError(tr("these answers are for another questionnaire ({found}), not for “{title}”",
                                  found=shown(qid), title=definition.get("title") or definition.get("id")))
    if not isinstance(data.get("version"), str) or not data["version"]:
        raise AnswersFileError(tr("the file does not say which version of {id} it answers (\"version\" is missing)",
                                  id=repr(qid)))
    if data.get("answers") is not None and not isinstance(data["answers"], dict):
        raise AnswersFileError("\"answers\" must be an object mapping question ids to values")
    for key in ("created", "updated"):
        if data.get(key) not in (None, "") and not valid_timestamp(data[key]):
            raise AnswersFileError("%r is %s, not an ISO-8601 date and time" % (key, shown(data[key])))
    if data.get("name") is not None and not isinstance(data["name"], str):
        raise AnswersFileError("\"name\" must be text")


def parse_answers_file(text: Any, definition: d.Definition, allow_migration: bool = True) -> dict[str, Any]:
    """Read an answers file (text, bytes or an already-decoded dict) for ``definition``.

    Returns {"answers", "name", "created", "updated", "questionnaire", "version", "file_version",
    "migrated", "migration"}; raises :class:`AnswersFileError` with a precise one-line reason.
    """
    data = _decode(text)
    _check_header(data, definition)
    answers = normalise_answers(data.get("answers") or {})  # checked above: a mapping, or none
    file_version = data["version"]
    parsed = {"answers": answers, "name": data.get("name") or "", "created": data.get("created"),
              "updated": data.get("updated"), "questionnaire": data["questionnaire"],
              "version": definition.get("version"), "file_version": file_version,
              "migrated": False, "migration": None}
    if file_version == definition.get("version") or not allow_migration:
        problems = _problems(definition, answers)
        if problems:
            lead = tr("the answers do not fit {id} version {version}", id=definition.get("id"), version=definition.get("version"))
            raise AnswersFileError(one_line(problems, lead), problems)
        return parsed
    kept, report = migrate_answers(definition, answers, file_version)
    return {**parsed, "answers": kept, "migrated": True, "migration": report}


def _problems(definition: d.Definition, answers: Answers) -> list[str]:
    index = d.question_index(definition)
    problems = [tr("unknown question id {id}", id=shown(k)) for k in answers if k not in index]
    for k, v in answers.items():
        if k in index:
            why = answer_problem(definition, index[k][0], index[k][1], v)
            if why:
                problems.append(tr("question {id}: {problem}", id=shown(k), problem=why))
    return problems


def _convert(definition: d.Definition, answers: Answers, from_version: str | None) -> tuple[Answers, list[dict[str, Any]]]:
    """``answers`` rewritten by the definition's migration from ``from_version`` (an old option value
    becomes its new answer), and the list of what was converted."""
    rules: dict[str, Any] = {}
    for migration in definition.get("migrations") or []:
        if migration.get("from") == from_version:
            rules = migration.get("answers") or {}
    out, converted = dict(answers), []
    for qid, mapping in rules.items():
        old = out.get(qid)
        targets = {str(k): v for k, v in mapping.items()}
        if isinstance(old, (str, int)) and not isinstance(old, bool) and str(old) in targets:
            out[qid] = targets[str(old)]
            converted.append({"question": qid, "from": old, "to": out[qid]})
    return out, converted


def migrate_answers(definition: d.Definition, answers: Answers,
                    from_version: str | None = None) -> tuple[Answers, dict[str, Any]]:
    """Convert what the definition's migrations say, keep what still fits ``definition``, and report what
    was converted, kept, dropped (with reasons) and is new (among the questions that apply)."""
    index = d.question_index(definition)
    answers, converted = _convert(definition, normalise_answers(answers or {}), from_version)
    kept, dropped = {}, []
    for k, v in answers.items():
        if k not in index:
            dropped.append({"question": k, "reason": tr("question no longer exists")})
            continue
        why = answer_problem(definition, index[k][0], index[k][1], v)
        if why:
            dropped.append({"question": k, "reason": tr("answer no longer valid: {problem}", problem=why)})
            continue
        kept[k] = v
    new = [q["id"] for _, q in d.applicable_questions(definition, kept) if q["id"] not in answers]
    report = {"from_version": from_version, "to_version": definition.get("version"),
              "converted": converted, "kept": [k for k in index if k in kept], "dropped": dropped, "new": new,
              "summary": _migration_summary(from_version, definition.get("version"), len(kept), len(converted),
                                            len(dropped), len(new))}
    return kept, report


def _migration_summary(old: Any, new_version: Any, kept: int, converted: int, dropped: int, new: int) -> str:
    counts = tr("{kept} kept ({converted} converted)", kept=kept, converted=converted) if converted else \
        tr("{kept} kept", kept=kept)
    return tr("Answers from version {old} moved to version {new}: {counts}, {dropped} dropped, {added}.", old=old,
              new=new_version, counts=counts, dropped=dropped,
              added=trn("{n} new question", "{n} new questions", new))
