"""The shape of a scored result, and the helpers every kind uses to fill it in.

A result is a plain dict (JSON as it is): ``questionnaire``, ``version``, ``kind``, ``title``, ``note``,
``complete``, ``answered``, ``total``, ``overall``, ``sections``, ``recommendations``, ``missing``,
``knowledge_gaps``, ``questions`` (one row per question, in order) and ``levels``; each kind adds its
own keys (risk: ``heatmap`` and ``profiles``; workbook: ``filters``, ``stages``, ``action_plan``).
"""

from __future__ import annotations

from typing import Any

from . import definition as d
from .i18n import tr

Result = dict[str, Any]

PRIORITIES = 5  # how many actions a result puts first


def new_result(definition: d.Definition) -> Result:
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
        "levels": public_levels(definition),
    }


def public_levels(definition: d.Definition) -> list[dict[str, Any]]:
    """The levels as a result shows them, with their guidance links as URLs."""
    out = []
    for level in d.levels(definition):
        item = {"id": level.get("id"), "name": level.get("name")}
        for key in ("min", "action", "description", "next_step", "links"):
            if key in level:
                item[key] = level[key]
        if "links" in level:
            item["urls"] = [d.doc_link_to_url(x) for x in level.get("links") or []]
        out.append(item)
    return out


def public_profiles(definition: d.Definition, answers: d.Answers) -> list[dict[str, Any]]:
    """The kinds of system chosen in ``answers``, in the definition's order, as a result shows them: every
    field of the profile, its links as URLs too, and the id of its section of harms."""
    chosen = d.chosen_profiles(definition, answers)
    sections = {s.get("profile"): s["id"] for s in definition.get("sections") or [] if s.get("profile")}
    out = []
    for profile in d.profiles(definition):
        if profile["id"] in chosen:
            out.append({**profile, "application_area_url": d.doc_link_to_url(profile.get("application_area")),
                        "guidance": [{**g, "url": d.doc_link_to_url(g.get("page"))} for g in profile.get("guidance") or []],
                        "section": sections.get(profile["id"])})
    return out


def level_fields(level: d.Level | None) -> dict[str, Any]:
    """``level`` and ``level_name`` of an entry (both None without a level)."""
    if level is None:
        return {"level": None, "level_name": None}
    return {"level": level.get("id"), "level_name": level.get("name")}


def overall_level_text(level: d.Level | None) -> dict[str, Any]:
    """What a result says about its overall level: description and next step."""
    if level is None:
        return {}
    return {"description": level.get("description"), "next_step": level.get("next_step")}


def question_row(section: d.Section, question: d.Question, qtype: str, value: Any) -> dict[str, Any]:
    """A question's row in ``result["questions"]``, before scoring fills it in."""
    return {"id": question["id"], "section": section["id"], "text": question.get("text", ""),
            "type": qtype, "answer": value, "status": "missing"}


def mark_missing(result: Result, section_missing: list[str], section: d.Section, question: d.Question) -> None:
    """Record an unanswered question in its section's list and in the result's."""
    section_missing.append(question["id"])
    result["missing"].append({"question": question["id"], "section": section["id"],
                              "text": question.get("text", "")})


def mark_gap(result: Result, section: d.Section, question: d.Question) -> None:
    """Record a "Don't know" answer as a knowledge gap."""
    result["knowledge_gaps"].append({"question": question["id"], "section": section["id"],
                                     "text": question.get("text", "")})


def add_section(result: Result, section: d.Section, entry: dict[str, Any]) -> None:
    """Append a section's entry (with its guidance link, and the kind of system of a profile's section)
    and count its questions in the totals."""
    entry["short_title"] = section.get("short_title") or entry["title"]
    if section.get("profile"):
        entry["profile"] = section["profile"]
    if section.get("learn_more"):
        entry["link"] = section["learn_more"]
        entry["url"] = d.doc_link_to_url(section["learn_more"])
    result["sections"].append(entry)
    result["answered"] += entry["answered"]
    result["total"] += entry["total"]


def unfinished_sections(result: Result) -> list[dict[str, Any]]:
    """The sections that still have unanswered questions, in order."""
    return [s for s in result["sections"] if s["answered"] < s["total"]]


def recommend(result: Result, section: d.Section, question: d.Question, **extra: Any) -> None:
    """Add a recommendation for ``question``: its own text, else its section's, with its guidance link."""
    link = d.question_link(section, question)
    result["recommendations"].append({
        "question": question["id"],
        "section": section["id"],
        "question_text": question.get("text", ""),
        "text": question.get("recommendation") or section.get("recommendation")
        or tr("Review this point with the guidance."),
        "link": link,
        "url": d.doc_link_to_url(link),
        **extra,
    })
