"""Scoring of readiness, risk and workbook questionnaires.

``score(definition, answers, filters=None, today=None) -> dict`` is the one
entry point.  The same inputs always give the same result (no clock, no
randomness, document order everywhere).  Standard library only.
"""

from __future__ import annotations

import math

from . import definition as d
from .text import more, shown


class AnswersError(ValueError):
    """Raised when answers do not fit the questionnaire (one-line message)."""

    def __init__(self, problems):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid answers"
        super().__init__(first + more(len(self.problems) - 1))


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def round1(x):
    """Round half up to one decimal (6.25 -> 6.3), identically in CPython and Pyodide."""
    if x is None:
        return None
    sign = -1.0 if x < 0 else 1.0
    return sign * math.floor(abs(x) * 10.0 + 0.5) / 10.0


def _pct(score, maximum):
    if not maximum:
        return None
    return round1(100.0 * score / maximum)


def _num(x):
    """Render whole floats as ints so JSON stays tidy and identical everywhere."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def _fmt_values(values):
    return ", ".join(repr(v) if not isinstance(v, str) else v for v in values)


# --------------------------------------------------------------------------- answer checks

def find_option(options, value):
    for opt in options:
        if opt.get("value") == value and type(opt.get("value")) is type(value):
            return opt
    # tolerate "3" vs 3 only when unambiguous
    for opt in options:
        if str(opt.get("value")) == str(value):
            return opt
    return None


def scale_index(scale, value):
    """Index of ``value`` in a likelihood/severity scale, or None."""
    for i, item in enumerate(scale or []):
        if item.get("value") == value or str(item.get("value")) == str(value):
            return i
    return None


def answer_problem(definition, section, question, value):
    """Return a one-line description of what is wrong with ``value`` or None.

    ``None`` (no answer) is always acceptable.
    """
    if value is None:
        return None
    qtype = d.question_type(definition, section, question)
    if qtype == "choice":
        options = d.options_of(definition, question)
        if isinstance(value, (dict, list)) or find_option(options, value) is None:
            allowed = [o.get("value") for o in options]
            return "%s is not one of: %s" % (shown(value), _fmt_values(allowed))
        return None
    if qtype == "rated":
        if value == d.SPECIAL_NOT_APPLICABLE:
            return None
        if not isinstance(value, dict):
            return "expected {\"likelihood\": ..., \"severity\": ...} or \"not-applicable\", got %s" % shown(value)
        unknown = sorted(k for k in value if k not in ("likelihood", "severity", "note"))
        if unknown:
            return "unknown key%s %s (allowed: likelihood, severity, note)" % (
                "s" if len(unknown) > 1 else "", ", ".join(unknown))
        for axis in ("likelihood", "severity"):
            v = value.get(axis)
            if v is None:
                continue
            if scale_index(definition.get(axis), v) is None:
                allowed = [i.get("value") for i in definition.get(axis) or []]
                return "%s %s is not one of: %s" % (axis, shown(v), _fmt_values(allowed))
        if "note" in value and value["note"] is not None and not isinstance(value["note"], str):
            return "note must be text"
        return None
    if qtype == "prompt":
        if isinstance(value, str) and value in d.WORKBOOK_STATUSES:
            return None
        if not isinstance(value, dict):
            return "expected {\"status\": ..., \"response\": ..., \"owner\": ..., \"due\": ...}, got %s" % shown(value)
        unknown = sorted(k for k in value if k not in ("status", "response", "owner", "due"))
        if unknown:
            return "unknown key%s %s (allowed: status, response, owner, due)" % (
                "s" if len(unknown) > 1 else "", ", ".join(unknown))
        status = value.get("status")
        if status is not None and status not in d.WORKBOOK_STATUSES:
            return "status %s is not one of: %s" % (shown(status), ", ".join(d.WORKBOOK_STATUSES))
        for key in ("response", "owner"):
            if value.get(key) is not None and not isinstance(value.get(key), str):
                return "%s must be text" % key
        due = value.get("due")
        if due not in (None, "") and not _valid_date(due):
            return "due %s is not a date in the form YYYY-MM-DD" % shown(due)
        return None
    return "question type %r cannot be answered" % (qtype,)


def _valid_date(text):
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        y, m, day = int(text[:4]), int(text[5:7]), int(text[8:])
    except ValueError:
        return False
    if not (1 <= m <= 12 and 1 <= day <= 31 and y >= 1):
        return False
    mdays = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28,
             31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= mdays[m - 1]


def normalise_answers(answers):
    """Treat empty form values as unanswered: "" -> absent, {"status": ""} -> no status.

    Returns a new dict; anything that is not a dict is returned unchanged (and refused later).
    """
    if not isinstance(answers, dict):
        return answers
    out = {}
    for qid, value in answers.items():
        if value is None or value == "":
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not (v == "" and k in ("status", "likelihood", "severity"))}
            if not value:
                continue
        out[qid] = value
    return out


def check_answers(definition, answers):
    """All problems with an answers mapping, as ``question 'id': message`` strings."""
    problems = []
    if not isinstance(answers, dict):
        return ["answers must be an object mapping question ids to values"]
    answers = normalise_answers(answers)
    index = d.question_index(definition)
    for qid in answers:
        if qid not in index:
            problems.append("question %s: unknown question id" % shown(qid))
    for qid, (section, question) in index.items():
        if qid in answers:
            why = answer_problem(definition, section, question, answers[qid])
            if why:
                problems.append("question %s: %s" % (shown(qid), why))
    return problems


def is_answered(definition, section, question, value):
    if value is None:
        return False
    qtype = d.question_type(definition, section, question)
    if qtype == "rated":
        if value == d.SPECIAL_NOT_APPLICABLE:
            return True
        return value.get("likelihood") is not None and value.get("severity") is not None
    if qtype == "prompt":
        if isinstance(value, str):
            return True
        return value.get("status") is not None
    return True


# --------------------------------------------------------------------------- helpers

def _level_fields(definition, level):
    if level is None:
        return {"level": None, "level_name": None}
    return {"level": level.get("id"), "level_name": level.get("name")}


def _mark_missing(result, section_missing, section, question):
    """Record an unanswered question in its section's list and in the result's."""
    section_missing.append(question["id"])
    result["missing"].append({"question": question["id"], "section": section["id"],
                              "text": question.get("text", "")})


def _add_section(result, section, entry):
    """Append a section's entry (with its guidance link) and count its questions in the totals."""
    if section.get("learn_more"):
        entry["link"] = section["learn_more"]
        entry["url"] = d.doc_link_to_url(section["learn_more"])
    result["sections"].append(entry)
    result["answered"] += entry["answered"]
    result["total"] += entry["total"]


def _recommendation(definition, section, question, extra=None):
    link = d.question_link(section, question)
    rec = {
        "question": question["id"],
        "section": section["id"],
        "question_text": question.get("text", ""),
        "text": question.get("recommendation") or section.get("recommendation")
        or "Review this point with the guidance.",
        "link": link,
        "url": d.doc_link_to_url(link),
    }
    if extra:
        rec.update(extra)
    return rec


def _levels_public(definition):
    out = []
    for lv in definition.get("levels") or []:
        item = {"id": lv.get("id"), "name": lv.get("name")}
        for key in ("min", "action", "description", "next_step", "links"):
            if key in lv:
                item[key] = lv[key]
        if "links" in lv:
            item["urls"] = [d.doc_link_to_url(x) for x in lv.get("links") or []]
        out.append(item)
    return out


def _base_result(definition):
    return {
        "questionnaire": definition.get("id"),
        "version": definition.get("version"),
        "kind": definition.get("kind"),
        "title": definition.get("title"),
        "note": definition.get("note"),
        "complete": True,
        "answered": 0,
        "total": 0,
        "overall": {},
        "sections": [],
        "recommendations": [],
        "missing": [],
        "knowledge_gaps": [],
        "questions": [],
        "levels": _levels_public(definition),
    }


# --------------------------------------------------------------------------- readiness

def _score_readiness(definition, answers, result):
    weighted_sum = 0.0
    weight_total = 0.0
    points_total = 0
    max_total = 0
    for section in definition.get("sections") or []:
        s_points = 0
        s_max = 0
        s_answered = 0
        s_total = 0
        s_missing = []
        s_gaps = 0
        for question in section.get("questions") or []:
            qid = question["id"]
            s_total += 1
            value = answers.get(qid)
            options = d.options_of(definition, question)
            best = d.max_points(options)
            row = {"id": qid, "section": section["id"], "text": question.get("text", ""),
                   "type": "choice", "answer": value, "label": None, "points": None, "max": best,
                   "status": "missing"}
            if value is None:
                _mark_missing(result, s_missing, section, question)
                result["questions"].append(row)
                continue
            s_answered += 1
            opt = find_option(options, value)
            row["label"] = opt.get("label")
            special = opt.get("special")
            if special == d.SPECIAL_NOT_APPLICABLE:
                row.update(status="not-applicable", max=0)
            else:
                pts = 0 if special == d.SPECIAL_DONT_KNOW else (opt.get("points") or 0)
                s_points += pts
                s_max += best
                row.update(points=_num(pts), status="dont-know" if special == d.SPECIAL_DONT_KNOW else "answered")
                if special == d.SPECIAL_DONT_KNOW:
                    s_gaps += 1
                    result["knowledge_gaps"].append({"question": qid, "section": section["id"],
                                                     "text": question.get("text", "")})
                if pts < best or special == d.SPECIAL_DONT_KNOW:
                    result["recommendations"].append(_recommendation(
                        definition, section, question,
                        {"answer": value, "points": _num(pts), "max": _num(best)}))
            result["questions"].append(row)
        percent = _pct(s_points, s_max)
        level = d.level_for_percent(definition, percent)
        weight = section.get("weight", 1)
        if percent is not None and weight:
            weighted_sum += weight * percent
            weight_total += weight
        points_total += s_points
        max_total += s_max
        entry = {"id": section["id"], "title": section.get("title", section["id"]),
                 "score": _num(s_points), "max": _num(s_max), "percent": percent,
                 "answered": s_answered, "total": s_total, "missing": s_missing,
                 "knowledge_gaps": s_gaps, "weight": _num(weight)}
        entry.update(_level_fields(definition, level))
        _add_section(result, section, entry)
    overall_pct = round1(weighted_sum / weight_total) if weight_total else None
    level = d.level_for_percent(definition, overall_pct)
    overall = {"score": overall_pct, "max": 100, "percent": overall_pct,
               "points": _num(points_total), "max_points": _num(max_total)}
    overall.update(_level_fields(definition, level))
    if level is not None:
        overall["description"] = level.get("description")
        overall["next_step"] = level.get("next_step")
    result["overall"] = overall


# --------------------------------------------------------------------------- risk

def _score_risk(definition, answers, result):
    rank = d.level_rank(definition)
    levels = definition.get("levels") or []
    likelihood = definition.get("likelihood") or []
    severity = definition.get("severity") or []
    matrix = definition.get("matrix") or []
    cell_max = len(likelihood) * len(severity)
    counts = [[0 for _ in severity] for _ in likelihood]
    floor_rank = None
    floors = []
    worst_rank = None
    total_score = 0
    total_max = 0

    def worse(a, b):
        if a is None:
            return b
        if b is None:
            return a
        return max(a, b)

    for section in definition.get("sections") or []:
        s_rank = None
        s_score = 0
        s_max = 0
        s_answered = 0
        s_total = 0
        s_missing = []
        items = []
        for question in section.get("questions") or []:
            qid = question["id"]
            s_total += 1
            qtype = d.question_type(definition, section, question)
            value = answers.get(qid)
            row = {"id": qid, "section": section["id"], "text": question.get("text", ""),
                   "type": qtype, "answer": value, "status": "missing", "level": None}
            if not is_answered(definition, section, question, value):
                _mark_missing(result, s_missing, section, question)
                result["questions"].append(row)
                continue
            s_answered += 1
            if qtype == "rated":
                if value == d.SPECIAL_NOT_APPLICABLE:
                    row["status"] = "not-applicable"
                    result["questions"].append(row)
                    continue
                li = scale_index(likelihood, value.get("likelihood"))
                si = scale_index(severity, value.get("severity"))
                lid = matrix[li][si]
                r = rank[lid]
                s_rank = worse(s_rank, r)
                item_score = (li + 1) * (si + 1)
                s_score += item_score
                s_max += cell_max
                counts[li][si] += 1
                row.update(status="answered", level=lid, level_name=levels[r].get("name"),
                           likelihood=likelihood[li].get("value"), severity=severity[si].get("value"),
                           likelihood_label=likelihood[li].get("label"),
                           severity_label=severity[si].get("label"),
                           score=item_score, max=cell_max, note=value.get("note"))
                items.append(row)
                if r > 0:
                    result["recommendations"].append(_recommendation(
                        definition, section, question,
                        {"answer": {"likelihood": likelihood[li].get("value"),
                                    "severity": severity[si].get("value")},
                         "level": lid, "level_name": levels[r].get("name")}))
            else:
                options = d.options_of(definition, question)
                opt = find_option(options, value)
                row.update(status="answered", label=opt.get("label"))
                special = opt.get("special")
                if special == d.SPECIAL_NOT_APPLICABLE:
                    row["status"] = "not-applicable"
                    result["questions"].append(row)
                    continue
                if special == d.SPECIAL_DONT_KNOW:
                    row["status"] = "dont-know"
                    result["knowledge_gaps"].append({"question": qid, "section": section["id"],
                                                     "text": question.get("text", "")})
                min_level = opt.get("min_level")
                q_rank = rank[min_level] if min_level in rank else 0
                s_rank = worse(s_rank, q_rank)
                if min_level in rank:
                    floor_rank = worse(floor_rank, rank[min_level])
                    floors.append({"question": qid, "answer": value, "level": min_level,
                                   "level_name": levels[rank[min_level]].get("name")})
                row["level"] = levels[q_rank].get("id") if levels else None
                best = d.max_points(options)
                pts = opt.get("points") if d._is_num(opt.get("points")) else None
                if pts is not None:
                    row["points"] = _num(pts)
                below = (min_level in rank and rank[min_level] > 0) or special == d.SPECIAL_DONT_KNOW \
                    or (pts is not None and pts < best)
                if below:
                    result["recommendations"].append(_recommendation(
                        definition, section, question,
                        {"answer": value, "level": min_level if min_level in rank else None,
                         "level_name": levels[rank[min_level]].get("name") if min_level in rank else None}))
            result["questions"].append(row)
        worst_rank = worse(worst_rank, s_rank)
        total_score += s_score
        total_max += s_max
        entry = {"id": section["id"], "title": section.get("title", section["id"]),
                 "screening": bool(section.get("screening")),
                 "score": s_score, "max": s_max, "percent": _pct(s_score, s_max),
                 "answered": s_answered, "total": s_total, "missing": s_missing,
                 "level": levels[s_rank]["id"] if s_rank is not None else None,
                 "level_name": levels[s_rank].get("name") if s_rank is not None else None,
                 "items": len(items)}
        _add_section(result, section, entry)
    overall_rank = worse(worst_rank, floor_rank)
    overall = {"score": total_score, "max": total_max, "percent": _pct(total_score, total_max),
               "level": None, "level_name": None, "floor": None}
    if overall_rank is not None:
        lv = levels[overall_rank]
        overall.update(level=lv["id"], level_name=lv.get("name"), action=lv.get("action"),
                       description=lv.get("description"), next_step=lv.get("next_step"),
                       links=list(lv.get("links") or []),
                       urls=[d.doc_link_to_url(x) for x in lv.get("links") or []])
    if floor_rank is not None:
        overall["floor"] = levels[floor_rank]["id"]
    overall["red_flags"] = floors
    result["overall"] = overall
    result["heatmap"] = {
        "likelihood": [{"value": x.get("value"), "label": x.get("label")} for x in likelihood],
        "severity": [{"value": x.get("value"), "label": x.get("label")} for x in severity],
        "matrix": [list(row) for row in matrix],
        "counts": counts,
    }


# --------------------------------------------------------------------------- workbook

def _matches(tags, filters):
    for dim in ("roles", "stages", "approaches"):
        wanted = filters.get(dim) or []
        have = tags.get(dim) or []
        if wanted and have and not set(wanted) & set(have):
            return False
    return True


def normalise_filters(filters):
    out = {"roles": [], "stages": [], "approaches": []}
    if not filters:
        return out
    aliases = {"role": "roles", "stage": "stages", "approach": "approaches"}
    for key, val in filters.items():
        key = aliases.get(key, key)
        if key not in out or val in (None, "", []):
            continue
        if isinstance(val, str):
            val = [val]
        out[key] = sorted(set(str(v) for v in val))
    return out


def _score_workbook(definition, answers, result, filters, today):
    filters = normalise_filters(filters)
    result["filters"] = filters
    stage_order = list(d.STAGES)
    stage_stats = {}
    plan = []
    done_total = 0
    applicable_total = 0
    order = 0
    for section in definition.get("sections") or []:
        s = {"done": 0, "in_progress": 0, "not_started": 0, "not_applicable": 0, "unanswered": 0}
        s_missing = []
        s_total = 0
        s_answered = 0
        for question in section.get("questions") or []:
            order += 1
            tags = d.tags_of(question)
            if not _matches(tags, filters):
                continue
            qid = question["id"]
            s_total += 1
            value = answers.get(qid)
            if isinstance(value, str):
                value = {"status": value}
            value = value or {}
            status = value.get("status")
            stage = question.get("stage") or (tags["stages"][0] if tags["stages"] else None)
            if stage is not None and stage not in stage_order:
                stage_order.append(stage)
            st = stage_stats.setdefault(stage, {"done": 0, "applicable": 0, "total": 0,
                                                "in_progress": 0})
            st["total"] += 1
            row = {"id": qid, "section": section["id"], "text": question.get("text", ""),
                   "type": "prompt", "stage": stage, "status": status or "missing",
                   "response": value.get("response") or "", "owner": value.get("owner") or "",
                   "due": value.get("due") or "", "answer": value if value else None}
            result["questions"].append(row)
            if status is None:
                s["unanswered"] += 1
                _mark_missing(result, s_missing, section, question)
            else:
                s_answered += 1
            if status == "not-applicable":
                s["not_applicable"] += 1
                continue
            st["applicable"] += 1
            if status == "done":
                s["done"] += 1
                st["done"] += 1
                continue
            if status == "in-progress":
                s["in_progress"] += 1
                st["in_progress"] += 1
            elif status == "not-started":
                s["not_started"] += 1
            due = value.get("due") or ""
            item = {"question": qid, "section": section["id"],
                    "section_title": section.get("title", section["id"]),
                    "text": question.get("text", ""), "stage": stage,
                    "status": status or "not-started", "owner": value.get("owner") or "",
                    "due": due, "response": value.get("response") or "",
                    "link": d.question_link(section, question),
                    "url": d.doc_link_to_url(d.question_link(section, question)),
                    "overdue": bool(today and due and due < today)}
            plan.append((due or "9999-99-99", order, item))
            result["recommendations"].append(_recommendation(
                definition, section, question, {"status": status or "not-started"}))
        applicable = s_total - s["not_applicable"]
        percent = _pct(s["done"], applicable)
        level = d.level_for_percent(definition, percent) if definition.get("levels") else None
        entry = {"id": section["id"], "title": section.get("title", section["id"]),
                 "score": s["done"], "max": applicable, "percent": percent,
                 "answered": s_answered, "total": s_total, "missing": s_missing,
                 "done": s["done"], "in_progress": s["in_progress"],
                 "not_started": s["not_started"] + s["unanswered"],
                 "not_applicable": s["not_applicable"]}
        entry.update(_level_fields(definition, level))
        _add_section(result, section, entry)
        done_total += s["done"]
        applicable_total += applicable
    stage_titles = definition.get("stages") or {}
    stages = []
    for stage in stage_order:
        if stage not in stage_stats:
            continue
        st = stage_stats[stage]
        title = stage_titles.get(stage) if isinstance(stage_titles, dict) else None
        stages.append({"id": stage, "title": title or d.STAGE_TITLES.get(stage, stage or "Any stage"),
                       "done": st["done"], "in_progress": st["in_progress"],
                       "max": st["applicable"], "total": st["total"],
                       "percent": _pct(st["done"], st["applicable"])})
    result["stages"] = stages
    plan.sort(key=lambda t: (t[0], t[1]))
    result["action_plan"] = [t[2] for t in plan]
    percent = _pct(done_total, applicable_total)
    level = d.level_for_percent(definition, percent) if definition.get("levels") else None
    overall = {"score": done_total, "max": applicable_total, "percent": percent}
    overall.update(_level_fields(definition, level))
    if level is not None:
        overall["description"] = level.get("description")
        overall["next_step"] = level.get("next_step")
    result["overall"] = overall


# --------------------------------------------------------------------------- entry point

def score(definition, answers, filters=None, today=None, check=True):
    """Score ``answers`` (question id -> value) against ``definition``.

    Raises :class:`AnswersError` if an answer is unknown or invalid.
    ``filters`` (workbook only): {"roles": [...], "stages": [...], "approaches": [...]}.
    ``today`` (workbook only, "YYYY-MM-DD"): marks overdue action-plan items.
    """
    answers = normalise_answers(answers or {})
    if not isinstance(answers, dict):
        raise AnswersError(["answers must be an object mapping question ids to values"])
    if check:
        problems = check_answers(definition, answers)
        if problems:
            raise AnswersError(problems)
    result = _base_result(definition)
    kind = definition.get("kind")
    if kind == "readiness":
        _score_readiness(definition, answers, result)
    elif kind == "risk":
        _score_risk(definition, answers, result)
    elif kind == "workbook":
        _score_workbook(definition, answers, result, filters, today)
    else:
        raise AnswersError(["unknown questionnaire kind %r" % (kind,)])
    result["complete"] = result["answered"] == result["total"]
    return result
