"""The answers given, one table per section, for the printed report and the Markdown export.

Built from a scored result's ``questions``, so it shows exactly what the engine scored: the chosen
option's label, the rating with its level, or the workbook entry.
"""

from __future__ import annotations

from typing import Any

from .. import text
from ..i18n import N_, tr
from ..result import Result
from ..vocabulary import STAGES
from .table import Table, to_html

NOT_ANSWERED = N_("Not answered")


def answer_tables(result: Result, section_ids: list[Any] | None = None, answered_only: bool = False,
                  advice: bool = False) -> list[Table]:
    """A table per section that has questions (of ``section_ids`` only, when given): question and answer
    (and note), or for prompts status, response, owner and due date; with ``answered_only``, the questions
    answered only (a report names those not answered yet in its summary), and with ``advice`` a last
    column with each answer's recommendation."""
    to_do = {rec["question"]: rec.get("text") or "" for rec in result.get("recommendations") or []} if advice else {}
    extra = (tr("What to do"),) if advice else ()
    by_section: dict[Any, list[dict[str, Any]]] = {}
    for row in result.get("questions") or []:
        if not answered_only or row.get("status") not in (None, "missing"):
            by_section.setdefault(row.get("section"), []).append(row)
    tables = []
    for section in result.get("sections") or []:
        rows = by_section.get(section.get("id")) or []
        if not rows or (section_ids is not None and section.get("id") not in section_ids):
            continue
        title = str(section.get("title"))
        caption = tr("Answers: {section}", section=title)

        def more(row: dict[str, Any]) -> tuple[str, ...]:
            return (to_do.get(row.get("id"), ""),) if advice else ()

        if all(row.get("type") == "prompt" for row in rows):
            columns = (tr("Prompt"), tr("Status"), tr("Response"), tr("Owner"), tr("Due"), *extra)
            tables.append(Table("answers", caption, columns, [
                (_with_stage(row), text.answer_text(row) or tr(NOT_ANSWERED), row.get("response") or "",
                 row.get("owner") or "", row.get("due") or "", *more(row)) for row in rows], title))
        elif any(row.get("type") == "rated" for row in rows):
            tables.append(Table("answers", caption, (tr("Question"), tr("Answer"), tr("Note"), *extra), [
                (row.get("text"), text.answer_text(row) or tr(NOT_ANSWERED), row.get("note") or "", *more(row))
                for row in rows], title))
        else:
            tables.append(Table("answers", caption, (tr("Question"), tr("Answer"), *extra), [
                (row.get("text"), text.answer_text(row) or tr(NOT_ANSWERED), *more(row)) for row in rows], title))
    return tables


def _with_stage(row: dict[str, Any]) -> str:
    stage = text.vocabulary_label(STAGES, row.get("stage") or "", row.get("stage") or "")
    return tr("{prompt} ({stage})", prompt=row.get("text"), stage=stage) if stage else str(row.get("text"))


def answers_html(result: Result) -> str:
    return '<div class="tk-answers">%s</div>' % "".join(to_html(t) for t in answer_tables(result))
