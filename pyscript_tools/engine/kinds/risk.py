"""Risk: screening answers may set a minimum level; each harm is rated for likelihood and severity,
which a matrix turns into a level. The overall level is the highest reached anywhere: one serious harm
is enough to require action."""

from __future__ import annotations

from typing import Any

from .. import answers as a
from .. import definition as d
from .. import result as r
from ..report import charts
from ..report.table import Table
from ..text import round1, tidy
from ..vocabulary import DONT_KNOW, NOT_APPLICABLE

NOUN = "questions"
UNNAMED = "Unnamed system"  # what an assessment without a name is called
HIGHER_IS_BETTER = False
COMPARE_BY = "level"


def _worse(a_rank: int | None, b_rank: int | None) -> int | None:
    if a_rank is None:
        return b_rank
    if b_rank is None:
        return a_rank
    return max(a_rank, b_rank)


def allowed_types(screening: bool) -> tuple[str, ...]:
    """The question types this kind's sections may hold: screening asks, the other sections rate."""
    return ("choice",) if screening else ("rated", "choice")


def score(definition: d.Definition, answers: dict[str, Any], result: r.Result,
          filters: dict[str, list[str]], today: str | None) -> None:
    rank = {level["id"]: i for i, level in enumerate(d.levels(definition))}
    levels = d.levels(definition)
    likelihood, severity = definition.get("likelihood") or [], definition.get("severity") or []
    matrix = definition.get("matrix") or []
    cell_max = len(likelihood) * len(severity)
    counts = [[0 for _ in severity] for _ in likelihood]
    floor_rank = worst_rank = None
    floors: list[dict[str, Any]] = []
    total_score = total_max = 0
    for section in definition.get("sections") or []:
        s_rank = None
        s_score = s_max = answered = items = 0
        missing: list[str] = []
        questions = section.get("questions") or []
        for question in questions:
            qid = question["id"]
            qtype = d.question_type(definition, section, question)
            value: Any = answers.get(qid)
            row = r.question_row(section, question, qtype, value)
            row["level"] = None
            result["questions"].append(row)
            if not a.is_answered(qtype, value):
                r.mark_missing(result, missing, section, question)
                continue
            answered += 1
            if (qtype == "rated" and value == NOT_APPLICABLE) or (
                    qtype == "choice" and _special(definition, question, value) == NOT_APPLICABLE):
                row["status"] = NOT_APPLICABLE
                if qtype == "choice":
                    row["label"] = (d.find_option(d.options_of(definition, question), value) or {}).get("label")
                continue
            if qtype == "rated":
                li = d.scale_index(likelihood, value.get("likelihood"))
                si = d.scale_index(severity, value.get("severity"))
                assert li is not None and si is not None  # checked before scoring
                level_id = matrix[li][si]
                q_rank = rank[level_id]
                s_rank = _worse(s_rank, q_rank)
                item_score = (li + 1) * (si + 1)
                s_score += item_score
                s_max += cell_max
                counts[li][si] += 1
                items += 1
                row.update(status="answered", level=level_id, level_name=levels[q_rank].get("name"),
                           likelihood=likelihood[li].get("value"), severity=severity[si].get("value"),
                           likelihood_label=likelihood[li].get("label"), severity_label=severity[si].get("label"),
                           score=item_score, max=cell_max, note=value.get("note"))
                if q_rank > 0:
                    r.recommend(result, section, question,
                                answer={"likelihood": likelihood[li].get("value"),
                                        "severity": severity[si].get("value")},
                                level=level_id, level_name=levels[q_rank].get("name"))
                continue
            options = d.options_of(definition, question)
            option = d.find_option(options, value) or {}
            row.update(status="answered", label=option.get("label"))
            if option.get("special") == DONT_KNOW:
                row["status"] = DONT_KNOW
                r.mark_gap(result, section, question)
            min_level = option.get("min_level")
            floor = rank.get(min_level) if min_level is not None else None
            s_rank = _worse(s_rank, floor if floor is not None else 0)
            if floor is not None:
                floor_rank = _worse(floor_rank, floor)
                floors.append({"question": qid, "answer": value, "level": min_level,
                               "level_name": levels[floor].get("name")})
            row["level"] = levels[floor if floor is not None else 0].get("id") if levels else None
            best = d.max_points(options)
            points = option.get("points") if d.is_number(option.get("points")) else None
            if points is not None:
                row["points"] = tidy(points)
            if (floor is not None and floor > 0) or option.get("special") == DONT_KNOW or (
                    points is not None and points < best):
                r.recommend(result, section, question, answer=value,
                            level=min_level if floor is not None else None,
                            level_name=levels[floor].get("name") if floor is not None else None)
        worst_rank = _worse(worst_rank, s_rank)
        total_score += s_score
        total_max += s_max
        r.add_section(result, section, {
            "id": section["id"], "title": section.get("title", section["id"]),
            "screening": bool(section.get("screening")),
            "score": s_score, "max": s_max, "percent": round1(100.0 * s_score / s_max) if s_max else None,
            "answered": answered, "total": len(questions), "missing": missing,
            "level": levels[s_rank]["id"] if s_rank is not None else None,
            "level_name": levels[s_rank].get("name") if s_rank is not None else None,
            "items": items})
    overall_rank = _worse(worst_rank, floor_rank)
    overall: dict[str, Any] = {"score": total_score, "max": total_max,
                               "percent": round1(100.0 * total_score / total_max) if total_max else None,
                               "level": None, "level_name": None, "floor": None}
    if overall_rank is not None:
        level = levels[overall_rank]
        overall.update(level=level["id"], level_name=level.get("name"), action=level.get("action"),
                       description=level.get("description"), next_step=level.get("next_step"),
                       links=list(level.get("links") or []),
                       urls=[d.doc_link_to_url(x) for x in level.get("links") or []])
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


def _special(definition: d.Definition, question: d.Question, value: Any) -> str | None:
    return (d.find_option(d.options_of(definition, question), value) or {}).get("special")


def headline(result: r.Result) -> str:
    level = (result.get("overall") or {}).get("level_name")
    if not result.get("complete"):
        return "Provisional risk level: %s" % ("at least %s so far" % level if level else "not yet determined")
    return "Overall risk level: %s" % (level or "not yet determined")


def priorities(result: r.Result) -> list[dict[str, Any]]:
    """The recommendations for the highest-rated harms and screening answers, highest level first."""
    rank = {level.get("id"): i for i, level in enumerate(result.get("levels") or [])}
    rows = {row["id"]: row for row in result.get("questions") or []}
    order = {rec["question"]: i for i, rec in enumerate(result.get("recommendations") or [])}
    rated = [rec for rec in result.get("recommendations") or [] if rank.get(rec.get("level"), 0) > 0]
    rated.sort(key=lambda rec: (-rank[rec["level"]], -(rows.get(rec["question"], {}).get("score") or 0), order[rec["question"]]))
    return [{**rec, "title": "%s: %s" % (rec["level_name"], rec["question_text"])} for rec in rated[:r.PRIORITIES]]


def facts(result: r.Result) -> list[tuple[str, str]]:
    return []


def section_table(result: r.Result) -> Table:
    rows = [(s.get("title"), s.get("level_name") or "–", "%d of %d" % (s.get("answered", 0), s.get("total", 0)))
            for s in result.get("sections") or []]
    return Table("sections", "Level per section", ("Section", "Level (worst item)", "Answered"), rows)


def chart_svg(result: r.Result, id_prefix: str) -> str:
    grid = result.get("heatmap") or {}
    items = sum(sum(row) for row in grid.get("counts") or [])
    desc = "%d rated impact%s placed on a %d by %d grid; overall level %s." % (
        items, "" if items == 1 else "s", len(grid.get("likelihood") or []), len(grid.get("severity") or []),
        (result.get("overall") or {}).get("level_name") or "not yet determined")
    return charts.heatmap(grid, result.get("levels") or [], id_prefix,
                          "%s: assessed impacts by likelihood and severity" % (result.get("title") or "Result"), desc)


def chart_table(result: r.Result) -> Table:
    rows = [(q.get("text"), q.get("likelihood_label"), q.get("severity_label"), q.get("level_name"))
            for q in result.get("questions") or [] if q.get("type") == "rated" and q.get("status") == "answered"]
    return Table("chart", "Each rated harm (the chart's figures)", ("Harm", "Likelihood", "Severity", "Level"),
                 rows or [("No impact rated yet", "–", "–", "–")])
