"""Workbook: each prompt has a status, a response, an owner and a due date. Progress is the share of
applicable prompts done, per principle (section), per life-cycle stage and overall; the open prompts
form an action plan, earliest due date first. Filters by role, stage and approach narrow all of it."""

from __future__ import annotations

from typing import Any

from .. import answers as a
from .. import definition as d
from .. import result as r
from ..i18n import N_, listed, tr
from ..report import charts
from ..report.table import Table
from ..text import of_text, percent_text, round1, vocabulary_label
from ..vocabulary import FILTER_DIMENSIONS, NOT_APPLICABLE, STAGES, STATUSES

NOUN = N_("prompts")
UNNAMED = N_("Unnamed system")  # what an assessment without a name is called
HIGHER_IS_BETTER = True
COMPARE_BY = "percent"

_ALIASES = {"role": "roles", "stage": "stages", "approach": "approaches"}


def normalise_filters(filters: Any) -> dict[str, list[str]]:
    """Filters as {"roles": [...], "stages": [...], "approaches": [...]}, sorted (singular keys and
    single values accepted)."""
    out: dict[str, list[str]] = {dim: [] for dim in FILTER_DIMENSIONS}
    for key, values in (filters or {}).items():
        key = _ALIASES.get(key, key)
        if key not in out or values in (None, "", []):
            continue
        if isinstance(values, str):
            values = [values]
        out[key] = sorted(set(str(v) for v in values))
    return out


def matches(tags: dict[str, list[str]], filters: dict[str, list[str]]) -> bool:
    """Whether a prompt with ``tags`` is shown under ``filters`` (an untagged dimension matches all)."""
    for dim in FILTER_DIMENSIONS:
        wanted, have = filters.get(dim) or [], tags.get(dim) or []
        if wanted and have and not set(wanted) & set(have):
            return False
    return True


def _percent(done: int, applicable: int) -> float | None:
    return round1(100.0 * done / applicable) if applicable else None


def allowed_types(screening: bool) -> tuple[str, ...]:
    """The question types this kind's sections may hold."""
    return ("prompt",)


def score(definition: d.Definition, answers: dict[str, Any], result: r.Result,
          filters: dict[str, list[str]], today: str | None) -> None:
    filters = normalise_filters(filters)
    result["filters"] = filters
    stage_order = list(STAGES)
    stage_stats: dict[Any, dict[str, int]] = {}
    plan = []
    done_total = applicable_total = 0
    order = 0
    for section in definition.get("sections") or []:
        counts = {"done": 0, "in_progress": 0, "not_started": 0, "not_applicable": 0, "unanswered": 0}
        missing: list[str] = []
        total = answered = 0
        for question in section.get("questions") or []:
            order += 1
            tags = d.tags_of(question)
            if not matches(tags, filters):
                continue
            qid = question["id"]
            total += 1
            value = answers.get(qid)
            value = {"status": value} if isinstance(value, str) else (value or {})
            status = value.get("status") or ("not-started" if a.planned(value) else None)
            stage = question.get("stage") or (tags["stages"][0] if tags["stages"] else None)
            if stage is not None and stage not in stage_order:
                stage_order.append(stage)
            stats = stage_stats.setdefault(stage, {"done": 0, "applicable": 0, "total": 0, "answered": 0,
                                                   "in_progress": 0})
            stats["total"] += 1
            row = r.question_row(section, question, "prompt", value or None)
            row.update(stage=stage, status=status or "missing", response=value.get("response") or "",
                       owner=value.get("owner") or "", due=value.get("due") or "")
            result["questions"].append(row)
            if status is None:
                counts["unanswered"] += 1
                r.mark_missing(result, missing, section, question)
            else:
                answered += 1
                stats["answered"] += 1
            if status == NOT_APPLICABLE:
                counts["not_applicable"] += 1
                continue
            stats["applicable"] += 1
            if status == "done":
                counts["done"] += 1
                stats["done"] += 1
                continue
            if status == "in-progress":
                counts["in_progress"] += 1
                stats["in_progress"] += 1
            elif status == "not-started":
                counts["not_started"] += 1
            due = value.get("due") or ""
            link = d.question_link(section, question)
            plan.append((due or "9999-99-99", order, {
                "question": qid, "section": section["id"], "section_title": section.get("title", section["id"]),
                "text": question.get("text", ""), "stage": stage, "status": status or "not-started",
                "owner": value.get("owner") or "", "due": due, "response": value.get("response") or "",
                "link": link, "url": d.doc_link_to_url(link), "overdue": bool(today and due and due < today)}))
            r.recommend(result, section, question, status=status or "not-started")
        applicable = total - counts["not_applicable"]
        percent = _percent(counts["done"], applicable)
        entry = {"id": section["id"], "title": section.get("title", section["id"]),
                 "score": counts["done"], "max": applicable, "percent": percent,
                 "answered": answered, "total": total, "missing": missing,
                 "done": counts["done"], "in_progress": counts["in_progress"],
                 "not_started": counts["not_started"] + counts["unanswered"],
                 "not_applicable": counts["not_applicable"]}
        entry.update(r.level_fields(d.level_for_percent(definition, percent)))
        r.add_section(result, section, entry)
        done_total += counts["done"]
        applicable_total += applicable
    titles = definition.get("stages")
    titles = titles if isinstance(titles, dict) else {}
    result["stages"] = [{"id": stage, "title": titles.get(stage) or vocabulary_label(STAGES, stage, stage or tr("Any stage")),
                         "done": stats["done"], "in_progress": stats["in_progress"], "max": stats["applicable"],
                         "answered": stats["answered"], "total": stats["total"],
                         "percent": _percent(stats["done"], stats["applicable"])}
                        for stage in stage_order if stage in stage_stats for stats in [stage_stats[stage]]]
    plan.sort(key=lambda item: (item[0], item[1]))
    result["action_plan"] = [item[2] for item in plan]
    percent = _percent(done_total, applicable_total)
    level = d.level_for_percent(definition, percent)
    result["overall"] = {"score": done_total, "max": applicable_total, "percent": percent,
                         **r.level_fields(level), **r.overall_level_text(level)}


def headline(result: r.Result) -> str:
    overall = result.get("overall") or {}
    return tr("Progress: {done} of {applicable} applicable items done ({percent})", done=overall.get("score"),
              applicable=overall.get("max"), percent=percent_text(overall.get("percent")))


def priorities(result: r.Result) -> list[dict[str, Any]]:
    """Open items: overdue first, then those nobody owns, then by due date."""
    plan = list(enumerate(result.get("action_plan") or []))
    plan.sort(key=lambda pair: (not pair[1]["overdue"], bool(pair[1]["owner"]), pair[1]["due"] or "9999-99-99", pair[0]))
    chosen = []
    for _, item in plan[:r.PRIORITIES]:
        facts = [vocabulary_label(STATUSES, item["status"], item["status"])]
        due = tr("due {date}", date=item["due"]) if item["due"] else tr("no due date")
        facts.append(tr("overdue since {date}", date=item["due"]) if item["overdue"] else due)
        facts.append(tr("owner: {owner}", owner=item["owner"]) if item["owner"] else tr("no owner yet"))
        chosen.append({**item, "title": item["text"], "text": tr("{facts}.", facts=listed(facts))})
    return chosen


def facts(result: r.Result) -> list[tuple[str, str]]:
    level = (result.get("overall") or {}).get("level_name")
    return [(tr("Level"), level)] if level else []


def _progress_rows(result: r.Result) -> list[tuple[dict[str, Any], str]]:
    """Each principle with prompts, then each stage, with its label."""
    rows = [(s, s.get("title") or "") for s in result.get("sections") or [] if s.get("total")]
    return rows + [(s, tr("Stage: {stage}", stage=s.get("title"))) for s in result.get("stages") or []]


def section_table(result: r.Result) -> Table:
    rows = [(label, of_text(s.get("done", 0), s.get("max", 0)), percent_text(s.get("percent")),
             of_text(s.get("answered", 0), s.get("total", 0))) for s, label in _progress_rows(result)]
    return Table("sections", tr("Progress per principle and stage"),
                 (tr("Principle or stage"), tr(STATUSES["done"]), tr("Progress"), tr("Status given")), rows)


def chart_svg(result: r.Result, id_prefix: str) -> str:
    rows = [charts.Bar(label, s.get("percent"), tr("{done} of {applicable} done", done=s.get("done", 0),
                                                   applicable=s.get("max", 0)))
            for s, label in _progress_rows(result)]
    return charts.bars(rows, id_prefix, tr("{title}: progress", title=result.get("title") or tr("Workbook")))


def chart_table(result: r.Result) -> Table:
    rows = [(label, str(s.get("done", 0)), str(s.get("in_progress", 0)), str(s.get("max", 0)),
             percent_text(s.get("percent"))) for s, label in _progress_rows(result)]
    return Table("chart", tr("Chart data: progress among applicable items"),
                 (tr("Principle or stage"), tr(STATUSES["done"]), tr(STATUSES["in-progress"]), tr("Applicable"),
                  tr("Progress")), rows)
