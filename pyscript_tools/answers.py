"""Answers files: template, parsing with precise refusals, and migration across versions.

An answers file is JSON::

    {"format": "rai-toolkit-answers", "format_version": 1, "questionnaire": "readiness",
     "version": "1.0.0", "name": "...", "created": ISO-8601, "updated": ISO-8601,
     "answers": {"question-id": value, ...}}

Standard library only.
"""

from __future__ import annotations

from datetime import datetime

from . import ANSWERS_FORMAT, ANSWERS_FORMAT_VERSION
from . import definition as d
from . import jsonsafe
from .scoring import answer_problem, normalise_answers
from .text import more, shown


class AnswersFileError(ValueError):
    """The answers file cannot be used; ``str(exc)`` is a one-line reason."""

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.problems = list(problems or [message])


def _one_line(problems, lead):
    return "%s: %s%s" % (lead, problems[0], more(len(problems) - 1))


def valid_timestamp(value):
    if not isinstance(value, str) or len(value) < 10:
        return False
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def allowed_values(definition, section, question):
    """What a question accepts, for templates and documentation."""
    qtype = d.question_type(definition, section, question)
    if qtype == "choice":
        out = []
        for o in d.options_of(definition, question):
            item = {"value": o.get("value"), "label": o.get("label")}
            if "points" in o:
                item["points"] = o["points"]
            if o.get("special"):
                item["special"] = o["special"]
            if o.get("min_level"):
                item["min_level"] = o["min_level"]
            out.append(item)
        return {"type": "choice", "options": out}
    if qtype == "rated":
        return {"type": "rated",
                "likelihood": [{"value": x.get("value"), "label": x.get("label")} for x in definition.get("likelihood") or []],
                "severity": [{"value": x.get("value"), "label": x.get("label")} for x in definition.get("severity") or []],
                "or": d.SPECIAL_NOT_APPLICABLE}
    return {"type": "prompt", "status": list(d.WORKBOOK_STATUSES), "response": "text", "owner": "text",
            "due": "YYYY-MM-DD"}


def template(definition, now=None, name=""):
    """A blank answers file listing each question's allowed values (and their points)."""
    allowed = {}
    answers = {}
    for section, question in d.iter_questions(definition):
        answers[question["id"]] = None
        info = allowed_values(definition, section, question)
        info["section"] = section.get("id")
        info["text"] = question.get("text")
        allowed[question["id"]] = info
    return {
        "format": ANSWERS_FORMAT,
        "format_version": ANSWERS_FORMAT_VERSION,
        "questionnaire": definition.get("id"),
        "version": definition.get("version"),
        "name": name,
        "created": now,
        "updated": now,
        "answers": answers,
        "allowed": allowed,
    }


def new_answers_file(definition, answers, name="", created=None, updated=None):
    """Wrap ``answers`` into an answers-file object (for download)."""
    return {
        "format": ANSWERS_FORMAT,
        "format_version": ANSWERS_FORMAT_VERSION,
        "questionnaire": definition.get("id"),
        "version": definition.get("version"),
        "name": name or "",
        "created": created,
        "updated": updated or created,
        "answers": {k: v for k, v in (answers or {}).items() if v is not None},
    }


def _decode(text):
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AnswersFileError("the file is not UTF-8 text (is it an answers file?)")
    if isinstance(text, dict):
        return text
    if not isinstance(text, str):
        raise AnswersFileError("expected the text of a JSON answers file")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise AnswersFileError("the file is empty")
    try:
        return jsonsafe.loads(text)
    except jsonsafe.JsonLimitError as exc:
        raise AnswersFileError(str(exc))
    except ValueError as exc:
        raise AnswersFileError("the file is not valid JSON (%s)" % str(exc).splitlines()[0])


def parse_answers_file(text, definition, allow_migration=True):
    """Read an answers file (text, bytes or an already-decoded dict) for ``definition``.

    Returns {"answers", "name", "created", "updated", "questionnaire", "version",
    "migrated": bool, "migration": report or None, "file_version"}.
    Raises :class:`AnswersFileError` with a precise one-line reason.
    """
    data = _decode(text)
    if not isinstance(data, dict):
        raise AnswersFileError("the file is JSON but not an answers file (expected an object at the top level)")
    fmt = data.get("format")
    if fmt != ANSWERS_FORMAT:
        if fmt is None:
            if "id" in data and "sections" in data:
                raise AnswersFileError("this is a questionnaire definition, not an answers file")
            raise AnswersFileError("not an answers file: the \"format\" marker %r is missing" % ANSWERS_FORMAT)
        raise AnswersFileError("not an answers file: format is %s, expected %r" % (shown(fmt), ANSWERS_FORMAT))
    fv = data.get("format_version")
    if fv != ANSWERS_FORMAT_VERSION:
        if isinstance(fv, int) and not isinstance(fv, bool) and fv > ANSWERS_FORMAT_VERSION:
            raise AnswersFileError("the file uses answers format version %d, newer than this site understands (%d)"
                                   % (fv, ANSWERS_FORMAT_VERSION))
        raise AnswersFileError("unsupported format_version %s (expected %d)" % (shown(fv), ANSWERS_FORMAT_VERSION))
    qid = data.get("questionnaire")
    if qid != definition.get("id"):
        raise AnswersFileError("these answers are for questionnaire %s, not %r" % (shown(qid), definition.get("id")))
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise AnswersFileError("the file does not say which version of %r it answers (\"version\" is missing)" % qid)
    answers = data.get("answers")
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise AnswersFileError("\"answers\" must be an object mapping question ids to values")
    for key in ("created", "updated"):
        val = data.get(key)
        if val not in (None, "") and not valid_timestamp(val):
            raise AnswersFileError("%r is %s, not an ISO-8601 date and time" % (key, shown(val)))
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise AnswersFileError("\"name\" must be text")
    answers = normalise_answers(answers)
    index = d.question_index(definition)
    same = version == definition.get("version")
    if same or not allow_migration:
        problems = []
        for k in answers:
            if k not in index:
                problems.append("unknown question id %s" % shown(k))
        for k, v in answers.items():
            if k in index:
                why = answer_problem(definition, index[k][0], index[k][1], v)
                if why:
                    problems.append("question %s: %s" % (shown(k), why))
        if problems:
            lead = "the answers do not fit %s version %s" % (definition.get("id"), definition.get("version"))
            raise AnswersFileError(_one_line(problems, lead), problems)
        return {"answers": answers, "name": name or "", "created": data.get("created"),
                "updated": data.get("updated"), "questionnaire": qid, "version": definition.get("version"),
                "file_version": version, "migrated": False, "migration": None}
    kept, report = migrate_answers(definition, answers, version)
    return {"answers": kept, "name": name or "", "created": data.get("created"),
            "updated": data.get("updated"), "questionnaire": qid, "version": definition.get("version"),
            "file_version": version, "migrated": True, "migration": report}


def migrate_answers(definition, answers, from_version=None):
    """Keep what still fits ``definition``; report kept / dropped (with reasons) / new."""
    index = d.question_index(definition)
    kept = {}
    dropped = []
    answers = normalise_answers(answers or {})
    for k, v in answers.items():
        if v is None:
            continue
        if k not in index:
            dropped.append({"question": k, "reason": "question no longer exists"})
            continue
        why = answer_problem(definition, index[k][0], index[k][1], v)
        if why:
            dropped.append({"question": k, "reason": "answer no longer valid: %s" % why})
            continue
        kept[k] = v
    new = [qid for qid in index if qid not in answers]
    report = {"from_version": from_version, "to_version": definition.get("version"),
              "kept": [k for k in index if k in kept], "dropped": dropped, "new": new,
              "summary": "Answers from version %s moved to version %s: %d kept, %d dropped, %d new question%s."
              % (from_version, definition.get("version"), len(kept), len(dropped), len(new),
                 "" if len(new) == 1 else "s")}
    return kept, report
