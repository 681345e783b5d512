"""Readiness: each option scores points; a section's percentage gives its level, and the weighted
average of the sections gives the overall level."""

from __future__ import annotations

from typing import Any

from .. import definition as d
from .. import result as r
from ..i18n import N_, tr
from ..report import charts
from ..report.table import Table
from ..text import of_text, percent_text, round1, tidy
from ..vocabulary import DONT_KNOW, NOT_APPLICABLE

NOUN = N_("questions")
UNNAMED = N_("Our agency")  # what an assessment without a name is called
HIGHER_IS_BETTER = True
COMPARE_BY = "percent"


def allowed_types(screening: bool) -> tuple[str, ...]:
    """The question types this kind's sections may hold."""
    return ("choice",)


def score(definition: d.Definition, answers: dict[str, Any], result: r.Result,
          filters: dict[str, list[str]], today: str | None) -> None:
    weighted_sum = weight_total = 0.0
    points_total = max_total = 0.0
    for section in definition.get("sections") or []:
        points = best_total = 0.0
        answered = gaps = 0
        missing: list[str] = []
        questions = section.get("questions") or []
        for question in questions:
            value = answers.get(question["id"])
            options = d.options_of(definition, question)
            best = d.max_points(options)
            row = r.question_row(section, question, "choice", value)
            row.update(label=None, points=None, max=best)
            result["questions"].append(row)
            if value is None:
                r.mark_missing(result, missing, section, question)
                continue
            answered += 1
            option = d.find_option(options, value) or {}
            special = option.get("special")
            row["label"] = option.get("label")
            if special == NOT_APPLICABLE:
                row.update(status=NOT_APPLICABLE, max=0)
                continue
            pts = 0 if special == DONT_KNOW else (option.get("points") or 0)
            points += pts
            best_total += best
            row.update(points=tidy(pts), status=DONT_KNOW if special == DONT_KNOW else "answered")
            if special == DONT_KNOW:
                gaps += 1
                r.mark_gap(result, section, question)
            if pts < best or special == DONT_KNOW:
                r.recommend(result, section, question, answer=value, points=tidy(pts), max=tidy(best))
        percent = round1(100.0 * points / best_total) if best_total else None
        weight = section.get("weight", 1)
        if percent is not None and weight:
            weighted_sum += weight * percent
            weight_total += weight
        points_total += points
        max_total += best_total
        entry = {"id": section["id"], "title": section.get("title", section["id"]),
                 "score": tidy(points), "max": tidy(best_total), "percent": percent,
                 "answered": answered, "total": len(questions), "missing": missing,
                 "knowledge_gaps": gaps, "weight": tidy(weight)}
        entry.update(r.level_fields(d.level_for_percent(definition, percent)))
        r.add_section(result, section, entry)
    overall_percent = round1(weighted_sum / weight_total) if weight_total else None
    level = d.level_for_percent(definition, overall_percent)
    result["overall"] = {"score": overall_percent, "max": 100, "percent": overall_percent,
                         "points": tidy(points_total), "max_points": tidy(max_total),
                         **r.level_fields(level), **r.overall_level_text(level)}


def headline(result: r.Result) -> str:
    overall = result.get("overall") or {}
    level = overall.get("level_name")
    if not result.get("complete"):
        if level:
            return tr("Provisional: {percent} – {level} so far", percent=percent_text(overall.get("percent")), level=level)
        return tr("Provisional: {percent} so far", percent=percent_text(overall.get("percent")))
    if level:
        return tr("Overall: {percent} – {level}", percent=percent_text(overall.get("percent")), level=level)
    return tr("Overall: {percent}", percent=percent_text(overall.get("percent")))


def priorities(result: r.Result) -> list[dict[str, Any]]:
    """The first recommendations of the weakest sections, taken in turn: what to work on first."""
    scored = [s for s in result.get("sections") or [] if s.get("percent") is not None]
    weakest = sorted(scored, key=lambda s: s["percent"])[:3]
    by_section = {s["id"]: [rec for rec in result.get("recommendations") or [] if rec["section"] == s["id"]]
                  for s in weakest}
    chosen: list[dict[str, Any]] = []
    for turn in range(max((len(recs) for recs in by_section.values()), default=0)):
        for section in weakest:
            recs = by_section[section["id"]]
            if turn < len(recs):  # each item says what it is about; its section says how weak that part is
                title = tr("{question} ({section}: {percent})", question=recs[turn]["question_text"],
                           section=section["short_title"], percent=percent_text(section["percent"]))
                chosen.append({**recs[turn], "title": title})
    return chosen[:r.PRIORITIES]


def facts(result: r.Result) -> list[tuple[str, str]]:
    return []


def section_table(result: r.Result) -> Table:
    rows = [(s.get("title"), percent_text(s.get("percent")), s.get("level_name") or "–",
             of_text(s.get("answered", 0), s.get("total", 0))) for s in result.get("sections") or []]
    return Table("sections", tr("Score per section"), (tr("Section"), tr("Score"), tr("Level"), tr("Answered")), rows)


def chart_svg(result: r.Result, id_prefix: str) -> str:
    rows = [(s["short_title"], s.get("percent")) for s in result.get("sections") or []]
    return charts.radar(rows, id_prefix, tr("{title}: score per section", title=result.get("title") or tr("Result")))


def chart_table(result: r.Result) -> Table:
    rows = [(s.get("title"), of_text(s.get("score"), s.get("max")) if s.get("max") else "–", percent_text(s.get("percent")),
             s.get("level_name") or "–", of_text(s["answered"], s["total"])) for s in result.get("sections") or []]
    return Table("chart", tr("Score per section (the chart's figures)"),
                 (tr("Section"), tr("Points"), tr("Score"), tr("Level"), tr("Answered")), rows)
