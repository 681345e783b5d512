"""The bridge actions beyond version/load/score (registered by :mod:`pyscript_tools.bridge`)."""

from __future__ import annotations

import json
import re

from .answers import AnswersFileError, migrate_answers, new_answers_file, parse_answers_file, template
from .compare import compare_html, compare_results
from .export import to_csv, to_markdown
from .scoring import score


def _slug(text):
    s = re.sub(r"[^A-Za-z0-9]+", "-", text or "").strip("-").lower()
    return s[:60] or "answers"


def install(actions, get_definition, get_answers, get_filters, BridgeError):

    def _score(request, answers_key="answers"):
        defn = get_definition(request)
        return defn, score(defn, get_answers(request, answers_key), filters=get_filters(request),
                           today=request.get("today"))

    def parse_file(request):
        defn = get_definition(request)
        text = request.get("text")
        if text is None:
            raise BridgeError("missing 'text' (the content of the answers file)")
        try:
            return parse_answers_file(text, defn)
        except AnswersFileError as exc:
            raise BridgeError(str(exc))

    def export_markdown(request):
        defn, result = _score(request)
        name = request.get("name") or ""
        md = to_markdown(result, name=name, base_url=request.get("base_url") or "", date=request.get("date") or "")
        return {"markdown": md, "filename": "%s-%s.md" % (defn["id"], _slug(name) if name else "report"),
                "mime": "text/markdown"}

    def export_csv(request):
        defn, result = _score(request)
        name = request.get("name") or ""
        return {"csv": to_csv(result), "filename": "%s-%s.csv" % (defn["id"], _slug(name) if name else "answers"),
                "mime": "text/csv"}

    def _answers_from(request, key):
        defn = get_definition(request)
        value = request.get(key)
        if isinstance(value, str):
            try:
                parsed = parse_answers_file(value, defn)
            except AnswersFileError as exc:
                raise BridgeError("%s: %s" % (key, exc))
            return parsed["answers"], parsed
        if value is None:
            raise BridgeError("missing %r (answers object or answers-file text)" % key)
        if not isinstance(value, dict):
            raise BridgeError("%r must be an answers object or the text of an answers file" % key)
        if value.get("format") is not None:
            try:
                parsed = parse_answers_file(value, defn)
            except AnswersFileError as exc:
                raise BridgeError("%s: %s" % (key, exc))
            return parsed["answers"], parsed
        return value, None

    def compare(request):
        defn = get_definition(request)
        a_before, p_before = _answers_from(request, "before")
        a_after, _ = _answers_from(request, "after")
        filters, today = get_filters(request), request.get("today")
        r_before = score(defn, a_before, filters=filters, today=today)
        r_after = score(defn, a_after, filters=filters, today=today)
        out = compare_results(r_before, r_after)
        if p_before and p_before.get("migration"):
            out["migration"] = p_before["migration"]
        out["html"] = compare_html(out, request.get("before_label") or "Earlier", request.get("after_label") or "Now")
        return out

    def make_template(request):
        defn = get_definition(request)
        return template(defn, now=request.get("now"), name=request.get("name") or "")

    def migrate(request):
        defn = get_definition(request)
        answers = request.get("answers") or {}
        if not isinstance(answers, dict):
            raise BridgeError("'answers' must be an object")
        kept, report = migrate_answers(defn, answers, request.get("from_version"))
        return {"answers": kept, "migration": report}

    def answers_file(request):
        defn = get_definition(request)
        answers = get_answers(request)
        from .scoring import check_answers
        problems = check_answers(defn, answers)
        if problems:
            raise BridgeError(problems[0])
        obj = new_answers_file(defn, answers, name=request.get("name") or "",
                               created=request.get("created"), updated=request.get("updated"))
        name = request.get("name") or ""
        return {"file": obj, "json": json.dumps(obj, ensure_ascii=False, indent=2),
                "filename": "%s-%s.json" % (defn["id"], _slug(name) if name else "answers"),
                "mime": "application/json"}

    def check(request):
        defn = get_definition(request)
        from .scoring import check_answers
        return {"problems": check_answers(defn, get_answers(request))}

    actions.update({
        "parse_answers_file": parse_file,
        "export_markdown": export_markdown,
        "export_csv": export_csv,
        "compare": compare,
        "template": make_template,
        "migrate": migrate,
        "answers_file": answers_file,
        "check_answers": check,
    })
